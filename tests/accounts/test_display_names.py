"""Display names cannot imitate the city's staff or another citizen (issue 11, item 9).

Names are compared by how they read (a TR39 skeleton after NFKC and case
folding), on every way in: the signup form, allauth's headless signup, the
profile form, the admin's user form and the database itself.
"""

import importlib
import re
import threading
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection
from django.db.models.signals import pre_save

from accounts.forms import ProfileForm
from accounts.skeleton import comparison_key
from tests.api.conftest import call
from tests.factories import TEST_PASSWORD, UserFactory

User = get_user_model()

RESERVED = (
    "Dieser Name ist den Mitarbeitenden der Stadt vorbehalten. Bitte wählen Sie einen anderen."
)
TAKEN = "Dieser Anzeigename ist bereits vergeben."
LOOKS_TAKEN = (
    "Dieser Anzeigename ist einem bereits vergebenen zum Verwechseln ähnlich. "
    "Bitte wählen Sie einen anderen."
)
MIXED = "Bitte schreiben Sie Ihren Anzeigenamen in einer Schrift (zum Beispiel nur lateinisch)."
INVISIBLE = "Ein Anzeigename darf keine unsichtbaren Zeichen enthalten."
BIDI = "Ein Anzeigename darf keine Zeichen enthalten, die die Schreibrichtung ändern."

# Every example from the issue, and the families they stand for.
IMITATIONS = [
    ("R\u0435daktion", RESERVED),  # Cyrillic small ie
    ("\uff32\uff45\uff44\uff41\uff4b\uff54\uff49\uff4f\uff4e", RESERVED),  # full width
    ("\u216foderator", RESERVED),  # Roman numeral one thousand
    ("\u1d3f\u1d49\u1d48\u1d43\u1d4f\u1d57\u1da6\u1d52\u207f", RESERVED),  # superscript
    ("\u0280\u1d07\u1d05\u1d00\u1d0b\u1d1b\u026a\u1d0f\u0274", RESERVED),  # small capitals
    (
        "\U0001d411\U0001d41e\U0001d41d\U0001d41a\U0001d424\U0001d42d\U0001d422\U0001d428\U0001d427",
        RESERVED,
    ),  # bold maths
    ("R e d a k t i o n", RESERVED),
    ("R.e.d.a.k.t.i.o.n", RESERVED),
    ("R_e_d_a_k_t_i_o_n", RESERVED),
    ("Mod-e-rator", RESERVED),
    ("Administrator", RESERVED),
    ("Beteiligungsteam", RESERVED),
    ("Stadt", RESERVED),
    ("S t a d t", RESERVED),
    ("Oberbürgermeister", RESERVED),
    ("Stadt-Redaktion", RESERVED),
    ("R\u0430dlerin", LOOKS_TAKEN),  # Cyrillic small a: an existing citizen's name
    ("\uff32\uff41\uff44\uff4c\uff45\uff52\uff49\uff4e", LOOKS_TAKEN),  # full width
    ("R a d l e r i n", LOOKS_TAKEN),
    ("Radler_in", LOOKS_TAKEN),
    ("RADLERIN", TAKEN),
    ("radlerin", TAKEN),
    ("\u0410nna Schmidt", MIXED),  # Cyrillic capital A in a Latin name
    ("Anna Schmid\u03c4", MIXED),  # Greek tau
    ("Anna\u3164", INVISIBLE),  # Hangul filler: a letter nobody sees
    ("An\u200bna", INVISIBLE),  # zero-width space
    ("Anna\u00adLena", INVISIBLE),  # soft hyphen
    ("Anna\u202eniloM", BIDI),  # right-to-left override
    ("Anna\u2066Lena\u2069", BIDI),  # isolate
    ("Anna\u200fLena", BIDI),  # right-to-left mark
]

ACCEPTED = ["Jörg Müller", "Anna-Lena", "Radlerin Ost", "Stadtradler", "佐藤 さくら", "O'Brien"]


def signup(client, display_name, email="neu@example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": display_name,
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "consent": "on",
        },
    )


@pytest.fixture
def radlerin(db):
    return UserFactory(display_name="Radlerin")


@pytest.mark.parametrize(("name", "message"), IMITATIONS)
def test_signup_refuses_imitations_at_the_field(client, home_page, radlerin, name, message):
    response = signup(client, name)

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == [message]
    assert not User.objects.filter(email="neu@example.org").exists()
    # The message is at the field, linked for screen readers.
    assert re.search(
        r'<input[^>]+aria-describedby="[^"]*id_display_name_error[^"]*"[^>]+name="display_name"'
        r'|<input[^>]+name="display_name"[^>]+aria-describedby="[^"]*id_display_name_error',
        response.content.decode(),
    )


@pytest.mark.parametrize("name", ACCEPTED)
def test_ordinary_names_are_accepted(client, home_page, radlerin, name):
    response = signup(client, name)

    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(email="neu@example.org").display_name == name


@pytest.mark.parametrize(("name", "message"), IMITATIONS)
def test_profile_refuses_imitations(radlerin, name, message):
    citizen = UserFactory(display_name="Jemand Anderes")
    form = ProfileForm({"display_name": name}, instance=citizen)

    assert not form.is_valid()
    assert form.errors["display_name"] == [message]


def test_profile_keeps_ones_own_name_in_another_spelling(radlerin):
    form = ProfileForm({"display_name": "RadlerIN"}, instance=radlerin)
    assert form.is_valid(), form.errors
    form.save()
    radlerin.refresh_from_db()
    assert radlerin.display_name == "RadlerIN"


@pytest.mark.parametrize(("name", "message"), [IMITATIONS[0], IMITATIONS[16], IMITATIONS[24]])
def test_headless_signup_applies_the_same_rule(client, home_page, radlerin, name, message):
    response, body = call(
        client,
        "post",
        "/_allauth/browser/v1/auth/signup",
        {
            "email": "neu@example.org",
            "password": TEST_PASSWORD,
            "display_name": name,
            "consent": True,
        },
    )

    assert response.status_code == 400, body
    assert {"param": "display_name", "message": message} in [
        {"param": error.get("param"), "message": error["message"]} for error in body["errors"]
    ]
    assert not User.objects.filter(email="neu@example.org").exists()


def test_admin_user_form_applies_the_same_rule(client, radlerin, editor):
    client.force_login(editor)
    response = client.post(
        f"/cms/users/edit/{editor.pk}/",
        {
            "username": editor.username,
            "email": editor.email,
            "first_name": "",
            "last_name": "",
            "display_name": "R\u0430dlerin",
            "is_active": "on",
            "is_superuser": "on",
        },
    )

    assert response.status_code == 200
    assert LOOKS_TAKEN in response.content.decode()
    editor.refresh_from_db()
    assert editor.display_name == "Team Beteiligung"


def test_the_database_refuses_look_alikes(radlerin):
    with pytest.raises(IntegrityError):
        UserFactory(display_name="R\u0430dl\u0435rin")


def test_names_are_stored_composed(db):
    user = UserFactory(display_name="Jo\u0308rg ")  # o + combining diaeresis, as macOS sends it
    user.refresh_from_db()
    assert user.display_name == "Jörg"
    assert user.display_name_skeleton == comparison_key("Jörg")


@contextmanager
def competitor_signs_up_first(name, competitor_name):
    """Just before the row for ``name`` is written, another signup commits a look-alike.

    The competitor commits on its own database connection (a thread), as a
    second request would: the form had found the name free.
    """

    def create_competitor():
        try:
            User.objects.create(username="schneller", display_name=competitor_name)
        finally:
            connection.close()

    def before_save(sender, instance, **kwargs):
        if instance.display_name == name and instance.pk is None:
            thread = threading.Thread(target=create_competitor)
            thread.start()
            thread.join()

    pre_save.connect(before_save, sender=User)
    try:
        yield
    finally:
        pre_save.disconnect(before_save, sender=User)


def test_a_signup_racing_a_look_alike_gets_the_message_not_a_500(
    client, home_page, transactional_db
):
    with competitor_signs_up_first("Radlerin", "R\u0430dlerin"):
        response = signup(client, "Radlerin")

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == [LOOKS_TAKEN]
    assert list(User.objects.values_list("username", flat=True)) == ["schneller"]


def test_a_headless_signup_racing_a_look_alike_gets_a_400(client, home_page, transactional_db):
    with competitor_signs_up_first("Radlerin", "RADLERIN"):
        response, body = call(
            client,
            "post",
            "/_allauth/browser/v1/auth/signup",
            {
                "email": "neu@example.org",
                "password": TEST_PASSWORD,
                "display_name": "Radlerin",
                "consent": True,
            },
        )

    assert response.status_code == 400, body
    assert body["errors"][0]["param"] == "display_name"
    assert body["errors"][0]["message"] == TAKEN
    assert list(User.objects.values_list("username", flat=True)) == ["schneller"]


def test_migration_resolves_existing_look_alikes_deterministically(db):
    migration = importlib.import_module("accounts.migrations.0002_display_name_skeleton")
    older = UserFactory(display_name="Radlerin")
    younger = UserFactory(display_name="Jemand")
    youngest = UserFactory(display_name="Noch Jemand")
    # As the database held them before: look-alikes, no keys yet.
    User.objects.filter(pk=younger.pk).update(display_name="R\u0430dlerin")
    User.objects.filter(pk=youngest.pk).update(display_name="RADLERIN")
    User.objects.update(display_name_skeleton=None)

    migration.fill_keys(apps, None)

    names = dict(User.objects.values_list("pk", "display_name"))
    assert names[older.pk] == "Radlerin"
    assert names[younger.pk] == "R\u0430dlerin 2"
    assert names[youngest.pk] == "RADLERIN 3"
    keys = list(User.objects.values_list("display_name_skeleton", flat=True))
    assert len(set(keys)) == 3 and None not in keys


def test_a_profile_change_racing_a_look_alike_gets_the_message(client, transactional_db):
    citizen = UserFactory(display_name="Jemand")
    client.force_login(citizen)

    def create_competitor():
        try:
            UserFactory(username="schneller", display_name="R\u0430dlerin")
        finally:
            connection.close()

    def before_save(sender, instance, **kwargs):
        if instance.pk == citizen.pk and instance.display_name == "Radlerin":
            thread = threading.Thread(target=create_competitor)
            thread.start()
            thread.join()

    pre_save.connect(before_save, sender=User)
    try:
        response = client.post("/accounts/profile/", {"display_name": "Radlerin"})
    finally:
        pre_save.disconnect(before_save, sender=User)

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == [LOOKS_TAKEN]
    citizen.refresh_from_db()
    assert citizen.display_name == "Jemand"
