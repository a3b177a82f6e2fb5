"""Pages of every kind of visibility, each showing a poll of its own and a discussion."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pages.models import ProjectNews
from polls.models import QuestionKind
from polls.services import cast_ballot
from polls.validation import AnswerInput
from tests.factories import ProjectPageFactory, ProjectPhaseFactory, UserFactory
from tests.polls.factories import PollFactory, add_question, anonymous


def poll_for(title, **fields):
    poll = PollFactory(
        title=title,
        opens_at=timezone.now() - datetime.timedelta(days=2),
        closes_at=timezone.now() + datetime.timedelta(days=5),
        publish_free_text=True,
        **fields,
    )
    add_question(poll, QuestionKind.SINGLE, ["Ja", "Nein"], text=f"Frage zu {title}")
    add_question(poll, QuestionKind.TEXT, text=f"Anmerkung zu {title}", required=False)
    return poll


def vote_with_text(poll, token, text):
    choice, free = poll.questions.order_by("sort_order")
    cast_ballot(
        poll,
        anonymous(token),
        [
            AnswerInput(question=choice.pk, choices=[choice.choices.first().pk]),
            AnswerInput(question=free.pk, text=text),
        ],
    )


def project_with(parent, slug, title, poll, live=True):
    page = ProjectPageFactory(
        parent=parent,
        title=title,
        slug=slug,
        live=live,
        comments_enabled=True,
        body=[("poll", {"poll": poll})],
    )
    today = timezone.localdate()
    ProjectPhaseFactory(
        page=page,
        title="Online-Dialog",
        start_date=today - datetime.timedelta(days=5),
        end_date=today + datetime.timedelta(days=5),
    )
    # A news post carries the title's word, so the news feed, the API and the page are read for it.
    page.news.add(ProjectNews(title=f"Neuigkeit zu {title}", body=f"<p>{title} kommt voran.</p>"))
    revision = page.save_revision()
    if live:
        revision.publish()  # as editors do: the search indexes what is published
    return page


def restrict(page, restriction_type, groups=(), **fields):
    """A view restriction on ``page``; a group restriction gets a group nobody here is in."""
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set(groups or [Group.objects.create(name=f"Gruppe {page.pk}")])
    return restriction


@pytest.fixture
def members(db):
    from django.contrib.auth.models import Group

    return Group.objects.create(name="Ortsteilrat Lobeda")


@pytest.fixture
def hidden_places(project_index, members):
    """slug -> (page, poll): a public page and one of each kind of hidden page."""
    places = {}
    for slug, title in [
        ("offen", "Offenes Projekt"),
        ("passwort", "Projekt hinter Passwort"),
        ("angemeldet", "Projekt nur für Angemeldete"),
        ("gruppe", "Projekt nur für den Ortsteilrat"),
        ("entwurf", "Projekt im Entwurf"),
    ]:
        poll = poll_for(f"Umfrage {title}")
        page = project_with(project_index, slug, title, poll, live=slug != "entwurf")
        places[slug] = (page, poll)
    restrict(places["passwort"][0], PageViewRestriction.PASSWORD, password="geheim")
    restrict(places["angemeldet"][0], PageViewRestriction.LOGIN)
    restrict(places["gruppe"][0], PageViewRestriction.GROUPS, groups=[members])
    return places


@pytest.fixture
def member(members):
    user = UserFactory(display_name="Ratsmitglied")
    user.groups.add(members)
    return user
