"""A supersampled Pillow canvas in logical pixels, and the shared palette.

Scenes draw in a 1600 x 900 coordinate space; the canvas draws ``scale`` times larger
and shrinks the result with Lanczos at the end, which gives the flat shapes smooth
edges (Pillow's polygons are not antialiased).
"""

import itertools
import math
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 900

# One palette for all scenes: a city office's flat illustration style.
PALETTE = {
    "ink": "#24324a",
    "navy": "#2f4468",
    "teal": "#2f7f86",
    "sage": "#8fb996",
    "green": "#5c9a6b",
    "forest": "#3d7556",
    "olive": "#a7b865",
    "sand": "#efd9b0",
    "cream": "#fbf3e4",
    "ochre": "#e4a94f",
    "coral": "#e46f5c",
    "terracotta": "#c4583f",
    "brick": "#a9483a",
    "rose": "#f2b8a8",
    "sky": "#bfe0ea",
    "skylight": "#e8f4f1",
    "stone": "#d9d2c5",
    "grey": "#9aa3ad",
    "asphalt": "#6b7380",
    "white": "#ffffff",
    "plum": "#6d4f7a",
    "lilac": "#b9a3c9",
    "yellow": "#f6d264",
}

Point = tuple[float, float]


def seeded(name: str) -> random.Random:
    """The scene's own random numbers: the same name draws the same picture."""
    return random.Random(name)  # noqa: S311 - placing trees and flowers, not secrets


def rgb(colour) -> tuple[int, int, int]:
    if isinstance(colour, tuple):
        return colour[:3]
    colour = PALETTE.get(colour, colour).lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(first, second, share: float) -> tuple[int, int, int]:
    """``share`` of ``second`` in ``first`` (0: first, 1: second)."""
    a, b = rgb(first), rgb(second)
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def shade(colour, factor: float) -> tuple[int, int, int]:
    """Darker below 1, lighter above 1 (towards white)."""
    if factor <= 1:
        return mix(colour, (18, 24, 40), 1 - factor)
    return mix(colour, (255, 255, 255), factor - 1)


class Canvas:
    def __init__(self, width: int = WIDTH, height: int = HEIGHT, scale: int = 3):
        self.width, self.height, self.scale = width, height, scale
        self.image = Image.new("RGB", (width * scale, height * scale), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.shadow = rgb("#8a919b")  # the colour of shadows on the current ground
        self.dy = 0.0  # shifts what is drawn next up (negative) or down

    def _xy(self, points) -> list[tuple[float, float]]:
        return [(x * self.scale, (y + self.dy) * self.scale) for x, y in points]

    def poly(self, points, fill) -> None:
        self.draw.polygon(self._xy(points), fill=rgb(fill))

    def rect(self, x0, y0, x1, y1, fill, radius: float = 0) -> None:
        box = self._xy([(min(x0, x1), min(y0, y1)), (max(x0, x1), max(y0, y1))])
        if radius:
            self.draw.rounded_rectangle(box, radius * self.scale, fill=rgb(fill))
        else:
            self.draw.rectangle(box, fill=rgb(fill))

    def ellipse(self, cx, cy, rx, ry, fill) -> None:
        self.draw.ellipse(self._xy([(cx - rx, cy - ry), (cx + rx, cy + ry)]), fill=rgb(fill))

    def circle(self, cx, cy, r, fill) -> None:
        self.ellipse(cx, cy, r, r, fill)

    def ring(self, cx, cy, r, colour, width) -> None:
        box = self._xy([(cx - r, cy - r), (cx + r, cy + r)])
        self.draw.ellipse(box, outline=rgb(colour), width=max(1, round(width * self.scale)))

    def pieslice(self, cx, cy, r, start, end, fill) -> None:
        box = self._xy([(cx - r, cy - r), (cx + r, cy + r)])
        self.draw.pieslice(box, start, end, fill=rgb(fill))

    def line(self, points, colour, width: float) -> None:
        w = max(1, round(width * self.scale))
        self.draw.line(self._xy(points), fill=rgb(colour), width=w, joint="curve")
        for x, y in (points[0], points[-1]):
            self.circle(x, y, width / 2, colour)

    def vgradient(self, y0, y1, stops) -> None:
        """Horizontal bands from ``y0`` to ``y1``; ``stops`` are (position 0..1, colour)."""
        top, bottom = round(y0 * self.scale), round(y1 * self.scale)
        for row in range(top, bottom):
            t = (row - top) / max(1, bottom - top - 1)
            for (p0, c0), (p1, c1) in itertools.pairwise(stops):
                if p0 <= t <= p1:
                    colour = mix(c0, c1, (t - p0) / max(1e-6, p1 - p0))
                    break
            self.draw.line([(0, row), (self.image.width, row)], fill=colour)

    def glow(self, cx, cy, r, colour, rings: int = 5, strength: float = 0.18) -> None:
        """Soft halo (a sun, a street lamp): translucent discs, larger ones fainter."""
        layer = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for ring in range(rings, 0, -1):
            radius = r * (1 + ring * 0.45) * self.scale
            alpha = round(255 * strength / ring)
            box = [(cx * self.scale - radius, cy * self.scale - radius)]
            box.append((cx * self.scale + radius, cy * self.scale + radius))
            draw.ellipse(box, fill=(*rgb(colour), alpha))
        self.image.paste(layer, (0, 0), layer)

    def haze(self, y0, y1, colour, alpha: float) -> None:
        """Aerial perspective: veils what is drawn between y0 and y1 with ``colour``."""
        box = tuple(round(v * self.scale) for v in (0, y0, self.width, y1))
        region = self.image.crop(box)
        veil = Image.new("RGB", region.size, rgb(colour))
        self.image.paste(Image.blend(region, veil, alpha), box[:2])

    def finish(self) -> Image.Image:
        return self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)


def ridge(rng, x0, x1, base, amplitude, waves: int = 3, step: float = 8) -> list[Point]:
    """A smooth deterministic skyline of hills: a sum of sines with seeded phases."""
    phases = [(rng.uniform(0, math.tau), rng.uniform(0.6, 1.4)) for _ in range(waves)]
    points = []
    x = x0
    while x <= x1 + step:
        y = base
        for index, (phase, weight) in enumerate(phases, start=1):
            y -= amplitude * weight / index * math.sin(x / (x1 - x0) * math.pi * index + phase)
        points.append((x, y))
        x += step
    return points


def hill(
    canvas: Canvas, rng, base, amplitude, colour, waves: int = 3, bottom=HEIGHT
) -> list[Point]:
    top = ridge(rng, -20, canvas.width + 20, base, amplitude, waves)
    canvas.poly([*top, (canvas.width + 20, bottom), (-20, bottom)], colour)
    return top
