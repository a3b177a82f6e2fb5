"""Pages one anonymous visitor may share with the next: in Varnish and in the portal's cache.

A Wagtail page served to an anonymous visitor who holds no personal cookie
(no session, no participant token, no pending messages) is the same for
every such visitor, so it is *shared*: ``Cache-Control: public, max-age=0,
s-maxage=<seconds>``. Browsers revalidate it every time (their cache would
otherwise show the page without the visitor's own ballot after voting);
shared caches keep it for ``seconds``. Every other page answer is
``private, no-cache``.

What makes the sharing safe:

- The HTML of a shared page holds no CSRF token and sets no cookie. Its
  forms (vote, comment, follow, language) get their token on first use:
  ``static/js/portal.js`` fetches ``form_token`` when a form is first
  touched, which also hands out the CSRF cookie and the participant cookie.
  Without JavaScript the first post of such a form lands on a confirmation
  page (``csrf_confirmation`` below) that carries a fresh token and the
  visitor's input; nothing is stored before the visitor confirms there.
- A response that set a cookie anyway (a view that needed the token after
  all, a message stored in the session) is not shared: the decision is made
  on the finished response.
- How long a page may be shared follows its content: every part that shows
  a state bound to a time (a poll that opens or closes, a phase that starts:
  phase dates are whole days, so no page is shared across midnight) reports
  that time with ``changes_at``; the page is never shared beyond the first
  of them. Changes that are not bound to a time (publishing, a new comment,
  a moderation decision) purge the shared copies (``frontcache``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, get_token
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from web.participants import ANONYMOUS_COOKIE, issue_anonymous_token

SHARED_ATTRIBUTE = "portal_shared_page"
CHANGES_ATTRIBUTE = "portal_shared_changes"
PAGE_ATTRIBUTE = "portal_served_page"
PRIVATE = "private, no-cache"


class EmptyToken(str):
    """A true but empty token: ``{% csrf_token %}`` renders its field with no value.

    The empty field marks the forms whose token ``portal.js`` fills in on first use.
    (Django's own "NOTPROVIDED" value fails in Django 6.1: ``format_html("")`` raises.)
    """

    def __bool__(self):
        return True


NO_TOKEN = EmptyToken("")


def personal_cookies() -> tuple[str, ...]:
    return (
        settings.SESSION_COOKIE_NAME,
        ANONYMOUS_COOKIE,
        getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    )


def may_share(request) -> bool:
    """Whether what this request is served could be served to any anonymous visitor."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        return False
    if any(name in request.COOKIES for name in personal_cookies()):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def mark_page(request, page) -> None:
    """Called when a page is about to be served (its view restrictions passed)."""
    setattr(request, PAGE_ATTRIBUTE, page)
    setattr(request, SHARED_ATTRIBUTE, may_share(request))


def is_shared(request) -> bool:
    return bool(getattr(request, SHARED_ATTRIBUTE, False))


def changes_at(request, when: dt.datetime | None) -> None:
    """What is being rendered for ``request`` looks different from ``when`` on."""
    if request is None or when is None:
        return
    pending = getattr(request, CHANGES_ATTRIBUTE, None)
    if pending is None:
        pending = []
        setattr(request, CHANGES_ATTRIBUTE, pending)
    pending.append(when)


def next_midnight(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min), local.tzinfo)


def shared_seconds(request, now: dt.datetime | None = None) -> int:
    """How long the page may be shared: the setting, never past a reported change or midnight."""
    now = now or timezone.now()
    limit = settings.PORTAL_SHARED_PAGE_SECONDS
    upcoming = [next_midnight(now)] + [
        when for when in getattr(request, CHANGES_ATTRIBUTE, ()) if when > now
    ]
    until = min(upcoming) - now
    return max(0, min(limit, int(until.total_seconds())))


def shared_csrf(request) -> dict:
    """Context processor (after Django's own): no CSRF token in a shared page."""
    return {"csrf_token": NO_TOKEN} if is_shared(request) else {}


def shareable_response(request, response) -> bool:
    return (
        is_shared(request)
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class SharedPageMiddleware:
    """Marks page answers shared or private; sits outside the middleware that sets cookies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, PAGE_ATTRIBUTE, None) is None:
            return response
        if shareable_response(request, response):
            seconds = shared_seconds(request)
            if seconds > 0:
                response["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"
                return response
        cache_control = response.get("Cache-Control", "")
        if "private" not in cache_control and "no-store" not in cache_control:
            response["Cache-Control"] = PRIVATE
        return response


@never_cache
def form_token(request):
    """The CSRF token for a form on a shared page, fetched when the form is first used.

    Hands out the CSRF cookie and the participant cookie (an anonymous vote
    needs it) with a private answer; the page itself stays shared.
    """
    token = get_token(request)
    if not (request.user.is_authenticated or ANONYMOUS_COOKIE in request.COOKIES):
        issue_anonymous_token(request)
    response = JsonResponse({"csrfToken": token})
    response["Cache-Control"] = "private, no-store"
    return response


# Why Django refused a post that a shared page's form may legitimately send:
# the page carried no token and the browser ran no script to fetch one.
CONFIRMABLE_REASONS = (REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING)
MAX_REPLAYED_FIELDS = 200
MAX_REPLAYED_CHARACTERS = 100_000


def replayable_fields(request) -> list[tuple[str, str]] | None:
    """The posted fields to carry over to the confirmation, or None where none may be."""
    if request.FILES:
        return None
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    if any("password" in name.lower() for name, _value in fields):
        # A password is never written back into a page.
        return None
    if len(fields) > MAX_REPLAYED_FIELDS:
        return None
    if sum(len(name) + len(value) for name, value in fields) > MAX_REPLAYED_CHARACTERS:
        return None
    return fields


def back_address(request) -> str:
    """The page the form was on, if it is one of ours; else the start page."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


def csrf_confirmation(request, reason: str):
    """For a shared page's form posted without JavaScript: confirm it once, with a token.

    Only for a same-origin post (Django refuses a foreign ``Origin`` before
    it looks for the token) that lacked a token or the CSRF cookie. Nothing
    of the post is acted upon here; the visitor's input comes back in a form
    with a fresh token, and the participant cookie (an anonymous vote needs
    it) comes with this answer. Returns None where this does not apply.
    """
    if request.method != "POST" or reason not in CONFIRMABLE_REASONS:
        return None
    fields = replayable_fields(request)
    if fields is None:
        return None
    if not (request.user.is_authenticated or ANONYMOUS_COOKIE in request.COOKIES):
        issue_anonymous_token(request)
    response = TemplateResponse(
        request,
        "csrf_confirmation.html",
        {"action": request.get_full_path(), "fields": fields, "back": back_address(request)},
        status=403,
    )
    response["Cache-Control"] = "private, no-store"
    return response.render()
