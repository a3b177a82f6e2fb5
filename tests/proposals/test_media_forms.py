"""Images and the attachment through the submit and edit forms: all stored, or nothing."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from participation.refusals import InvalidInput
from proposals import services, uploads
from proposals.models import Proposal, ProposalImage, Support
from proposals.uploads import NewImage
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection, make_proposal
from tests.proposals.media_helpers import (
    CAMERA,
    image_bytes,
    pdf_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

TEXT = {"title": "Sitzbänke am Markt", "description": "Mehr Bänke, bitte."}


@pytest.fixture
def with_images(project_index):
    return make_collection(project_index, images_allowed=True, attachments_allowed=True)


def submit(client, collection, **data):
    return client.post(reverse("ideen:submit", args=(collection.pk,)), {**TEXT, **data})


def edit(client, proposal, **data):
    return client.post(reverse("ideen:edit", args=(proposal.pk,)), {**TEXT, **data})


def test_the_form_offers_three_images_and_an_attachment_as_multipart(client, with_images):
    client.force_login(UserFactory())

    html = client.get(reverse("ideen:submit", args=(with_images.pk,))).content.decode()

    assert 'enctype="multipart/form-data"' in html
    for slot in (1, 2, 3):
        assert f'name="image_{slot}"' in html
        assert f'<label for="id_alt_{slot}">' in html
    assert 'name="image_4"' not in html
    assert 'name="attachment"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html


def test_without_permission_in_the_collection_no_upload_fields(client, collection):
    client.force_login(UserFactory())

    html = client.get(reverse("ideen:submit", args=(collection.pk,))).content.decode()

    assert 'name="image_1"' not in html
    assert 'name="attachment"' not in html


def test_a_citizen_submits_images_and_a_pdf_stored_clean_under_random_names(client, with_images):
    client.force_login(UserFactory())

    response = submit(
        client,
        with_images,
        image_1=upload("IMG_Familie_Mueller.jpg"),
        alt_1="Der leere Marktplatz",
        image_2=upload("zwei.png", image_bytes("PNG"), "image/png"),
        alt_2="Die Ecke am Brunnen",
        attachment=upload("Antrag_Mueller.pdf", pdf_bytes(), "application/pdf"),
    )

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    images = list(proposal.images.all())
    assert [(image.position, image.alt_text) for image in images] == [
        (1, "Der leere Marktplatz"),
        (2, "Die Ecke am Brunnen"),
    ]
    assert [image.content_type for image in images] == ["image/jpeg", "image/png"]
    files = stored_files()
    assert len(files) == 3
    assert not [name for name in files if "Mueller" in name or "IMG" in name]
    for image in images:
        with image.file.open("rb") as handle:
            content = handle.read()
        assert CAMERA.encode() not in content
        assert dict(Image.open(io.BytesIO(content)).getexif()) == {}
    assert proposal.attachment.name.startswith("anhaenge/")


def test_an_image_without_description_is_refused_at_its_field_and_nothing_stored(
    client, with_images
):
    client.force_login(UserFactory())
    before = stored_files()

    response = submit(client, with_images, image_1=upload(), alt_1="  ")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Bitte beschreiben Sie das Bild für Menschen, die es nicht sehen können." in html
    assert 'href="#id_alt_1"' in html
    assert not Proposal.objects.exists()
    assert stored_files() == before


def test_one_bad_image_among_good_ones_leaves_no_proposal_and_no_file(client, with_images):
    client.force_login(UserFactory())
    before = stored_files()

    response = submit(
        client,
        with_images,
        image_1=upload(),
        alt_1="Gut",
        image_2=upload("fake.jpg", b"GIF89a not really", "image/jpeg"),
        alt_2="Kaputt",
        attachment=upload("plan.pdf", pdf_bytes(), "application/pdf"),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Diese Datei ist kein JPEG-, PNG- oder WebP-Bild" in html
    assert 'href="#id_image_2"' in html
    assert not Proposal.objects.exists()
    assert not ProposalImage.objects.exists()
    assert stored_files() == before


def test_a_failure_inside_the_transaction_takes_the_written_files_away(with_images):
    """The files are written before the transaction; a failure in it removes them again."""
    before = stored_files()
    unsaved_district = DistrictFactory.build(name="Nirgendwo")

    with pytest.raises(ValueError, match="unsaved"):
        services.submit_proposal(
            participant(UserFactory()),
            with_images,
            **TEXT,
            district=unsaved_district,
            images=[NewImage(upload(), "Ein Bild")],
            attachment=upload("plan.pdf", pdf_bytes(), "application/pdf"),
        )

    assert not Proposal.objects.exists()
    assert stored_files() == before


def test_a_fake_pdf_is_refused_at_the_attachment_field(client, with_images):
    client.force_login(UserFactory())

    response = submit(client, with_images, attachment=upload("plan.pdf", image_bytes()))

    assert response.status_code == 400
    assert "Nur PDF-Dateien" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_service_refuses_images_where_the_collection_takes_none(collection):
    """The form does not offer the fields; the service refuses them from any other client."""
    with pytest.raises(InvalidInput) as refused:
        services.submit_proposal(
            participant(UserFactory()), collection, **TEXT, images=[NewImage(upload(), "Bild")]
        )

    assert refused.value.errors[0]["field"] == "image_1"
    assert not Proposal.objects.exists()


def test_the_service_refuses_a_fourth_image_and_a_missing_description(with_images):
    images = [NewImage(upload(), f"Bild {n}") for n in range(1, 5)]
    images[1] = NewImage(upload(), " ")
    before = stored_files()

    with pytest.raises(InvalidInput) as refused:
        services.submit_proposal(participant(UserFactory()), with_images, **TEXT, images=images)

    fields = [error["field"] for error in refused.value.errors]
    assert fields == ["alt_2", "image_4"]
    assert not Proposal.objects.exists()
    assert stored_files() == before


def _with_images(collection, count):
    proposal = make_proposal(collection)
    new = [uploads.NewImage(upload(), f"Bild {n}") for n in range(1, count + 1)]
    files, errors = uploads.clean_uploads(collection, images=new)
    assert not errors
    files.write()
    uploads.record(proposal, files)
    return proposal


def test_a_fourth_image_is_refused_when_editing(client, with_images):
    proposal = _with_images(with_images, 3)
    client.force_login(proposal.author)
    before = stored_files()

    response = edit(client, proposal, image_1=upload(), alt_1="Noch eins")

    assert response.status_code == 400
    assert "Ein Vorschlag kann höchstens 3 Bilder haben." in response.content.decode()
    assert proposal.images.count() == 3
    assert stored_files() == before


def test_removing_one_and_adding_one_keeps_three_in_order(
    client, with_images, django_capture_on_commit_callbacks
):
    proposal = _with_images(with_images, 3)
    first = proposal.images.get(position=1)
    client.force_login(proposal.author)

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            client, proposal, remove_images=[first.pk], image_1=upload(), alt_1="Neues Bild"
        )

    assert response.status_code == 302
    assert [(image.position, image.alt_text) for image in proposal.images.all()] == [
        (1, "Bild 2"),
        (2, "Bild 3"),
        (3, "Neues Bild"),
    ]
    assert first.file.name not in stored_files()
    assert len([name for name in stored_files() if name.startswith("bilder/")]) == 3


def test_the_edit_form_shows_the_images_with_a_way_to_remove_them(client, with_images):
    proposal = _with_images(with_images, 1)
    client.force_login(proposal.author)

    html = client.get(reverse("ideen:edit", args=(proposal.pk,))).content.decode()

    image = proposal.images.get()
    assert f'src="/ideen/vorschlag/{proposal.pk}/bild/{image.pk}/"' in html
    assert 'name="remove_images"' in html
    assert 'alt="Bild 1"' in html


def test_no_image_changes_once_someone_supports(client, with_images):
    proposal = _with_images(with_images, 1)
    Support.objects.create(proposal=proposal, user=UserFactory())
    Proposal.objects.filter(pk=proposal.pk).update(support_count=1)
    client.force_login(proposal.author)
    before = stored_files()

    response = edit(
        client, proposal, remove_images=[proposal.images.get().pk], image_2=upload(), alt_2="Neu"
    )

    assert response.status_code == 409
    assert proposal.images.count() == 1
    assert stored_files() == before


def test_replacing_and_removing_the_attachment(
    client, with_images, django_capture_on_commit_callbacks
):
    proposal = make_proposal(with_images)
    client.force_login(proposal.author)
    edit(client, proposal, attachment=upload("a.pdf", pdf_bytes(), "application/pdf"))
    proposal.refresh_from_db()
    old = proposal.attachment.name

    with django_capture_on_commit_callbacks(execute=True):
        edit(client, proposal, attachment=upload("b.pdf", pdf_bytes(b"%neu\n"), "application/pdf"))
    proposal.refresh_from_db()
    assert proposal.attachment.name != old
    assert old not in stored_files()

    with django_capture_on_commit_callbacks(execute=True):
        edit(client, proposal, remove_attachment="on")
    proposal.refresh_from_db()
    assert not proposal.attachment
    assert not [name for name in stored_files() if name.startswith("anhaenge/")]


def test_deleting_a_proposal_deletes_its_files(with_images, django_capture_on_commit_callbacks):
    proposal = _with_images(with_images, 2)
    names = [image.file.name for image in proposal.images.all()]
    assert set(names) <= set(stored_files())

    with django_capture_on_commit_callbacks(execute=True):
        with_images.delete()  # the collection, and with it the proposal

    assert not set(names) & set(stored_files())


def test_images_added_in_between_are_refused_before_the_position_constraint(with_images):
    """Another edit filled the slots after this one was checked: a refusal, not a crash."""
    proposal = _with_images(with_images, 3)
    late, errors = uploads.clean_uploads(with_images, images=[NewImage(upload(), "Spät")])
    assert not errors  # checked as if there were room
    late.write()

    with pytest.raises(InvalidInput) as refused:
        uploads.record(proposal, late)

    assert refused.value.code == "too_many_images"
    assert proposal.images.count() == 3
