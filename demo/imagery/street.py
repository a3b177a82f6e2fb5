"""Street furniture and the things a city builds: tram, lamps, benches, market stalls,
playground equipment, a stone bridge."""

from .buildings import LIT, WINDOW
from .canvas import Canvas, mix, shade


def tram(c: Canvas, x, ground, length, body="#f4f1ea", stripe="coral", lit=False) -> None:
    """A low-floor tram in three sections on its rails, with pantograph and wire."""
    h = length * 0.16
    top = ground - h - 10
    c.rect(x - 20, ground - 4, x + length + 20, ground, shade("asphalt", 0.8))
    c.rect(x, top, x + length, ground - 10, body, radius=h * 0.22)
    c.rect(x, ground - 26, x + length, ground - 10, shade(body, 0.85), radius=6)
    c.rect(x, top + h * 0.62, x + length, top + h * 0.72, stripe)
    sections = 3
    sw = length / sections
    for s in range(sections):
        sx = x + s * sw
        if s:
            c.rect(sx - 3, top + 4, sx + 3, ground - 12, shade(body, 0.75))
        for i in range(3):
            wx = sx + 14 + i * (sw - 28) / 3
            c.rect(
                wx,
                top + h * 0.14,
                wx + (sw - 28) / 3 - 8,
                top + h * 0.55,
                LIT if lit else WINDOW,
                radius=3,
            )
        c.rect(
            sx + sw * 0.42,
            top + h * 0.14,
            sx + sw * 0.58,
            ground - 14,
            shade(WINDOW, 1.15),
            radius=3,
        )
        for wheel in (sx + sw * 0.2, sx + sw * 0.8):
            c.circle(wheel, ground - 10, 9, "ink")
    c.rect(x + length - 12, top + h * 0.12, x + length - 2, top + h * 0.5, "#2b3a55", radius=3)
    mid = x + length / 2
    c.line([(mid - 24, top), (mid, top - 26), (mid + 18, top - 30)], "ink", 3)
    c.line([(mid + 8, top - 30), (mid + 28, top - 30)], "ink", 3)
    c.line([(x - 200, top - 30), (x + length + 200, top - 30)], shade("asphalt", 0.7), 1.5)


def lamp(c: Canvas, x, ground, height, colour="ink", lit=False) -> None:
    if lit:
        c.glow(x + height * 0.12, ground - height + 8, 12, LIT, rings=5, strength=0.3)
    c.line([(x, ground), (x, ground - height)], colour, 5)
    c.line([(x, ground - height), (x + height * 0.12, ground - height)], colour, 4)
    c.rect(
        x + height * 0.06,
        ground - height + 2,
        x + height * 0.18,
        ground - height + 12,
        LIT if lit else "cream",
        radius=4,
    )
    c.rect(x - 6, ground - 10, x + 6, ground, colour)


def bench(c: Canvas, x, ground, width, colour="#8a5a3c") -> None:
    c.rect(x, ground - 28, x + width, ground - 22, colour, radius=2)
    c.rect(x, ground - 46, x + width, ground - 40, colour, radius=2)
    c.rect(x, ground - 38, x + width, ground - 33, colour, radius=2)
    for leg in (x + 8, x + width - 12):
        c.rect(leg, ground - 46, leg + 4, ground, "ink")


def bike_rack(c: Canvas, x, ground, count, colour="asphalt", bikes=()) -> None:
    for i in range(count):
        bx = x + i * 40
        c.line(
            [(bx, ground), (bx, ground - 30), (bx + 22, ground - 30), (bx + 22, ground)],
            colour,
            3.5,
        )
    for i, frame in bikes:
        bx = x + i * 40 + 11
        for wheel in (bx - 24, bx + 24):
            c.ring(wheel, ground - 18, 17, "ink", 3)
        c.line(
            [
                (bx - 24, ground - 18),
                (bx - 4, ground - 18),
                (bx - 10, ground - 42),
                (bx - 24, ground - 18),
            ],
            frame,
            3.5,
        )
        c.line([(bx - 4, ground - 18), (bx + 14, ground - 40), (bx - 10, ground - 40)], frame, 3.5)
        c.line([(bx + 24, ground - 18), (bx + 14, ground - 44)], frame, 3.5)


def stall(
    c: Canvas, x, ground, width, awning, goods=("coral", "olive", "ochre"), seller=None
) -> None:
    """A market stall: striped awning on posts, a counter with crates of produce."""
    top = ground - width * 0.95
    c.rect(x + 6, top, x + 12, ground, shade("#8a5a3c", 0.9))
    c.rect(x + width - 12, top, x + width - 6, ground, shade("#8a5a3c", 0.8))
    c.rect(x + 4, top, x + width - 4, ground - width * 0.35, mix(shade(awning, 0.7), "cream", 0.45))
    if seller:
        seller(x + width / 2, ground - width * 0.32)
    stripes = 6
    sw = (width + 20) / stripes
    for i in range(stripes):
        x0 = x - 10 + i * sw
        colour = awning if i % 2 == 0 else "cream"
        c.poly(
            [(x0 + 10, top - 26), (x0 + sw + 10, top - 26), (x0 + sw, top + 12), (x0, top + 12)],
            colour,
        )
        c.pieslice(x0 + sw / 2, top + 12, sw / 2, 0, 180, colour)
    c.rect(x, ground - width * 0.36, x + width, ground, "#b9875e")
    c.rect(x, ground - width * 0.36, x + width, ground - width * 0.3, shade("#b9875e", 0.8))
    crate = width / len(goods)
    for i, colour in enumerate(goods):
        cx = x + crate * (i + 0.5)
        for j in range(4):
            c.circle(
                cx - crate * 0.24 + (j % 2) * crate * 0.22 + (j // 2) * crate * 0.11,
                ground - width * 0.38 - (j // 2) * 9,
                8,
                shade(colour, 0.9 + 0.1 * (j % 2)),
            )
        c.rect(
            cx - crate * 0.4,
            ground - width * 0.22,
            cx + crate * 0.4,
            ground - width * 0.1,
            "#d9b48a",
        )


def slide(c: Canvas, x, ground, h, colour="coral", frame="teal") -> None:
    c.line([(x, ground), (x, ground - h)], frame, 6)
    c.line([(x + 34, ground), (x + 34, ground - h)], frame, 6)
    for rung in range(1, 6):
        c.line([(x, ground - h * rung / 6), (x + 34, ground - h * rung / 6)], frame, 4)
    c.rect(x - 6, ground - h - 8, x + 56, ground - h, shade(frame, 0.85))
    c.line([(x + 20, ground - h - 34), (x + 20, ground - h - 8)], frame, 4)
    c.poly(
        [
            (x + 50, ground - h - 2),
            (x + 66, ground - h - 2),
            (x + 66 + h * 1.3, ground - 18),
            (x + 70 + h * 1.4, ground - 6),
            (x + 46 + h * 1.4, ground - 6),
            (x + 50 + h * 1.3, ground - 18),
        ],
        colour,
    )
    c.line([(x + 50, ground - h - 2), (x + 50 + h * 1.3, ground - 18)], shade(colour, 0.75), 4)
    c.poly(
        [(x + 28, ground - h - 60), (x + 54, ground - h - 44), (x + 28, ground - h - 30)], "yellow"
    )


def swing(c: Canvas, x, ground, h, frame="ochre", seats=("coral", "teal")) -> None:
    w = h * 1.2
    for leg in (x, x + w):
        c.line([(leg - h * 0.25, ground), (leg, ground - h), (leg + h * 0.25, ground)], frame, 6)
    c.line([(x - 6, ground - h), (x + w + 6, ground - h)], shade(frame, 0.85), 7)
    for i, colour in enumerate(seats):
        sx = x + w * (0.3 + 0.4 * i)
        c.line([(sx - 12, ground - h), (sx - 12, ground - h * 0.28)], "asphalt", 2)
        c.line([(sx + 12, ground - h), (sx + 12, ground - h * 0.28)], "asphalt", 2)
        c.rect(sx - 16, ground - h * 0.28, sx + 16, ground - h * 0.28 + 6, colour, radius=2)


def climbing_frame(c: Canvas, x, ground, w, colour="teal", rope="#8a5a3c") -> None:
    """A climbing tower with a roof and a rope net."""
    c.rect(x, ground - w * 0.9, x + 8, ground, colour)
    c.rect(x + w - 8, ground - w * 0.9, x + w, ground, colour)
    c.rect(x - 4, ground - w * 0.5, x + w + 4, ground - w * 0.45, shade(colour, 0.8))
    c.poly(
        [
            (x - 14, ground - w * 0.9),
            (x + w / 2, ground - w * 1.25),
            (x + w + 14, ground - w * 0.9),
        ],
        "coral",
    )
    for i in range(1, 5):
        c.line([(x + w + 6, ground - w * 0.47), (x + w + 6 + i * 22, ground)], rope, 3)
    for j in range(1, 4):
        c.line(
            [
                (x + w + 6, ground - w * 0.47 * (1 - j / 4)),
                (x + w + 6 + 88 * j / 4 + 4, ground - w * 0.47 * (1 - j / 4)),
            ],
            rope,
            3,
        )


def sandbox(c: Canvas, x, ground, w) -> None:
    c.poly(
        [(x, ground), (x + 30, ground - 40), (x + w + 30, ground - 40), (x + w, ground)], "#a0704d"
    )
    c.poly(
        [
            (x + 10, ground - 6),
            (x + 34, ground - 34),
            (x + w + 22, ground - 34),
            (x + w - 4, ground - 6),
        ],
        "sand",
    )
    c.poly(
        [(x + w * 0.4, ground - 22), (x + w * 0.5, ground - 32), (x + w * 0.6, ground - 22)],
        shade("sand", 0.9),
    )
    c.rect(x + w * 0.7, ground - 24, x + w * 0.7 + 14, ground - 14, "coral", radius=2)


def bridge(c: Canvas, x0, x1, deck, water, arches=4, stone="#d8c7a6") -> None:
    """An old stone bridge across a river: deck, parapet and arches down to the water."""
    c.rect(x0, deck - 18, x1, water, stone)
    c.rect(x0, deck - 30, x1, deck - 18, shade(stone, 0.9))
    c.rect(x0, deck - 4, x1, deck + 4, shade(stone, 0.8))
    span = (x1 - x0) / arches
    for i in range(arches):
        cx = x0 + span * (i + 0.5)
        r = span * 0.38
        c.pieslice(cx, deck + r * 0.9, r, 180, 360, shade(stone, 0.55))
        c.rect(cx - r, deck + r * 0.9 - 1, cx + r, water, shade(stone, 0.55))
        c.rect(cx - r - 6, deck + 10, cx - r, water, shade(stone, 0.85))
    for i in range(arches + 1):
        px = x0 + span * i
        c.rect(px - 6, deck - 34, px + 6, deck - 18, shade(stone, 0.8))
