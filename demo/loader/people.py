"""The demo's citizens, its editor and its people in every role (demo/data/people.yaml)."""

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from departments.groups import ROLE_NAMES, sync_groups
from departments.models import Department, DepartmentGroup, Role

from .data import read
from .reference import Refs

PEOPLE = read("people")
EDITOR = PEOPLE["editor"]
MAIL_DOMAIN = "jena.example.org"


@dataclass(frozen=True)
class Login:
    """What someone needs to sign in to /cms/ in a role, as the command prints it."""

    username: str
    email: str
    password: str
    role: str
    unit: str


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


def load_role_people(refs: Refs) -> list[Login]:
    """One person per role (the team, per unit an editor and a moderator, ...), new passwords."""
    # The units were saved in this transaction: their groups would come after the commit.
    sync_groups()
    logins = [load_person(PEOPLE["team"], Role.TEAM, None)]
    for slug, names in PEOPLE["unit_people"].items():
        unit = refs.departments[slug]
        for role, (first_name, last_name) in zip((Role.EDITOR, Role.MODERATOR), names, strict=True):
            prefix = ROLE_NAMES[role].lower()
            fields = {
                "username": f"{prefix}-{slug}",
                "email": f"{prefix}.{slug}@{MAIL_DOMAIN}",
                "first_name": first_name,
                "last_name": last_name,
            }
            logins.append(load_person(fields, role, unit))
    for entry in PEOPLE["others"]:
        fields = {key: value for key, value in entry.items() if key not in ("role", "unit")}
        logins.append(load_person(fields, Role(entry["role"]), refs.departments[entry["unit"]]))
    return logins


def load_person(fields: dict, role: Role, unit: Department | None) -> Login:
    """A member of staff in exactly the role group of ``role`` in ``unit``; no superuser."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=fields["username"]).first() or user_model()
    for name, value in fields.items():
        setattr(user, name, value)
    user.is_staff = user.is_superuser = False
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    save_with_verified_email(user)
    user.groups.set([DepartmentGroup.objects.get(role=role, department=unit).group])
    where = unit.name if unit else _("whole city")
    return Login(user.username, user.email, password, str(role.label), str(where))


def save_with_verified_email(user) -> None:
    user.full_clean()
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
