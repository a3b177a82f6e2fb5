"""A changed picture is caught, an identical or faintly different one passes."""

import io

import pytest
from PIL import Image, ImageDraw
from pixelmatch.contrib.PIL import pixelmatch

from tests.browser.visual import compare
from tests.browser.visual.compare import MAX_DIFF_RATIO, check_screenshot

SIZE = (320, 200)


def picture(
    text: str = "Mitreden in Jena", box_colour: str = "#0b4f8f", box_top: int = 120
) -> Image.Image:
    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, box_top, 140, box_top + 50), fill=box_colour)
    draw.text((20, 30), text, fill="black")
    return image


def png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


@pytest.fixture
def folders(tmp_path, monkeypatch):
    monkeypatch.delenv("UPDATE_SCREENSHOTS", raising=False)
    references, artifacts = tmp_path / "reference", tmp_path / "artifacts"
    references.mkdir()
    (references / "page-1280.png").write_bytes(compare.optimised_png(picture()))
    return references, artifacts


def check(image, folders, name="page-1280"):
    references, artifacts = folders
    return check_screenshot(png(image), name, references, artifacts)


def test_an_identical_picture_passes(folders):
    assert check(picture(), folders) == ""
    assert not folders[1].exists()


def test_a_changed_colour_fails_with_the_share_of_differing_pixels(folders):
    problem = check(picture(box_colour="#b00020"), folders)
    # The box: 121 x 51 pixels of 64,000.
    assert "page-1280: 9.64% of the pixels differ (6171 of 64000; at most 0.20% allowed)" in problem
    assert "make update-screenshots" in problem
    artifacts = folders[1]
    assert sorted(path.name for path in artifacts.iterdir()) == [
        "page-1280-actual.png",
        "page-1280-diff.png",
    ]
    with Image.open(artifacts / "page-1280-diff.png") as diff:
        assert diff.getpixel((80, 145))[:3] == (255, 0, 0)  # in the box: red
        assert diff.getpixel((300, 10))[:3] != (255, 0, 0)  # elsewhere: not


def test_a_moved_element_fails(folders):
    # Four pixels lower (a changed margin): its top and bottom edges, 2 x 4 x 121 pixels.
    problem = check(picture(box_top=124), folders)
    assert problem.startswith("page-1280: 1.51% of the pixels differ (968 of 64000;"), problem


def test_a_changed_word_is_seen_but_may_stay_within_the_tolerance(folders):
    # A few letters of an 11-pixel font in a small picture: counted, below 0.2 % of it.
    changed = compare.compare(picture(text="Mitreden in Gera"), picture())
    assert 0 < changed.differing < MAX_DIFF_RATIO * changed.total


def test_a_few_pixels_within_the_tolerance_pass(folders):
    # Two pixels of 64,000 (0.003 %), well below MAX_DIFF_RATIO.
    image = picture()
    image.putpixel((300, 10), (0, 0, 0))
    image.putpixel((300, 190), (0, 0, 0))
    assert compare.compare(image, picture()).differing == 2
    assert check(image, folders) == ""


def test_a_faint_colour_change_below_the_threshold_passes(folders):
    # One step in each channel: far below pixelmatch's per-pixel threshold of 0.1.
    image = picture(box_colour="#0c508f")
    assert compare.compare(image, picture()).differing == 0
    assert check(image, folders) == ""


def test_another_size_fails(folders):
    problem = check(picture().resize((320, 240)), folders)
    assert "size 320x240 instead of 320x200" in problem


def test_a_missing_reference_fails_and_says_how_to_create_it(folders):
    problem = check(picture(), folders, name="new-390")
    assert problem == (
        "new-390: no reference image new-390.png; create it with `make update-screenshots`"
    )
    assert not (folders[0] / "new-390.png").exists()


def test_updating_writes_missing_and_changed_references_only(folders, monkeypatch):
    monkeypatch.setenv("UPDATE_SCREENSHOTS", "1")
    references = folders[0]
    unchanged = (references / "page-1280.png").stat().st_mtime_ns
    assert check(picture(), folders) == ""
    assert (references / "page-1280.png").stat().st_mtime_ns == unchanged

    assert check(picture(), folders, name="new-390") == ""
    assert (references / "new-390.png").exists()

    assert check(picture(box_colour="#b00020"), folders) == ""
    monkeypatch.delenv("UPDATE_SCREENSHOTS")
    assert check(picture(box_colour="#b00020"), folders) == ""
    assert check(picture(), folders) != ""


def test_looking_only_around_the_change_counts_as_pixelmatch_on_the_whole_picture():
    # The text one pixel to the right: anti-aliased edges, judged by their neighbours.
    reference = picture()
    moved = reference.copy()
    moved.paste(reference.crop((18, 28, 140, 45)), (19, 28))
    whole = pixelmatch(reference, moved, threshold=compare.THRESHOLD)
    assert whole > 0
    assert compare.compare(moved, reference).differing == whole
