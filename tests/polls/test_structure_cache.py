"""The cached questions of a poll follow every edit of the poll, its questions and choices."""

from polls.services import poll_questions
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
