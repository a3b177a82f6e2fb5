"""Planned participation (Beteiligungsvorhaben) that departments register, and what surrounds it.

A Vorhaben moves through the states of ``VorhabenState`` (``vorhaben.rules``
says which move is allowed, ``vorhaben.services`` makes it and writes a
``VorhabenTransition``). The team and the owning department discuss it in
``VorhabenNote``s, which never leave the admin. Citizens may suggest that
something be opened to participation (``Anregung``).

What the public sees is one queryset: ``Vorhaben.objects.publicly_listed()``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class VorhabenState(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    ACCEPTED = "accepted", _("accepted")
    DEFERRED = "deferred", _("deferred")
    REJECTED = "rejected", _("rejected")
    IN_PROGRESS = "in_progress", _("in progress (project exists)")


# The states in which a public Vorhaben appears on the Vorhabenliste.
LISTED_STATES = (VorhabenState.ACCEPTED, VorhabenState.IN_PROGRESS)


class Procedure(models.TextChoices):
    INFORMAL = "informal", _("informal participation")
    FORMAL = "formal", _("formal participation (required by law)")


class ParticipationFormat(models.TextChoices):
    POLL = "poll", _("poll")
    DISCUSSION = "discussion", _("online discussion")
    PROPOSALS = "proposals", _("proposals")
    WORKSHOP = "workshop", _("workshop")
    INFORMATION_EVENT = "information_event", _("information event")
    SURVEY = "survey", _("survey")


class VorhabenQuerySet(models.QuerySet):
    def publicly_listed(self):
        """What the public Vorhabenliste, its detail pages, API and sitemap show: nothing else."""
        return self.filter(public=True, state__in=LISTED_STATES)

    def for_listing(self):
        return self.select_related("department", "project").prefetch_related("districts")


class Vorhaben(models.Model):
    """A department's planned participation, from submission to a project."""

    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(
        _("goal"), max_length=2000, help_text=_("What the project is meant to achieve.")
    )
    open_to_decision = models.TextField(
        _("what is open to decision"),
        max_length=2000,
        help_text=_("What citizens can actually influence, and what is already fixed."),
    )
    target_groups = models.CharField(
        _("target groups"),
        max_length=300,
        blank=True,
        help_text=_("e.g. 'residents of the district, local businesses, young people'."),
    )
    districts = models.ManyToManyField(
        "pages.District",
        verbose_name=_("districts"),
        blank=True,
        related_name="vorhaben",
        help_text=_("Leave empty for plans that concern the whole city."),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    procedure = models.CharField(
        _("procedure"), max_length=16, choices=Procedure, default=Procedure.INFORMAL
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=200,
        blank=True,
        help_text=_("For formal procedures, e.g. '§ 3 BauGB'."),
    )
    council_decision_number = models.CharField(
        _("council decision number"), max_length=60, blank=True
    )
    council_decision_date = models.DateField(
        _("date of the council decision"), null=True, blank=True
    )
    council_decision_url = models.URLField(
        _("council decision in the council information system"), blank=True
    )
    budget = models.DecimalField(
        _("budget for participation (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    # A list of ParticipationFormat values (JSON, so that SQLite's `make run` has it too).
    formats = models.JSONField(_("formats wanted"), default=list, blank=True)
    contact = models.ForeignKey(
        "pages.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vorhaben",
    )
    contact_email = models.EmailField(
        _("functional e-mail address"),
        blank=True,
        help_text=_("A team mailbox instead of a contact person. No personal addresses."),
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="vorhaben",
    )
    public = models.BooleanField(
        _("show on the public Vorhabenliste"),
        default=False,
        help_text=_("Once accepted, the plan appears on the public list of planned participation."),
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=VorhabenState,
        default=VorhabenState.SUBMITTED,
        editable=False,
    )
    project = models.OneToOneField(
        "pages.ProjectPage",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vorhaben",
        editable=False,
    )
    prevote_poll = models.ForeignKey(
        "polls.Poll",
        verbose_name=_("internal pre-vote"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vorhaben",
        editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VorhabenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("planned participation")
        verbose_name_plural = _("planned participation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start"))
                | models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True),
                name="vorhaben_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned period cannot end before it starts.")
        if self.procedure == Procedure.FORMAL and not self.legal_basis.strip():
            errors["legal_basis"] = _("Please name the legal basis of the formal procedure.")
        if not self.contact_id and not self.contact_email:
            errors["contact_email"] = _(
                "Please choose a contact person or give a functional e-mail address."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_listed(self) -> bool:
        return self.public and self.state in LISTED_STATES

    def format_labels(self) -> list[str]:
        labels = dict(ParticipationFormat.choices)
        return [str(labels.get(value, value)) for value in self.formats]

    def live_project(self):
        """The project, once it is published (a draft is nobody's business outside the admin)."""
        project = self.project
        return project if project is not None and project.live else None


class VorhabenTransition(models.Model):
    """One move of a Vorhaben from one state to another: who, when, and why."""

    vorhaben = models.ForeignKey(Vorhaben, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    from_state = models.CharField(_("from"), max_length=16, choices=VorhabenState, blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=VorhabenState)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self):
        return f"{self.from_state or '-'} → {self.to_state}"


class VorhabenNote(models.Model):
    """An internal comment of the team or the department: admin only, never public."""

    vorhaben = models.ForeignKey(Vorhaben, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("note"), max_length=4000)
    created = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return self.body[:60]


class Anregung(models.Model):
    """A citizen's suggestion to open something to participation (no IP, e-mail only if wanted)."""

    subject = models.CharField(_("what should be opened to participation"), max_length=200)
    reason = models.TextField(_("reason"), max_length=3000)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anregungen",
    )
    vorhaben = models.ForeignKey(
        Vorhaben,
        verbose_name=_("planned participation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anregungen",
    )
    email = models.EmailField(_("e-mail address for an answer"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    answered = models.BooleanField(_("answered or closed"), default=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggestion (Anregung)")
        verbose_name_plural = _("suggestions (Anregungen)")

    def __str__(self):
        return self.subject


# The Vorhabenliste's page type lives beside the models it lists.
from vorhaben.listing import VorhabenIndexPage  # noqa: E402

__all__ = [
    "Anregung",
    "Vorhaben",
    "VorhabenIndexPage",
    "VorhabenNote",
    "VorhabenQuerySet",
    "VorhabenState",
    "VorhabenTransition",
]
