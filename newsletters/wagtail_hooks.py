"""The newsletters in the admin ("Newsletter" menu): Wagtail's ModelViewSet, unit-scoped.

Like the Vorhaben register, it asks the registered permission policy
(``newsletters.permissions``) for every object, so a unit's editors see
and open only their units' newsletters.
"""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from newsletters import admin_views
from newsletters.admin_forms import NewsletterForm
from newsletters.models import Newsletter, NewsletterStatus
from newsletters.permissions import NewsletterPermissionPolicy
from web.admin_tables import short_date

register_permission_policy(Newsletter, NewsletterPermissionPolicy(Newsletter))


def when(newsletter):
    moment = newsletter.sent_at or newsletter.scheduled_at
    return short_date(moment) if moment else "-"


class NewsletterViewSet(ModelViewSet):
    model = Newsletter
    name = "newsletters"
    icon = "mail"
    menu_label = _("Newsletter")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = admin_views.NewsletterIndexView
    add_view_class = admin_views.NewsletterCreateView
    edit_view_class = admin_views.NewsletterEditView
    delete_view_class = admin_views.NewsletterDeleteView
    history_view_class = admin_views.NewsletterHistoryView
    usage_view_class = admin_views.NewsletterUsageView
    inspect_view_class = admin_views.NewsletterInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = ["subject", "intro", "department", "status", "scheduled_at", "sent_at"]
    list_filter = ["status", "audience"]
    search_fields = ["subject"]
    search_backend_name = None
    list_display = [
        "subject",
        StatusTagColumn(
            "status",
            label=_("status"),
            accessor=lambda newsletter: newsletter.get_status_display(),
            primary=lambda newsletter: newsletter.status == NewsletterStatus.SENT,
        ),
        "department",
        Column("audience", label=_("audience"), accessor=lambda n: n.audience_label()),
        Column("sent_at", label=_("sent / scheduled"), accessor=when, sort_key="sent_at"),
        Column(
            "recipients", label=_("recipients"), accessor=admin_views.figures_column("recipients")
        ),
        Column("delivered", label=_("delivered"), accessor=admin_views.figures_column("delivered")),
        Column("failed", label=_("failed"), accessor=admin_views.figures_column("failed")),
        Column(
            "unsubscribed",
            label=_("unsubscribed after it"),
            accessor=admin_views.figures_column("unsubscribed"),
        ),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("subject"),
            FieldPanel("intro"),
            FieldPanel("body"),
            MultiFieldPanel(
                [
                    FieldPanel("department", widget=forms.Select),
                    FieldPanel("audience", widget=forms.RadioSelect),
                    FieldPanel("audience_department", widget=forms.Select),
                    FieldPanel("audience_topic", widget=forms.Select),
                    FieldPanel("audience_district", widget=forms.Select),
                ],
                heading=_("Sender and audience"),
            ),
        ],
        base_form_class=NewsletterForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<int:pk>/", admin_views.PreviewView.as_view(), name="preview"),
            path("test/<int:pk>/", admin_views.TestSendView.as_view(), name="test"),
            path("schedule/<int:pk>/", admin_views.ScheduleView.as_view(), name="schedule"),
            path("unschedule/<int:pk>/", admin_views.UnscheduleView.as_view(), name="unschedule"),
            path("send/<int:pk>/", admin_views.SendView.as_view(), name="send"),
        ]


@hooks.register("register_admin_viewset")
def register_newsletter_viewset():
    return NewsletterViewSet()
