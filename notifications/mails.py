"""One layout for every mail the portal sends on its own: HTML and plain text, in "Sie".

``build_mail`` renders ``<template>.txt`` (required) and ``<template>.html``
(which extends ``notifications/mail/base.html``: real headings, ``lang``,
text colours of at least 4.5:1, no images, so it reads the same with images
blocked), adds the portal's name, operator and imprint to every mail, and,
when there is an ``unsubscribe_url``, the RFC 8058 headers
``List-Unsubscribe`` and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``
plus a visible link to the settings.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from notifications.memo import REFERENCE_SECONDS, remembered
from pages.models import PortalSettings


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def portal_context() -> dict:
    # Every mail of a batch asks: remembered for a minute (notifications.memo).
    return remembered("portal_context", REFERENCE_SECONDS, _portal_context)


def _portal_context() -> dict:
    site = Site.objects.filter(is_default_site=True).first()
    portal = PortalSettings.for_site(site) if site else None
    imprint = portal.imprint_page if portal else None
    privacy = portal.privacy_page if portal else None
    return {
        "portal_name": settings.WAGTAIL_SITE_NAME,
        "portal_url": absolute("/"),
        "operator_name": portal.operator_name if portal else "",
        "imprint_url": absolute(imprint.url) if imprint and imprint.url else "",
        "privacy_url": absolute(privacy.url) if privacy and privacy.url else "",
        "settings_url": absolute(reverse("notifications:settings")),
    }


def build_mail(
    template: str,
    context: dict,
    *,
    subject: str,
    unsubscribe_url: str | None = None,
) -> EmailMultiAlternatives:
    """A message without recipient; ``template`` names ``.txt`` and ``.html`` without suffix."""
    full_context = {
        **portal_context(),
        **context,
        "subject": subject,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "unsubscribe_url": unsubscribe_url or "",
    }
    text = render_to_string(f"{template}.txt", full_context)
    html = render_to_string(f"{template}.html", full_context)
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=f"{settings.WAGTAIL_SITE_NAME}: {subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message
