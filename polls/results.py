"""Poll results built from the tallies: exact counts, percentages, rating averages.

Building results costs the same few queries for ten ballots or a million:
the poll's questions and choices, one summed query over the tally rows and,
where editors publish free text, one limited query for the latest texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from polls import tallies
from polls.models import Answer, Ballot, Poll, PollTally, Question, QuestionKind, VoterKind

# Published free-text answers shown with the results (newest first).
PUBLISHED_TEXTS_LIMIT = 50
# A network that cast more anonymous ballots than this in a poll on one day
# is "crowded" in the editors' results (POLLS_CROWDED_NETWORK_BALLOTS).
DEFAULT_CROWDED_NETWORK_BALLOTS = 5


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass
class OptionResult:
    """One bar: a choice, or one value of a rating scale."""

    label: str
    count: int
    percent: float
    choice_id: int | None = None
    value: int | None = None


@dataclass
class QuestionResult:
    question: Question
    participants: int
    options: list[OptionResult] = field(default_factory=list)
    average: float | None = None
    text_count: int = 0
    texts: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class PollResults:
    poll: Poll
    ballots: int
    questions: list[QuestionResult]


def rating_label(question: Question, value: int) -> str:
    if value == question.scale_min and question.scale_min_label:
        return f"{value} ({question.scale_min_label})"
    if value == question.scale_max and question.scale_max_label:
        return f"{value} ({question.scale_max_label})"
    return str(value)


def question_result(question: Question, totals: dict[str, int]) -> QuestionResult:
    def total(suffix: str) -> int:
        return totals.get(tallies.question_key(question.pk, suffix), 0)

    participants = total("participants")
    result = QuestionResult(question=question, participants=participants)
    if question.has_choices:
        for choice in question.choices.all():
            count = total(f"c{choice.pk}")
            result.options.append(
                OptionResult(choice.label, count, percent(count, participants), choice_id=choice.pk)
            )
    elif question.kind == QuestionKind.RATING:
        weighted = 0
        for value in question.scale:
            count = total(f"r{value}")
            weighted += value * count
            result.options.append(
                OptionResult(
                    rating_label(question, value),
                    count,
                    percent(count, participants),
                    value=value,
                )
            )
        result.average = round(weighted / participants, 2) if participants else None
    else:
        result.text_count = total("text")
    return result


def published_texts(poll: Poll) -> dict[int, list[str]]:
    """The newest free-text answers per question, for polls whose editors publish them."""
    if not poll.publish_free_text:
        return {}
    texts: dict[int, list[str]] = {}
    rows = (
        Answer.objects.filter(ballot__poll=poll, question__kind=QuestionKind.TEXT)
        .order_by("-pk")
        .values_list("question_id", "text")[:PUBLISHED_TEXTS_LIMIT]
    )
    for question_id, text in rows:
        texts.setdefault(question_id, []).append(text)
    return texts


@dataclass
class BallotSources:
    """Where a poll's ballots came from, for editors judging the result (never published).

    ``crowded`` counts the anonymous ballots from networks that cast more than
    ``crowded_above`` anonymous ballots in this poll on one day; after the
    network hashes are deleted, each ballot keeps that count
    (``network_ballot_count``), so the figure stays.
    """

    signed_in: int
    anonymous: int
    crowded: int
    crowded_above: int

    @property
    def total(self) -> int:
        return self.signed_in + self.anonymous


def ballot_sources(poll: Poll, crowded_above: int | None = None) -> BallotSources:
    """Counted in two queries (each with the poll's ballots only)."""
    if crowded_above is None:
        crowded_above = getattr(
            settings, "POLLS_CROWDED_NETWORK_BALLOTS", DEFAULT_CROWDED_NETWORK_BALLOTS
        )
    anonymous = Q(voter_kind=VoterKind.ANONYMOUS)
    counts = Ballot.objects.filter(poll=poll).aggregate(
        signed_in=Count("pk", filter=~anonymous),
        anonymous=Count("pk", filter=anonymous),
        crowded_after_retention=Count(
            "pk", filter=anonymous & Q(network_hash="", network_ballot_count__gt=crowded_above)
        ),
    )
    crowded_networks = (
        Ballot.objects.filter(anonymous, poll=poll)
        .exclude(network_hash="")
        .values("network_hash")
        .annotate(ballots=Count("pk"))
        .filter(ballots__gt=crowded_above)
        .values_list("ballots", flat=True)
    )
    return BallotSources(
        signed_in=counts["signed_in"],
        anonymous=counts["anonymous"],
        crowded=counts["crowded_after_retention"] + sum(crowded_networks),
        crowded_above=crowded_above,
    )


def build_results(
    poll: Poll, questions: list[Question], totals: dict[str, int] | None = None
) -> PollResults:
    totals = tallies.read(poll.pk) if totals is None else totals
    texts = published_texts(poll)
    results = []
    for question in questions:
        result = question_result(question, totals)
        result.texts = texts.get(question.pk, [])
        results.append(result)
    return PollResults(poll=poll, ballots=totals.get(PollTally.BALLOTS, 0), questions=results)
