"""The poll chooser of the poll block: it offers only the polls the user's roles reach.

Without it the chooser would list every poll's title, staff-only pre-votes
of other units included, to anyone who edits a page.
"""

from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from polls.admin_views import RESULT_PERMISSIONS, reachable_polls


class ReachablePollsMixin:
    def get_object_list(self):
        return reachable_polls(self.request.user, RESULT_PERMISSIONS)


class PollChooseView(ReachablePollsMixin, ChooseView):
    pass


class PollChooseResultsView(ReachablePollsMixin, ChooseResultsView):
    pass


class PollChosenView(SnippetChosenView):
    def get_object(self, pk):
        return reachable_polls(self.request.user, RESULT_PERMISSIONS).get(pk=pk)


class PollChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return reachable_polls(self.request.user, RESULT_PERMISSIONS).filter(pk__in=pks)


class PollChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PollChooseView
    choose_results_view_class = PollChooseResultsView
    chosen_view_class = PollChosenView
    chosen_multiple_view_class = PollChosenMultipleView
