"""A project's dated phases, and the queries over projects that follow from them.

Split from ``projects``: the phases (``ProjectPhase``), the status in SQL
(``ProjectPageQuerySet.annotate_status``, the twin of ``pages.status``) and
the rows a page or listing reads with each project.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connections, models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet

from pages.models.snippets import Topic
from pages.prefetch import PreparedIterable, rows_of
from pages.status import ProjectStatus

# Lists show open projects first, then what is coming, then the rest.
STATUS_RANK = {
    ProjectStatus.OPEN: 0,
    ProjectStatus.UPCOMING: 1,
    ProjectStatus.EVALUATION: 2,
    ProjectStatus.FINISHED: 3,
}


class ProjectPhase(Orderable):
    page = ParentalKey("pages.ProjectPage", on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. 'Online-Dialog' or 'Auswertung'.")
    )
    description = models.TextField(
        _("description"),
        max_length=600,
        validators=[MaxLengthValidator(600)],
        blank=True,
        help_text=_("What happens in this phase and how citizens can take part."),
    )
    start_date = models.DateField(_("start"), help_text=_("First day of the phase."))
    end_date = models.DateField(_("end"), help_text=_("Last day of the phase (inclusive)."))
    allows_participation = models.BooleanField(
        _("citizens can take part"),
        default=True,
        help_text=_(
            "Tick for phases in which citizens can contribute (comment, vote). "
            "Leave unticked for information or evaluation phases."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("allows_participation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="project_phase_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The phase cannot end before it starts.")}, code="phase_order"
            )

    def is_current(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    def is_past(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) > self.end_date


class ProjectPageQuerySet(PageQuerySet):
    def annotate_status(self, today: date | None = None):
        """Adds ``derived_status`` and ``status_rank``, the SQL twin of ``derive_status``."""
        today = today or timezone.localdate()
        phases = ProjectPhase.objects.filter(page=OuterRef("pk"))
        participation = phases.filter(allows_participation=True)
        first_start = Coalesce(
            Subquery(participation.order_by("start_date").values("start_date")[:1]),
            Subquery(phases.order_by("start_date").values("start_date")[:1]),
        )
        last_end = Subquery(phases.order_by("-end_date").values("end_date")[:1])
        running = Exists(participation.filter(start_date__lte=today, end_date__gte=today))
        queryset = self.annotate(
            phases_first_start=first_start,
            phases_last_end=last_end,
            participation_running=running,
        ).annotate(
            derived_status=Case(
                When(phases_last_end__isnull=True, then=Value(ProjectStatus.UPCOMING.value)),
                When(phases_last_end__lt=today, then=Value(ProjectStatus.FINISHED.value)),
                When(participation_running=True, then=Value(ProjectStatus.OPEN.value)),
                When(phases_first_start__gt=today, then=Value(ProjectStatus.UPCOMING.value)),
                default=Value(ProjectStatus.EVALUATION.value),
                output_field=models.CharField(),
            )
        )
        return queryset.annotate(
            status_rank=Case(
                *[
                    When(derived_status=status.value, then=Value(rank))
                    for status, rank in STATUS_RANK.items()
                ],
                output_field=IntegerField(),
            )
        )

    def public_given(self, restrictions=None):
        """``public()`` with the view restrictions already read (``all_view_restrictions``)."""
        if restrictions is None:
            return self.public()
        private = Q()
        for restriction in restrictions:
            private |= self.descendant_of_q(restriction.page, inclusive=True)
        return self.exclude(private) if private else self

    def with_status(self, status: str, today: date | None = None):
        return self.annotate_status(today).filter(derived_status=status)

    def with_phases_and_topics(self):
        """Phases and topics read with each page (as JSON rows), not in queries of their own.

        Without PostgreSQL (SQLite for ``make run``): by prefetch_related, two queries more.
        """
        if connections[self.db].vendor != "postgresql":
            return self.prefetch_related("phases", "topics")
        queryset = self.annotate(
            phase_rows=rows_of(
                ProjectPhase.objects.filter(page=OuterRef("pk")).order_by("sort_order")
            ),
            topic_rows=rows_of(Topic.objects.filter(projectpage=OuterRef("pk")).order_by("name")),
        )
        queryset._iterable_class = PreparedIterable
        return queryset

    def for_listing(self):
        """What a project card needs, in one query (the hero images' renditions: one more)."""
        return self.select_related("department", "district", "hero_image").with_phases_and_topics()


ProjectPageManager = PageManager.from_queryset(ProjectPageQuerySet)
