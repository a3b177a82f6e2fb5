"""Which scene draws which image of demo/data/media.yaml (by key)."""

from . import scenes_green, scenes_town

SCENES = {
    "saaletal": scenes_town.saaletal,
    "radweg": scenes_town.radweg,
    "spielplatz": scenes_green.spielplatz,
    "marktplatz": scenes_town.marktplatz,
    "stadtgruen": scenes_green.stadtgruen,
    "schule": scenes_green.schule,
    "abendstimmung": scenes_town.abendstimmung,
}
