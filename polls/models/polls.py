"""What editors build: a poll with ordered questions and ordered choices."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable
from wagtail.search import index

from .choices import (
    DEFAULT_BALLOTS_PER_NETWORK,
    MAX_BALLOTS_PER_NETWORK,
    AnonymousBallots,
    Audience,
    PollApproval,
    PollState,
    QuestionKind,
    ResultsVisibility,
)

# A rating scale longer than this is a number field, not a scale.
MAX_SCALE_STEPS = 11
MAX_FREE_TEXT_LENGTH = 5000


class PollQuerySet(models.QuerySet):
    def annotate_ballot_count(self):
        """Adds ``ballot_count`` from the tally rows: no scan of the ballots."""
        from .ballots import PollTally

        ballots = (
            PollTally.objects.filter(poll=OuterRef("pk"), key=PollTally.BALLOTS)
            .values("poll")
            .annotate(total=Sum("count"))
            .values("total")
        )
        return self.annotate(ballot_count=Coalesce(Subquery(ballots), 0))

    def with_questions(self):
        """Questions and their choices, in order, in two more queries."""
        return self.prefetch_related(
            models.Prefetch("questions", queryset=Question.objects.prefetch_related("choices"))
        )


class Poll(index.Indexed, ClusterableModel):
    """A poll (Umfrage or Vorabstimmung) that editors embed in pages."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        help_text=_("What the poll is about and what happens with the result."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    audience = models.CharField(
        _("who may vote"), max_length=16, choices=Audience, default=Audience.PUBLIC
    )
    anonymous_ballots = models.CharField(
        _("ballots without an account"),
        max_length=16,
        choices=AnonymousBallots,
        default=AnonymousBallots.PER_BROWSER,
        blank=True,
        help_text=_(
            "Only for polls open to everyone. One vote per browser: a cookie tells browsers "
            "apart, so whoever deletes it or uses another browser can vote again; fine for a "
            "quick opinion poll. Limited per network: in addition, at most the number below "
            "of ballots without an account per network and day. Households, offices, schools "
            "and mobile networks share one network, so the limit can also stop honest "
            "participants; they can still vote after signing in. For decisions, choose "
            "'registered citizens' above: then only signed-in citizens vote."
        ),
    )
    ballots_per_network = models.PositiveSmallIntegerField(
        _("ballots per network and day"),
        default=DEFAULT_BALLOTS_PER_NETWORK,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_BALLOTS_PER_NETWORK)],
        help_text=_(
            "Limited per network: how many ballots without an account one network may cast "
            "in this poll per day."
        ),
    )
    results_visibility = models.CharField(
        _("results visible"),
        max_length=16,
        choices=ResultsVisibility,
        default=ResultsVisibility.AFTER_CLOSE,
    )
    allow_ballot_change = models.BooleanField(
        _("participants may change their ballot"),
        default=False,
        help_text=_("Until the poll closes, participants can replace their answers."),
    )
    publish_free_text = models.BooleanField(
        _("publish free-text answers"),
        default=False,
        help_text=_(
            "Show free-text answers with the results (and let the site search find them). "
            "Leave unticked if answers may contain personal data."
        ),
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="polls",
        help_text=_("The unit's editors edit the poll; a staff-only poll is for the unit's staff."),
    )
    # Set by polls.approval, never in the form: polls saved in code (the
    # team's tools, the demo) are approved; the admin drafts a department's.
    approval = models.CharField(
        _("approval"), max_length=16, choices=PollApproval, default=PollApproval.APPROVED
    )
    approval_comment = models.TextField(_("comment on the approval"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PollQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("department"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("anonymous_ballots"), FieldPanel("ballots_per_network")]),
                FieldPanel("results_visibility"),
                FieldPanel("allow_ballot_change"),
                FieldPanel("publish_free_text"),
            ],
            heading=_("Rules"),
        ),
    ]
    question_panels = [
        InlinePanel(
            "questions",
            heading=_("Questions"),
            label=_("Question"),
            min_num=1,
            help_text=_(
                "Once ballots exist, questions and choices can be reworded but not removed, "
                "reordered or changed in kind or scale."
            ),
        )
    ]
    # The viewset (polls/wagtail_hooks.py) puts both in tabs with PollAdminForm.

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("audience"),
    ]

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="poll_closes_after_it_opens"
            ),
            # The anonymous-ballot rule exists for public polls only.
            models.CheckConstraint(
                condition=(
                    Q(audience=Audience.PUBLIC, anonymous_ballots__in=AnonymousBallots.values)
                    | (~Q(audience=Audience.PUBLIC) & Q(anonymous_ballots=""))
                ),
                name="poll_anonymous_ballots_only_for_public_polls",
            ),
            models.CheckConstraint(
                condition=Q(ballots_per_network__gte=1), name="poll_ballots_per_network_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The poll must close after it opens.")}, code="poll_dates"
            )
        if self.audience != Audience.PUBLIC:
            # Nobody votes without an account here: the rule does not apply.
            self.anonymous_ballots = ""
        elif not self.anonymous_ballots:
            raise ValidationError(
                {
                    "anonymous_ballots": _(
                        "Please choose how ballots without an account are limited."
                    )
                },
                code="anonymous_ballots_missing",
            )

    def save(self, *args, **kwargs):
        """Keeps the anonymous-ballot rule to public polls (see the check constraint)."""
        if self.audience != Audience.PUBLIC:
            # Nobody votes without an account here: the rule does not apply.
            self.anonymous_ballots = ""
        elif not self.anonymous_ballots:
            self.anonymous_ballots = AnonymousBallots.PER_BROWSER
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "audience" in update_fields:
            kwargs["update_fields"] = {*update_fields, "anonymous_ballots"}
        super().save(*args, **kwargs)

    @property
    def limits_ballots_per_network(self) -> bool:
        return (
            self.audience == Audience.PUBLIC
            and self.anonymous_ballots == AnonymousBallots.PER_NETWORK
        )

    def state_at(self, now: datetime) -> PollState:
        if now < self.opens_at:
            return PollState.UPCOMING
        if now >= self.closes_at:
            return PollState.CLOSED
        return PollState.OPEN

    @property
    def state(self) -> PollState:
        return self.state_at(timezone.now())

    def get_admin_display_title(self):
        return self.title


class Question(Orderable, ClusterableModel):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind of answer"), max_length=16, choices=QuestionKind, default=QuestionKind.SINGLE
    )
    required = models.BooleanField(_("answer required"), default=True)
    min_choices = models.PositiveSmallIntegerField(
        _("at least"),
        null=True,
        blank=True,
        help_text=_("Multiple choice: how many choices must be ticked at least."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("at most"),
        null=True,
        blank=True,
        help_text=_("Multiple choice: how many choices may be ticked at most (empty: all)."),
    )
    scale_min = models.SmallIntegerField(_("scale from"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("scale to"), null=True, blank=True)
    scale_min_label = models.CharField(
        _("label of the lowest value"), max_length=60, blank=True, help_text=_("e.g. 'unwichtig'")
    )
    scale_max_label = models.CharField(
        _("label of the highest value"),
        max_length=60,
        blank=True,
        help_text=_("e.g. 'sehr wichtig'"),
    )
    max_length = models.PositiveIntegerField(
        _("maximum length"),
        null=True,
        blank=True,
        help_text=_("Free text: the most characters an answer may have (up to 5000)."),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldRowPanel(
            [FieldPanel("min_choices"), FieldPanel("max_choices")],
            heading=_("Multiple choice"),
        ),
        FieldRowPanel(
            [
                FieldPanel("scale_min"),
                FieldPanel("scale_max"),
                FieldPanel("scale_min_label"),
                FieldPanel("scale_max_label"),
            ],
            heading=_("Rating scale"),
        ),
        FieldPanel("max_length"),
        InlinePanel(
            "choices",
            heading=_("Choices"),
            label=_("Choice"),
            help_text=_("Single and multiple choice questions need at least two choices."),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_max__gt=F("scale_min")),
                name="question_scale_ascends",
            )
        ]

    def __str__(self):
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == QuestionKind.MULTIPLE:
            if (
                self.min_choices is not None
                and self.max_choices is not None
                and self.max_choices < self.min_choices
            ):
                errors["max_choices"] = _("'At most' cannot be less than 'at least'.")
            if self.max_choices == 0:
                errors["max_choices"] = _("Allow at least one choice.")
        elif self.kind == QuestionKind.RATING:
            if self.scale_min is None:
                errors["scale_min"] = _("A rating scale needs a lowest value.")
            if self.scale_max is None:
                errors["scale_max"] = _("A rating scale needs a highest value.")
            if self.scale_min is not None and self.scale_max is not None:
                if self.scale_max <= self.scale_min:
                    errors["scale_max"] = _("The highest value must be above the lowest.")
                elif self.scale_max - self.scale_min + 1 > MAX_SCALE_STEPS:
                    errors["scale_max"] = _("A scale can have at most %(steps)d steps.") % {
                        "steps": MAX_SCALE_STEPS
                    }
        elif self.kind == QuestionKind.TEXT:
            if not self.max_length:
                errors["max_length"] = _("Free-text questions need a maximum length.")
            elif self.max_length > MAX_FREE_TEXT_LENGTH:
                errors["max_length"] = _("At most %(limit)d characters.") % {
                    "limit": MAX_FREE_TEXT_LENGTH
                }
        if errors:
            raise ValidationError(errors, code="question_settings")

    def choice_bounds(self) -> tuple[int, int]:
        """(fewest, most) choices a ballot may tick for this question."""
        available = len(self.choices.all())
        if self.kind == QuestionKind.SINGLE:
            return (1 if self.required else 0), 1
        fewest = self.min_choices if self.min_choices is not None else int(self.required)
        most = self.max_choices if self.max_choices else available
        return fewest, min(most, available)


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("choice"), max_length=200)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.label
