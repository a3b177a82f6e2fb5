"""Wagtail's password forms for restricted pages and document collections, rate-limited.

A page (or a collection of documents) behind a shared password is
unlocked by Wagtail's ``authenticate_with_password`` views, which compare
the password as often as anyone posts it. These wrappers count wrong
passwords per network (the daily salted hash, never the address) and per
restriction, in the shared cache; over either limit the form comes back
with a message and status 429, and the password is not compared at all,
so a correct guess does not help while the limit holds.
"""

import math
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage
from wagtail import views as page_views
from wagtail.documents.views import serve as document_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from web.participants import ip_hash


class LockedPasswordForm(PasswordViewRestrictionForm):
    """The restriction's form, refusing every password while the limit holds."""

    def __init__(self, *args, retry_after: int, **kwargs):
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)

    def clean_password(self):
        minutes = math.ceil(self.retry_after / 60)
        raise ValidationError(
            ngettext(
                "Too many wrong passwords. Please try again in %(minutes)d minute.",
                "Too many wrong passwords. Please try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            code="too_many_attempts",
        )


def _usage(request, scope: str, key: str, increment: bool):
    return get_usage(
        request,
        group=f"portal:{scope}",
        key=lambda _group, _request: key,
        rate=settings.PORTAL_RATE_LIMITS[scope],
        increment=increment,
    )


def _limits(request, restriction_key: str) -> dict[str, str]:
    return {
        "restriction_password_per_ip": ip_hash(request),
        "restriction_password_per_restriction": restriction_key,
    }


def _retry_after(request, limits: dict[str, str]) -> int:
    """Seconds until a wrong-password limit lets the next attempt through (0: not limited)."""
    waits = []
    for scope, key in limits.items():
        usage = _usage(request, scope, key, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            waits.append(max(1, usage["time_left"]))
    return max(waits, default=0)


def _limited(view, restriction_key, locked_response):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        limits = _limits(request, restriction_key(**kwargs))
        retry_after = _retry_after(request, limits)
        if retry_after:
            response = locked_response(request, retry_after, **kwargs)
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: the password was wrong
            for scope, key in limits.items():
                _usage(request, scope, key, increment=True)
        return response

    return wrapper


def _locked_page_form(request, retry_after, page_view_restriction_id, page_id):
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    form = LockedPasswordForm(request.POST, instance=restriction, retry_after=retry_after)
    form.is_valid()
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    return page.serve_password_required_response(request, form, action_url)


def _locked_document_form(request, retry_after, restriction_id):
    restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
    form = LockedPasswordForm(request.POST, instance=restriction, retry_after=retry_after)
    form.is_valid()
    template = getattr(
        settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html"
    )
    action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
    return TemplateResponse(request, template, {"form": form, "action_url": action_url})


page_password = _limited(
    page_views.authenticate_with_password,
    lambda page_view_restriction_id, page_id: f"page:{page_view_restriction_id}",
    _locked_page_form,
)
document_password = _limited(
    document_views.authenticate_with_password,
    lambda restriction_id: f"collection:{restriction_id}",
    _locked_document_form,
)
