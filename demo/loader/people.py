"""The demo's citizens and its editor (demo/data/people.yaml)."""

import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .data import read

PEOPLE = read("people")
EDITOR = PEOPLE["editor"]


def load_citizens() -> None:
    """Citizens with verified addresses and no usable password: they are for show."""
    user_model = get_user_model()
    for citizen in PEOPLE["citizens"]:
        user = user_model.objects.filter(email__iexact=citizen["email"]).first()
        if user is None:
            # Like accounts.adapter: nothing of the address leaks into the username.
            user = user_model(email=citizen["email"], username=f"user-{secrets.token_hex(6)}")
            user.set_unusable_password()
        user.display_name = citizen["display_name"]
        save_with_verified_email(user)


def load_editor(password: str) -> None:
    user_model = get_user_model()
    editor = user_model.objects.filter(username=EDITOR["username"]).first() or user_model()
    for name, value in EDITOR.items():
        setattr(editor, name, value)
    editor.is_staff = editor.is_superuser = True
    editor.set_password(password)
    save_with_verified_email(editor)


def save_with_verified_email(user) -> None:
    user.full_clean()
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
