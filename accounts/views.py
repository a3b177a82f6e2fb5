from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import data_export
from accounts.consent import STAGE_KEY, has_current_consent, record_consents
from accounts.forms import ConsentForm, DeleteAccountForm, ProfileForm, display_name_conflict
from accounts.portal_settings import portal_settings
from participation import ratelimit
from participation.refusals import RateLimited
from web.requests import is_reading


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


@require_http_methods(["GET", "POST"])
def consent(request):
    """Agree to the documents in force: the last step of a login, or asked in a running session."""
    from allauth.account.stages import LoginStageController

    stage = LoginStageController.enter(request, STAGE_KEY)
    user = stage.login.user if stage else request.user
    if not user.is_authenticated:
        return redirect("account_login")
    next_url = safe_next_url(request)
    if stage is None and has_current_consent(user):
        return redirect(next_url)
    if request.method == "POST" and "cancel" in request.POST:
        if stage is not None:
            return stage.abort()
        logout(request)
        return redirect("/")
    form = ConsentForm(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record_consents(user)
        if stage is not None:
            return stage.exit()
        return redirect(next_url)
    response = render(
        request,
        "accounts/consent.html",
        {"form": form, "next": next_url, "signing_in": stage is not None},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def safe_next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


EXPORT_FORMATS = {
    "json": ("application/json", data_export.as_json),
    "zip": ("application/zip", data_export.as_zip),
    "html": ("text/html; charset=utf-8", lambda document: data_export.as_html(document).encode()),
}


def build_export(request) -> dict:
    """The export of the signed-in account; counted against its rate limit (it reads everything)."""
    ratelimit.hit("data_export_per_account", f"user:{request.user.pk}", reading=is_reading(request))
    site_settings = portal_settings(request)
    return data_export.collect(
        request.user, operator_name=getattr(site_settings, "operator_name", "")
    )


def private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def export_refused(request, limited: RateLimited):
    minutes = max(1, -(-limited.retry_after // 60))
    response = render(
        request, "accounts/personal_data.html", {"limited_minutes": minutes}, status=429
    )
    response["Retry-After"] = str(limited.retry_after)
    return private(response)


@login_required
@require_GET
def personal_data(request):
    """ "Meine Daten": everything about the account on one page, with the downloads."""
    try:
        document = build_export(request)
    except RateLimited as limited:
        return export_refused(request, limited)
    context = {"export": data_export.for_display(document)}
    return private(render(request, "accounts/personal_data.html", context))


@login_required
@require_GET
def personal_data_download(request, file_format):
    content_type, render_as = EXPORT_FORMATS[file_format]
    try:
        document = build_export(request)
    except RateLimited as limited:
        return export_refused(request, limited)
    response = HttpResponse(render_as(document), content_type=content_type)
    name = data_export.filename(document, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return private(response)
