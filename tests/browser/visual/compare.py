"""Screenshots compared with committed reference images (pixelmatch, with a tolerance).

``check_screenshot(png, name)`` compares a screenshot (PNG bytes) with
``reference/<name>.png``. Two tolerances, both needed for screenshots that
the same browser renders on another machine or after a font update:

- ``THRESHOLD`` (0.1, pixelmatch's default): how far apart two colours of one
  pixel may be (in pixelmatch's perceptual YIQ metric, 0 to 1) before the pixel
  counts as different; pixels that differ only by anti-aliasing at the edges of
  text and shapes are detected and never counted.
- ``MAX_DIFF_RATIO`` (0.2 %): how many differing pixels a page may have, in
  all. 0.2 % of a 1280x900 screen is 2,304 pixels, about two short words or a
  48-pixel square: rounding noise stays below it; a changed colour, font,
  spacing or a missing element (which moves everything below it) is far above.

Identical pixels are the usual case and cost one comparison in Pillow (10 ms).
pixelmatch is pure Python (2 to 10 s of CPU for a 1280x900 screenshot that
differs everywhere), so it only looks at the box around the differing pixels,
with a margin of two pixels so that its anti-aliasing detection sees the same
neighbours as in the whole image: the count is the same as for the whole image.

A mismatch writes the screenshot and a diff image (differing pixels red,
anti-aliasing yellow) to ``.test-artifacts/visual/``. With
``UPDATE_SCREENSHOTS=1`` (``make update-screenshots``) the screenshot replaces
its reference instead, if pixelmatch finds any differing pixel, so a second
run changes nothing.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops
from pixelmatch.contrib.PIL import pixelmatch

HERE = Path(__file__).resolve().parent
REFERENCES = HERE / "reference"
ARTIFACTS = HERE.parents[2] / ".test-artifacts" / "visual"
THRESHOLD = 0.1
MAX_DIFF_RATIO = 0.002
# pixelmatch's anti-aliasing check looks at neighbours of neighbours.
MARGIN = 2
REFRESH = "make update-screenshots"


def updating() -> bool:
    return os.environ.get("UPDATE_SCREENSHOTS", "") not in ("", "0")


@dataclass(frozen=True)
class Comparison:
    differing: int
    total: int
    diff: Image.Image | None = None
    size_mismatch: str = ""

    @property
    def ratio(self) -> float:
        return self.differing / self.total if self.total else 0.0

    @property
    def ok(self) -> bool:
        return not self.size_mismatch and self.ratio <= MAX_DIFF_RATIO


def compare(actual: Image.Image, reference: Image.Image) -> Comparison:
    """Counts the pixels of ``actual`` that differ from ``reference`` (pixelmatch, THRESHOLD)."""
    actual, reference = actual.convert("RGBA"), reference.convert("RGBA")
    width, height = reference.size
    if actual.size != reference.size:
        return Comparison(
            width * height,
            width * height,
            size_mismatch=f"{actual.size[0]}x{actual.size[1]} instead of {width}x{height}",
        )
    box = ImageChops.difference(actual, reference).getbbox(alpha_only=False)
    if box is None:
        return Comparison(0, width * height)
    left, top, right, bottom = box
    box = (max(left - MARGIN, 0), max(top - MARGIN, 0))
    box += (min(right + MARGIN, width), min(bottom + MARGIN, height))
    part = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]))
    differing = pixelmatch(reference.crop(box), actual.crop(box), part, threshold=THRESHOLD)
    diff = Image.blend(reference, Image.new("RGBA", reference.size, "white"), 0.8)
    diff.paste(part, box[:2])
    return Comparison(differing, width * height, diff)


def optimised_png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.convert("RGB").save(output, format="PNG", optimize=True)
    return output.getvalue()


def check_screenshot(
    png: bytes, name: str, references: Path = REFERENCES, artifacts: Path = ARTIFACTS
) -> str:
    """Compares a screenshot with its reference; returns a problem ("" if it matches).

    When updating (UPDATE_SCREENSHOTS=1), writes the reference instead if it is
    missing or differs, and returns "".
    """
    actual = Image.open(io.BytesIO(png))
    reference_path = references / f"{name}.png"
    if not reference_path.exists():
        if updating():
            references.mkdir(parents=True, exist_ok=True)
            reference_path.write_bytes(optimised_png(actual))
            return ""
        return f"{name}: no reference image {reference_path.name}; create it with `{REFRESH}`"
    with Image.open(reference_path) as stored:
        result = compare(actual, stored)
    if updating():
        if result.differing:
            reference_path.write_bytes(optimised_png(actual))
        return ""
    if result.ok:
        return ""
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / f"{name}-actual.png").write_bytes(optimised_png(actual))
    if result.size_mismatch:
        what = f"size {result.size_mismatch}"
    else:
        result.diff.convert("RGB").save(artifacts / f"{name}-diff.png")
        what = (
            f"{result.ratio:.2%} of the pixels differ ({result.differing} of {result.total}; "
            f"at most {MAX_DIFF_RATIO:.2%} allowed)"
        )
    return (
        f"{name}: {what}. Screenshot and diff in {artifacts}/; "
        f"if the change is intended, refresh the references with `{REFRESH}`"
    )
