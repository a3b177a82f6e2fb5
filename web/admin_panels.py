"""The admin dashboard's "Für Sie zu tun": what waits for the signed-in person, from every app.

Each app registers a function ``(user) -> list[WorkItem]`` with
``register_work``; the panel shows the items with a count above zero, each
linking to the filtered list where the work is. Apps decide by the user's
roles what is theirs; the panel knows no app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class WorkItem:
    label: Promise | str
    count: int
    url: str


WORK_SOURCES: list[Callable] = []


def register_work(source: Callable) -> Callable:
    WORK_SOURCES.append(source)
    return source


class WorkPanel(Component):
    name = "portal_work"
    template_name = "wagtailadmin/home/portal_work.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        items = [item for source in WORK_SOURCES for item in source(user) if item.count]
        return {"items": items}
