"""``python -m demo.imagery [--out DIR] [--scale N] [KEY ...]``: draws the demo's images."""

import argparse
from pathlib import Path

from .canvas import Canvas
from .metadata import DATA, entries, save
from .scenes import SCENES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("keys", nargs="*", help="keys of demo/data/media.yaml (default: all)")
    parser.add_argument("--out", type=Path, default=DATA / "images")
    parser.add_argument("--scale", type=int, default=3, help="supersampling factor")
    options = parser.parse_args()
    for key, entry in entries().items():
        if key not in SCENES or (options.keys and key not in options.keys):
            continue
        canvas = Canvas(scale=options.scale)
        SCENES[key](canvas)
        path = options.out / entry["file"]
        size = save(canvas.finish(), path, entry)
        print(f"{path}: {size / 1024:.0f} kB")


main()
