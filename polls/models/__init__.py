"""Polls editors embed in pages, and the ballots citizens cast.

Split by concern: ``polls`` (Poll, Question, Choice: what editors build)
and ``ballots`` (Ballot, Answer and the PollTally counters: what
participants create).
"""

from .ballots import Answer, Ballot, PollTally, VoterKind
from .placements import PollPlacement
from .polls import (
    AnonymousBallots,
    Audience,
    Choice,
    Poll,
    PollState,
    Question,
    QuestionKind,
    ResultsVisibility,
)

__all__ = [
    "AnonymousBallots",
    "Answer",
    "Audience",
    "Ballot",
    "Choice",
    "Poll",
    "PollPlacement",
    "PollState",
    "PollTally",
    "Question",
    "QuestionKind",
    "ResultsVisibility",
    "VoterKind",
]
