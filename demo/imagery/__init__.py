"""The demo's illustrations (demo/data/images/), drawn by a deterministic generator.

Dev-only, like the whole demo app: ``python -m demo.imagery`` draws every scene of
``scenes.SCENES`` with Pillow and writes the JPEGs with their licence in the metadata
(``metadata.py``). Nothing here is random at run time: each scene seeds its own
``random.Random``, so a run on the same Pillow version gives the same files.
"""
