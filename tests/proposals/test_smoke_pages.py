"""The three public pages render for a visitor, and the project page links the collection."""

from django.urls import reverse

from tests.proposals.factories import make_proposal


def test_project_page_links_its_idea_collection(client, collection):
    response = client.get(collection.page.url)

    assert response.status_code == 200
    assert reverse("ideen:collection", args=(collection.pk,)) in response.content.decode()


def test_collection_and_proposal_pages_render(client, collection):
    proposal = make_proposal(collection)

    listing = client.get(reverse("ideen:collection", args=(collection.pk,)))
    page = client.get(reverse("ideen:proposal", args=(proposal.pk,)))
    form = client.get(reverse("ideen:submit", args=(collection.pk,)))

    assert listing.status_code == 200
    assert proposal.title in listing.content.decode()
    assert page.status_code == 200
    assert "<p>Bitte mehr Bänke.</p>" in page.content.decode()
    assert form.status_code == 200
