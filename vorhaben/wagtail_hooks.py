"""The Vorhaben register and the Anregungen in the admin ("Vorhaben" menu).

Wagtail's own ModelViewSet, not wagtail-modeladmin: it brings the index
with django-filter filters, search, the CSV/XLSX export and the inspect
view, and it asks the registered permission policy (``vorhaben.permissions``)
for every object, like the polls' snippet viewset does.
"""

import django_filters
from django import forms
from django.db.models.functions import ExtractYear
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from departments.models import Department, Role
from departments.rules import is_participation_team, roles_of
from vorhaben import admin_views, anregung_admin
from vorhaben.admin_forms import VorhabenForm
from vorhaben.anregungen import anregungen_for
from vorhaben.models import LISTED_STATES, Anregung, Vorhaben, VorhabenState
from vorhaben.permissions import VorhabenPermissionPolicy
from web.admin_panels import WorkItem, register_work
from web.admin_tables import short_date

# Before the viewsets are registered, or Wagtail makes plain model policies.
register_permission_policy(Vorhaben, VorhabenPermissionPolicy(Vorhaben))
register_permission_policy(Anregung, anregung_admin.AnregungPermissionPolicy(Anregung))


def submission_years(request=None):
    years = (
        Vorhaben.objects.annotate(year=ExtractYear("created_at"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return [(year, str(year)) for year in years]


class VorhabenFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("state"), choices=VorhabenState.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("responsible department"), queryset=Department.objects.all()
    )
    year = django_filters.ChoiceFilter(
        label=_("year of submission"),
        choices=submission_years,
        field_name="created_at",
        lookup_expr="year",
    )

    class Meta:
        model = Vorhaben
        fields = ["state", "department", "year", "public"]


class VorhabenViewSet(ModelViewSet):
    model = Vorhaben
    name = "vorhaben"
    icon = "clipboard-list"
    menu_label = _("Register")
    index_view_class = admin_views.VorhabenIndexView
    add_view_class = admin_views.VorhabenCreateView
    edit_view_class = admin_views.VorhabenEditView
    delete_view_class = admin_views.VorhabenDeleteView
    history_view_class = admin_views.VorhabenHistoryView
    usage_view_class = admin_views.VorhabenUsageView
    inspect_view_class = admin_views.VorhabenInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "title",
        "state",
        "department",
        "goal",
        "open_to_decision",
        "target_groups",
        "districts",
        "planned_start",
        "planned_end",
        "procedure",
        "legal_basis",
        "council_decision_number",
        "council_decision_date",
        "council_decision_url",
        "budget",
        "formats",
        "contact",
        "contact_email",
        "public",
        "created_at",
    ]
    list_display = [
        "title",
        StatusTagColumn(
            "state",
            label=_("state"),
            accessor=lambda vorhaben: vorhaben.get_state_display(),
            primary=lambda vorhaben: vorhaben.state in LISTED_STATES,
        ),
        "department",
        Column(
            "planned_start",
            label=_("planned start"),
            accessor=lambda vorhaben: short_date(vorhaben.planned_start),
            sort_key="planned_start",
        ),
        BooleanColumn("public", label=_("public")),
        Column(
            "created_at",
            label=_("submitted"),
            accessor=lambda vorhaben: short_date(vorhaben.created_at),
            sort_key="created_at",
        ),
    ]
    filterset_class = VorhabenFilterSet
    search_fields = ["title", "goal", "open_to_decision"]
    search_backend_name = None
    # No names of people: the export is for planning, not about who submitted.
    list_export = [
        "title",
        "get_state_display",
        "department",
        "planned_start",
        "planned_end",
        "get_procedure_display",
        "legal_basis",
        "council_decision_number",
        "council_decision_date",
        "budget",
        "public",
        "created_at",
    ]
    export_headings = {
        "get_state_display": _("state"),
        "get_procedure_display": _("procedure"),
    }
    export_filename = "vorhaben"
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            # A select of the editor's own units (VorhabenForm), not the chooser of all units.
            FieldPanel("department", widget=forms.Select),
            FieldPanel("goal"),
            FieldPanel("open_to_decision"),
            FieldPanel("target_groups"),
            FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
            MultiFieldPanel(
                [
                    FieldPanel("procedure"),
                    FieldPanel("legal_basis"),
                    FieldRowPanel(
                        [FieldPanel("council_decision_number"), FieldPanel("council_decision_date")]
                    ),
                    FieldPanel("council_decision_url"),
                ],
                heading=_("Procedure and council decision"),
            ),
            FieldPanel("budget"),
            FieldPanel("formats"),
            MultiFieldPanel(
                [FieldPanel("contact"), FieldPanel("contact_email")], heading=_("Contact")
            ),
            FieldPanel("public"),
        ],
        base_form_class=VorhabenForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", admin_views.DecisionView.as_view(), name="decide"),
            path("note/<int:pk>/", admin_views.NoteView.as_view(), name="note"),
            path("project/<int:pk>/", admin_views.CreateProjectView.as_view(), name="project"),
            path("prevote/", admin_views.PrevoteView.as_view(), name="prevote"),
        ]


class VorhabenGroup(ViewSetGroup):
    menu_label = _("Vorhaben")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (VorhabenViewSet, anregung_admin.AnregungViewSet)


@hooks.register("register_admin_viewset")
def register_vorhaben_viewsets():
    return VorhabenGroup()


@hooks.register("register_page_header_buttons")
def vorhaben_of_the_project(page, user, view_name, next_url=None):
    """The project's editor links back to the Vorhaben it came from (for those who may read it)."""
    vorhaben = admin_views.reachable(user).filter(project_id=page.pk).only("pk", "title").first()
    if vorhaben is None:
        return []
    return [
        Button(
            _("Planned participation: %(title)s") % {"title": vorhaben.title},
            url=reverse("vorhaben:inspect", args=(vorhaben.pk,)),
            icon_name="clipboard-list",
            priority=80,
        )
    ]


@register_work
def vorhaben_to_handle(user) -> list[WorkItem]:
    """The team: Vorhaben to review; the team and a unit's editors: unanswered Anregungen."""
    items = []
    if is_participation_team(user):
        register = reverse("vorhaben:index")
        for state, label in (
            (VorhabenState.SUBMITTED, _("Vorhaben submitted, to review")),
            (VorhabenState.IN_REVIEW, _("Vorhaben in review")),
        ):
            count = Vorhaben.objects.filter(state=state).count()
            items.append(WorkItem(label, count, f"{register}?state={state}"))
    if is_participation_team(user) or roles_of(user).holds(Role.EDITOR):
        open_anregungen = anregungen_for(user).filter(answered=False).count()
        items.append(
            WorkItem(
                _("Suggestions (Anregungen) not answered"),
                open_anregungen,
                reverse("anregungen:index") + "?answered=false",
            )
        )
    return items
