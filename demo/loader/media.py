"""Images and documents (demo/data/media.yaml), stored from the committed files."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from .data import media_bytes, read
from .reference import Refs

MEDIA = read("media")


def load_media(refs: Refs) -> None:
    for key, data in MEDIA["images"].items():
        refs.images[key] = ensure_image(data)
    for key, data in MEDIA["documents"].items():
        refs.documents[key] = ensure_document(data)


def ensure_image(data: dict):
    """Finds the image by title; stores its file only if it is missing."""
    image_model = get_image_model()
    picture = image_model.objects.filter(title=data["title"]).first()
    if picture is None:
        content = media_bytes("images", data["file"])
        picture = image_model(
            title=data["title"],
            file=ImageFile(io.BytesIO(content), name=data["file"]),
            file_size=len(content),
            file_hash=hash_filelike(io.BytesIO(content)),
        )
    picture.description = data["description"]
    picture.save()
    return picture


def ensure_document(data: dict):
    """Finds the document by title; stores its file only if it is missing."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=data["title"]).first()
    if existing:
        return existing
    content = media_bytes("documents", data["file"])
    return document_model.objects.create(
        title=data["title"],
        file=ContentFile(content, name=data["file"]),
        file_size=len(content),
        file_hash=hash_filelike(io.BytesIO(content)),
    )
