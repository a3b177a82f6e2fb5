"""Polls editors embed in pages, and the ballots citizens cast.

Split by concern: ``polls`` (Poll, Question, Choice: what editors build)
and ``ballots`` (Ballot, Answer and the PollTally counters: what
participants create).
"""

from .ballots import Answer, Ballot, PollTally, VoterKind
from .choices import (
    AnonymousBallots,
    Audience,
    PollApproval,
    PollState,
    QuestionKind,
    ResultsVisibility,
)
from .placements import PollPlacement
from .polls import Choice, Poll, Question

__all__ = [
    "AnonymousBallots",
    "Answer",
    "Audience",
    "Ballot",
    "Choice",
    "Poll",
    "PollApproval",
    "PollPlacement",
    "PollState",
    "PollTally",
    "Question",
    "QuestionKind",
    "ResultsVisibility",
    "VoterKind",
]
