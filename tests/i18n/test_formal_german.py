"""One voice: citizens are addressed with "Sie", everywhere (issue 11, item 15).

(a) The German catalogue: every entry translated (no empty or fuzzy
msgstr) and none in "du"; the German text in templates none in "du".
(b) The citizen pages and the account mails rendered in German: no "du",
no English left over from allauth, never the internal username, and the
mails name the portal instead of the server's address.
"""

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories import (
    TEST_PASSWORD,
    ProjectPageFactory,
    ProjectPhaseFactory,
    UserFactory,
)

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"

# Informal address: pronouns, the second person's verb forms, imperatives.
# Whole words only, so "Dusche", "durch", "direkt", "Direktor" or "Ihr" never match;
# nouns that look like imperatives ("Folge", "Versuche") are left out.
DU_FORMS = re.compile(
    r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure|euren|eurem|eurer"
    r"|hast|bist|kannst|musst|möchtest|willst|sollst|solltest|darfst|erhältst|sendest"
    r"|verwendest|siehst|wirst|hättest|wärst|könntest"
    r"|gib|klicke|bestätige|überprüfe|erstelle|registriere|wähle|lass|rufe|habe geduld)\b",
    re.IGNORECASE,
)

# What allauth says in English where nobody translated it for us.
ENGLISH = re.compile(
    r"\b(?:Sign In|Sign Up|Sign Out|Signup|Forgot your password|Remember Me|Email|Password"
    r"|Confirm Email Address|Verify Your Email Address|Hello from|Thank you for using"
    r"|You're receiving|Password Reset|Change Password|Make Primary|Re-send Verification"
    r"|Add Email|Verified|Unverified|Primary|Remove|Enter your password|Confirm Access"
    r"|Warning|Already have an account|If you have not created|Bad Token|Cancel)\b"
)

TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}|<[^>]+>", re.DOTALL)


def du_forms(text: str) -> list[str]:
    return DU_FORMS.findall(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Du hast noch kein Konto", ["Du", "hast"]),
        ("Gib deine E-Mail-Adresse ein", ["Gib", "deine"]),
        ("Melde dich an", ["dich"]),
        ("Danke dass du Stadtportal nutzt!", ["du"]),
        ("Bitte habe Geduld, du sendest zu viele Anfragen.", ["habe Geduld", "du", "sendest"]),
        ("Die Dusche ist durch das Direktorium direkt geplant.", []),
        ("Geben Sie Ihre E-Mail-Adresse ein. Ihr Beitrag, Ihre Daten.", []),
        ("Als Folge der Versuche: Dublin, Dirndl, Deinstallation.", []),
    ],
)
def test_the_scan_finds_du_forms_and_nothing_else(text, found):
    assert du_forms(text) == found


def test_catalogue_is_complete_and_formal():
    problems = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        where = f"{entry.msgid[:60]!r}"
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {where}")
        if not all(translations):
            problems.append(f"untranslated: {where}")
        for text in translations:
            if du_forms(text):
                problems.append(f"du: {where} -> {text[:60]!r}")
    assert not problems, "\n".join(problems)


def test_german_text_in_templates_is_formal():
    problems = []
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*")):
            if path.suffix not in {".html", ".txt"}:
                continue
            text = TAGS.sub(" ", path.read_text())
            found = du_forms(text)
            if found:
                problems.append(f"{path.relative_to(ROOT)}: {found}")
    assert not problems, "\n".join(problems)


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    texts = [soup.get_text(" ")]
    # What screen readers and tooltips say counts too.
    for attribute in ("aria-label", "title", "placeholder", "alt", "value"):
        texts += [tag[attribute] for tag in soup.find_all(attrs={attribute: True})]
    return " ".join(texts)


def check_text(name: str, text: str, internal_names=()) -> list[str]:
    problems = [f"{name}: du {du_forms(text)}"] if du_forms(text) else []
    english = ENGLISH.findall(text)
    if english:
        problems.append(f"{name}: English {english}")
    for username in internal_names:
        if username in text:
            problems.append(f"{name}: shows the internal username {username}")
    return problems


@pytest.fixture
def open_project(project_index):
    page = ProjectPageFactory(parent=project_index, title="Grüner Marktplatz", slug="markt")
    today = timezone.localdate()
    ProjectPhaseFactory(
        page=page,
        start_date=today - timezone.timedelta(days=3),
        end_date=today + timezone.timedelta(days=10),
    )
    return page


def test_citizen_pages_speak_formal_german(client, open_project, citizen):
    pages = {}
    anonymous = Client()
    for name, url in [
        ("start", "/"),
        ("project list", "/projekte/"),
        ("project page", open_project.url),
        ("login", "/accounts/login/"),
        ("signup", "/accounts/signup/"),
        ("password reset", "/accounts/password/reset/"),
        ("password reset sent", "/accounts/password/reset/done/"),
        ("password reset bad link", "/accounts/password/reset/key/1-falsch/"),
        ("confirm e-mail bad link", "/accounts/confirm-email/falsch/"),
    ]:
        pages[name] = anonymous.get(url, follow=True)
    pages["login with errors"] = anonymous.post(
        "/accounts/login/", {"login": citizen.email, "password": "falsch-falsch"}
    )
    pages["signup with errors"] = anonymous.post(
        "/accounts/signup/",
        {"email": "x", "display_name": "a", "password1": "kurz", "password2": "anders"},
    )

    signed_in = Client()
    signed_in.force_login(citizen)
    for name, url in [
        ("e-mail management", "/accounts/email/"),
        ("password change", "/accounts/password/change/"),
        ("profile", "/accounts/profile/"),
        ("my data", "/accounts/data/"),
        ("sign out", "/accounts/logout/"),
        ("reauthenticate", "/accounts/reauthenticate/"),
        ("delete account", "/accounts/delete/"),
        ("two-factor authentication", "/accounts/2fa/"),
        ("two-factor setup", "/accounts/2fa/totp/activate/"),
    ]:
        pages[name] = signed_in.get(url, follow=True)
    pages["password change with errors"] = signed_in.post(
        "/accounts/password/change/",
        {"oldpassword": "falsch", "password1": "neu-und-lang-genug", "password2": "anders-lang"},
    )
    pages["e-mail added"] = signed_in.post(
        "/accounts/email/", {"action_add": "", "email": "zweite@example.org"}, follow=True
    )
    pages["signed out"] = signed_in.post("/accounts/logout/", follow=True)

    problems = []
    for name, response in pages.items():
        assert response.status_code == 200, name
        problems += check_text(name, visible_text(response.content.decode()), [citizen.username])
    assert not problems, "\n".join(problems)


def test_account_mails_speak_formal_german_and_name_the_portal(client, home_page, citizen):
    Client().post(
        "/accounts/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Neue Stimme",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "consent": "on",
        },
    )
    Client().post("/accounts/password/reset/", {"email": citizen.email})
    Client().post("/accounts/password/reset/", {"email": "unbekannt@example.org"})
    Client().post(
        "/accounts/signup/",
        {
            "email": citizen.email,
            "display_name": "Doppelt Da",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "consent": "on",
        },
    )
    internal = [
        citizen.username,
        *UserFactory._meta.model.objects.values_list("username", flat=True),
    ]

    assert len(mail.outbox) == 4
    problems = []
    for message in mail.outbox:
        name = message.subject
        problems += check_text(name, f"{message.subject}\n{message.body}", internal)
        if "Beteiligungsportal" not in message.body or "Beteiligungsportal" not in message.subject:
            problems.append(f"{name}: does not name the portal")
        if "testserver!" in message.body or "Hallo von" in message.body:
            problems.append(f"{name}: greets from the server's address")
        if not message.body.startswith("Guten Tag"):
            problems.append(f"{name}: no greeting")
    assert not problems, "\n".join(problems)
    verification, reset = mail.outbox[0], mail.outbox[1]
    assert verification.body.startswith("Guten Tag Neue Stimme,")
    assert reset.body.startswith(f"Guten Tag {citizen.display_name},")
