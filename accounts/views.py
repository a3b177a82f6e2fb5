from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, ProfileForm, display_name_conflict


def save_display_name(form) -> bool:
    """Saves; a look-alike another request saved a moment ago becomes the form's error."""
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError:
        message = display_name_conflict(form.cleaned_data["display_name"], form.instance.pk)
        if message is None:
            raise
        form.add_error("display_name", message)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid() and save_display_name(form):
        messages.success(request, _("Your display name has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Deletes the account for good; contributions stay, without the author."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            logout(request)
            user.delete()
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
