"""Image processing: format by content, limits, orientation, and no metadata in the stored file."""

import io

import pytest
from PIL import Image, ImageCms

from proposals.attachments import AttachmentRefused, clean_attachment
from proposals.images import ImageRefused, clean_image
from tests.proposals.media_helpers import (
    CAMERA,
    ORIENTATION_ROTATE_90,
    XMP,
    bomb_png,
    image_bytes,
    pdf_bytes,
    upload,
)

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def opened(clean) -> Image.Image:
    return Image.open(io.BytesIO(clean.content))


@pytest.mark.parametrize(
    ("fmt", "extension", "content_type"),
    [("JPEG", "jpg", "image/jpeg"), ("PNG", "png", "image/png"), ("WEBP", "webp", "image/webp")],
)
def test_exif_gps_xmp_and_icc_are_gone_from_the_new_file(fmt, extension, content_type):
    original = image_bytes(fmt)
    assert CAMERA.encode() in original  # the test's file does carry them

    clean = clean_image(upload(content=original))

    image = opened(clean)
    assert (clean.extension, clean.content_type, image.format) == (extension, content_type, fmt)
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(0x8825) == {}
    assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
    for trace in (CAMERA.encode(), b"Exif", XMP, b"GeheimerOrt", b"2026:05:01"):
        assert trace not in clean.content


def test_a_colour_profile_is_applied_and_dropped():
    original = image_bytes("JPEG", color=(10, 200, 10), icc_profile=SRGB)
    assert "icc_profile" in Image.open(io.BytesIO(original)).info

    clean = clean_image(upload(content=original))

    assert "icc_profile" not in opened(clean).info
    red, green, blue = opened(clean).getpixel((5, 5))
    assert green > 150 and red < 60 and blue < 60


@pytest.mark.parametrize("with_profile", [False, True])
def test_the_exif_orientation_is_applied_before_it_is_dropped(with_profile):
    options = {"icc_profile": SRGB} if with_profile else {}
    original = image_bytes(size=(80, 40), orientation=ORIENTATION_ROTATE_90, **options)

    clean = clean_image(upload(content=original))

    assert (clean.width, clean.height) == (40, 80)
    assert opened(clean).size == (40, 80)


def test_the_format_is_read_from_the_content_not_the_name_or_type():
    text = b"<html><script>alert(1)</script></html>"

    with pytest.raises(ImageRefused) as refused:
        clean_image(upload("foto.jpg", text, "image/jpeg"))

    assert refused.value.code == "image_format"


def test_a_png_named_jpg_is_stored_as_what_it_is():
    clean = clean_image(upload("foto.jpg", image_bytes("PNG"), "image/jpeg"))

    assert (clean.extension, clean.content_type) == ("png", "image/png")


def test_other_real_image_formats_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")

    with pytest.raises(ImageRefused) as refused:
        clean_image(upload("bild.png", buffer.getvalue(), "image/png"))

    assert refused.value.code == "image_format"


def test_a_damaged_image_is_refused():
    truncated = image_bytes(size=(300, 300))[:400]

    with pytest.raises(ImageRefused) as refused:
        clean_image(upload(content=truncated))

    assert refused.value.code == "image_format"


def test_an_oversized_file_is_refused_before_it_is_opened(settings):
    settings.PROPOSALS_IMAGE_MAX_BYTES = 1000
    content = image_bytes(size=(400, 400), quality=100)
    assert len(content) > 1000

    with pytest.raises(ImageRefused) as refused:
        clean_image(upload(content=content))

    assert refused.value.code == "image_too_large"


def test_a_decompression_bomb_is_refused_before_decoding(settings):
    settings.PROPOSALS_IMAGE_MAX_PIXELS = 40_000_000
    bomb = bomb_png(12_000)  # 144 megapixels in a few kilobytes
    assert len(bomb) < 100_000

    with pytest.raises(ImageRefused) as refused:
        clean_image(upload("bombe.png", bomb, "image/png"))

    assert refused.value.code == "image_too_many_pixels"
    assert "Megapixel" in refused.value.message


def test_a_large_image_is_scaled_down_to_the_longest_edge(settings):
    settings.PROPOSALS_IMAGE_MAX_EDGE = 100

    clean = clean_image(upload(content=image_bytes(size=(400, 200))))

    assert (clean.width, clean.height) == (100, 50)


def test_a_pdf_is_recognised_by_its_content():
    pdf = upload("plan.pdf", pdf_bytes(), "application/pdf")

    assert clean_attachment(pdf) is pdf


@pytest.mark.parametrize(
    "content",
    [
        image_bytes(),  # an image named .pdf
        b"MZ\x90\x00" + b"\x00" * 100,  # a program
        b"%PDF-1.4\n1 0 obj << >> endobj\n",  # no end marker: cut off
        b"<html>%PDF-1.4 %%EOF</html>",
    ],
)
def test_anything_else_named_pdf_is_refused(content):
    with pytest.raises(AttachmentRefused) as refused:
        clean_attachment(upload("plan.pdf", content, "application/pdf"))

    assert refused.value.code == "attachment_format"


def test_an_oversized_pdf_is_refused(settings):
    settings.PROPOSALS_ATTACHMENT_MAX_BYTES = 100

    with pytest.raises(AttachmentRefused) as refused:
        clean_attachment(upload("plan.pdf", pdf_bytes(b"x" * 200), "application/pdf"))

    assert refused.value.code == "attachment_too_large"
