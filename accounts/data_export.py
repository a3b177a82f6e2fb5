""" "Meine Daten": everything the portal holds about a citizen, as JSON, a readable page and a ZIP.

The accounts app does not know what other apps store. Each installed app
may have a ``personal_data.py`` module (found at start-up, like the search
sources) with a function ``personal_data(user)`` that yields its sections:

    {
        "key": "ballots",                      # stable, for machines
        "title": _("Ballots"),                 # for people
        "description": _("..."),               # optional
        "fields": {"poll": _("Poll"), ...},    # labels, in display order
        "items": [{"poll": "...", ...}, ...],  # only this user's records
    }

Values are text, numbers, booleans, None, dates and times, or lists of
``{"label": ..., "value": ...}``. An app that stores something new about
people (follows, notifications, ...) adds its section there: the export,
the page, the API and the ZIP follow.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

MODULE_NAME = "personal_data"
NOTHING = "\u2013"  # an en dash: nothing stored
FORMAT_VERSION = 1

Provider = Callable[[object], Iterable[dict]]


@cache
def providers() -> list[Provider]:
    """Each installed app's ``personal_data.personal_data``; the accounts app first."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE_NAME):
            module = import_module(f"{config.name}.{MODULE_NAME}")
            found.append((config.name != "accounts", module.personal_data))
    return [provider for _later, provider in sorted(found, key=lambda pair: pair[0])]


def collect(user, portal_name: str = "", operator_name: str = "") -> dict:
    """The whole export of one account, ready for JSON."""
    sections = []
    for provider in providers():
        for section in provider(user):
            sections.append(
                {
                    "key": section["key"],
                    "title": str(section["title"]),
                    "description": str(section.get("description", "")),
                    "fields": {name: str(label) for name, label in section["fields"].items()},
                    "items": list(section["items"]),
                }
            )
    return {
        "format_version": FORMAT_VERSION,
        "portal": portal_name or settings.WAGTAIL_SITE_NAME,
        "operator": operator_name,
        "generated_at": timezone.now(),
        "sections": sections,
    }


def as_json(document: dict) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def display_value(value):
    """How a value reads on the page: local times, Ja/Nein, a dash for nothing."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list):
        return [
            {"label": str(entry.get("label", "")), "value": display_value(entry.get("value"))}
            if isinstance(entry, dict)
            else {"label": "", "value": display_value(entry)}
            for entry in value
        ]
    return str(value)


def display_field(label, value) -> dict:
    shown = display_value(value)
    if isinstance(shown, list):
        return {"label": label, "entries": shown} if shown else {"label": label, "value": NOTHING}
    return {"label": label, "value": shown}


def for_display(document: dict) -> dict:
    """The document with each item as (label, shown value) rows, for the templates."""
    sections = []
    for section in document["sections"]:
        rows = [
            [display_field(label, item.get(name)) for name, label in section["fields"].items()]
            for item in section["items"]
        ]
        sections.append({**section, "rows": rows})
    return {
        **document,
        "generated_at_display": display_value(document["generated_at"]),
        "sections": sections,
    }


def as_html(document: dict) -> str:
    """A page that stands alone (styles inline, no links to the portal's files): for the ZIP."""
    return render_to_string(
        "accounts/personal_data_document.html", {"export": for_display(document)}
    )


def as_zip(document: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("meine-daten.json", as_json(document))
        archive.writestr("meine-daten.html", as_html(document).encode())
    return buffer.getvalue()


def filename(document: dict, extension: str) -> str:
    day = timezone.localtime(document["generated_at"]).date().isoformat()
    return f"meine-daten-{day}.{extension}"
