"""The demo's data files: YAML texts in demo/data/, images and documents beside them."""

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


def read(name: str):
    """The parsed contents of demo/data/<name>.yaml."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def media_bytes(folder: str, filename: str) -> bytes:
    """A committed file of demo/data/<folder>/, e.g. an image or a PDF."""
    return (DATA / folder / filename).read_bytes()
