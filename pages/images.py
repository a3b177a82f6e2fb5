"""All renditions a page shows, in one query.

Each ``{% image %}`` tag otherwise looks its rendition up on its own (in the
cache, then the database). ``prefetch_renditions`` loads the renditions of
every image given (hero images, cards, the images of a stream's image
blocks) at once; Wagtail's ``get_rendition`` then finds them on the image
and stores any missing one as it does now.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects


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
    # The same image twice (e.g. hero and body) shares the loaded renditions.
    for image in images:
        if image is not None and image is not unique[image.pk]:
            image._prefetched_objects_cache = unique[image.pk]._prefetched_objects_cache
