"""A project with every kind of block, polls for each audience and comments in every state."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils import wagtail_factories

from comments.models import CommentState
from polls.models import QuestionKind
from tests.comments.factories import CommentFactory
from tests.factories import (
    DistrictFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
    StandardPageFactory,
    TopicFactory,
    UserFactory,
)
from tests.polls.factories import PollFactory, add_question

SECRET_EMAIL = "geheim-autorin@example.org"


def call(client, method, url, data=None, **kwargs):
    """A JSON API call; returns (response, parsed body or None)."""
    if data is not None:
        kwargs.setdefault("content_type", "application/json")
        kwargs["data"] = json.dumps(data)
    response = getattr(client, method)(url, **kwargs)
    body = None
    if response.content and "json" in response.get("Content-Type", ""):
        body = json.loads(response.content)
    return response, body


def open_poll(**fields):
    now = timezone.now()
    fields.setdefault("opens_at", now - datetime.timedelta(days=1))
    fields.setdefault("closes_at", now + datetime.timedelta(days=5))
    poll = PollFactory(**fields)
    add_question(poll, QuestionKind.SINGLE, ["Ja", "Nein"], text="Soll der Platz grüner werden?")
    return poll


@pytest.fixture
def public_poll(db):
    return open_poll(title="Wie grün soll der Marktplatz werden?", results_visibility="live")


@pytest.fixture
def staff_poll(db):
    return open_poll(title="Interne Vorabstimmung Haushalt", audience="staff")


@pytest.fixture
def editors_results_poll(db):
    return open_poll(title="Umfrage mit Redaktionsergebnis", results_visibility="editors")


@pytest.fixture
def other_page(home_page):
    return StandardPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz")


@pytest.fixture
def project(project_index, other_page, public_poll, staff_poll, editors_results_poll):
    """An open project with every kind of block."""
    image = wagtail_factories.ImageFactory(
        title="Marktplatz", description="Der Marktplatz im Sommer"
    )
    document = wagtail_factories.DocumentFactory(title="Lageplan")
    topic = TopicFactory(name="Radverkehr", slug="radverkehr")
    district = DistrictFactory(name="Lobeda", slug="lobeda")
    page = ProjectPageFactory(
        parent=project_index,
        title="Grüner Marktplatz",
        slug="gruener-marktplatz",
        teaser="Wie soll der Marktplatz grüner werden?",
        hero_image=image,
        hero_image_alt="Blick über den Marktplatz",
        district=district,
    )
    page.topics.add(topic)
    today = timezone.localdate()
    ProjectPhaseFactory(
        page=page,
        title="Online-Dialog",
        start_date=today - datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=10),
    )
    page.body = json.dumps(
        [
            {"type": kind, "value": value}
            for kind, value in [
                ("heading", {"text": "Worum es geht", "level": "h2"}),
                (
                    "paragraph",
                    f'<p>Lesen Sie die <a linktype="page" id="{other_page.pk}">Hinweise</a>.</p>',
                ),
                (
                    "image",
                    {
                        "image": {
                            "image": image.pk,
                            "alt_text": "Bäume am Markt",
                            "decorative": False,
                        },
                        "caption": "Entwurf",
                        "credit": "© Stadt Jena",
                    },
                ),
                ("document", {"document": document.pk, "title": "", "description": "Der Plan"}),
                (
                    "call_to_action",
                    {
                        "heading": "Mehr erfahren",
                        "text": "",
                        "link_label": "Zum Datenschutz",
                        "page": other_page.pk,
                        "url": "",
                    },
                ),
                (
                    "faq",
                    {
                        "heading": "",
                        "items": [{"question": "Wer?", "answer": "<p>Alle Bürger*innen.</p>"}],
                    },
                ),
                ("poll", {"poll": public_poll.pk}),
                ("poll", {"poll": staff_poll.pk}),
                ("poll", {"poll": editors_results_poll.pk}),
            ]
        ]
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def comments(project):
    """One comment in every state, each by an author with a recognisable e-mail address."""
    author = UserFactory(display_name="Marktfreundin", email=SECRET_EMAIL)
    made = {
        state: CommentFactory(
            page=project, author=author, body=f"Beitrag im Zustand {state}", state=state
        )
        for state in CommentState.values
    }
    return made


@pytest.fixture
def idea_collection(project):
    """An open idea collection on the project: a published, an answered and a pending proposal."""
    from proposals.models import Moderation, ProposalAnswer, ProposalState
    from tests.proposals.factories import make_collection, make_proposal

    collection = make_collection(None, page=project, topics=project.topics.all())
    author = UserFactory(
        display_name="Ideengeberin", email=SECRET_EMAIL.replace("autorin", "ideen")
    )
    make_proposal(collection, author=author, title="Bänke am Markt")
    answered = make_proposal(collection, author=author, title="Trinkbrunnen", support_count=4)
    ProposalAnswer.objects.create(
        proposal=answered, state=ProposalState.FEASIBLE, text="Machbar.", office="Stadtgrün"
    )
    answered.state = ProposalState.FEASIBLE
    answered.save()
    make_proposal(collection, author=author, title="Noch geprüft", moderation=Moderation.PENDING)
    return collection


@pytest.fixture
def restricted_project(project_index):
    page = ProjectPageFactory(parent=project_index, title="Nur für Angemeldete", slug="intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def draft_project(project_index):
    page = ProjectPageFactory(
        parent=project_index, title="Unveröffentlichter Entwurf", slug="entwurf", live=False
    )
    return page


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)
