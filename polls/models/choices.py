"""The choices a poll is built from: who votes, how results show, its states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone, also without an account")
    REGISTERED = "registered", _("Registered citizens with a confirmed e-mail address")
    STAFF = "staff", _("Staff only (internal pre-vote)")


class AnonymousBallots(models.TextChoices):
    """How ballots without an account are limited in a public poll (blank for other polls).

    "Signed in only" is not a third value: it is the REGISTERED audience, so
    that the two fields can never disagree about who may vote.
    """

    PER_BROWSER = "per_browser", _("Anonymous, one vote per browser")
    PER_NETWORK = "per_network", _("Anonymous, limited per network")


DEFAULT_BALLOTS_PER_NETWORK = 5
MAX_BALLOTS_PER_NETWORK = 1000


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("Live, while the poll runs")
    AFTER_CLOSE = "after_close", _("After the poll has closed")
    EDITORS = "editors", _("Editors only")


class PollState(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    RATING = "rating", _("Rating scale")
    TEXT = "text", _("Free text")


class PollApproval(models.TextChoices):
    """The participation team's approval (Freigabe): only an approved poll opens.

    A department's editors draft and submit; the team approves or sends the
    poll back with a comment. The team's own polls are approved as they are
    saved.
    """

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting approval")
    APPROVED = "approved", _("approved")
