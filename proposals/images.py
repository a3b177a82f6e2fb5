"""Proposals' images: checked by their content, written anew without any metadata.

An upload is opened with Pillow whatever its name or declared type says;
only JPEG, PNG and WebP pass. The pixel count is checked before decoding (a
small file can unpack to gigabytes: a decompression bomb). The image is
turned by its EXIF orientation, converted to sRGB if it carries a colour
profile, scaled down to the longest edge allowed and then written from its
pixels alone: no EXIF (camera, time, GPS position), XMP, IPTC, ICC profile
or comment survives. The stored file gets a random name (``proposals.storage``).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

# Pillow's name -> (file extension, Content-Type, the modes it is written in).
FORMATS = {
    "JPEG": ("jpg", "image/jpeg", ("L", "RGB")),
    "PNG": ("png", "image/png", ("L", "LA", "RGB", "RGBA")),
    "WEBP": ("webp", "image/webp", ("RGB", "RGBA")),
}
ACCEPT = ",".join(content_type for _ext, content_type, _modes in FORMATS.values())
QUALITY = 85


class ImageRefused(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    content_type: str
    width: int
    height: int


def megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):.0f}"


def _too_large() -> ImageRefused:
    message = _("The image is too large: at most %(limit)s MB, please.") % {
        "limit": megabytes(settings.PROPOSALS_IMAGE_MAX_BYTES)
    }
    return ImageRefused(message, "image_too_large")


def _not_an_image() -> ImageRefused:
    return ImageRefused(
        _("This file is not a JPEG, PNG or WebP image (or it is damaged)."), "image_format"
    )


def _too_many_pixels() -> ImageRefused:
    message = _("The image has too many pixels: at most %(limit)s megapixels, please.") % {
        "limit": f"{settings.PROPOSALS_IMAGE_MAX_PIXELS / 1_000_000:.0f}"
    }
    return ImageRefused(message, "image_too_many_pixels")


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    return size


def _opened(upload) -> Image.Image:
    """The decoded image, its format found by content; refused before decoding if too big."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=tuple(FORMATS))
            width, height = image.size
            if width * height > settings.PROPOSALS_IMAGE_MAX_PIXELS:
                raise _too_many_pixels()
            image.load()
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    # Decoders of untrusted files fail in many ways (OSError, SyntaxError, ValueError, ...).
    except Exception:
        raise _not_an_image() from None
    return image


def _in_srgb(image: Image.Image) -> Image.Image:
    """The pixels in sRGB, so that dropping the colour profile keeps the colours."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _in_mode(image: Image.Image, modes: tuple[str, ...]) -> Image.Image:
    if image.mode in modes:
        return image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if has_alpha and "RGBA" in modes:
        return image.convert("RGBA")
    if image.mode in ("1", "I", "I;16", "F") and "L" in modes:
        return image.convert("L")
    return image.convert("RGB")


def clean_image(upload) -> CleanImage:
    """The upload as a new file of the same format without metadata, or ``ImageRefused``."""
    if _size_of(upload) > settings.PROPOSALS_IMAGE_MAX_BYTES:
        raise _too_large()
    image = _opened(upload)
    image_format = image.format
    extension, content_type, modes = FORMATS[image_format]
    try:
        image = ImageOps.exif_transpose(image)  # before anything drops the EXIF
        image = _in_srgb(image)
        image = _in_mode(image, modes)
        edge = settings.PROPOSALS_IMAGE_MAX_EDGE
        if max(image.size) > edge:
            image.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        # A new image from the pixels alone: nothing of the upload's info comes along.
        pixels = Image.frombytes(image.mode, image.size, image.tobytes())
        output = io.BytesIO()
        if image_format == "PNG":
            pixels.save(output, "PNG", optimize=True)
        else:
            pixels.save(output, image_format, quality=QUALITY)
    except Exception:
        raise _not_an_image() from None
    return CleanImage(output.getvalue(), extension, content_type, *pixels.size)
