"""Houses with windows and roofs, towers, prefab blocks and a school."""

from .canvas import Canvas, shade

WINDOW = "#3b4d6b"
LIT = "#ffd98a"


def windows(c: Canvas, x0, y0, x1, y1, cols, rows, frame, lit=(), glass=WINDOW, arched=False):
    """A grid of windows with frames and sills; ``lit`` holds (col, row) that glow."""
    cell_w, cell_h = (x1 - x0) / cols, (y1 - y0) / rows
    w, h = cell_w * 0.52, cell_h * 0.58
    for col in range(cols):
        for row in range(rows):
            cx = x0 + cell_w * (col + 0.5)
            top = y0 + cell_h * row + cell_h * 0.18
            pane = LIT if (col, row) in lit else glass
            c.rect(cx - w / 2 - 2, top - 2, cx + w / 2 + 2, top + h + 2, frame)
            c.rect(cx - w / 2, top, cx + w / 2, top + h, pane)
            if arched:
                c.pieslice(cx, top, w / 2 + 2, 180, 360, frame)
                c.pieslice(cx, top + 1, w / 2, 180, 360, pane)
            c.rect(cx - 1, top, cx + 1, top + h, frame)
            c.rect(cx - w / 2 - 4, top + h + 1, cx + w / 2 + 4, top + h + 5, shade(frame, 0.8))


def house(
    c: Canvas,
    x,
    ground,
    w,
    h,
    wall,
    roof="terracotta",
    *,
    cols=3,
    rows=2,
    roof_h=None,
    kind="gable",
    lit=(),
    door="brick",
    frame="cream",
    depth=0.12,
    glass=WINDOW,
):
    """A house seen slightly from the left: front wall, shaded side wall, roof, windows."""
    side = w * depth
    roof_h = h * 0.45 if roof_h is None else roof_h
    top = ground - h
    c.poly(
        [
            (x + w, top),
            (x + w + side, top - side * 0.5),
            (x + w + side, ground - side * 0.1),
            (x + w, ground),
        ],
        shade(wall, 0.78),
    )
    c.rect(x, top, x + w, ground, wall)
    if kind == "gable":  # ridge parallel to the street
        c.poly(
            [
                (x - 6, top),
                (x + w * 0.12, top - roof_h),
                (x + w * 0.88 + side, top - roof_h - side * 0.5),
                (x + w + side + 6, top - side * 0.5),
                (x + w + 6, top),
            ],
            roof,
        )
        c.poly(
            [(x - 6, top), (x + w + 6, top), (x + w + 2, top + 5), (x - 2, top + 5)],
            shade(roof, 0.7),
        )
        dormer = w * 0.16
        if w > 140:
            dx = x + w / 2 - dormer / 2
            c.rect(dx, top - roof_h * 0.62, dx + dormer, top - 2, wall)
            c.poly(
                [
                    (dx - 4, top - roof_h * 0.6),
                    (dx + dormer / 2, top - roof_h * 0.95),
                    (dx + dormer + 4, top - roof_h * 0.6),
                ],
                shade(roof, 0.85),
            )
            c.rect(dx + dormer * 0.25, top - roof_h * 0.5, dx + dormer * 0.75, top - 8, WINDOW)
    elif kind == "front":  # gable facing the street (market houses)
        c.poly([(x - 5, top + 2), (x + w / 2, top - roof_h), (x + w + 5, top + 2)], roof)
        c.poly(
            [
                (x + w / 2, top - roof_h),
                (x + w + side + 5, top - side * 0.5 + 2),
                (x + w + 5, top + 2),
            ],
            shade(roof, 0.8),
        )
        c.poly([(x + w * 0.2, top), (x + w / 2, top - roof_h * 0.7), (x + w * 0.8, top)], wall)
        c.circle(x + w / 2, top - roof_h * 0.3, w * 0.07, WINDOW)
    else:  # flat roof with a parapet
        c.rect(x - 4, top - 8, x + w + 4, top, shade(wall, 0.85))
        c.poly(
            [
                (x + w + 4, top - 8),
                (x + w + side + 4, top - side * 0.5 - 8),
                (x + w + side + 4, top - side * 0.5),
                (x + w + 4, top),
            ],
            shade(wall, 0.65),
        )
    bottom = ground - (h * 0.3 if door else h * 0.08)
    windows(c, x + w * 0.04, top + h * 0.06, x + w * 0.96, bottom, cols, rows, frame, lit, glass)
    if door:
        dw = min(w * 0.18, 44)
        dx = x + w / 2 - dw / 2
        c.rect(dx - 4, ground - h * 0.24 - 4, dx + dw + 4, ground, frame)
        c.rect(dx, ground - h * 0.24, dx + dw, ground, door)
        c.rect(dx - 8, ground - 5, dx + dw + 8, ground, shade(frame, 0.8))


def shopfront(c: Canvas, x, ground, w, awning, sign="cream") -> None:
    """A ground floor shop: big window, door and a striped awning."""
    c.rect(x + 6, ground - 70, x + w - 6, ground, shade(awning, 0.6))
    c.rect(x + 12, ground - 62, x + w * 0.62, ground - 6, "#4a6484")
    c.rect(x + w * 0.68, ground - 62, x + w - 14, ground, "#3b4d6b")
    c.rect(x + 6, ground - 96, x + w - 6, ground - 74, sign)
    stripe = (w - 12) / 8
    for i in range(8):
        colour = awning if i % 2 == 0 else "white"
        x0 = x + 6 + stripe * i
        c.poly(
            [
                (x0, ground - 74),
                (x0 + stripe, ground - 74),
                (x0 + stripe + 3, ground - 56),
                (x0 + 3, ground - 56),
            ],
            colour,
        )


def tower(c: Canvas, x, ground, w, h, wall="sand", roof="teal", clock=True) -> None:
    """A town hall or church tower with a pointed roof, a lantern and a clock."""
    c.rect(x, ground - h, x + w, ground, wall)
    c.rect(x + w * 0.78, ground - h, x + w, ground, shade(wall, 0.85))
    c.rect(x - 4, ground - h - 10, x + w + 4, ground - h, shade(wall, 0.8))
    c.poly(
        [(x - 2, ground - h - 10), (x + w / 2, ground - h - w * 1.6), (x + w + 2, ground - h - 10)],
        roof,
    )
    c.poly(
        [
            (x + w / 2, ground - h - w * 1.6),
            (x + w + 2, ground - h - 10),
            (x + w * 0.7, ground - h - 10),
        ],
        shade(roof, 0.8),
    )
    c.line([(x + w / 2, ground - h - w * 1.6), (x + w / 2, ground - h - w * 1.6 - 26)], "ink", 2.5)
    c.circle(x + w / 2, ground - h - w * 1.6 - 28, 4, "ochre")
    if clock:
        cy = ground - h + w * 0.55
        c.circle(x + w / 2, cy, w * 0.3, "cream")
        c.line([(x + w / 2, cy), (x + w / 2, cy - w * 0.2)], "ink", 3)
        c.line([(x + w / 2, cy), (x + w / 2 + w * 0.13, cy + w * 0.05)], "ink", 3)
    for row in range(3):
        y = ground - h * 0.62 + row * h * 0.18
        c.rect(x + w * 0.38, y, x + w * 0.62, y + h * 0.1, WINDOW)
        c.pieslice(x + w / 2, y, w * 0.12, 180, 360, WINDOW)


def jentower(c: Canvas, x, ground, w, h, colour="#b7c3cf") -> None:
    """Jena's round high-rise: a cylinder with window bands and an antenna mast."""
    c.rect(x, ground - h, x + w, ground, colour)
    c.rect(x + w * 0.62, ground - h, x + w, ground, shade(colour, 0.85))
    c.rect(x, ground - h, x + w * 0.18, ground, shade(colour, 1.12))
    band = h / 34
    for i in range(2, 33):
        y = ground - h + i * band
        c.rect(x + 2, y, x + w - 2, y + band * 0.45, shade(colour, 0.72))
    c.ellipse(x + w / 2, ground - h, w / 2, w * 0.12, shade(colour, 1.1))
    c.rect(x + w * 0.3, ground - h - h * 0.06, x + w * 0.7, ground - h, shade(colour, 0.9))
    c.line(
        [(x + w / 2, ground - h - h * 0.06), (x + w / 2, ground - h - h * 0.2)],
        shade(colour, 0.6),
        3,
    )


def prefab(c: Canvas, x, ground, w, h, wall="#e9e1d3", accent="ochre", lit=()) -> None:
    """A renovated prefab block (Plattenbau) with coloured balcony stacks."""
    floors = max(3, round(h / 38))
    cols = max(3, round(w / 46))
    house(
        c,
        x,
        ground,
        w,
        h,
        wall,
        kind="flat",
        cols=cols,
        rows=floors,
        door=None,
        frame=shade(wall, 0.9),
        depth=0.08,
        lit=lit,
    )
    floor_h = h / floors
    for col in range(1, cols, 3):
        bx = x + w * 0.04 + (w * 0.92) / cols * col
        for row in range(floors):
            y = ground - h + floor_h * (row + 0.72)
            c.rect(bx - 4, y, bx + (w * 0.92) / cols + 4, y + floor_h * 0.25, accent)
            c.rect(bx - 4, y, bx + (w * 0.92) / cols + 4, y + 3, shade(accent, 0.8))


def school(c: Canvas, x, ground, w, h, wall="#f1e3c6", roof="brick", lit=()) -> None:
    """A Gründerzeit school: long building, central risalit with gable and clock."""
    house(
        c,
        x,
        ground,
        w,
        h,
        wall,
        roof,
        cols=9,
        rows=3,
        kind="gable",
        roof_h=h * 0.32,
        door=None,
        frame="white",
        depth=0.06,
        lit=lit,
    )
    cx = x + w / 2
    rw = w * 0.22
    c.rect(cx - rw / 2, ground - h - 18, cx + rw / 2, ground, shade(wall, 0.93))
    c.poly(
        [
            (cx - rw / 2 - 8, ground - h - 16),
            (cx, ground - h - 18 - rw * 0.5),
            (cx + rw / 2 + 8, ground - h - 16),
        ],
        roof,
    )
    c.circle(cx, ground - h - rw * 0.2, rw * 0.13, "cream")
    c.line([(cx, ground - h - rw * 0.2), (cx, ground - h - rw * 0.3)], "ink", 2.5)
    c.line([(cx, ground - h - rw * 0.2), (cx + rw * 0.07, ground - h - rw * 0.18)], "ink", 2.5)
    windows(
        c,
        cx - rw / 2 + 6,
        ground - h + 4,
        cx + rw / 2 - 6,
        ground - h * 0.35,
        2,
        2,
        "white",
        arched=True,
    )
    c.rect(cx - 34, ground - h * 0.3, cx + 34, ground, "white")
    c.pieslice(cx, ground - h * 0.3, 34, 180, 360, "white")
    c.rect(cx - 26, ground - h * 0.3, cx + 26, ground, "teal")
    c.pieslice(cx, ground - h * 0.3, 26, 180, 360, "teal")
    c.rect(cx - 1.5, ground - h * 0.3 - 20, cx + 1.5, ground, shade("teal", 0.7))
    for step in range(3):
        c.rect(
            cx - 50 - step * 8,
            ground - 4 * (3 - step),
            cx + 50 + step * 8,
            ground - 4 * (2 - step),
            shade("stone", 1 - step * 0.05),
        )


def solar(c: Canvas, x0, y0, x1, y1, cols=4, rows=2) -> None:
    """Photovoltaic panels on a roof face: a dark blue grid with light joints."""
    c.rect(x0 - 2, y0 - 2, x1 + 2, y1 + 2, "#c9d3de")
    cw, ch = (x1 - x0) / cols, (y1 - y0) / rows
    for col in range(cols):
        for row in range(rows):
            c.rect(
                x0 + col * cw + 1,
                y0 + row * ch + 1,
                x0 + (col + 1) * cw - 1,
                y0 + (row + 1) * ch - 1,
                "#2d4a78",
            )
            c.line(
                [
                    (x0 + col * cw + 4, y0 + row * ch + 4),
                    (x0 + col * cw + cw * 0.4, y0 + row * ch + 4),
                ],
                "#5a7bb0",
                1.5,
            )
