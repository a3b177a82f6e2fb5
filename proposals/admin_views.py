"""The admin views of collections and proposals: each finds objects only among those reached.

Wagtail's generic views ask the permission policy whether a user may use a
view at all; these make the lists and the single-object views look only
among the objects the user's roles reach (``proposals.permissions``), so an
object of another unit does not exist for them (404).
"""

from django.shortcuts import get_object_or_404
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry

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


class InspectView(ReachableMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(reachable(self.request.user, self.model), pk=self.pk)


class EditView(ReachableMixin, generic.EditView):
    pass


class DeleteView(ReachableMixin, generic.DeleteView):
    pass


class HistoryView(ReachableMixin, generic.HistoryView):
    pass


class UsageView(ReachableMixin, generic.UsageView):
    pass
