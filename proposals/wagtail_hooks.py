"""Idea collections and proposals in the admin ("Ideensammlungen" menu).

Wagtail's ModelViewSet, as the Vorhaben register: an index with filters
and an inspect view, rights narrowed to the project's unit
(``proposals.permissions``). Proposals are read only here; their inspect
view publishes pending ones and takes official answers
(``admin_views.ProposalInspectView``); the listing exports proposals (one
collection's, by its filter) as CSV or XLSX, pseudonymised
(``proposals.exports``); the moderation queue comes in a later step.
"""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from proposals import admin_views
from proposals.admin_forms import IdeaCollectionForm
from proposals.bulk_actions import BULK_ACTIONS
from proposals.models import IdeaCollection, Proposal, ProposalState
from proposals.moderation_admin import ProposalModerationViewSet, awaiting_review, moderates_any
from proposals.permissions import IdeaCollectionPermissionPolicy, ProposalPermissionPolicy
from web.admin_panels import WorkItem, register_work
from web.admin_tables import short_date

# Before the viewsets are registered, or Wagtail makes plain model policies.
register_permission_policy(IdeaCollection, IdeaCollectionPermissionPolicy(IdeaCollection))
register_permission_policy(Proposal, ProposalPermissionPolicy(Proposal))


class IdeaCollectionViewSet(ModelViewSet):
    model = IdeaCollection
    name = "idea_collections"
    icon = "list-ul"
    menu_label = _("Idea collections")
    index_view_class = admin_views.IndexView
    inspect_view_class = admin_views.InspectView
    edit_view_class = admin_views.EditView
    delete_view_class = admin_views.DeleteView
    history_view_class = admin_views.HistoryView
    usage_view_class = admin_views.UsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "title",
        "page",
        Column(
            "submissions_end",
            label=_("new proposals until"),
            accessor=lambda c: short_date(c.submissions_end),
        ),
    ]
    search_fields = ["title"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("page"),
            FieldPanel("title"),
            FieldPanel("intro"),
            FieldRowPanel([FieldPanel("submissions_start"), FieldPanel("submissions_end")]),
            FieldPanel("supports_until"),
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            MultiFieldPanel(
                [
                    FieldPanel("location_mode"),
                    FieldPanel("images_allowed"),
                    FieldPanel("attachments_allowed"),
                    FieldPanel("moderation"),
                    FieldPanel("support_threshold"),
                ],
                heading=_("Settings"),
            ),
            MultiFieldPanel(
                [FieldPanel("comments_enabled"), FieldPanel("comments_moderation")],
                heading=_("Discussion on each proposal"),
            ),
        ],
        base_form_class=IdeaCollectionForm,
    )


class ProposalFilterSet(WagtailFilterSet):
    # Only the collections the user's roles reach: others' titles are not theirs to read.
    collection = django_filters.ModelChoiceFilter(
        label=_("idea collection"),
        queryset=lambda request: admin_views.reachable(request.user, IdeaCollection),
    )
    state = django_filters.ChoiceFilter(label=_("state"), choices=ProposalState.choices)

    class Meta:
        model = Proposal
        fields = ["collection", "state", "moderation"]


class ProposalViewSet(ModelViewSet):
    model = Proposal
    name = "proposals"
    icon = "pick"
    menu_label = _("Proposals")
    index_view_class = admin_views.ProposalIndexView
    inspect_view_class = admin_views.ProposalInspectView
    edit_view_class = admin_views.EditView
    delete_view_class = admin_views.DeleteView
    history_view_class = admin_views.HistoryView
    usage_view_class = admin_views.UsageView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    # No author: staff read proposals, not who wrote them.
    inspect_view_fields = [
        "title",
        "description",
        "collection",
        "category",
        "district",
        "state",
        "moderation",
        "support_count",
        "withdrawn_at",
        "created_at",
        "updated_at",
    ]
    list_display = [
        "title",
        "collection",
        Column("state", label=_("state"), accessor="get_state_display"),
        Column("support_count", label=_("supports"), sort_key="support_count"),
        Column(
            "created_at",
            label=_("submitted"),
            accessor=lambda p: short_date(p.created_at),
            sort_key="created_at",
        ),
    ]
    filterset_class = ProposalFilterSet
    search_fields = ["title", "description"]
    search_backend_name = None
    # Read only: the state changes only through an official answer (inspect view).
    form_fields = []

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", admin_views.publish, name="publish"),
        ]


class IdeasGroup(ViewSetGroup):
    menu_label = _("Idea collections")
    menu_icon = "list-ul"
    menu_order = 260
    items = (IdeaCollectionViewSet, ProposalViewSet)


@hooks.register("register_admin_viewset")
def register_proposals_viewsets():
    return IdeasGroup()


@hooks.register("register_admin_viewset")
def register_proposal_moderation():
    # Its menu item joins the comments' in the "Moderation" submenu (comments.moderation_menu).
    return ProposalModerationViewSet()


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@register_work
def proposals_to_review(user) -> list[WorkItem]:
    """The moderators' queue: pending, hidden and reported proposals of their units."""
    if not moderates_any(user):
        return []
    waiting = awaiting_review(user).count()
    queue = reverse("proposal_moderation:index") + "?queue=true"
    return [WorkItem(_("Proposals to review"), waiting, queue)]
