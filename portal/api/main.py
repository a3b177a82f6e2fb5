"""Composes the participation API from the apps' routers, under /api/v1/."""

from ninja import NinjaAPI

from portal.api.parsers import StrictJSONParser
from web.problems import install_problem_handlers

api = NinjaAPI(
    title="Beteiligungsportal API",
    version="1",
    description=(
        "Participation endpoints: polls, comments, proposals, search, follows and notifications."
    ),
    urls_namespace="api-v1",
    parser=StrictJSONParser(),
    docs_url="/docs/",
)
install_problem_handlers(api)

# Each app owns its router; the portal only mounts them.
ROUTERS = {
    "polls/": "polls.api.router",
    "comments/": "comments.api.router",
    "proposals/": "proposals.api.router",
    "search/": "search.api.router",
    "vorhaben/": "vorhaben.api.router",
    "me/": "accounts.api.router",
    "follows/": "notifications.api.follows_router",
    "notifications/": "notifications.api.notifications_router",
}


def mount_routers() -> None:
    from django.utils.module_loading import import_string

    for prefix, path in ROUTERS.items():
        api.add_router(prefix, import_string(path))


mount_routers()
