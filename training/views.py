"""The handbook in the admin: an index of the tasks and one page per task.

Every user who may open the admin reads it (Wagtail's admin URLs require
admin access); the prose comes in the active language, German if a page
has no translation.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from training.handbook import TASKS, task_for
from training.practice import practice_home

HANDBOOK_LANGUAGES = ("de", "en")


def handbook_language() -> str:
    language = (get_language() or "de").split("-")[0]
    return language if language in HANDBOOK_LANGUAGES else "de"


class HandbookIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "training/handbook_index.html"
    page_title = _("Help")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        home = practice_home()
        practice_url = reverse("wagtailadmin_explore", args=[home.pk]) if home else None
        return super().get_context_data(tasks=TASKS, practice_url=practice_url, **kwargs)


class HandbookTaskView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "training/handbook_task.html"
    header_icon = "help"

    def dispatch(self, request, *args, slug, **kwargs):
        self.task = task_for(slug)
        if self.task is None:
            raise Http404("No such handbook page")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.task.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("training_handbook"), "label": _("Help")},
            {"url": "", "label": self.task.title},
        ]

    def get_context_data(self, **kwargs):
        starts = [(link.label, url) for link in self.task.starts if (url := link.url())]
        return super().get_context_data(
            task=self.task,
            starts=starts,
            # {% include %} takes the first of these that exists.
            prose=self.task.template_names(handbook_language()),
            **kwargs,
        )
