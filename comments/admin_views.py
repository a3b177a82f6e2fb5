"""Comment moderation in the Wagtail admin (a ModelViewSet, not a snippet).

The "Moderation" menu's item "Comments" opens the queue (pending, hidden and reported
comments); filters narrow it by project, state and date, and the same
listing exports a project's comments as CSV or XLSX, pseudonymised. Each
comment's page shows its reports and moderation log with a form for one
action; the listing's checkboxes lead to bulk actions
(``comments.bulk_actions``). Moderators are users with the
``comments.moderate_comment`` permission (and admin access); nobody adds,
edits or deletes comments here: every change goes through
``comments.services.moderate`` and is logged.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from wagtail.admin.active_filters import BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy

from comments import exports, rules, services, targets
from comments.mixins import commentable_page_models
from comments.models import Comment, CommentState, ModerationAction
from comments.moderation_menu import MODERATION_MENU_HOOK
from comments.moderation_scope import pages_within_scope, within_scope
from comments.rendering import render_body
from participation.refusals import Refusal

MODERATOR_ACTIONS = ("view", "moderate", "export")


class ModerationPermissionPolicy(ModelPermissionPolicy):
    """Moderators may look and moderate; adding, editing and deleting do not exist here."""

    def user_has_permission(self, user, action):
        return action in MODERATOR_ACTIONS and rules.can_moderate(user)

    def users_with_any_permission(self, actions):
        if not set(actions) & set(MODERATOR_ACTIONS):
            return get_user_model().objects.none()
        return super().users_with_any_permission(["moderate"])


def commentable_pages(user):
    """The pages with discussions ``user`` moderates, for the queue's project filter."""
    pages = Page.objects.type(*commentable_page_models()).order_by("title")
    return pages_within_scope(user, pages)


class YesNoFilterAdapter(BaseFilterAdapter):
    """An active yes/no filter reads "Zu prüfen: Ja", not "Zu prüfen: True"."""

    def get_active_filters(self):
        for active in super().get_active_filters():
            yield active._replace(value=_("Yes") if self.value else _("No"))


# Every yes/no filter of the admin's listings (these and any later ones).
register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)


class CommentFilterSet(WagtailFilterSet):
    queue = django_filters.BooleanFilter(label=gettext_lazy("Needs review"), method="filter_queue")
    page = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Project"), queryset=lambda request: commentable_pages(request.user)
    )
    state = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("State"),
        choices=CommentState.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Written"), widget=DateRangePickerWidget
    )
    official = django_filters.BooleanFilter(
        label=gettext_lazy("Official answer"), field_name="is_official"
    )

    class Meta:
        model = Comment
        fields = []

    def filter_queue(self, queryset, name, value):
        if value is None:
            return queryset
        needs_review = Q(state__in=[CommentState.PENDING, CommentState.HIDDEN]) | Q(
            open_report_count__gt=0
        )
        return queryset.filter(needs_review if value else ~needs_review)


class CommentIndexView(generic.IndexView):
    filterset_class = CommentFilterSet
    any_permission_required = ["moderate"]
    default_ordering = "-created_at"
    paginate_by = 50
    template_name = "comments/admin/index.html"
    export_headings = exports.COLUMNS
    list_export = list(exports.COLUMNS)

    def get_base_queryset(self):
        comments = within_scope(self.request.user, Comment.objects.all())
        return (
            comments.select_related("page", "author")
            .prefetch_related("subject")
            .with_open_report_counts()
            .order_by("-created_at", "-id")
        )

    def get_filename(self):
        cleaned = getattr(self.filters.form, "cleaned_data", {}) if self.filters else {}
        page = cleaned.get("page")
        return f"kommentare-{page.slug}" if page else "kommentare"

    def to_row_dict(self, item):
        return exports.export_row(item)

    def preprocess_field_value(self, field, value, export_format):
        return exports.defuse(super().preprocess_field_value(field, value, export_format))

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            TitleColumn(
                "excerpt",
                label=_("Comment"),
                accessor=lambda comment: (
                    Truncator(" ".join(comment.body.split())).chars(80) or _("(no text)")
                ),
                get_url=self.get_inspect_url,
            ),
            Column("page", label=_("Project"), accessor=place_label),
            Column("author", label=_("Author"), accessor=exports.export_author),
            # A status tag as in the admin's other listings; published ones stand out.
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                primary=lambda comment: comment.state == CommentState.PUBLISHED,
            ),
            Column("open_report_count", label=_("Open reports")),
            DateColumn("created_at", label=_("Written"), sort_key="created_at"),
        ]

    def get_inspect_url(self, instance):
        return reverse(self.inspect_url_name, args=(instance.pk,))


def place_label(comment) -> str:
    """The project, and the subject the comment is about (a proposal) if any."""
    if comment.subject_type_id is None or comment.subject is None:
        return comment.page.title
    return _("%(project)s, on “%(subject)s”") % {
        "project": comment.page.title,
        "subject": comment.subject,
    }


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[(action.value, action.label) for action in services.MODERATOR_ACTIONS],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason shown publicly (for removals)"),
        required=False,
        max_length=services.MAX_REMOVAL_REASON,
    )
    note = forms.CharField(
        label=gettext_lazy("Moderator note (internal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentInspectView(generic.InspectView):
    any_permission_required = ["moderate"]
    template_name = "comments/admin/inspect.html"
    fields = []

    def get_object(self, queryset=None):
        comments = within_scope(self.request.user, Comment.objects.all())
        return get_object_or_404(comments.select_related("page", "author", "parent"), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        context.update(
            comment=comment,
            body_html=render_body(comment.body),
            author=exports.export_author(comment),
            reports=list(comment.reports.all()),
            log=list(comment.moderation_log.select_related("moderator")),
            form=ModerationForm(),
            moderate_url=reverse("comments_moderation:moderate", args=(comment.pk,)),
            subject=targets.subject_of(comment),
            public_url=(
                targets.shown_at(comment)
                if comment.subject_type_id
                else comment.page.get_url(request=self.request)
            ),
        )
        return context


class ModerateView(View):
    """POST: one moderator action on one comment, then back to the comment."""

    def post(self, request, pk):
        if not rules.can_moderate(request.user):
            raise PermissionDenied
        form = ModerationForm(request.POST)
        inspect_url = reverse("comments_moderation:inspect", args=(pk,))
        if not form.is_valid():
            messages.error(request, _("Please choose an action."))
            return redirect(inspect_url)
        action = form.cleaned_data["action"]
        try:
            comment = services.moderate_one(
                pk,
                action,
                request.user,
                note=form.cleaned_data["note"],
                reason=form.cleaned_data["reason"],
            )
        except Refusal as problem:
            messages.error(request, problem.detail)
            return redirect(inspect_url)
        messages.success(
            request,
            _("Comment #%(id)d: %(action)s.")
            % {"id": comment.pk, "action": ModerationAction(action).label},
        )
        return redirect(inspect_url)


class CommentModerationViewSet(ModelViewSet):
    model = Comment
    icon = "comment"
    name = "comments_moderation"
    url_prefix = "comments"
    menu_label = pgettext_lazy("moderation menu", "Comments")
    menu_name = "comment_moderation"
    menu_order = 10
    # An item of the "Moderation" submenu (comments.moderation_menu).
    menu_hook = MODERATION_MENU_HOOK
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView

    @property
    def menu_url(self):
        # The menu opens the queue; the filter can be taken off for all comments.
        return reverse(self.get_url_name("index")) + "?queue=true"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("moderate/<int:pk>/", ModerateView.as_view(), name="moderate"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label="comments", codename="moderate_comment"
        )
