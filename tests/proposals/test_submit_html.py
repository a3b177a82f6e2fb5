"""Submitting a proposal through the HTML form: German errors at the fields, nothing half stored."""

import datetime

import pytest
from django.urls import reverse

from proposals.models import Moderation, ModerationMode, Proposal
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.factories import make_collection, today, topic

pytestmark = pytest.mark.django_db


def submit_url(collection):
    return reverse("ideen:submit", args=(collection.pk,))


def test_a_verified_citizen_submits_and_lands_on_the_proposal(client, project_index):
    verkehr = topic("Verkehr")
    collection = make_collection(project_index, topics=[verkehr])
    district = DistrictFactory(name="Lobeda")
    client.force_login(UserFactory())

    response = client.post(
        submit_url(collection),
        {
            "title": "Radweg nach Lobeda",
            "description": "Ein sicherer Weg.\n\nMehr: https://example.org/plan",
            "category": verkehr.pk,
            "district": district.pk,
        },
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ideen:proposal", args=(proposal.pk,))
    assert (proposal.category, proposal.district) == (verkehr, district)
    assert proposal.moderation == Moderation.PUBLISHED
    page = client.get(response["Location"]).content.decode()
    assert '<a href="https://example.org/plan" rel="nofollow ugc">' in page


def test_empty_fields_give_german_errors_at_the_fields_and_store_nothing(client, project_index):
    collection = make_collection(project_index, topics=[topic()])
    client.force_login(UserFactory())

    response = client.post(submit_url(collection), {"title": "  ", "description": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert "Bitte geben Sie Ihrem Vorschlag einen Titel." in html
    assert "Bitte beschreiben Sie Ihren Vorschlag." in html
    assert "Bitte wählen Sie eine Kategorie." in html
    assert 'href="#id_title"' in html
    assert not Proposal.objects.exists()


def test_invisible_text_is_an_empty_title_for_the_service(client, project_index):
    collection = make_collection(project_index)
    client.force_login(UserFactory())

    response = client.post(
        submit_url(collection), {"title": "\u200b\u200b", "description": "Genug Text."}
    )

    assert response.status_code == 400
    assert "Bitte geben Sie Ihrem Vorschlag einen Titel." in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_category_outside_the_collection_is_refused(client, project_index):
    collection = make_collection(project_index, topics=[topic("Verkehr")])
    client.force_login(UserFactory())

    response = client.post(
        submit_url(collection),
        {"title": "Titel", "description": "Text", "category": topic("Kultur").pk},
    )

    assert response.status_code == 400
    assert "Bitte wählen Sie eine Kategorie aus der Liste." in response.content.decode()
    assert not Proposal.objects.exists()


def test_an_unconfirmed_address_is_refused_with_a_german_message(client, project_index):
    collection = make_collection(project_index)
    client.force_login(UserFactory(verified=False))

    response = client.post(submit_url(collection), {"title": "Titel", "description": "Text"})

    assert response.status_code == 403
    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse" in response.content.decode()
    assert not Proposal.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in_and_cannot_post(client, project_index):
    collection = make_collection(project_index)

    form = client.get(submit_url(collection))
    post = client.post(submit_url(collection), {"title": "Titel", "description": "Text"})

    assert form.status_code == 200
    assert reverse("account_login") in form.content.decode()
    assert 'name="title"' not in form.content.decode()
    assert post.status_code == 403
    assert not Proposal.objects.exists()


def test_a_closed_collection_takes_no_proposals(client, project_index):
    yesterday = today() - datetime.timedelta(days=1)
    collection = make_collection(
        project_index, submissions_start=yesterday, submissions_end=yesterday
    )
    client.force_login(UserFactory())

    response = client.post(submit_url(collection), {"title": "Titel", "description": "Text"})

    assert response.status_code == 403
    assert "nimmt zurzeit keine neuen Vorschläge an" in response.content.decode()
    assert not Proposal.objects.exists()


def test_pre_moderation_keeps_the_proposal_pending_and_out_of_the_list(client, project_index):
    collection = make_collection(project_index, moderation=ModerationMode.PRE)
    author = UserFactory()
    client.force_login(author)

    client.post(submit_url(collection), {"title": "Geheim bis geprüft", "description": "Text"})

    proposal = Proposal.objects.get()
    assert proposal.moderation == Moderation.PENDING
    assert client.get(reverse("ideen:proposal", args=(proposal.pk,))).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("ideen:proposal", args=(proposal.pk,))).status_code == 404
    listing = client.get(reverse("ideen:collection", args=(collection.pk,)))
    assert "Geheim bis geprüft" not in listing.content.decode()
