"""The theme's colour maths (theming.colours): contrast, derived colours, checks, suggestions."""

import pytest

from theming import colours


def test_contrast_formula():
    assert round(colours.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(colours.contrast("#777777", "#ffffff"), 2) == 4.48
    assert colours.contrast("#0a4f8f", "#ffffff") == colours.contrast("#ffffff", "#0a4f8f")


def test_normalise_and_is_hex():
    assert colours.normalise(" #0A4F8F ") == "#0a4f8f"
    assert colours.normalise("#abc") == "#aabbcc"
    assert colours.is_hex("#0a4f8f") and not colours.is_hex("0a4f8f")
    assert not colours.is_hex("#0a4f8g")


def test_hls_round_trip():
    for colour in ("#0a4f8f", "#8a1c2b", "#ffffff", "#000000", "#b35c00"):
        assert colours.from_hls(*colours.to_hls(colour)) == colour


def test_text_on_a_colour_is_white_or_dark():
    assert colours.on_colour("#0a4f8f") == colours.WHITE
    assert colours.on_colour("#ffbf47") == colours.DARK_TEXT


def test_hover_variant_is_darker_with_the_same_hue():
    dark = colours.darker("#3d8fd6")
    assert colours.luminance(dark) < colours.luminance("#3d8fd6")
    assert round(colours.to_hls(dark)[0], 2) == round(colours.to_hls("#3d8fd6")[0], 2)


def test_derived_colours():
    theme = colours.derived("#8a1c2b", "#b35c00")
    assert theme["primary"] == "#8a1c2b" and theme["secondary"] == "#b35c00"
    assert theme["on-primary"] == colours.WHITE
    assert theme["primary-dark"] == colours.darker("#8a1c2b")


@pytest.mark.parametrize(("role", "colour"), [("primary", "#0a4f8f"), ("secondary", "#083a69")])
def test_the_defaults_pass(role, colour):
    assert colours.failures(role, colour) == []


def test_a_light_primary_fails_with_its_ratios():
    found = {failure.where: failure for failure in colours.failures("primary", "#3d8fd6")}
    links = found["links on the page background"]
    assert links.minimum == 4.5
    assert links.ratio == pytest.approx(colours.contrast("#3d8fd6", "#ffffff"))
    assert links.ratio < 4.5
    assert "focus highlight in the header" in found


def test_a_pale_secondary_fails_as_an_accent_line():
    found = colours.failures("secondary", "#ffbf47")
    assert {failure.where for failure in found} >= {"accent line on the page background"}
    assert all(failure.minimum == 3.0 for failure in found if "accent" in failure.where)


@pytest.mark.parametrize(
    ("role", "colour"),
    [
        ("primary", "#3d8fd6"),
        ("primary", "#ffff00"),
        ("secondary", "#ffbf47"),
        ("secondary", "#f0f0f0"),
    ],
)
def test_the_suggestion_passes_and_keeps_the_hue(role, colour):
    proposal = colours.suggestion(role, colour)
    assert proposal is not None and proposal != colour
    assert colours.failures(role, proposal) == []
    hue, _lightness, saturation = colours.to_hls(colour)
    if saturation > 0.05:
        assert abs(colours.to_hls(proposal)[0] - hue) < 0.02


def test_the_suggestion_is_the_nearest_passing_lightness():
    colour = "#3d8fd6"
    proposal = colours.suggestion("primary", colour)
    hue, lightness, saturation = colours.to_hls(colour)
    proposed_lightness = colours.to_hls(proposal)[1]
    # One step (0.5 %) nearer to the entered lightness fails.
    nearer = colours.from_hls(hue, proposed_lightness + 0.005, saturation)
    assert proposed_lightness < lightness
    assert colours.failures("primary", nearer)
