"""Every typed body of the API has a name of its own in the OpenAPI document.

django-ninja names a component after its class; two apps' ``SupportOut``
would share one entry, and the document would describe one of them wrongly
without any error.
"""

from collections import defaultdict

from ninja import Schema

import portal.api.main  # noqa: F401 - mounts every router, importing the apps' schemas

PROJECT_APPS = (
    "accounts.",
    "comments.",
    "notifications.",
    "polls.",
    "proposals.",
    "search.",
    "vorhaben.",
    "web.",
)


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def test_no_two_schemas_share_a_name():
    by_name = defaultdict(set)
    for schema in subclasses(Schema):
        if schema.__module__.startswith(PROJECT_APPS):
            by_name[schema.__name__].add(f"{schema.__module__}.{schema.__qualname__}")

    shared = {name: places for name, places in by_name.items() if len(places) > 1}

    assert not shared
