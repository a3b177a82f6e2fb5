"""Proposals' files in "Meine Daten", after an account's deletion, and in the admin."""

import json

import pytest
from django.urls import reverse

from proposals import uploads
from proposals.models import Moderation, Proposal
from proposals.uploads import NewImage
from tests.factories import ProjectPageFactory, UserFactory
from tests.proposals.factories import make_collection, make_proposal
from tests.proposals.media_helpers import pdf_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


def with_files(collection, **fields) -> Proposal:
    proposal = make_proposal(collection, **fields)
    files, errors = uploads.clean_uploads(
        collection,
        images=[NewImage(upload(), "Blick auf den Platz"), NewImage(upload(), "Die Ecke")],
        attachment=upload("plan.pdf", pdf_bytes(), "application/pdf"),
    )
    assert not errors
    files.write()
    uploads.record(proposal, files)
    return proposal


@pytest.fixture
def with_images(project_index):
    return make_collection(project_index, images_allowed=True, attachments_allowed=True)


def test_my_data_lists_my_images_with_their_descriptions_and_addresses(client, with_images):
    anna = UserFactory()
    own = with_files(with_images, author=anna)
    with_files(with_images)  # someone else's
    client.force_login(anna)

    document = json.loads(client.get("/accounts/data/download/json/").content)
    proposals = next(s for s in document["sections"] if s["key"] == "proposals")["items"]

    assert len(proposals) == 1
    images = proposals[0]["images"]
    assert [image["label"] for image in images] == ["Blick auf den Platz", "Die Ecke"]
    for entry in images:
        assert client.get(entry["value"]).status_code == 200
    assert proposals[0]["attachment"] == reverse("ideen:attachment", args=(own.pk,))


def test_a_deleted_account_leaves_the_files_with_the_proposal_and_naming_no_one(with_images):
    anna = UserFactory(display_name="Anna Apfel")
    own = with_files(with_images, author=anna)
    names = [image.file.name for image in own.images.all()] + [own.attachment.name]

    anna.delete()

    own.refresh_from_db()
    assert own.author is None
    assert set(names) <= set(stored_files())
    assert not [name for name in stored_files() if "Anna" in name or "Apfel" in name]


def test_the_admin_inspect_view_shows_the_images_and_the_attachment(
    client, people, tree, project_index
):
    collection = make_collection(
        project_index,
        page=ProjectPageFactory(parent=project_index, department=tree["own"]),
        images_allowed=True,
        attachments_allowed=True,
    )
    proposal = with_files(collection, moderation=Moderation.PENDING)
    client.force_login(people["moderator"])

    html = client.get(reverse("proposals:inspect", args=(proposal.pk,))).text
    image = proposal.images.first()

    assert f'src="{reverse("ideen:image", args=(proposal.pk, image.pk))}"' in html
    assert 'alt="Blick auf den Platz"' in html
    assert reverse("ideen:attachment", args=(proposal.pk,)) in html
    # The moderator may see the pending proposal, so its image answers them too.
    assert client.get(reverse("ideen:image", args=(proposal.pk, image.pk))).status_code == 200
