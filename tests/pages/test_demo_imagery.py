"""The demo's illustrations: drawn by demo/imagery, licensed in their metadata, described
by alt texts, and replaced in an existing database when the committed file changes."""

import io

import pytest
from PIL import Image

from demo.imagery.canvas import Canvas
from demo.imagery.metadata import ARTIST, COPYRIGHT, DATA, DESCRIPTION, entries
from demo.imagery.scenes import SCENES
from demo.loader.media import ensure_image

IMAGES = entries()


def exif_text(value) -> str:
    """Pillow reads EXIF ASCII as Latin-1; the generator writes UTF-8 (as exiftool reads it)."""
    return value.encode("latin-1").decode("utf-8") if isinstance(value, str) else value.decode()


def test_every_demo_image_has_a_scene_of_its_own():
    assert set(SCENES) == set(IMAGES)
    assert len(set(SCENES.values())) == len(SCENES)


@pytest.mark.parametrize("key", sorted(SCENES))
def test_each_scene_draws_a_16_to_9_picture(key):
    canvas = Canvas(scale=1)
    SCENES[key](canvas)
    picture = canvas.finish()
    assert picture.size == (1600, 900)
    colours = picture.getcolors(maxcolors=1_000_000) or ()
    assert len(colours) > 40  # an illustration, not a flat fill


@pytest.mark.parametrize("key", sorted(IMAGES))
def test_committed_files_are_light_jpegs_with_their_licence_in_the_metadata(key):
    entry = IMAGES[key]
    content = (DATA / "images" / entry["file"]).read_bytes()
    picture = Image.open(io.BytesIO(content))
    assert picture.format == "JPEG"
    assert picture.size == (1600, 900)
    assert len(content) < 125_000
    exif = picture.getexif()
    assert exif_text(exif[ARTIST]) == entry["artist"]
    assert exif_text(exif[COPYRIGHT]) == entry["credit"]
    assert exif_text(exif[DESCRIPTION]) == entry["description"]
    xmp = picture.info["xmp"].decode()
    assert entry["licence_url"] in xmp
    assert "CC0 1.0" in xmp


def test_alt_texts_describe_what_each_illustration_shows():
    descriptions = [entry["description"] for entry in IMAGES.values()]
    assert len(set(descriptions)) == len(descriptions)
    for text in descriptions:
        assert text.startswith("Illustration: ")
        assert 80 <= len(text) <= 300, text
        assert "Hügel" not in text  # the flat placeholder landscapes are gone


@pytest.mark.django_db
def test_a_changed_committed_file_replaces_the_stored_one(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = IMAGES["schule"]
    picture = ensure_image(entry)
    committed_hash, stored_name = picture.file_hash, picture.file.name
    picture.get_rendition("fill-64x36")

    assert ensure_image(entry).file.name == stored_name  # unchanged: kept as it is

    picture.file_hash = "an-older-drawing"
    picture.save()
    replaced = ensure_image(entry)
    assert replaced.pk == picture.pk
    assert replaced.file_hash == committed_hash
    assert not replaced.renditions.exists()
