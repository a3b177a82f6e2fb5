"""Green scenes: playground, urban greenery and climate, school."""

from . import buildings, figures, nature, street
from .canvas import Canvas, hill, mix, seeded, shade
from .scenes_town import sky


def spielplatz(c: Canvas) -> None:
    """A playground between renovated prefab blocks (Lobeda): slide, swings, children."""
    rng = seeded("spielplatz")
    sky(c, 520, "#c3e3ee", "#f4f3e2")
    nature.sun(c, 1380, 120, 48, "#f8dc7a", "#fbe9a8")
    nature.cloud(c, 520, 130, 220)
    hill(c, rng, 380, 50, mix("sage", "#c3e3ee", 0.5))
    buildings.prefab(c, 60, 470, 430, 300, accent="ochre")
    buildings.prefab(c, 620, 470, 300, 380, wall="#e3ebe6", accent="teal")
    buildings.prefab(c, 1060, 470, 480, 260, wall="#f1e3d3", accent="coral")
    c.rect(0, 470, 1600, 900, "#9cc58e")
    c.shadow = shade("#9cc58e", 0.82)
    for i, tx in enumerate(range(20, 1650, 110)):
        nature.tree(
            c,
            tx + rng.uniform(-20, 20),
            520 + i % 2 * 12,
            160 + rng.uniform(0, 50),
            ("green", "forest", "olive")[i % 3],
            kind=("round", "poplar")[i % 5 == 0],
        )
    c.ellipse(800, 760, 760, 140, "#e8d4a8")  # the play area's sand-coloured surface
    c.shadow = shade("#e8d4a8", 0.85)
    street.swing(c, 180, 760, 170, seats=("coral", "teal"))
    street.slide(c, 560, 760, 130)
    street.climbing_frame(c, 1010, 760, 130)
    street.sandbox(c, 1260, 860, 200)
    figures.person(c, 267, 740, 80, "yellow", skin=1, hair=2, child=True)
    figures.person(c, 660, 640, 80, "coral", skin=3, hair=0, child=True)
    figures.person(c, 820, 790, 86, "teal", skin=0, hair=4, stride=0.6, child=True)
    figures.person(c, 1370, 830, 72, "plum", skin=2, hair=1, child=True)
    figures.person(c, 1150, 820, 150, "navy", "#3b4d6b", skin=4, hair=5, facing=-1)
    street.bench(c, 40, 870, 110)
    figures.person(c, 190, 870, 140, "ochre", skin=2, hair=3, bag="teal")
    nature.bush(c, 1540, 880, 120, "green")
    nature.flowers(c, rng, 0, 1600, 560, 640, 50)
    nature.grass_tufts(c, rng, 0, 1600, 840, 900, 50, shade("#9cc58e", 0.8))


def stadtgruen(c: Canvas) -> None:
    """Green streets against the heat: street trees, a tram on a lawn track, solar roofs,
    neighbours planting a young tree."""
    rng = seeded("stadtgruen")
    sky(c, 520, "#bfe3e4", "#f3f6e6")
    nature.cloud(c, 300, 120, 220)
    nature.cloud(c, 1100, 90, 180)
    c.dy = -55  # the project page's 2:1 hero crops rows 50 to 850: the planting goes up there
    hill(c, rng, 390, 45, mix("green", "#bfe3e4", 0.45))
    walls = ("#f3dcc0", "#d9e3e6", "#f4e6b8", "#cfdccb", "#e9b9a5")
    x = -20
    for i in range(8):
        w, h = 190 + i % 3 * 20, 210 + (i * 37) % 50
        buildings.house(
            c,
            x,
            500,
            w,
            h,
            walls[i % 5],
            ("terracotta", "brick")[i % 2],
            cols=3,
            rows=2,
            kind="gable",
            door=("brick", "teal")[i % 2],
        )
        if i % 2 == 0:
            buildings.solar(c, x + w * 0.22, 500 - h - h * 0.38, x + w * 0.72, 500 - h - h * 0.1)
        else:
            c.rect(x + w * 0.15, 500 - h - 8, x + w * 0.85, 500 - h, "olive")
            nature.bush(c, x + w * 0.1, 500 - h * 0.32, 40, "green")  # a facade planter
        x += w * 1.12
    c.rect(0, 500, 1600, 560, "#ddd5c6")
    c.rect(0, 560, 1600, 690, "#a9cf8f")  # the tram's lawn track
    c.rect(0, 620, 1600, 626, "#8a919b")
    c.rect(0, 650, 1600, 656, "#8a919b")
    street.tram(c, 420, 650, 600, stripe="teal")
    c.rect(0, 690, 1600, 1000, "#9cc58e")
    c.shadow = shade("#9cc58e", 0.8)
    c.poly([(0, 760), (1600, 740), (1600, 790), (0, 812)], "#e9d9b8")  # path
    for i, tx in enumerate((90, 420, 1200, 1520)):
        nature.tree(c, tx, 740 + i % 2 * 10, 330 + rng.uniform(-20, 30), ("green", "forest")[i % 2])
    figures.cyclist(c, 300, 800, 96, "coral", skin=2, hair=1, helmet="teal")
    # neighbours planting a young tree with a stake and a watering can
    c.ellipse(820, 870, 90, 16, "#7a5a43")
    c.line([(790, 870), (790, 690)], "#b9875e", 5)
    nature.tree(c, 820, 866, 190, "olive")
    c.line([(790, 760), (812, 764)], "#b9875e", 3)
    figures.person(c, 700, 880, 150, "teal", skin=0, hair=2, facing=1, stride=0.2)
    c.line([(714, 820), (760, 876)], "#8a5a3c", 5)
    c.rect(744, 868, 780, 882, "asphalt")
    figures.person(c, 950, 880, 146, "ochre", skin=3, hair=0, facing=-1)
    c.rect(978, 828, 1004, 852, "teal", radius=3)
    c.line([(978, 832), (958, 822)], "teal", 4)
    figures.person(c, 1030, 885, 90, "coral", skin=4, hair=3, child=True, facing=-1)
    nature.flowers(c, rng, 0, 1600, 890, 960, 60, ("coral", "yellow", "white", "lilac"))
    nature.grass_tufts(c, rng, 0, 1600, 700, 740, 40, shade("#9cc58e", 0.8))


def schule(c: Canvas) -> None:
    """A school in the morning: the building, a bike rack, pupils with rucksacks."""
    rng = seeded("schule")
    sky(c, 560, "#c9e2f0", "#f7efe0")
    nature.sun(c, 230, 140, 52, "#f8dc7a", "#fbe9a8")
    nature.cloud(c, 1150, 120, 240)
    hill(c, rng, 420, 40, mix("sage", "#c9e2f0", 0.5))
    for tx in (120, 260, 1380, 1500):
        nature.tree(
            c, tx, 560, 220 + rng.uniform(0, 40), "forest", kind=("round", "poplar")[tx % 3 == 0]
        )
    buildings.school(c, 300, 590, 1000, 250, lit={(1, 1), (2, 1), (6, 0), (7, 0)})
    c.rect(0, 590, 1600, 900, "#e3d7c3")
    c.shadow = shade("#e3d7c3", 0.85)
    for row in range(6):
        y = 600 + row * (row + 4) * 6
        c.rect(0, y, 1600, y + 1.5, shade("#e3d7c3", 0.93))
    for i in range(8):  # hopscotch chalked on the schoolyard
        x0 = 170 + i * 52
        c.rect(x0, 790 - (i % 3 == 1) * 26, x0 + 48, 836 - (i % 3 == 1) * 26, "#f7f1e6")
        c.rect(x0 + 4, 794 - (i % 3 == 1) * 26, x0 + 44, 832 - (i % 3 == 1) * 26, "#e3d7c3")
    street.bike_rack(c, 40, 690, 6, bikes=((0, "coral"), (1, "teal"), (3, "ochre"), (5, "plum")))
    c.rect(1330, 650, 1590, 700, "#9cc58e", radius=10)
    for tx in (1380, 1520):
        nature.tree(c, tx, 690, 210, "green")
    pupils = (
        (420, 820, "coral", "teal"),
        (520, 840, "yellow", "coral"),
        (640, 810, "teal", "ochre"),
        (900, 830, "plum", "yellow"),
        (1010, 850, "olive", "coral"),
        (1210, 860, "ochre", "navy"),
    )
    for i, (px, py, top, rucksack) in enumerate(pupils):
        c.rect(
            px - 20 * (1, -1)[i % 2] - 9,
            py - 70,
            px - 20 * (1, -1)[i % 2] + 9,
            py - 44,
            rucksack,
            radius=4,
        )
        figures.person(
            c,
            px,
            py,
            100,
            top,
            skin=i,
            hair=i + 2,
            stride=0.5 * (i % 2),
            facing=(1, -1)[i % 2],
            child=True,
        )
    figures.person(c, 760, 830, 150, "teal", "#3b4d6b", skin=2, hair=5, bag="ochre")
    figures.cyclist(c, 1420, 880, 100, "coral", skin=1, hair=3, facing=-1, helmet="yellow")
