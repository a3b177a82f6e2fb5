"""Loads the data of demo/data/ into the portal's apps, one module per app or concern.

Every loader matches what exists by a stable key (slug, name, title, e-mail
address), so loading twice leaves the same objects.
"""
