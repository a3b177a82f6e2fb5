"""A stand-in for the shared-page contract (README, "Front cache (Varnish)").

Until citizen pages follow the contract themselves, a StandardPage served
through this stand-in does: anonymous visitors without a personal cookie
get a page without CSRF token or cookie and ``Cache-Control: public``;
everyone else gets their own page (their name, their ballot marker, a CSRF
token) with ``Cache-Control: private, no-cache``. It echoes what a shared
cache must never let through (the method, a CSRF cookie it received).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape

from comments.models import Comment, CommentState
from web.page_cache import personal_cookies


def serve(page, request, *args, **kwargs):
    personal = any(name in request.COOKIES for name in personal_cookies())
    lines = [f"<h1>{escape(page.title)}</h1>", f"<p>method={request.method}</p>"]
    lines += [
        f"<p class='comment'>{escape(body)}</p>"
        for body in Comment.objects.filter(page=page, state=CommentState.PUBLISHED)
        .order_by("pk")
        .values_list("body", flat=True)
    ]
    if "csrftoken" in request.COOKIES:
        lines.append("<p>csrf-cookie-received</p>")
    if request.user.is_authenticated:
        lines.append(f"<p>Angemeldet als {escape(request.user.public_name)}</p>")
    if "portal_participant" in request.COOKIES:
        lines.append(f"<p>Ihre Stimme: {escape(request.COOKIES['portal_participant'])}</p>")
    if personal:
        lines.append(f"<input name='csrfmiddlewaretoken' value='{get_token(request)}'>")
    response = HttpResponse("\n".join(lines))
    if personal:
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = "public, max-age=300, s-maxage=300"
    return response
