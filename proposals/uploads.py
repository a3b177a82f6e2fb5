"""A proposal's new images and attachment: checked, then written, then recorded, or none of it.

``clean_uploads`` checks every upload (``proposals.images``,
``proposals.attachments``) and the alternative texts, and gathers every
fault at once, each naming its form field (``image_1``, ``alt_1``, ...,
``attachment``). ``Uploads.write`` puts the files into the proposals'
storage before the database transaction; ``Uploads.discard`` takes them
away again if that transaction fails, so a refused or failed submission
leaves neither a row nor a file. The services (``proposals.services``) call
these; the form and later the API hand over plain file objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from participation.refusals import InvalidInput
from proposals.attachments import AttachmentRefused, clean_attachment
from proposals.images import CleanImage, ImageRefused, clean_image
from proposals.models import ALT_TEXT_MAX, IMAGES_PER_PROPOSAL, IdeaCollection, Proposal
from proposals.storage import delete_on_commit, proposal_storage, random_name


@dataclass(frozen=True)
class NewImage:
    """An uploaded image (any file object) with its alternative text."""

    file: object
    alt_text: str


@dataclass
class Uploads:
    # (form slot, cleaned image, alternative text)
    images: list[tuple[int, CleanImage, str]] = field(default_factory=list)
    attachment: object | None = None
    written_images: list[tuple[CleanImage, str, str]] = field(default_factory=list)
    written_attachment: str = ""

    def write(self) -> None:
        storage = proposal_storage()
        for _slot, image, alt_text in self.images:
            name = storage.save(random_name("bilder", image.extension), ContentFile(image.content))
            self.written_images.append((image, alt_text, name))
        if self.attachment is not None:
            self.written_attachment = storage.save(random_name("anhaenge", "pdf"), self.attachment)

    def discard(self) -> None:
        storage = proposal_storage()
        for name in [name for _image, _alt, name in self.written_images] + [
            self.written_attachment
        ]:
            if name:
                storage.delete(name)


def _too_many() -> str:
    return _("A proposal can have at most %(limit)d images.") % {"limit": IMAGES_PER_PROPOSAL}


def _alt_text(slot: int, value, errors: list) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:
        errors.append(
            {
                "field": f"alt_{slot}",
                "message": _("Please describe the image for people who cannot see it."),
            }
        )
    elif len(text) > ALT_TEXT_MAX:
        errors.append(
            {
                "field": f"alt_{slot}",
                "message": _("Please use at most %(limit)d characters.") % {"limit": ALT_TEXT_MAX},
            }
        )
    return text


def clean_uploads(
    collection: IdeaCollection,
    *,
    images: Sequence[NewImage | None] = (),
    attachment=None,
    kept_images: int = 0,
) -> tuple[Uploads, list[dict]]:
    """The checked uploads and the faults found; ``images`` are the form's slots (None: empty)."""
    uploads, errors = Uploads(), []
    slots = [(slot, new) for slot, new in enumerate(images, start=1) if new is not None]
    if slots and not collection.images_allowed:
        message = _("This idea collection does not take images.")
        errors.append({"field": f"image_{slots[0][0]}", "message": message})
        slots = []
    for count, (slot, new) in enumerate(slots, start=kept_images + 1):
        alt_text = _alt_text(slot, new.alt_text, errors)
        if count > IMAGES_PER_PROPOSAL:
            errors.append({"field": f"image_{slot}", "message": _too_many()})
            continue
        try:
            uploads.images.append((slot, clean_image(new.file), alt_text))
        except ImageRefused as refusal:
            errors.append({"field": f"image_{slot}", "message": refusal.message})
    if attachment is not None:
        if not collection.attachments_allowed:
            message = _("This idea collection does not take attachments.")
            errors.append({"field": "attachment", "message": message})
        else:
            try:
                uploads.attachment = clean_attachment(attachment)
            except AttachmentRefused as refusal:
                errors.append({"field": "attachment", "message": refusal.message})
    return uploads, errors


def record(
    proposal: Proposal,
    uploads: Uploads,
    *,
    remove_images: Iterable[int] = (),
    remove_attachment: bool = False,
) -> None:
    """In the proposal's transaction: the rows of the written files; removed files go on commit.

        Positions stay 1, 2, 3 without gaps, in the order the images came. More
    than three (another edit came in between the checks and the lock) is
    refused here, before a row breaks the position constraint.
    """
    removed = list(proposal.images.filter(pk__in=list(remove_images)))
    for image in removed:
        image.delete()  # its file goes on commit (proposals.storage)
    kept = list(proposal.images.order_by("position"))
    if len(kept) + len(uploads.written_images) > IMAGES_PER_PROPOSAL:  # an edit in between
        message = _too_many()
        raise InvalidInput(
            message, code="too_many_images", errors=[{"field": "image_1", "message": message}]
        )
    for position, image in enumerate(kept, start=1):
        if image.position != position:
            image.position = position
            image.save(update_fields=["position"])
    for position, (image, alt_text, name) in enumerate(uploads.written_images, len(kept) + 1):
        proposal.images.create(
            file=name,
            content_type=image.content_type,
            alt_text=alt_text,
            position=position,
            width=image.width,
            height=image.height,
        )
    if uploads.written_attachment or remove_attachment:
        delete_on_commit(proposal.attachment.name)
        proposal.attachment = uploads.written_attachment
        proposal.save(update_fields=["attachment", "updated_at"])
