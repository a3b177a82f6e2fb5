"""Trees, bushes, clouds, sun and water."""

from .canvas import Canvas, shade


def tree(c: Canvas, x, ground, height, crown="green", trunk="#7a5a43", kind="round") -> None:
    """A flat tree with a lit and a shaded side; ``kind``: round, poplar, conifer."""
    light, dark = shade(crown, 1.18), shade(crown, 0.82)
    c.ellipse(x, ground, height * 0.32, height * 0.05, c.shadow)
    c.rect(x - height * 0.035, ground - height * 0.5, x + height * 0.035, ground, trunk)
    if kind == "conifer":
        for tier in range(3):
            top = ground - height * (1 - tier * 0.22)
            half = height * (0.16 + tier * 0.07)
            base = top + height * 0.42
            c.poly([(x, top), (x + half, base), (x - half, base)], dark)
            c.poly([(x, top), (x, base), (x - half, base)], crown)
        return
    if kind == "poplar":
        c.ellipse(x, ground - height * 0.58, height * 0.17, height * 0.42, dark)
        c.ellipse(x - height * 0.03, ground - height * 0.6, height * 0.13, height * 0.38, crown)
        c.ellipse(x - height * 0.06, ground - height * 0.72, height * 0.05, height * 0.16, light)
        return
    r = height * 0.26
    cy = ground - height * 0.68
    c.circle(x + r * 0.45, cy + r * 0.25, r * 0.95, dark)
    c.circle(x - r * 0.5, cy + r * 0.3, r * 0.85, crown)
    c.circle(x, cy - r * 0.25, r, crown)
    c.circle(x - r * 0.35, cy - r * 0.45, r * 0.45, light)


def bush(c: Canvas, x, ground, width, colour="forest") -> None:
    r = width / 4
    c.circle(x - r, ground - r * 0.8, r * 1.1, shade(colour, 0.85))
    c.circle(x + r, ground - r * 0.8, r * 1.1, shade(colour, 0.85))
    c.circle(x, ground - r * 1.3, r * 1.3, colour)
    c.rect(x - 2 * r, ground - r * 0.8, x + 2 * r, ground, shade(colour, 0.85))
    c.circle(x - r * 0.4, ground - r * 1.8, r * 0.45, shade(colour, 1.15))


def cloud(c: Canvas, x, y, width, colour="white") -> None:
    r = width / 5
    c.ellipse(x, y, width / 2, r * 0.55, colour)
    c.circle(x - r * 1.1, y - r * 0.2, r * 0.8, colour)
    c.circle(x + r * 0.2, y - r * 0.7, r * 1.15, colour)
    c.circle(x + r * 1.3, y - r * 0.15, r * 0.75, colour)
    c.rect(x - width / 2, y - 1, x + width / 2, y + r * 0.55, colour)


def sun(c: Canvas, x, y, r, colour="yellow", glow=None) -> None:
    c.glow(x, y, r, glow or colour, rings=6, strength=0.22)
    c.circle(x, y, r, colour)


def river(c: Canvas, left, right, colour="teal", ripple=None) -> None:
    """``left`` and ``right`` are the banks as point lists from top to bottom."""
    c.poly([*left, *reversed(right)], colour)
    ripple = ripple or shade(colour, 1.25)
    for (lx, ly), (rx, _ry) in list(zip(left, right, strict=False))[1::2]:
        span = rx - lx
        c.line([(lx + span * 0.25, ly), (lx + span * 0.42, ly)], ripple, 2.5)
        c.line([(lx + span * 0.6, ly + 8), (lx + span * 0.7, ly + 8)], ripple, 2.5)


def flowers(c: Canvas, rng, x0, x1, y0, y1, count, colours=("coral", "yellow", "white")) -> None:
    for _ in range(count):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        c.circle(x, y, rng.uniform(2.5, 4), rng.choice(colours))


def grass_tufts(c: Canvas, rng, x0, x1, y0, y1, count, colour) -> None:
    for _ in range(count):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        c.line([(x, y), (x - 3, y - 9)], colour, 2)
        c.line([(x + 3, y), (x + 5, y - 8)], colour, 2)


def stripes(c: Canvas, x0, y0, x1, y1, colour, every, width) -> None:
    """Evenly spaced dashes along a horizontal band (a road marking)."""
    x = x0
    while x < x1:
        c.rect(x, y0, min(x + width, x1), y1, colour)
        x += every
