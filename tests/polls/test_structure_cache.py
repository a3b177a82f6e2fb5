"""The cached questions of a poll follow every edit of the poll, its questions and choices."""

import datetime

import pytest
from django.utils import timezone

from demo.loader.polls import with_poll_open
from participation.refusals import NotFound
from polls.services import get_poll, poll_questions
from tests.polls.factories import make_poll


def test_editing_questions_and_choices_refreshes_the_cached_structure(
    db, django_assert_num_queries
):
    poll = make_poll()
    first = poll_questions(poll)
    with django_assert_num_queries(0):
        assert [q.text for q in poll_questions(poll)] == [q.text for q in first]

    question = first[0]
    question.text = "Soll der Marktplatz grüner werden?"
    question.save()
    assert poll_questions(poll)[0].text == "Soll der Marktplatz grüner werden?"

    choice = question.choices.first()
    choice.label = "Ja, unbedingt"
    choice.save()
    assert poll_questions(poll)[0].choices.all()[0].label == "Ja, unbedingt"

    first[3].delete()
    assert len(poll_questions(poll)) == 3


def test_get_poll_answers_from_the_cache_and_follows_edits(db, django_assert_num_queries):
    poll = make_poll()
    get_poll(poll.pk)
    with django_assert_num_queries(0):
        cached = get_poll(poll.pk)
        assert [q.text for q in poll_questions(cached)] == [q.text for q in poll_questions(poll)]

    poll.closes_at = poll.closes_at - datetime.timedelta(days=1)
    poll.save()
    assert get_poll(poll.pk).closes_at == poll.closes_at

    poll_id = poll.pk
    poll.delete()
    with pytest.raises(NotFound):
        get_poll(poll_id)


def test_opening_a_poll_for_the_demo_ballots_leaves_no_open_copy_in_the_cache(db):
    poll = make_poll(
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(days=2),
    )
    closes_at = poll.closes_at
    with_poll_open(poll, lambda: get_poll(poll.pk))
    assert get_poll(poll.pk).closes_at == closes_at
