"""The moderation queue of proposals, beside the comments' under the admin's "Moderation".

A Wagtail ModelViewSet like ``comments.admin_views``: the queue lists
pending, hidden and reported proposals (the filter "Needs review" can be
taken off for all), filters by idea collection, project and moderation
state; each proposal's page shows its reports and moderation log with a
form for one action, and the listing's checkboxes lead to bulk actions
(``proposals.bulk_actions``). Every change goes through
``proposals.moderation.moderate`` and is logged. The unit's moderators see
their unit's collections only (``rules.moderated_units``); city-wide
moderators and the team see all. The author is shown as in the proposals'
admin: not at all.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from comments.moderation_menu import MODERATION_MENU_HOOK
from participation.refusals import Refusal
from proposals import moderation, rules
from proposals.models import IdeaCollection, Moderation, Proposal, ProposalModerationAction
from proposals.moderation import within_scope
from web.participants import participant_from_request

QUEUE_ACTIONS = ("view", "moderate")
NEEDS_REVIEW = Q(moderation__in=[Moderation.PENDING, Moderation.HIDDEN]) | Q(
    open_report_count__gt=0
)


def moderates_any(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and rules.moderated_units(user) != frozenset()
    )


class QueuePermissionPolicy(ModelPermissionPolicy):
    """The queue is for those who moderate some unit's proposals; nobody adds or edits here."""

    def user_has_permission(self, user, action):
        return action in QUEUE_ACTIONS and moderates_any(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.none()


QUEUE_POLICY = QueuePermissionPolicy(Proposal)


def awaiting_review(user):
    """The queue of ``user``: pending, hidden, or with open reports (for the dashboard too)."""
    return (
        within_scope(user, Proposal.objects.all())
        .annotate(open_report_count=Count("reports", filter=Q(reports__resolved=False)))
        .filter(NEEDS_REVIEW)
    )


def project_model():
    """pages' ProjectPage, without importing pages (the import contracts)."""
    return IdeaCollection._meta.get_field("page").related_model


def scoped_collections(request):
    return within_scope(request.user, Proposal.objects.all()).values("collection")


class QueueFilterSet(WagtailFilterSet):
    queue = django_filters.BooleanFilter(label=gettext_lazy("Needs review"), method="filter_queue")
    collection = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Idea collection"),
        queryset=lambda request: IdeaCollection.objects.filter(
            pk__in=scoped_collections(request)
        ).order_by("title"),
    )
    project = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Project"),
        field_name="collection__page",
        queryset=lambda request: (
            project_model()
            .objects.filter(
                pk__in=IdeaCollection.objects.filter(pk__in=scoped_collections(request)).values(
                    "page"
                )
            )
            .order_by("title")
        ),
    )
    moderation = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("State"),
        choices=Moderation.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Proposal
        fields = []

    def filter_queue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(NEEDS_REVIEW if value else ~NEEDS_REVIEW)


class QueueIndexView(generic.IndexView):
    permission_policy = QUEUE_POLICY  # not the proposals' registered one (proposals.permissions)
    filterset_class = QueueFilterSet
    any_permission_required = ["moderate"]
    default_ordering = "-created_at"
    paginate_by = 50
    template_name = "proposals/admin/queue_index.html"

    def get_base_queryset(self):
        return (
            within_scope(self.request.user, Proposal.objects.all())
            .select_related("collection__page")
            .annotate(open_report_count=Count("reports", filter=Q(reports__resolved=False)))
            .order_by("-created_at", "-id")
        )

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="proposal"),
            TitleColumn("title", label=_("Proposal"), get_url=self.get_inspect_url),
            Column("collection", label=_("Idea collection"), accessor="collection.title"),
            Column("project", label=_("Project"), accessor="collection.page.title"),
            Column("moderation", label=_("State"), accessor="get_moderation_display"),
            Column("open_report_count", label=_("Open reports")),
            DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
        ]

    def get_inspect_url(self, instance):
        return reverse(self.inspect_url_name, args=(instance.pk,))


class QueueActionForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[(action.value, action.label) for action in rules.MODERATION_TRANSITIONS],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason told to the author (for rejections and removals)"),
        required=False,
        max_length=moderation.MAX_REASON,
    )
    note = forms.CharField(
        label=gettext_lazy("Moderator note (internal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QueueInspectView(generic.InspectView):
    permission_policy = QUEUE_POLICY
    any_permission_required = ["moderate"]
    template_name = "proposals/admin/queue_inspect.html"
    fields = []

    def get_object(self, queryset=None):
        proposals = within_scope(self.request.user, Proposal.objects.all())
        return get_object_or_404(
            proposals.select_related("collection__page", "category", "district"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        context.update(
            proposal=proposal,
            reports=list(proposal.reports.all()),
            log=list(proposal.moderation_log.select_related("moderator")),
            form=QueueActionForm(),
            moderate_url=reverse("proposal_moderation:moderate", args=(proposal.pk,)),
            public_url=reverse("ideen:proposal", args=(proposal.pk,)),
        )
        return context


class ModerateView(View):
    """POST: one moderator action on one proposal, then back to its page."""

    def post(self, request, pk):
        if not moderates_any(request.user):
            raise PermissionDenied
        get_object_or_404(within_scope(request.user, Proposal.objects.all()), pk=pk)
        form = QueueActionForm(request.POST)
        inspect_url = reverse("proposal_moderation:inspect", args=(pk,))
        if not form.is_valid():
            messages.error(request, _("Please choose an action."))
            return redirect(inspect_url)
        action = form.cleaned_data["action"]
        try:
            moderation.moderate_one(
                participant_from_request(request),
                pk,
                action,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except Refusal as refusal:
            messages.error(request, refusal.detail)
            return redirect(inspect_url)
        messages.success(
            request,
            _("Proposal #%(id)d: %(action)s.")
            % {"id": pk, "action": ProposalModerationAction(action).label},
        )
        return redirect(inspect_url)


class ProposalModerationViewSet(ModelViewSet):
    model = Proposal
    icon = "pick"
    name = "proposal_moderation"
    url_prefix = "proposal-moderation"
    menu_label = gettext_lazy("Proposals")
    menu_name = "proposal_moderation"
    menu_order = 20
    menu_hook = MODERATION_MENU_HOOK
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = QueueIndexView
    inspect_view_class = QueueInspectView

    @cached_property
    def permission_policy(self):
        return QUEUE_POLICY

    @cached_property
    def menu_item_class(self):
        return type(
            "ProposalModerationMenuItem",
            (MenuItem,),
            {"is_shown": lambda _self, request: moderates_any(request.user)},
        )

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index")) + "?queue=true"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("moderate/<int:pk>/", ModerateView.as_view(), name="moderate"),
        ]

    def register_permissions(self):
        pass  # the queue's policy is its own; Proposal keeps its registered one
