"""Editing (author only, while nobody supports it) and withdrawing (it stays, marked)."""

import pytest
from django.urls import reverse

from proposals.models import Proposal
from tests.factories import UserFactory
from tests.proposals.factories import make_proposal

pytestmark = pytest.mark.django_db

CHANGED = {"title": "Neuer Titel", "description": "Neuer Text"}


def edit_url(proposal):
    return reverse("ideen:edit", args=(proposal.pk,))


def test_the_author_edits_an_unsupported_proposal(client, collection):
    proposal = make_proposal(collection)
    client.force_login(proposal.author)

    response = client.post(edit_url(proposal), CHANGED)

    proposal.refresh_from_db()
    assert response.status_code == 302
    assert (proposal.title, proposal.description) == ("Neuer Titel", "Neuer Text")


def test_a_bad_edit_keeps_the_old_text(client, collection):
    proposal = make_proposal(collection)
    client.force_login(proposal.author)

    response = client.post(edit_url(proposal), {"title": "", "description": "Neu"})

    proposal.refresh_from_db()
    assert response.status_code == 400
    assert "Bitte geben Sie Ihrem Vorschlag einen Titel." in response.content.decode()
    assert proposal.description == "Bitte mehr Bänke."


def test_nobody_else_edits(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())

    response = client.post(edit_url(proposal), CHANGED)

    proposal.refresh_from_db()
    assert response.status_code == 403
    assert proposal.title == "Mehr Bänke am Saaleufer"


def test_once_supported_the_proposal_cannot_be_edited(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())
    client.post(reverse("ideen:support", args=(proposal.pk,)))
    client.force_login(proposal.author)

    response = client.post(edit_url(proposal), CHANGED)

    proposal.refresh_from_db()
    assert response.status_code == 409
    assert "nicht mehr geändert werden" in response.content.decode()
    assert proposal.title == "Mehr Bänke am Saaleufer"


def test_withdrawn_stays_visible_marked_and_cannot_be_withdrawn_again(client, collection):
    proposal = make_proposal(collection)
    client.force_login(proposal.author)

    first = client.post(reverse("ideen:withdraw", args=(proposal.pk,)))
    again = client.post(reverse("ideen:withdraw", args=(proposal.pk,)))

    assert first.status_code == 302
    assert again.status_code == 409
    assert Proposal.objects.get().withdrawn_at is not None
    client.logout()
    page = client.get(reverse("ideen:proposal", args=(proposal.pk,))).content.decode()
    listing = client.get(reverse("ideen:collection", args=(collection.pk,))).content.decode()
    assert "zurückgezogen" in page
    assert proposal.title in listing


def test_others_cannot_withdraw(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())

    response = client.post(reverse("ideen:withdraw", args=(proposal.pk,)))

    assert response.status_code == 403
    assert Proposal.objects.get().withdrawn_at is None
