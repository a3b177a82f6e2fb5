"""Content for the participation API's query budgets, small and large, built in bulk.

One project page about cycling ("Radverkehr", the common word every search
here looks for) with a department, a district, topics and a running
participation phase; a standard page; five polls on a page each, with free
text answers; a discussion. The large variant adds 10,000 comments that
all say the common word (the small one: 10), so the search counts and ranks them, and 10,000
ballots in the first poll. Everything is indexed the way a rebuild does
(every source, then the lexicon with its counts).
"""

from __future__ import annotations

import datetime
import uuid

from django.db import connection
from django.utils import timezone

from comments.models import Comment
from participation.participants import keyed_hash
from polls.models import Answer, Ballot, Question, QuestionKind, VoterKind
from search import registry
from search.backends import get_backend
from tests.comments.factories import bulk_thread
from tests.comments.helpers import open_project
from tests.factories import DistrictFactory, StandardPageFactory, TopicFactory
from tests.polls.factories import make_poll

COMMON_WORD = "Radverkehr"
LARGE = 10_000


def anonymous_key(token: str) -> str:
    """The participant key of a browser holding ``token`` (participation.participants)."""
    return keyed_hash("participant", f"anon:{token}")


def build(project_index, *, large: bool, slug: str):
    """(project, polls) with the discussion, polls and search index of the chosen size."""
    project = open_project(
        project_index,
        title=f"{COMMON_WORD} Innenstadt {slug}",
        slug=slug,
        teaser=f"Wie soll der {COMMON_WORD} in der Innenstadt aussehen?",
        district=DistrictFactory(name=f"Zentrum {slug}"),
    )
    project.topics.set(
        [TopicFactory(name=f"Mobilität {slug}"), TopicFactory(name=f"Umwelt {slug}")]
    )
    StandardPageFactory(
        parent=project_index, title=f"{COMMON_WORD} und Parken {slug}", slug=f"parken-{slug}"
    )
    bulk_thread(project, top_level=30, replies_per_thread=3)
    add_comments(project, LARGE if large else 10)
    polls = [
        make_poll(
            title=f"Umfrage {COMMON_WORD} {number} {slug}",
            publish_free_text=True,
            results_visibility="live",
        )
        for number in range(5)
    ]
    for poll in polls:
        add_ballots(poll, 3)
    if large:
        add_ballots(polls[0], LARGE)
    index_everything()
    return project, polls


def add_comments(page, count: int) -> None:
    start = timezone.now() - datetime.timedelta(days=60)
    Comment.objects.bulk_create(
        (
            Comment(
                page_id=page.pk,
                anonymous_key="b" * 64,
                body=f"Mehr {COMMON_WORD} und sichere Wege, Vorschlag {index}",
                created_at=start + datetime.timedelta(seconds=index),
            )
            for index in range(count)
        ),
        batch_size=2000,
    )


def add_ballots(poll, count: int) -> None:
    """``count`` anonymous ballots answering the poll's text question (tallies left out)."""
    text = Question.objects.get(poll=poll, kind=QuestionKind.TEXT)
    ballots = Ballot.objects.bulk_create(
        (
            Ballot(
                poll=poll,
                participant_key=f"bulk-{poll.pk}-{uuid.uuid4().hex}",
                voter_kind=VoterKind.ANONYMOUS,
                public_id=uuid.uuid4(),
            )
            for _number in range(count)
        ),
        batch_size=2000,
    )
    Answer.objects.bulk_create(
        (
            Answer(ballot=ballot, question=text, text=f"Mehr {COMMON_WORD} bitte")
            for ballot in ballots[:20]
        ),
    )


def index_everything() -> None:
    """What ``manage.py reindex`` does, without the swap: every document, then the lexicon."""
    backend = get_backend()
    for source in registry.sources():
        for batch in source.iter_documents():
            backend.upsert(batch)
    with connection.cursor() as cursor:
        backend.rebuild_lexicon(cursor)
