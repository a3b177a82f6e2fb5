"""Citizens' Anregungen: validated in German, nothing stored on error, limited, sent to the unit."""

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.vorhaben.conftest import make_vorhaben
from tests.vorhaben.test_public_list import VorhabenIndexPageFactory
from vorhaben.models import Anregung, VorhabenState


@pytest.fixture
def vorhaben_page(home_page):
    return VorhabenIndexPageFactory(parent=home_page)


def post(client, page, data, vorhaben=None, language="de"):
    if vorhaben is None:
        url = reverse("vorhabenliste:anregung", args=(page.pk,))
    else:
        url = reverse("vorhabenliste:anregung_on", args=(page.pk, vorhaben.pk))
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


def test_errors_are_german_and_next_to_the_fields(client, vorhaben_page):
    response = post(client, vorhaben_page, {"subject": "", "reason": "", "email": "kaputt"})
    assert response.status_code == 400
    errors = response.context["anregung_form"].errors
    assert errors["subject"] == ["Bitte sagen Sie, was zur Beteiligung geöffnet werden soll."]
    assert errors["reason"] == ["Bitte begründen Sie Ihre Anregung."]
    assert "gültige E-Mail-Adresse" in errors["email"][0]
    assert 'href="#id_subject"' in response.text
    assert not Anregung.objects.exists()
    assert not mail.outbox


def test_an_anregung_reaches_the_department_mailbox(client, vorhaben_page, tree):
    tree["own"].email = "mobilitaet@example.org"
    tree["own"].save()
    response = post(
        client,
        vorhaben_page,
        {"subject": "Spielplatz", "reason": "Kinder brauchen Platz.", "department": tree["own"].pk},
    )
    assert response.status_code == 302
    anregung = Anregung.objects.get()
    assert (anregung.department, anregung.email) == (tree["own"], "")
    assert [message.to for message in mail.outbox] == [["mobilitaet@example.org"]]
    assert "Kinder brauchen Platz." in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Neue Anregung")
    assert not {field.name for field in Anregung._meta.fields} & {"ip", "ip_address", "ip_hash"}


def test_an_anregung_on_a_vorhaben_goes_to_its_department(client, vorhaben_page, tree):
    vorhaben = make_vorhaben(tree["sibling"], state=VorhabenState.ACCEPTED, public=True)
    response = post(
        client,
        vorhaben_page,
        {"subject": "Mehr Bäume", "reason": "Schatten", "email": "ich@example.org"},
        vorhaben=vorhaben,
    )
    assert response.status_code == 302
    anregung = Anregung.objects.get()
    assert (anregung.vorhaben, anregung.department, anregung.email) == (
        vorhaben,
        tree["sibling"],
        "ich@example.org",
    )


def test_no_anregung_on_an_unlisted_vorhaben(client, vorhaben_page, tree):
    vorhaben = make_vorhaben(tree["own"])
    response = post(client, vorhaben_page, {"subject": "a", "reason": "b"}, vorhaben=vorhaben)
    assert response.status_code == 404 and not Anregung.objects.exists()


def test_the_honeypot_stores_nothing(client, vorhaben_page):
    response = post(
        client, vorhaben_page, {"subject": "Kauf", "reason": "Billig", "website": "spam.example"}
    )
    assert response.status_code == 302 and not Anregung.objects.exists()


@override_settings(PORTAL_RATE_LIMITS={"anregung_per_ip": "2/h"})
def test_anregungen_are_rate_limited(client, vorhaben_page):
    for number in range(2):
        assert (
            post(client, vorhaben_page, {"subject": f"S{number}", "reason": "R"}).status_code == 302
        )
    response = post(client, vorhaben_page, {"subject": "S3", "reason": "R"})
    assert response.status_code == 429 and response.has_header("Retry-After")
    assert "Zu viele" in response.text
    assert Anregung.objects.count() == 2


@pytest.mark.parametrize(
    ("role", "sees"),
    [("team", {"own", "sibling", "none"}), ("editor", {"own"}), ("analyst", set())],
)
def test_the_admin_list_is_scoped_like_the_register(people, tree, logged_in, role, sees):
    made = {
        "own": Anregung.objects.create(subject="A-own", reason="r", department=tree["own"]),
        "sibling": Anregung.objects.create(subject="A-sib", reason="r", department=tree["sibling"]),
        "none": Anregung.objects.create(subject="A-none", reason="r"),
    }
    response = logged_in(role).get(reverse("anregungen:index"))
    listed = {key for key, anregung in made.items() if anregung.subject in response.text}
    assert listed == (sees if response.status_code == 200 else set())
    for key, anregung in made.items():
        inspect = logged_in(role).get(reverse("anregungen:inspect", args=(anregung.pk,)))
        assert (inspect.status_code == 200) == (key in sees)


def test_staff_mark_an_anregung_answered_and_the_address_goes(people, tree, logged_in):
    anregung = Anregung.objects.create(
        subject="A", reason="r", department=tree["own"], email="buerger@example.org"
    )
    response = logged_in("editor").post(
        reverse("anregungen:edit", args=(anregung.pk,)), {"answered": "on"}
    )
    anregung.refresh_from_db()
    assert response.status_code == 302
    assert anregung.answered and anregung.answered_at
    assert anregung.email == ""
    other = Anregung.objects.create(subject="B", reason="r", department=tree["sibling"])
    response = logged_in("editor").post(
        reverse("anregungen:edit", args=(other.pk,)), {"answered": "on"}
    )
    assert response.status_code == 404
    assert not Anregung.objects.get(pk=other.pk).answered


def test_the_endpoint_takes_posts_with_a_csrf_token_to_the_vorhabenliste_only(
    vorhaben_page, home_page
):
    url = reverse("vorhabenliste:anregung", args=(vorhaben_page.pk,))
    assert Client().get(url).status_code == 405
    other = reverse("vorhabenliste:anregung", args=(home_page.pk,))
    assert Client().post(other, {"subject": "a", "reason": "b"}).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, {"subject": "a", "reason": "b"}).status_code == 403
    assert not Anregung.objects.exists()


def test_the_department_reads_german_whatever_the_citizens_language(client, vorhaben_page, tree):
    tree["own"].email = "mobilitaet@example.org"
    tree["own"].save()
    data = {"subject": "Playground", "reason": "Children need room.", "department": tree["own"].pk}
    assert post(client, vorhaben_page, data, language="en").status_code == 302
    assert mail.outbox[0].subject.startswith("Neue Anregung")
    assert "Bitte antworten Sie" in mail.outbox[0].body
