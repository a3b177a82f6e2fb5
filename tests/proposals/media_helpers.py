"""Real image and PDF files for the upload tests: JPEGs with EXIF and GPS, PNGs, fakes."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from proposals.storage import proposal_storage

CAMERA = "KameraHersteller"
GPS_LATITUDE = (50.0, 55.0, 30.21)  # Jena, about 50°55' N
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GeheimerOrt</x:xmpmeta>'
ORIENTATION_ROTATE_90 = 6  # the camera was held upright: show the image turned


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = CAMERA  # Make
    exif[0x0132] = "2026:05:01 10:00:00"  # DateTime
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "E"
    gps[4] = (11.0, 35.0, 0.0)
    return exif


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30), orientation=1, **options):
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    if fmt in ("JPEG", "WEBP"):
        options.setdefault("xmp", XMP)
    image.save(buffer, fmt, exif=exif_with_gps(orientation).tobytes(), **options)
    return buffer.getvalue()


def upload(name="foto.jpg", content=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes() if content is None else content, content_type)


def pdf_bytes(body: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + body
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def bomb_png(side=12_000) -> bytes:
    """A few kilobytes that would decode to ``side`` x ``side`` pixels."""
    image = Image.new("1", (side, side), 0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def stored_files() -> list[str]:
    root = Path(proposal_storage().location)
    if not root.is_dir():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
