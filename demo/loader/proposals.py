"""The demo's idea collection with proposals and supports (demo/data/proposals.yaml).

Rows are written directly (not through the services): the demo shows a
state, it does not replay citizens' actions; the support counter is set
from the rows, as the services would have kept it.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from pages.models import ProjectPage
from participation import geo
from proposals import uploads
from proposals.models import IdeaCollection, Proposal, ProposalAnswer, Support
from proposals.services import office_of
from proposals.uploads import NewImage

from .data import media_bytes, read
from .reference import Refs

PROPOSALS = read("proposals")
SETTINGS = (
    "location_mode",
    "images_allowed",
    "attachments_allowed",
    "moderation",
    "support_threshold",
    "intro",
)


def load_demo_proposals(refs: Refs, today: date) -> None:
    users = {user.email.lower(): user for user in get_user_model().objects.all()}
    for data in PROPOSALS["collections"]:
        page = ProjectPage.objects.get(slug=data["project"])
        start, end = data["submissions"]
        fields = {name: data[name] for name in SETTINGS}
        fields |= {
            "submissions_start": today + timedelta(days=start),
            "submissions_end": today + timedelta(days=end),
            "supports_until": today + timedelta(days=data["supports_until"]),
        }
        collection, _created = IdeaCollection.objects.update_or_create(
            page=page, title=data["title"], defaults=fields
        )
        collection.topics.set([refs.topics[slug] for slug in data["topics"]])
        for entry in data["proposals"]:
            load_proposal(collection, entry, refs, users)


def load_proposal(collection, entry: dict, refs: Refs, users: dict) -> Proposal:
    proposal, _created = Proposal.objects.update_or_create(
        collection=collection,
        title=entry["title"],
        defaults={
            "author": users[entry["author"]],
            "description": entry["description"],
            "category": refs.topics[entry["category"]],
            "district": refs.districts[entry["district"]],
            "location": geo.point(*reversed(entry["location"])) if "location" in entry else None,
            "address": entry.get("address", ""),
            "created_at": timezone.now() - timedelta(days=entry["days_ago"]),
        },
    )
    supporters = [users[email] for email in entry["supporters"]]
    Support.objects.filter(proposal=proposal).exclude(user__in=supporters).delete()
    for user in supporters:
        Support.objects.get_or_create(proposal=proposal, user=user)
    proposal.support_count = Support.objects.filter(proposal=proposal).count()
    proposal.save(update_fields=["support_count"])
    load_answers(proposal, entry.get("answers", []))
    load_images(proposal, entry.get("images", []))
    return proposal


def load_images(proposal: Proposal, images: list[dict]) -> None:
    """Through the upload checks (metadata stripped, random names); once per proposal."""
    if not images or proposal.images.exists():
        return
    new = [
        NewImage(ContentFile(media_bytes("images", image["file"])), image["alt"])
        for image in images
    ]
    files, errors = uploads.clean_uploads(proposal.collection, images=new)
    if errors:
        raise ValueError(f"Demo images of {proposal.title!r}: {errors}")
    files.write()
    uploads.record(proposal, files)


def load_answers(proposal: Proposal, answers: list[dict]) -> None:
    """The official answers, oldest first; the proposal's state is the last one's."""
    for answer in answers:
        ProposalAnswer.objects.update_or_create(
            proposal=proposal,
            state=answer["state"],
            defaults={
                "text": answer["text"],
                "office": office_of(proposal),
                "created_at": timezone.now() - timedelta(days=answer["days_ago"]),
            },
        )
    if answers:
        proposal.state = answers[-1]["state"]
        proposal.save(update_fields=["state"])
