"""Consent to the privacy notice and the terms of use: given at signup, asked again after a change.

The versions in force are settings (``PORTAL_CONSENT_VERSIONS``, from the
environment), not editable site settings: a new version makes every citizen
agree again, so it is a deliberate act of the operator, written down with
the deployment, and checking it costs no query (every request of a
signed-in citizen compares the versions they agreed to, copied on their
account, with these). Where each document is published is a site setting
(``PortalSettings.privacy_page`` and ``terms_page``), edited by the
editors who also write the pages.

A login whose account has not agreed to the versions in force stops at
``accounts.consent_stage.ConsentStage`` (allauth's login stages: the same for the HTML login, the
admin's login and the headless API, which reports a pending flow
``consent``); sessions that began before a version changed are stopped by
``accounts.middleware.ConsentRequiredMiddleware``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Consent, User
from accounts.portal_settings import portal_settings

STAGE_KEY = "consent"

# The documents a citizen agrees to, with their names and the portal
# setting that says where each is published.
DOCUMENTS = {
    "privacy": {"title": _("privacy notice"), "page_setting": "privacy_page"},
    "terms": {"title": _("terms of use"), "page_setting": "terms_page"},
}


def current_versions() -> dict[str, str]:
    """{document: version} in force; a document without a version is not asked for."""
    configured = getattr(settings, "PORTAL_CONSENT_VERSIONS", {})
    return {name: str(configured[name]) for name in DOCUMENTS if configured.get(name)}


def signature(versions: dict[str, str]) -> str:
    return ";".join(f"{name}={version}" for name, version in sorted(versions.items()))


def has_current_consent(user) -> bool:
    versions = current_versions()
    return not versions or getattr(user, "consented_versions", None) == signature(versions)


def record_consents(user, when=None) -> list[Consent]:
    """Stores the consent to every document in force (once per version) and notes it on the user."""
    when = when or timezone.now()
    versions = current_versions()
    with transaction.atomic():
        given = [
            Consent.objects.get_or_create(
                user=user, document=name, version=version, defaults={"given_at": when}
            )[0]
            for name, version in versions.items()
        ]
        user.consented_versions = signature(versions)
        User.objects.filter(pk=user.pk).update(consented_versions=user.consented_versions)
    return given


def document_links(request) -> list[dict]:
    """The documents in force with their titles, versions and published pages (or None)."""
    settings_of_site = portal_settings(request)
    documents = []
    for name, version in current_versions().items():
        page = getattr(settings_of_site, DOCUMENTS[name]["page_setting"], None)
        documents.append(
            {
                "document": name,
                "title": DOCUMENTS[name]["title"],
                "version": version,
                "page": page if page is not None and page.live else None,
            }
        )
    return documents
