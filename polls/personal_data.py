"""The polls' part of "Meine Daten" (accounts.data_export finds this module).

A signed-in voter's ballots are found by the account and by the
pseudonymous participant key they are stored under (participation.participants);
ballots cast without an account cannot be linked to anyone and are not
part of it. Each ballot comes with the questions and one's own answers.
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from participation.participants import Participant, TokenState
from polls.models import Answer, Ballot


def account_key(user) -> str:
    return Participant(
        user=user, anonymous_token=None, token_state=TokenState.MISSING, ip_hash=""
    ).key


def answer_text(answer) -> str:
    if answer.choice_id is not None:
        return answer.choice.label
    if answer.rating is not None:
        return str(answer.rating)
    return answer.text


def answers_of(ballot) -> list[dict]:
    return [
        {"label": answer.question.text, "value": answer_text(answer)}
        for answer in ballot.answers.all()
    ]


def personal_data(user):
    answers = Answer.objects.select_related("question", "choice").order_by(
        "question__sort_order", "question_id", "choice__sort_order", "id"
    )
    ballots = (
        Ballot.objects.filter(Q(user=user) | Q(participant_key=account_key(user)))
        .select_related("poll")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("created_at", "id")
    )
    yield {
        "key": "ballots",
        "title": _("Ballots"),
        "description": _("The polls you voted in, with your answers."),
        "fields": {
            "poll": _("Poll"),
            "ballot_id": _("Ballot number"),
            "cast_at": _("Cast"),
            "changed_at": _("Last changed"),
            "answers": _("Your answers"),
        },
        "items": [
            {
                "poll": ballot.poll.title,
                "ballot_id": str(ballot.public_id),
                "cast_at": ballot.created_at,
                "changed_at": ballot.updated_at,
                "answers": answers_of(ballot),
            }
            for ballot in ballots
        ],
    }
