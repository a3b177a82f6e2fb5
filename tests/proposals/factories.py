"""Idea collections and proposals for the tests, open around today unless told otherwise."""

import datetime

from django.utils import timezone

from proposals.models import IdeaCollection, Proposal
from tests.factories import ProjectPageFactory, TopicFactory, UserFactory


def today():
    return timezone.localdate()


def make_collection(project_index, *, page=None, topics=(), **fields) -> IdeaCollection:
    page = page or ProjectPageFactory(parent=project_index)
    start = today() - datetime.timedelta(days=10)
    values = {
        "title": "Ideen für den Stadtteil",
        "submissions_start": start,
        "submissions_end": today() + datetime.timedelta(days=10),
        "supports_until": today() + datetime.timedelta(days=20),
        "support_threshold": 3,
        **fields,
    }
    collection = IdeaCollection.objects.create(page=page, **values)
    collection.topics.set(topics)
    return collection


def make_proposal(collection, *, author=None, **fields) -> Proposal:
    values = {"title": "Mehr Bänke am Saaleufer", "description": "Bitte mehr Bänke.", **fields}
    return Proposal.objects.create(collection=collection, author=author or UserFactory(), **values)


def topic(name="Verkehr"):
    return TopicFactory(name=name)
