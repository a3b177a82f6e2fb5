"""People as simple flat figures: walking, standing, on a bicycle."""

from .canvas import Canvas, shade

SKIN = ("#f1c7a5", "#d9a07c", "#a8704f", "#7a4e36", "#f5d6bf")
HAIR = ("#3a2a22", "#6b4a2f", "#d8b36a", "#2a2a2a", "#a34b2f", "#b9b9b9")


def person(
    c: Canvas,
    x,
    ground,
    height,
    top,
    bottom="navy",
    skin=0,
    hair=0,
    *,
    stride=0.0,
    facing=1,
    bag=None,
    child=False,
) -> None:
    """Head, torso, arms and legs; ``stride`` (0..1) spreads the legs of a walker."""
    head = height * (0.16 if child else 0.13)
    leg = height * (0.42 if not child else 0.38)
    hip = ground - leg
    shoulder = ground - height + head * 2.1
    body_w = height * 0.2
    spread = height * 0.12 * stride
    shoe = shade(bottom, 0.6)
    c.ellipse(x, ground, height * 0.16, height * 0.025, c.shadow)
    c.line(
        [(x - body_w * 0.2, hip), (x - body_w * 0.2 - spread, ground - 3)], bottom, body_w * 0.36
    )
    c.line(
        [(x + body_w * 0.2, hip), (x + body_w * 0.2 + spread, ground - 3)],
        shade(bottom, 0.85),
        body_w * 0.36,
    )
    c.rect(
        x - body_w * 0.2 - spread - 5,
        ground - 5,
        x - body_w * 0.2 - spread + 6 * facing,
        ground,
        shoe,
    )
    c.rect(
        x + body_w * 0.2 + spread - 5,
        ground - 5,
        x + body_w * 0.2 + spread + 6 * facing,
        ground,
        shoe,
    )
    c.rect(x - body_w / 2, shoulder, x + body_w / 2, hip + height * 0.03, top, radius=body_w * 0.35)
    arm = height * 0.3
    c.line(
        [(x - body_w * 0.42, shoulder + 5), (x - body_w * 0.5 - spread * 0.8, shoulder + arm)],
        shade(top, 0.85),
        body_w * 0.24,
    )
    c.line(
        [(x + body_w * 0.42, shoulder + 5), (x + body_w * 0.5 + spread * 0.6, shoulder + arm)],
        shade(top, 0.85),
        body_w * 0.24,
    )
    if bag:
        c.rect(
            x + body_w * 0.45 + spread * 0.6,
            shoulder + arm - 4,
            x + body_w * 1.15 + spread * 0.6,
            shoulder + arm + height * 0.12,
            bag,
            radius=3,
        )
    c.rect(
        x - head * 0.3, shoulder - head * 0.55, x + head * 0.3, shoulder + 2, SKIN[skin % len(SKIN)]
    )
    hy = shoulder - head * 1.05
    c.circle(x, hy, head, SKIN[skin % len(SKIN)])
    hair_colour = HAIR[hair % len(HAIR)]
    c.pieslice(x, hy, head * 1.06, 180, 360, hair_colour)
    c.circle(x - head * 0.55 * facing, hy - head * 0.05, head * 0.55, hair_colour)


def cyclist(c: Canvas, x, ground, size, top, bike="ink", skin=0, hair=0, *, facing=1, helmet=None):
    """A person riding a bicycle; ``x`` is the bicycle's centre, ``size`` its wheelbase."""
    r = size * 0.36
    back, front = x - size / 2 * facing, x + size / 2 * facing
    axle = ground - r
    c.ellipse(x, ground, size * 0.9, size * 0.05, c.shadow)
    for wheel in (back, front):
        c.ring(wheel, axle, r, bike, size * 0.05)
        c.circle(wheel, axle, size * 0.04, bike)
    crank = (x - size * 0.05 * facing, axle)
    seat = (x - size * 0.16 * facing, axle - size * 0.55)
    bar = (front - size * 0.1 * facing, axle - size * 0.62)
    c.line([(back, axle), crank, seat, (back, axle)], bike, size * 0.045)
    c.line([crank, (bar[0] - size * 0.04 * facing, bar[1] + size * 0.1), seat], bike, size * 0.045)
    c.line([(front, axle), bar], bike, size * 0.045)
    c.line(
        [(bar[0] - size * 0.08 * facing, bar[1]), (bar[0] + size * 0.04 * facing, bar[1])],
        bike,
        size * 0.05,
    )
    hip = (seat[0], seat[1] - size * 0.05)
    knee = (x + size * 0.12 * facing, axle - size * 0.42)
    c.line([hip, knee, (crank[0] + size * 0.08 * facing, axle + size * 0.08)], "navy", size * 0.1)
    shoulder = (x + size * 0.08 * facing, axle - size * 1.12)
    c.line([hip, shoulder], top, size * 0.2)
    c.line([shoulder, (bar[0], bar[1] - size * 0.02)], shade(top, 0.85), size * 0.08)
    head = size * 0.13
    hx, hy = shoulder[0] + size * 0.07 * facing, shoulder[1] - size * 0.2
    c.circle(hx, hy, head, SKIN[skin % len(SKIN)])
    c.pieslice(hx, hy, head * 1.12, 180, 360, helmet or HAIR[hair % len(HAIR)])
    if helmet:
        c.rect(hx - head * 1.12, hy - 2, hx + head * 1.12, hy + 2, helmet)
