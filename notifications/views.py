"""The notification settings of a signed-in citizen, and the unsubscribe link that needs no login.

``/benachrichtigungen/abbestellen/<token>/`` answers GET with a page and a
button (a mail scanner that follows links unsubscribes nobody) and POST by
unsubscribing: the form's POST and RFC 8058's one-click POST
(``List-Unsubscribe=One-Click``), which mail providers send without a
cookie or CSRF token. The signed token is the authorisation, so the view
is exempt from CSRF.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications import preferences
from notifications.forms import NotificationSettingsForm
from notifications.tokens import read_unsubscribe_token


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    current = preferences.settings_of(request.user)
    form = NotificationSettingsForm.for_settings(
        current, request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        if form.is_valid():
            preferences.save_settings(
                request.user,
                muted_events=form.muted_events(),
                frequency=form.cleaned_data["frequency"],
            )
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("notifications:settings")
        return render(request, "notifications/settings.html", {"form": form}, status=400)
    return render(request, "notifications/settings.html", {"form": form})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    payload = read_unsubscribe_token(token)
    if payload is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "GET":
        return render(request, "notifications/unsubscribe.html", {"token": token})
    preferences.stop_mail(payload)
    # The same answer whether or not the link still named someone: nothing to learn from it.
    return render(request, "notifications/unsubscribe.html", {"done": True})
