"""The admin views of collections and proposals: each finds objects only among those reached.

Wagtail's generic views ask the permission policy whether a user may use a
view at all; these make the lists and the single-object views look only
among the objects the user's roles reach (``proposals.permissions``), so an
object of another unit does not exist for them (404).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry

from participation.refusals import NotFound, Refusal
from proposals import exports, rules, services
from proposals.admin_forms import AnswerForm
from proposals.models import Proposal
from web.participants import participant_from_request

READ_ACTIONS = ["view", "change"]


def reachable(user, model):
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, READ_ACTIONS
    )


class ReachableMixin:
    def get_queryset(self):  # Django's SingleObjectMixin
        return reachable(self.request.user, self.model)

    def get_base_object_queryset(self):  # Wagtail's BaseObjectMixin (edit, inspect, history)
        return reachable(self.request.user, self.model)


class IndexView(generic.IndexView):
    def get_base_queryset(self):  # filters, search and ordering come on top
        return reachable(self.request.user, self.model)


class ProposalIndexView(IndexView):
    """The proposals listing; with ``?collection=<id>&export=csv`` (or xlsx) a spreadsheet.

    The export holds the rows the listing's filters select among those the
    user's roles reach, pseudonymised (``proposals.exports``).
    """

    export_headings = exports.COLUMNS
    list_export = list(exports.COLUMNS)

    def get_base_queryset(self):
        proposals = super().get_base_queryset()
        return exports.with_latest_answers(proposals) if self.is_export else proposals

    def get_filename(self):
        cleaned = getattr(self.filters.form, "cleaned_data", {}) if self.filters else {}
        collection = cleaned.get("collection")
        return f"vorschlaege-{collection.pk}" if collection else "vorschlaege"

    def to_row_dict(self, item):
        return exports.export_row(item)

    def preprocess_field_value(self, field, value, export_format):
        return exports.defuse(super().preprocess_field_value(field, value, export_format))


class InspectView(ReachableMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(reachable(self.request.user, self.model), pk=self.pk)


class ProposalInspectView(InspectView):
    """The proposal, its moderation, and the official answer form for those who may answer."""

    template_name = "proposals/admin/inspect.html"
    answer_form = None

    def get_withdrawn_at_display_value(self):
        """The date, or in words that it was not withdrawn (not "None")."""
        if self.object.withdrawn_at is None:
            return _("not withdrawn")
        return date_format(localtime(self.object.withdrawn_at), "DATETIME_FORMAT")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = participant_from_request(self.request)
        context["may_publish"] = rules.publish_refusal(participant, self.object) is None
        if (
            self.answer_form is None
            and rules.answer_refusal(self.request.user, self.object) is None
        ):
            self.answer_form = AnswerForm(proposal=self.object)
        context["answer_form"] = self.answer_form
        context["answers"] = self.object.answers.all()
        context["images"] = self.object.images.all()
        return context

    def post(self, request, *args, **kwargs):
        """An official answer; errors are shown next to their fields, nothing is stored."""
        self.object = self.get_object()
        if rules.answer_refusal(request.user, self.object) is not None:
            raise PermissionDenied
        form = AnswerForm(request.POST, proposal=self.object)
        if form.is_valid():
            try:
                services.answer_proposal(request.user, self.object.pk, **form.cleaned_data)
            except NotFound as missing:
                raise Http404("Unknown proposal") from missing
            except Refusal as refusal:
                form.add_refusal(refusal)
                if refusal.code == "answered_meanwhile":
                    self.object.refresh_from_db()
                    form.show_again(self.object)
            else:
                messages.success(request, _("The answer has been published."))
                return redirect(reverse("proposals:inspect", args=(self.object.pk,)))
        self.answer_form = form
        return self.render_to_response(self.get_context_data(), status=400)


@require_POST
def publish(request, pk):
    """Publishes a pending proposal; the moderation queue of a later step adds bulk actions."""
    get_object_or_404(reachable(request.user, Proposal), pk=pk)
    try:
        services.publish_proposal(participant_from_request(request), pk)
    except NotFound as missing:
        raise Http404("Unknown proposal") from missing
    except Refusal as refusal:
        messages.error(request, refusal.detail)
    else:
        messages.success(request, _("The proposal has been published."))
    return redirect(reverse("proposals:inspect", args=(pk,)))


class EditView(ReachableMixin, generic.EditView):
    pass


class DeleteView(ReachableMixin, generic.DeleteView):
    pass


class HistoryView(ReachableMixin, generic.HistoryView):
    pass


class UsageView(ReachableMixin, generic.UsageView):
    pass
