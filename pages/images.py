"""All renditions a page shows, in one query.

Each ``{% image %}`` tag otherwise looks its rendition up on its own (in the
cache, then the database). ``prefetch_renditions`` loads the renditions of
every image given (hero images, cards, the images of a stream's image
blocks) at once; Wagtail's ``get_rendition`` then finds them on the image
and stores any missing one as it does now.

Wagtail's ``get_rendition`` also writes every rendition it hands out to the
cache, one Redis SET per image and request (ten on a project page with ten
images), even when the rendition came from the prefetched ones. For the
images prefetched here a found rendition is handed out as it is; only a
missing one goes the usual way (created, stored, cached).
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import prefetch_related_objects
from wagtail.images.models import Filter


def stream_images(stream_value, block_type: str = "image") -> list:
    """The images of a stream's top-level image blocks (loads them together, one query)."""
    images = []
    for block in stream_value or []:
        if block.block_type == block_type:
            image = block.value.get("image")
            if image is not None:
                images.append(image)
    return images


def prefetch_renditions(images) -> None:
    """Loads the renditions of all ``images`` (None skipped, duplicates once) in one query."""
    unique = {image.pk: image for image in images if image is not None}
    pending = [
        image
        for image in unique.values()
        if "renditions" not in getattr(image, "_prefetched_objects_cache", {})
    ]
    if pending:
        prefetch_related_objects(pending, "renditions")
        for image in pending:
            _answer_from_prefetched(image)
    # The same image twice (e.g. hero and body) shares the loaded renditions.
    for image in images:
        if image is not None and image is not unique[image.pk]:
            image._prefetched_objects_cache = unique[image.pk]._prefetched_objects_cache
            _answer_from_prefetched(image)


class _FromPrefetched:
    """``image.get_rendition`` without the cache write for a rendition that was prefetched.

    Anything else (a rendition to create) goes Wagtail's way. Pickled with
    the image (a rendition in the cache carries its image), it is rebuilt
    around the unpickled image.
    """

    def __init__(self, image):
        self.image = image

    def __call__(self, filter):
        image = self.image
        if isinstance(filter, str | Filter):
            wanted = Filter(spec=filter) if isinstance(filter, str) else filter
            try:
                return image.find_existing_rendition(image.clean_filter_for_svg(wanted))
            except ObjectDoesNotExist:
                pass
        return type(image).get_rendition(image, filter)

    def __reduce__(self):
        return (_FromPrefetched, (self.image,))


def _answer_from_prefetched(image) -> None:
    image.get_rendition = _FromPrefetched(image)
