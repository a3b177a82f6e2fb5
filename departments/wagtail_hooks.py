"""The admin dashboard shows each person what waits for them (web.admin_panels)."""

from wagtail import hooks

from web.admin_panels import WorkPanel


@hooks.register("construct_homepage_panels")
def add_work_panel(request, panels):
    panels.insert(0, WorkPanel())
