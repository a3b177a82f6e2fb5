"""Image and attachment addresses follow the proposal's visibility; safe headers; no media path."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from portal.settings import base as base_settings
from proposals import uploads
from proposals.models import Moderation, Proposal
from proposals.storage import proposal_storage
from proposals.uploads import NewImage
from tests.factories import UserFactory
from tests.proposals.factories import make_collection, make_proposal
from tests.proposals.media_helpers import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_images(project_index):
    return make_collection(project_index, images_allowed=True, attachments_allowed=True)


def proposal_with_files(collection, **fields) -> Proposal:
    proposal = make_proposal(collection, **fields)
    files, errors = uploads.clean_uploads(
        collection,
        images=[NewImage(upload(), "Der Marktplatz")],
        attachment=upload("plan.pdf", pdf_bytes(), "application/pdf"),
    )
    assert not errors
    files.write()
    uploads.record(proposal, files)
    return proposal


def image_url(proposal):
    return reverse("ideen:image", args=(proposal.pk, proposal.images.get().pk))


def attachment_url(proposal):
    return reverse("ideen:attachment", args=(proposal.pk,))


def statuses(client, proposal):
    return client.get(image_url(proposal)).status_code, client.get(
        attachment_url(proposal)
    ).status_code


def test_a_public_image_is_served_with_its_type_nosniff_and_public_cache(client, with_images):
    proposal = proposal_with_files(with_images)

    response = client.get(image_url(proposal))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_the_pdf_is_a_download_with_a_neutral_name(client, with_images):
    proposal = proposal_with_files(with_images)

    response = client.get(attachment_url(proposal))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        f'attachment; filename="vorschlag-{proposal.pk}-anhang.pdf"'
    )
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_pages_show_the_images_with_alt_text_size_and_lazy_loading(client, with_images):
    proposal = proposal_with_files(with_images)
    image = proposal.images.get()
    tag = (
        f'src="{image_url(proposal)}" alt="Der Marktplatz" width="{image.width}" '
        f'height="{image.height}" loading="lazy"'
    )

    page = client.get(reverse("ideen:proposal", args=(proposal.pk,))).content.decode()
    listing = client.get(reverse("ideen:collection", args=(with_images.pk,))).content.decode()

    assert tag in page
    assert tag in listing
    assert f'href="{attachment_url(proposal)}"' in page
    for html in (page, listing):
        assert "/media/" not in html
        assert "bilder/" not in html


def test_a_pending_proposal_s_files_are_for_its_author_only(client, with_images):
    proposal = proposal_with_files(with_images, moderation=Moderation.PENDING)

    anonymous = statuses(client, proposal)
    client.force_login(UserFactory())
    other = statuses(client, proposal)
    client.force_login(proposal.author)
    author = statuses(client, proposal)
    own = client.get(image_url(proposal))

    assert anonymous == other == (404, 404)
    assert author == (200, 200)
    assert "private" in own["Cache-Control"]
    assert "public" not in own["Cache-Control"]


def test_an_unpublished_project_hides_the_files_even_from_the_author(client, with_images):
    proposal = proposal_with_files(with_images)
    with_images.page.unpublish()
    client.force_login(proposal.author)

    assert statuses(client, proposal) == (404, 404)


def test_a_login_restricted_project_s_files_are_private_and_need_signing_in(client, with_images):
    proposal = proposal_with_files(with_images)
    PageViewRestriction.objects.create(
        page=with_images.page, restriction_type=PageViewRestriction.LOGIN
    )

    anonymous = statuses(client, proposal)
    client.force_login(UserFactory())
    signed_in = client.get(image_url(proposal))

    assert anonymous == (404, 404)
    assert signed_in.status_code == 200
    assert "private" in signed_in["Cache-Control"]


def test_a_group_restricted_project_s_files_are_404_outside_the_group(client, with_images):
    proposal = proposal_with_files(with_images)
    PageViewRestriction.objects.create(
        page=with_images.page, restriction_type=PageViewRestriction.GROUPS
    )
    client.force_login(proposal.author)

    assert statuses(client, proposal) == (404, 404)


def test_an_image_of_another_proposal_is_not_found_under_this_one(client, with_images):
    first = proposal_with_files(with_images)
    second = proposal_with_files(with_images)

    response = client.get(reverse("ideen:image", args=(first.pk, second.images.get().pk)))

    assert response.status_code == 404


def test_the_files_are_not_under_the_public_media_root(client, with_images, settings):
    proposal = proposal_with_files(with_images)
    name = proposal.images.get().file.name

    response = client.get(settings.MEDIA_URL + name)

    assert response.status_code == 404
    assert not base_settings.PROPOSALS_MEDIA_ROOT.is_relative_to(base_settings.MEDIA_ROOT)
    assert str(proposal_storage().base_location) == str(settings.PROPOSALS_MEDIA_ROOT)
