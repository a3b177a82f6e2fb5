"""Follow buttons, "Was ich verfolge", the e-mail follow form and its confirmation link.

Every form is a plain POST that redirects back with a German message
(POST-redirect-GET), so it works without JavaScript. The rules and limits
live in ``notifications.rules``, ``follows`` and ``optin``; a refusal is
shown on a page of its own with its honest status (``web.html``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import follows, optin
from notifications.forms_follow import EmailFollowForm, FollowForm
from notifications.targets import resolve
from participation.refusals import InvalidInput, NotFound, NotSignedIn, RateLimited, Refusal
from web.html import refused_page
from web.page_access import page_access_from_request
from web.participants import participant_from_request


def safe_next(request, url: str, fallback: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def refused(request, refusal: Refusal):
    if isinstance(refusal, NotFound):
        raise Http404(refusal.detail)
    response = render(request, "notifications/follow_refused.html", {"refusal": refusal})
    return refused_page(response, refusal)


def _change_follow(request, following: bool):
    form = FollowForm(request.POST)
    if not form.is_valid():
        return refused(request, InvalidInput(_("You cannot follow this.")))
    kind, target_id = form.cleaned_data["target"], form.cleaned_data["target_id"]
    back = safe_next(request, form.cleaned_data["next"], reverse("notifications:following"))
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    participant = participant_from_request(request)
    try:
        if following:
            follows.follow(participant, kind, target_id)
        else:
            follows.unfollow(participant, kind, target_id)
    except NotSignedIn:
        return redirect_to_login(back)
    except Refusal as refusal:
        return refused(request, refusal)
    target = resolve(participant.page_access, kind, target_id)
    name = target.label if target else _("this entry")
    if following:
        messages.success(request, _("You now follow %(name)s.") % {"name": name})
    else:
        messages.success(request, _("You no longer follow %(name)s.") % {"name": name})
    return redirect(back)


@require_POST
def follow(request):
    return _change_follow(request, following=True)


@require_POST
def unfollow(request):
    return _change_follow(request, following=False)


@login_required
@require_GET
def following(request):
    access = page_access_from_request(request)
    return render(
        request,
        "notifications/following.html",
        {"follows": follows.follows_of(request.user, access)},
    )


@require_http_methods(["GET", "POST"])
def email_follow(request):
    """The form on a page of its own (GET, or again with its errors); POST asks to confirm."""
    access = page_access_from_request(request)
    if request.method == "GET":
        form = EmailFollowForm(initial=request.GET.dict())
        target = _target_from(access, request.GET)
        return render(request, "notifications/email_follow.html", {"form": form, "target": target})
    form = EmailFollowForm(request.POST)
    target = _target_from(access, request.POST)

    def again(status, refusal=None):
        context = {"form": form, "target": target}
        response = render(request, "notifications/email_follow.html", context, status=status)
        return refused_page(response, refusal) if refusal else response

    if not form.is_valid():
        if target is None:
            raise Http404("Unknown target")
        return again(400)
    if not form.is_spam():
        try:
            optin.request_email_follow(
                participant_from_request(request),
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["target"],
                target_id=form.cleaned_data["target_id"],
            )
        except RateLimited as refusal:
            form.add_error(None, refusal.detail)
            return again(429, refusal)
        except Refusal as refusal:
            return refused(request, refusal)
    # The same answer for a known address, a new one and a bot: nothing to learn from it.
    messages.success(
        request,
        _(
            "Almost done: if the address can receive mail, you will get a link to confirm. "
            "Please open it within 7 days."
        ),
    )
    return redirect(target.url if target else "/")


def _target_from(access, data):
    try:
        target_id = int(data.get("target_id", ""))
    except ValueError:
        return None
    return resolve(access, data.get("target", ""), target_id)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (a mail scanner opening the link confirms nothing); POST confirms."""
    lookup = optin.look_up(token)
    if lookup.pending is None:
        return render(request, "notifications/confirm.html", {"unknown": True}, status=404)
    if lookup.expired:
        return render(request, "notifications/confirm.html", {"expired": True}, status=410)
    if request.method == "GET":
        return render(request, "notifications/confirm.html", {"token": token})
    target = optin.confirm(page_access_from_request(request), token)
    if target is None:
        return render(request, "notifications/confirm.html", {"unknown": True}, status=404)
    return render(request, "notifications/confirm.html", {"confirmed": target})
