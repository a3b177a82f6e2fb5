"""Content for the query budgets: a minimal project, and one as large as a busy real one.

``build_project(parent, "large")`` is a project with a 40-block body (10
images, 5 polls, headings and text), its department, district, 3 topics and
contact, 3 phases and 10,000 comments (1,000 threads of 10, bulk inserted).
``"small"`` has the same kinds of content once each (so its count of
queries can be compared with the large one's), ``"minimal"`` has a title,
teaser, department and one phase. Everything is inserted in bulk where
Wagtail allows it, so a large project is built in a few seconds.

``forget_application_caches`` empties what the portal keeps in its own cache
for a page (poll structures; the thread cache is off with
``COMMENTS_THREAD_CACHE_SECONDS = 0``), for measuring uncached requests.
"""

from __future__ import annotations

import datetime
import json
import zlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.test.utils import wagtail_factories

from pages.models import ProjectPhase
from polls.models import Poll, QuestionKind
from polls.services import structure_cache_key
from tests.comments.factories import bulk_thread
from tests.factories import (
    ContactPersonFactory,
    DistrictFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
    TopicFactory,
)
from tests.polls.factories import PollFactory, add_question

# (images, polls, comments) per size; the body is filled up to BODY_BLOCKS with text.
SIZES = {"minimal": (0, 0, 0), "small": (1, 1, 10), "large": (10, 5, 10_000)}
LARGE_BODY_BLOCKS = 40


@dataclass
class BuiltProject:
    page: object
    polls: list[Poll] = field(default_factory=list)
    images: list = field(default_factory=list)
    comment_count: int = 0


def open_poll(number: int) -> Poll:
    now = timezone.now()
    poll = PollFactory(
        title=f"Umfrage {number} zum Radverkehr",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=10),
    )
    add_question(poll, QuestionKind.SINGLE, ["Ja", "Nein"], text="Mehr Radwege?")
    add_question(
        poll,
        QuestionKind.MULTIPLE,
        ["Bügel", "Boxen", "Parkhaus"],
        text="Welche Abstellanlagen?",
        min_choices=1,
        max_choices=2,
    )
    add_question(poll, QuestionKind.RATING, text="Wie sicher fühlen Sie sich?")
    return poll


def body_blocks(images, polls, total: int) -> list[dict]:
    blocks = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": f"Radweg {n}", "decorative": False},
                "caption": f"Abschnitt {n}",
                "credit": "© Stadt Jena",
            },
        }
        for n, image in enumerate(images)
    ]
    blocks += [{"type": "poll", "value": {"poll": poll.pk}} for poll in polls]
    number = 0
    while len(blocks) < total:
        number += 1
        kind = ("heading", "paragraph", "quote")[number % 3]
        value = {
            "heading": {"text": f"Abschnitt {number}", "level": "h2"},
            "paragraph": f"<p>Text zum Abschnitt {number}: Radwege und Kreuzungen.</p>",
            "quote": {"text": f"Zitat {number}", "attribution": "Bürgerin"},
        }[kind]
        blocks.append({"type": kind, "value": value})
    # Interleave: images, polls and text alternate as on a real page.
    return sorted(
        blocks, key=lambda block: zlib.crc32(json.dumps(block, sort_keys=True).encode()) % 97
    )


def build_project(parent, size: str = "large", **fields) -> BuiltProject:
    """A live project below ``parent`` (a ProjectIndexPage) with ``size`` content (see SIZES)."""
    image_count, poll_count, comment_count = SIZES[size]
    images = [
        wagtail_factories.ImageFactory(title=f"Radweg {n}", description=f"Radweg Nummer {n}")
        for n in range(image_count)
    ]
    polls = [open_poll(n) for n in range(poll_count)]
    blocks = (
        body_blocks(images, polls, LARGE_BODY_BLOCKS if size == "large" else image_count + 3)
        if size != "minimal"
        else []
    )
    if size != "minimal":
        fields.setdefault("district", DistrictFactory())
        fields.setdefault("contact", ContactPersonFactory())
        fields.setdefault("hero_image", images[0])
        fields.setdefault("hero_image_alt", "Radweg am Markt")
    page = ProjectPageFactory(parent=parent, body=json.dumps(blocks), **fields)
    today = timezone.localdate()
    ProjectPhaseFactory(
        page=page,
        title="Online-Dialog",
        start_date=today - datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=10),
    )
    if size != "minimal":
        ProjectPhaseFactory(
            page=page,
            title="Auswertung",
            start_date=today + datetime.timedelta(days=11),
            end_date=today + datetime.timedelta(days=40),
            allows_participation=False,
        )
        page.topics.add(*(TopicFactory() for _ in range(3 if size == "large" else 1)))
    if comment_count:
        bulk_thread(page, top_level=comment_count // 10, replies_per_thread=9)
    return BuiltProject(page=page, polls=polls, images=images, comment_count=comment_count)


def forget_application_caches(polls=()) -> None:
    """Drops what the portal and Wagtail cache about content: poll structures, renditions.

    The thread cache is off by setting (``COMMENTS_THREAD_CACHE_SECONDS = 0``).
    """
    cache.delete_many([structure_cache_key(poll.pk) for poll in polls])
    for rendition in get_image_model().get_rendition_model().objects.all():
        rendition.purge_from_cache()


def count_queries(client, url: str, polls=(), *, clear_cookies=False) -> tuple[int, list[str]]:
    """Queries of one uncached GET of ``url``, after one warm-up GET.

    ``clear_cookies``: the measured GET carries no cookie (an anonymous first
    visit), whatever the warm-up left in the client.

    The warm-up fills what each process keeps for its lifetime or the cache
    keeps for routing (content types, Wagtail's site root paths, the portal's
    host -> site mapping) and creates the image renditions once, as the
    first visitor would. Then the portal's own caches for the page are
    emptied (``forget_application_caches``) and the second GET is counted.
    """
    warm = client.get(url)
    assert warm.status_code == 200, warm.content[:300]
    forget_application_caches(polls)
    if clear_cookies:
        client.cookies.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), [query["sql"] for query in queries]


def build_listing(parent, count: int) -> list:
    """``count`` open projects below ``parent`` as lists show them: hero image, department,
    district, two topics and two phases each (images, districts and topics shared by several).
    """
    images = [wagtail_factories.ImageFactory(title=f"Projektbild {n}") for n in range(3)]
    districts = [DistrictFactory() for _ in range(3)]
    topics = [TopicFactory() for _ in range(4)]
    today = timezone.localdate()
    projects = []
    for number in range(count):
        project = ProjectPageFactory(
            parent=parent,
            hero_image=images[number % 3],
            hero_image_alt="Projektbild",
            district=districts[number % 3],
        )
        project.topics.add(topics[number % 4], topics[(number + 1) % 4])
        projects.append(project)
    ProjectPhase.objects.bulk_create(
        ProjectPhase(
            page=project,
            sort_order=order,
            title=title,
            start_date=today + datetime.timedelta(days=start),
            end_date=today + datetime.timedelta(days=end),
            allows_participation=order == 0,
        )
        for project in projects
        for order, (title, start, end) in enumerate(
            [("Online-Dialog", -5, 20), ("Auswertung", 21, 60)]
        )
    )
    return projects
