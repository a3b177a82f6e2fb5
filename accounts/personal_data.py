"""The account's own part of "Meine Daten" (see accounts.data_export).

Technical identifiers (the internal username, the account number) are left
out: they mean nothing outside the portal and are never shown anywhere.
Two-factor authentication is listed by kind and dates, never its secrets.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from accounts.consent import DOCUMENTS


def personal_data(user):
    yield {
        "key": "profile",
        "title": _("Profile"),
        "description": _(
            "Your public display name is shown with your contributions; nothing else of this "
            "is public."
        ),
        "fields": {
            "display_name": _("Public display name"),
            "date_joined": _("Registered"),
            "last_login": _("Last signed in"),
            "staff": _("Member of staff"),
        },
        "items": [
            {
                "display_name": user.display_name,
                "date_joined": user.date_joined,
                "last_login": user.last_login,
                "staff": user.is_staff,
            }
        ],
    }
    from allauth.account.models import EmailAddress

    yield {
        "key": "email_addresses",
        "title": _("E-mail addresses"),
        "description": _("Used to sign in and for messages about your account; never shown."),
        "fields": {
            "email": _("E-mail address"),
            "verified": _("Confirmed"),
            "primary": _("Primary address"),
        },
        "items": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
    }
    yield {
        "key": "consents",
        "title": _("Consents"),
        "description": _("What you agreed to, in which version, and when."),
        "fields": {
            "document": _("Document"),
            "version": _("Version"),
            "given_at": _("Agreed on"),
        },
        "items": [
            {
                "document": str(DOCUMENTS.get(consent.document, {}).get("title", consent.document)),
                "version": consent.version,
                "given_at": consent.given_at,
            }
            for consent in user.consents.all()
        ],
    }
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator

        yield {
            "key": "two_factor_authentication",
            "title": _("Two-factor authentication"),
            "description": _("The kinds you set up; the secrets themselves are never exported."),
            "fields": {
                "kind": _("Kind"),
                "created_at": _("Set up"),
                "last_used_at": _("Last used"),
            },
            "items": [
                {
                    "kind": str(authenticator.get_type_display()),
                    "created_at": authenticator.created_at,
                    "last_used_at": authenticator.last_used_at,
                }
                for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
            ],
        }
