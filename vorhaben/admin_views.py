"""The register's views: each finds a Vorhaben only among those the user's roles reach.

Anything else does not exist for the user (404). The decisions, the
internal thread, the project and the pre-vote are POSTs that call one
service each and come back with a message.
"""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from departments.rules import is_participation_team
from participation.refusals import NotFound, Refusal
from polls.models import Poll
from vorhaben import rules, services
from vorhaben.admin_forms import DecisionForm, NoteForm, PrevoteForm
from vorhaben.models import Vorhaben

READ_ACTIONS = ["view", "change"]
DECISION_LABELS = {
    "review": gettext_lazy("Start review"),
    "accept": gettext_lazy("Accept"),
    "defer": gettext_lazy("Defer"),
    "reject": gettext_lazy("Reject"),
}


def vorhaben_policy():
    return policy_registry.get_by_type(Vorhaben)


def reachable(user, actions=READ_ACTIONS):
    return vorhaben_policy().instances_user_has_any_permission_for(user, actions)


def may(user, action, vorhaben) -> bool:
    return vorhaben_policy().user_has_permission_for_instance(user, action, vorhaben)


class ReachableMixin:
    def get_queryset(self):  # Django's SingleObjectMixin (edit, delete)
        return reachable(self.request.user)

    def get_base_object_queryset(self):  # Wagtail's BaseObjectMixin (history, usage)
        return reachable(self.request.user)


class HiddenFromOthersMixin:
    """For roles without any right on Vorhaben the register does not exist (404, not 'refused')."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            raise Http404 from denied


class VorhabenIndexView(HiddenFromOthersMixin, generic.IndexView):
    def get_base_queryset(self):
        return reachable(self.request.user).select_related("department")

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if is_participation_team(self.request.user):
            buttons.append(
                Button(
                    _("Start an internal pre-vote"),
                    url=reverse("vorhaben:prevote"),
                    icon_name="tasks",
                    priority=5,
                )
            )
        return buttons


class VorhabenCreateView(HiddenFromOthersMixin, generic.CreateView):
    def save_instance(self):
        vorhaben = self.form.save(commit=False)
        services.submit_vorhaben(
            self.request.user, vorhaben, districts=self.form.cleaned_data.get("districts") or ()
        )
        log(instance=vorhaben, action="wagtail.create", user=self.request.user)
        return vorhaben

    def get_success_url(self):
        return reverse("vorhaben:inspect", args=(self.object.pk,))


class VorhabenEditView(ReachableMixin, generic.EditView):
    def get_object(self, queryset=None):
        vorhaben = super().get_object(queryset)
        if not may(self.request.user, "change", vorhaben):
            raise PermissionDenied
        return vorhaben


class VorhabenDeleteView(ReachableMixin, generic.DeleteView):
    pass


class VorhabenHistoryView(ReachableMixin, generic.HistoryView):
    pass


class VorhabenUsageView(ReachableMixin, generic.UsageView):
    pass


class VorhabenInspectView(generic.InspectView):
    template_name = "vorhaben/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(reachable(self.request.user), pk=self.pk)

    def get_edit_url(self):
        if may(self.request.user, "change", self.object):
            return reverse(self.edit_url_name, args=(self.object.pk,))
        return None

    def get_delete_url(self):
        if may(self.request.user, "delete", self.object):
            return reverse(self.delete_url_name, args=(self.object.pk,))
        return None

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value

    def get_formats_display_value(self):
        return ", ".join(self.object.format_labels()) or "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, vorhaben = self.request.user, self.object
        poll = vorhaben.prevote_poll
        context.update(
            transitions=vorhaben.transitions.select_related("actor"),
            notes=vorhaben.notes.select_related("author"),
            note_form=NoteForm(),
            decision_form=DecisionForm(),
            decisions=[
                {"name": name, "label": DECISION_LABELS[name]}
                for name in rules.allowed_decisions(user, vorhaben)
            ],
            may_create_project=rules.project_refusal(user, vorhaben) is None,
            project_edit_url=(
                reverse("wagtailadmin_pages:edit", args=(vorhaben.project_id,))
                if vorhaben.project_id
                else ""
            ),
            prevote_poll=poll,
            prevote_url=prevote_url(user, poll),
        )
        return context


def prevote_url(user, poll) -> str:
    """The poll's results in the admin, where the user may see them; else its edit page."""
    if poll is None:
        return ""
    policy = policy_registry.get_by_type(Poll)
    if policy.user_has_permission_for_instance(user, "view", poll):
        return reverse("wagtailsnippets_polls_poll:results_of_poll", args=(poll.pk,))
    return ""


class VorhabenActionView(View):
    """A POST on one reachable Vorhaben that calls one service, then back to its page."""

    http_method_names = ["post"]

    def post(self, request, pk, **kwargs):
        vorhaben = get_object_or_404(reachable(request.user), pk=pk)
        try:
            return self.act(request, vorhaben, **kwargs)
        except NotFound as refusal:
            raise Http404(refusal.detail) from refusal
        except Refusal as refusal:
            messages.error(request, refusal.detail)
        return redirect("vorhaben:inspect", vorhaben.pk)


class DecisionView(VorhabenActionView):
    def act(self, request, vorhaben):
        decision = request.POST.get("decision", "")
        form = DecisionForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        vorhaben = services.decide(request.user, vorhaben, decision, comment)
        messages.success(
            request,
            _("'%(title)s' is now %(state)s.")
            % {"title": vorhaben.title, "state": vorhaben.get_state_display()},
        )
        return redirect("vorhaben:inspect", vorhaben.pk)


class NoteView(VorhabenActionView):
    def act(self, request, vorhaben):
        services.add_note(request.user, vorhaben, request.POST.get("body", ""))
        messages.success(request, _("Your note has been added."))
        return redirect(reverse("vorhaben:inspect", args=(vorhaben.pk,)) + "#notes")


class CreateProjectView(VorhabenActionView):
    def act(self, request, vorhaben):
        project = services.create_project(request.user, vorhaben)
        messages.success(
            request,
            _("The draft project has been created. Complete it and submit it for approval."),
        )
        return redirect("wagtailadmin_pages:edit", project.pk)


class PrevoteView(WagtailAdminTemplateMixin, FormView):
    """The team ticks submitted Vorhaben and gets a staff-only poll on them."""

    form_class = PrevoteForm
    template_name = "vorhaben/admin/prevote.html"
    page_title = gettext_lazy("Internal pre-vote")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("vorhaben:index"), "label": gettext_lazy("Vorhaben")},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not is_participation_team(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"vorhaben": self.request.GET.getlist("id")}

    def form_valid(self, form):
        try:
            poll = services.start_prevote(self.request.user, form.cleaned_data["vorhaben"])
        except Refusal as refusal:
            form.add_error("vorhaben", refusal.detail)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The pre-vote '%(title)s' is open to staff until %(date)s.")
            % {"title": poll.title, "date": poll.closes_at.strftime("%d.%m.%Y")},
        )
        return redirect("wagtailsnippets_polls_poll:edit", poll.pk)
