"""Scenes in the town: market square, evening townscape, cycling street, Saale valley."""

from . import buildings, figures, nature, street
from .canvas import Canvas, hill, mix, seeded, shade


def sky(c: Canvas, bottom, top="#cfe8ee", low="#f4f1e4") -> None:
    c.vgradient(0, bottom, [(0, top), (1, low)])


def marktplatz(c: Canvas) -> None:
    """Holzmarkt: gabled houses, town hall tower, tram, market stalls and people."""
    rng = seeded("marktplatz")
    sky(c, 600)
    nature.cloud(c, 300, 150, 220)
    nature.cloud(c, 1180, 110, 170)
    hill(c, rng, 430, 40, mix("sage", "#cfe8ee", 0.55))
    buildings.jentower(c, 1290, 470, 70, 330)
    c.haze(0, 480, "#e6f0ec", 0.25)
    ground = 575
    fronts = [
        ("#f3dcc0", "brick"),
        ("#e9b9a5", "terracotta"),
        ("#f4e6b8", "brick"),
        ("#cfdccb", "terracotta"),
        ("#f1c9a0", "brick"),
        ("#e6d6c9", "terracotta"),
        ("#f3dcc0", "brick"),
        ("#d9e3e6", "terracotta"),
    ]
    x = -40
    for i, (wall, roof) in enumerate(fronts):
        w = 150 + (i * 37) % 50
        h = 190 + (i * 53) % 60
        if i == 2:
            buildings.tower(c, x + 20, ground - h, 70, 110, wall="#efe0c2", roof="teal")
        buildings.house(
            c,
            x,
            ground,
            w,
            h,
            wall,
            roof,
            cols=3,
            rows=2,
            kind="front",
            roof_h=95 + (i % 3) * 14,
            door=None,
            depth=0.0,
        )
        buildings.shopfront(c, x, ground, w, ("coral", "teal", "ochre", "forest", "plum")[i % 5])
        x += w
    c.rect(0, ground, 1600, 900, "#e3d7c3")
    c.shadow = shade("#e3d7c3", 0.85)
    for row in range(8):
        y = ground + 12 + row * (row + 4) * 4.2
        c.rect(0, y, 1600, y + 1.5, shade("#e3d7c3", 0.93))
    street.tram(c, 560, 640, 560, stripe="coral")
    c.rect(0, 640, 1600, 646, shade("#e3d7c3", 0.8))
    for tx in (40, 1570):
        nature.tree(c, tx, 700, 230, "green")
        c.rect(tx - 40, 680, tx + 40, 712, "#b9a98f")
    stall_seller = [
        lambda sx, sy, s=s, t=t: figures.person(c, sx, sy + 20, 120, t, skin=s, hair=s + 1)
        for s, t in ((0, "teal"), (2, "ochre"), (1, "coral"), (3, "forest"))
    ]
    stall_x = (130, 390, 1090, 1350)
    awnings = ("coral", "teal", "ochre", "forest")
    goods = (
        ("coral", "olive", "ochre"),
        ("yellow", "coral", "sage"),
        ("plum", "olive", "coral"),
        ("ochre", "yellow", "olive"),
    )
    for i, sx in enumerate(stall_x):
        street.stall(c, sx, 790 - (i % 2) * 20, 230, awnings[i], goods[i], stall_seller[i])
    walkers = [
        (110, 880, "coral", 0, 0.6, 1, "ochre"),
        (420, 860, "navy", 2, 0.2, -1, None),
        (760, 880, "olive", 1, 0.7, 1, "teal"),
        (800, 870, "plum", 4, 0.0, -1, None),
        (1120, 885, "teal", 3, 0.5, 1, None),
        (1480, 860, "ochre", 0, 0.3, -1, "coral"),
    ]
    for i, (wx, wy, top, skin, stride, facing, bag) in enumerate(walkers):
        figures.person(
            c,
            wx,
            wy,
            150 - i % 3 * 8,
            top,
            skin=skin,
            hair=i,
            stride=stride,
            facing=facing,
            bag=bag,
        )
    figures.person(c, 830, 880, 90, "yellow", skin=4, hair=2, stride=0.5, child=True)


def saaletal(c: Canvas) -> None:
    """The Saale valley: limestone hills, the town with its tower, the river and a bridge."""
    rng = seeded("saaletal")
    sky(c, 560, "#bfe0ea", "#f6efdc")
    nature.sun(c, 330, 170, 60, "#f8dc7a", "#fbe9a8")
    nature.cloud(c, 760, 120, 240)
    nature.cloud(c, 1330, 180, 180)
    c.dy = -90  # the home page's wide hero shows rows 290 to 610: the valley goes up there
    hill(c, rng, 360, 55, mix("sage", "#bfe0ea", 0.5), waves=4)
    mid = hill(c, rng, 430, 35, mix("green", "#bfe0ea", 0.35), waves=3)
    for x, y in mid[::6]:
        nature.tree(
            c, x + rng.uniform(-10, 10), y + 26, 46, mix("forest", "#bfe0ea", 0.3), kind="conifer"
        )
    c.haze(0, 470, "#e9f2ee", 0.22)
    town = 540
    c.rect(0, town - 10, 1600, 620, mix("sage", "white", 0.2))
    buildings.jentower(c, 1010, town - 10, 58, 300)
    walls = ("#f3dcc0", "#e9b9a5", "#f4e6b8", "#e6d6c9", "#d9e3e6", "#f1c9a0")
    x = 380
    for i in range(14):
        w, h = 56 + (i * 23) % 40, 60 + (i * 31) % 50
        if i == 4:
            buildings.tower(c, x, town - 20, 36, 120, wall="#efe0c2", roof="teal")
        buildings.house(
            c,
            x,
            town + (i % 3) * 14,
            w,
            h,
            walls[i % 6],
            ("terracotta", "brick")[i % 2],
            cols=2,
            rows=2,
            door=None,
            roof_h=h * 0.5,
        )
        x += w * 0.85
    for i in range(9):
        nature.tree(c, 40 + i * 40 + rng.uniform(0, 20), 585, 80 + rng.uniform(0, 30), "green")
        nature.tree(c, 1240 + i * 42 + rng.uniform(0, 20), 590, 80 + rng.uniform(0, 30), "forest")
    c.rect(0, 590, 1600, 1000, "#9cc58e")
    c.shadow = shade("#9cc58e", 0.85)
    left = [(0, 640), (300, 648), (700, 652), (1100, 660), (1600, 672)]
    right = [(0, 706), (300, 712), (700, 716), (1100, 726), (1600, 742)]
    nature.river(c, left, right, "#4f98a6")
    c.poly([(0, 628), (1600, 652), (1600, 672), (0, 640)], "#cfe0b5")
    c.poly([(0, 706), (1600, 742), (1600, 760), (0, 718)], "#cfe0b5")
    street.bridge(c, 560, 940, 630, 716, arches=4)
    street.tram(c, 620, 612, 260, stripe="coral")
    nature.flowers(c, rng, 0, 1600, 760, 990, 110)
    c.poly([(0, 780), (1600, 806), (1600, 842), (0, 814)], "#e9d9b8")
    figures.cyclist(c, 330, 812, 74, "coral", skin=1, hair=2, helmet="teal")
    figures.cyclist(c, 470, 815, 70, "teal", skin=3, hair=0, facing=-1, helmet="ochre")
    figures.person(c, 1130, 830, 110, "ochre", skin=0, hair=4, stride=0.5)
    figures.person(c, 1180, 832, 100, "plum", skin=2, hair=1, stride=0.3)
    for i, tx in enumerate((60, 190, 760, 1480)):
        nature.tree(c, tx, 975 - i % 2 * 20, 230 + i % 2 * 30, ("green", "forest", "olive")[i % 3])
    nature.bush(c, 1000, 940, 120, "green")
    figures.person(c, 560, 985, 130, "teal", skin=3, hair=0, stride=0.4)
    figures.person(c, 640, 990, 90, "coral", skin=3, hair=2, stride=0.6, child=True)
    street.bench(c, 1240, 800, 90)


def street_row(c: Canvas, rng, ground, walls, roofs, lit=False, x=-30, scale=1.0) -> None:
    """A row of town houses along a street, some with shops on the ground floor."""
    i = 0
    while x < c.width + 20:
        w = (160 + rng.choice((0, 20, 40, 60))) * scale
        h = (200 + rng.choice((0, 30, 60))) * scale
        lights = {(col, row) for col in range(3) for row in range(2) if lit and rng.random() < 0.55}
        buildings.house(
            c,
            x,
            ground,
            w,
            h,
            walls[i % len(walls)],
            roofs[i % len(roofs)],
            cols=3,
            rows=2,
            kind=("gable", "front", "gable", "flat")[i % 4],
            lit=lights,
            door=None if i % 2 else "brick",
        )
        if i % 2:
            buildings.shopfront(c, x, ground, w, ("coral", "teal", "ochre")[i % 3])
        x += w * 1.12
        i += 1


def radweg(c: Canvas) -> None:
    """A protected cycle lane between a row of trees and the pavement; cyclists, walkers."""
    rng = seeded("radweg")
    sky(c, 520, "#cde6ee", "#fbf0dc")
    nature.cloud(c, 420, 110, 200)
    nature.cloud(c, 1240, 150, 240)
    street_row(
        c,
        rng,
        500,
        ("#f3dcc0", "#d9e3e6", "#e9b9a5", "#f4e6b8", "#cfdccb"),
        ("terracotta", "brick"),
    )
    c.rect(0, 500, 1600, 548, "#ddd5c6")  # pavement
    c.shadow = shade("#ddd5c6", 0.85)
    for x in range(0, 1600, 60):
        c.rect(x, 500, x + 1.5, 548, shade("#ddd5c6", 0.92))
    c.rect(0, 548, 1600, 580, "#8fbf7f")  # the row of street trees
    c.shadow = shade("#8fbf7f", 0.8)
    for i, tx in enumerate(range(60, 1700, 330)):
        nature.tree(
            c,
            tx + rng.uniform(-20, 20),
            568,
            330 + rng.uniform(-20, 20),
            ("green", "forest")[i % 2],
        )
    c.shadow = shade("#ddd5c6", 0.85)
    for i, (px, top) in enumerate(((200, "teal"), (250, "coral"), (830, "ochre"), (1560, "plum"))):
        figures.person(
            c,
            px,
            546,
            116,
            top,
            skin=i + 1,
            hair=i + 2,
            stride=0.5 * (i % 2),
            facing=(1, -1)[i % 2],
            bag=("coral", None)[i % 2],
        )
    street.bench(c, 1000, 546, 100)
    street.bike_rack(c, 1120, 546, 4, bikes=((0, "teal"), (2, "coral")))
    c.rect(0, 580, 1600, 590, "#c9c1b2")  # kerb
    c.rect(0, 590, 1600, 700, "#c8614c")  # the red cycle lane
    c.shadow = shade("#c8614c", 0.82)
    for x in (250, 880, 1450):  # painted bicycle symbols
        c.ring(x - 24, 655, 14, "white", 3)
        c.ring(x + 24, 655, 14, "white", 3)
        c.line([(x - 24, 655), (x - 4, 635), (x + 14, 635), (x + 24, 655)], "white", 3)
        c.line([(x - 4, 635), (x, 655)], "white", 3)
    nature.stripes(c, 0, 694, 1600, 698, "white", 40, 24)
    figures.cyclist(c, 480, 682, 112, "teal", skin=0, hair=1, helmet="coral")
    figures.cyclist(c, 650, 676, 100, "ochre", skin=2, hair=3)
    figures.cyclist(c, 1160, 684, 114, "navy", skin=3, hair=0, facing=-1, helmet="yellow")
    c.rect(0, 700, 1600, 740, "#8fbf7f")  # a planted strip between cycle lane and road
    for i, bx in enumerate(range(60, 1700, 180)):
        nature.bush(c, bx + rng.uniform(-20, 20), 736, 64, ("olive", "green")[i % 2])
    nature.flowers(c, rng, 0, 1600, 706, 738, 40)
    c.rect(0, 740, 1600, 900, "#6b7380")  # the road
    nature.stripes(c, 30, 872, 1600, 878, "#e9e4d8", 120, 60)
    street.tram(c, 520, 846, 640, stripe="coral")


def abendstimmung(c: Canvas) -> None:
    """Evening in town: a dusk sky, lit windows, street lamps, a tram, people on a square."""
    rng = seeded("abendstimmung")
    c.vgradient(0, 560, [(0, "#2c3560"), (0.45, "#6d4f7a"), (0.8, "#d9826a"), (1, "#f2c27b")])
    for _ in range(40):
        c.circle(rng.uniform(0, 1600), rng.uniform(10, 200), rng.uniform(1, 2.2), "#f5efe0")
    nature.sun(c, 1150, 470, 70, "#f7c873", "#f9d89a")
    hill(c, rng, 430, 40, "#8a5f7e")
    hill(c, rng, 470, 25, "#6e4c6d")
    buildings.jentower(c, 1320, 520, 64, 330, colour="#5b4a6e")
    for i in range(3, 32, 2):
        y = 520 - 330 + i * 330 / 34
        c.rect(1324, y, 1380, y + 3, "#ffd98a")
    walls = ("#7c5a78", "#6a5173", "#8a6277", "#5f4c6e")
    street_row(c, rng, 600, walls, ("#4a3a5c", "#553f60"), lit=True, x=-60, scale=0.95)
    buildings.tower(c, 560, 420, 70, 150, wall="#7f6681", roof="#3f5a6e")
    c.rect(0, 600, 1600, 900, "#5a4e6b")
    c.shadow = shade("#5a4e6b", 0.8)
    c.vgradient(600, 900, [(0, "#6a5a78"), (1, "#3f3a55")])
    for x in (160, 620, 1080, 1520):
        street.lamp(c, x, 690, 220, colour="#2c2c44", lit=True)
    street.tram(c, 760, 680, 560, body="#e9e2d6", stripe="coral", lit=True)
    people = (
        (120, 860, "coral"),
        (300, 840, "teal"),
        (360, 850, "ochre"),
        (880, 880, "yellow"),
        (1000, 865, "sage"),
        (1420, 870, "rose"),
    )
    for i, (px, py, top) in enumerate(people):
        figures.person(
            c,
            px,
            py,
            150,
            top,
            "#2f3350",
            skin=i,
            hair=i + 1,
            stride=(0.5, 0.0)[i % 2],
            facing=(1, -1)[i % 2],
        )
    street.bench(c, 1150, 800, 130, colour="#6b4a3c")
    figures.person(c, 1120, 840, 140, "olive", "#2f3350", skin=2, hair=0)
    figures.person(c, 1310, 845, 144, "coral", "#2f3350", skin=4, hair=3, facing=-1)
    for tx in (40, 1580):
        nature.tree(c, tx, 760, 300, "#3f5e5a")
