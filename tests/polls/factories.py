"""Polls for tests: a builder that creates a poll with questions and choices in one call."""

import datetime

import factory
from django.utils import timezone

from participation.participants import Participant, TokenState
from polls.models import Choice, Poll, Question, QuestionKind
from polls.validation import AnswerInput

NOW = timezone.make_aware(datetime.datetime(2026, 3, 15, 12, 0))


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    title = factory.Sequence(lambda n: f"Umfrage {n}")
    description = "Was meinen Sie?"
    opens_at = NOW - datetime.timedelta(days=5)
    closes_at = NOW + datetime.timedelta(days=5)
    audience = "public"
    results_visibility = "live"


def add_question(poll, kind=QuestionKind.SINGLE, choices=(), **fields) -> Question:
    defaults = {"text": f"Frage {kind}", "required": True}
    if kind == QuestionKind.RATING:
        defaults.update(scale_min=1, scale_max=5, scale_min_label="schlecht", scale_max_label="gut")
    if kind == QuestionKind.TEXT:
        defaults.update(max_length=200)
    defaults.update(fields)
    question = Question.objects.create(
        poll=poll, kind=kind, sort_order=poll.questions.count(), **defaults
    )
    for position, label in enumerate(choices):
        Choice.objects.create(question=question, label=label, sort_order=position)
    return question


def place_on_page(poll: Poll):
    """Embeds ``poll`` in a new live page of the default site: citizens meet polls on pages."""
    from django.apps import apps
    from wagtail.models import Page, Site

    from pages.models import StandardPage
    from polls.models import PollPlacement

    if not apps.is_installed("pages"):
        # A transactional test limited to the polls app: no page types to build
        # with, so the poll is shown on the tree's (live) root instead.
        from tests.conftest import ensure_wagtail_baseline

        ensure_wagtail_baseline()  # an earlier transactional test may have emptied the tree
        return PollPlacement.objects.create(poll=poll, page=Page.get_first_root_node())

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        parent = Page.get_first_root_node().add_child(
            instance=Page(title="Startseite", slug=f"start-{poll.pk}")
        )
        Site.objects.create(hostname="localhost", root_page=parent, is_default_site=True)
    else:
        parent = site.root_page
    return parent.add_child(
        instance=StandardPage(
            title=f"Seite zu {poll.title}",
            slug=f"umfrage-{poll.pk}",
            body=[("poll", {"poll": poll})],
        )
    )


def make_poll(placed=True, **fields) -> Poll:
    """A poll with one question of each kind: single, multiple (1-2 of 3), rating 1-5, text.

    ``placed``: embedded in a live page of the default site (see place_on_page).
    """
    poll = PollFactory(**fields)
    add_question(poll, QuestionKind.SINGLE, ["Ja", "Nein"], text="Soll der Platz grüner werden?")
    add_question(
        poll,
        QuestionKind.MULTIPLE,
        ["Bäume", "Bänke", "Brunnen"],
        text="Was wünschen Sie sich?",
        min_choices=1,
        max_choices=2,
    )
    add_question(poll, QuestionKind.RATING, text="Wie wichtig ist Ihnen das?")
    add_question(poll, QuestionKind.TEXT, text="Was noch?", required=False, max_length=200)
    if placed:
        place_on_page(poll)
    return poll


def questions(poll):
    """(single, multiple, rating, text) questions of a ``make_poll`` poll."""
    return tuple(poll.questions.order_by("sort_order").prefetch_related("choices"))


def valid_answers(poll, first=0, second=(0,), rating=4, text="Mehr Schatten"):
    """API-style answers for a ``make_poll`` poll, picking choices by position."""
    single, multiple, scale, free = questions(poll)
    single_choices = list(single.choices.all())
    multiple_choices = list(multiple.choices.all())
    answers = [
        {"question": single.pk, "choices": [single_choices[first].pk]},
        {"question": multiple.pk, "choices": [multiple_choices[i].pk for i in second]},
        {"question": scale.pk, "rating": rating},
    ]
    if text is not None:
        answers.append({"question": free.pk, "text": text})
    return answers


def inputs(answers) -> list[AnswerInput]:
    return [AnswerInput(**answer) for answer in answers]


def anonymous(token="browser-token", state=TokenState.VALID) -> Participant:  # noqa: S107
    return Participant(user=None, anonymous_token=token, token_state=state, ip_hash="iphash")


def signed_in(user) -> Participant:
    return Participant(
        user=user, anonymous_token=None, token_state=TokenState.MISSING, ip_hash="iphash"
    )


def take_part(client, page):
    """A visitor opens ``page`` and starts filling in its form (web/shared_pages.py).

    Pages shared by anonymous visitors carry no cookie: the participant and
    CSRF cookies come with the form's first use, as portal.js fetches them.
    """
    client.get(page.url)
    return client.get("/form-token/")
