"""The Vorhabenliste, Vorhaben in several states and an Anregung (demo/data/vorhaben.yaml)."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from pages.models import HomePage
from vorhaben.models import Anregung, Vorhaben, VorhabenIndexPage, VorhabenNote, VorhabenTransition

from .data import read
from .pages import find_child, publish
from .reference import Refs

VORHABEN = read("vorhaben")
# Written as given; the rest is resolved (units, districts, people, dates).
PLAIN_FIELDS = (
    "goal", "open_to_decision", "target_groups", "procedure", "legal_basis",
    "council_decision_number", "council_decision_url", "budget", "formats", "contact_email",
    "state", "public",
)  # fmt: skip


def load_demo_vorhaben(site_root: HomePage, refs: Refs, today: date) -> VorhabenIndexPage:
    index_data = VORHABEN["index"]
    index = find_child(site_root, VorhabenIndexPage, index_data["slug"])
    publish(site_root, index, {k: v for k, v in index_data.items() if k != "slug"})
    users = {user.username: user for user in get_user_model().objects.all()}
    for data in VORHABEN["vorhaben"]:
        load_one(data, refs, users, today)
    anregung = VORHABEN["anregung"]
    Anregung.objects.get_or_create(
        subject=anregung["subject"],
        defaults={
            "reason": anregung["reason"],
            "department": refs.departments[anregung["department"]],
        },
    )
    return index


def load_one(data: dict, refs: Refs, users: dict, today: date) -> Vorhaben:
    fields = {name: data[name] for name in PLAIN_FIELDS if name in data}
    fields["department"] = refs.departments[data["department"]]
    fields["submitted_by"] = users.get(data["submitted_by"])
    for name in ("planned_start", "planned_end"):
        fields[name] = today + timedelta(days=data[name]) if name in data else None
    vorhaben, created = Vorhaben.objects.update_or_create(title=data["title"], defaults=fields)
    vorhaben.districts.set([refs.districts[slug] for slug in data.get("districts", [])])
    if created:
        history(vorhaben, data, users)
    return vorhaben


def history(vorhaben: Vorhaben, data: dict, users: dict) -> None:
    """The way the Vorhaben came to its state, and its internal thread (once, when created)."""
    team = users.get(VORHABEN["team"])
    previous = ""
    for to_state, comment in [["submitted", ""], *data.get("transitions", [])]:
        actor = vorhaben.submitted_by if to_state == "submitted" else team
        VorhabenTransition.objects.create(
            vorhaben=vorhaben, actor=actor, from_state=previous, to_state=to_state, comment=comment
        )
        previous = to_state
    for author, body in data.get("notes", []):
        VorhabenNote.objects.create(vorhaben=vorhaben, author=users.get(author), body=body)
