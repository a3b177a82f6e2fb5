"""No page of the portal makes the browser talk to anyone but the portal.

Chromium opens the public pages and, signed in as the demo editor, the
main admin pages, and records every request the page makes. A request to
any other host (an avatar service, a font or script CDN, an embedded
player loaded without consent) would tell a third party who looks at what,
and is a failure naming the page and the request.
"""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.urls import reverse

from demo.loader.people import EDITOR
from pages.models import ProjectIndexPage, ProjectPage, StandardPage
from polls.models import Poll
from polls.wagtail_hooks import RESULTS_URL_NAME, poll_viewset
from proposals.models import IdeaCollection
from tests.browser.conftest import session_for, sign_in


def public_paths() -> list[str]:
    project = ProjectPage.objects.live().order_by("pk").first()
    return [
        "/",
        ProjectIndexPage.objects.live().first().url,
        project.url,
        "/search/?q=Radweg",
        "/accounts/login/",
        "/accounts/signup/",
        StandardPage.objects.live().order_by("pk").first().url,
        "/api/docs/",
        # With the proposals map: its tiles come only after consent (test_proposals_map.py).
        reverse("ideen:collection", args=(IdeaCollection.objects.order_by("pk").first().pk,)),
    ]


def admin_paths() -> list[str]:
    project = ProjectPage.objects.live().order_by("pk").first()
    poll = Poll.objects.order_by("pk").first()
    return [
        "/cms/",
        "/cms/pages/",
        f"/cms/pages/{project.pk}/edit/",
        "/cms/snippets/",
        reverse(f"{poll_viewset.url_namespace}:{RESULTS_URL_NAME}", args=[poll.pk]),
        "/cms/comments/?queue=true",
        "/cms/account/",
        "/accounts/2fa/",
    ]


def foreign_requests(page, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    """{path: [request URLs to other hosts]} for every path opened in ``page``."""
    own_host = urlsplit(base_url).netloc
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    found = {}
    for path in paths:
        seen.clear()
        response = page.goto(base_url + path, wait_until="networkidle")
        assert response is not None
        assert response.status < 400, (path, response.status)
        foreign = [
            url
            for url in seen
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).netloc != own_host
        ]
        if foreign:
            found[path] = foreign
    return found


def test_no_page_requests_another_host(page, context, demo_portal):
    found = foreign_requests(page, demo_portal, public_paths())

    editor = get_user_model().objects.get(username=EDITOR["username"])
    sign_in(context, demo_portal, session_for(editor))
    found.update(foreign_requests(page, demo_portal, admin_paths()))

    assert not found, "Requests to other hosts:\n" + "\n".join(
        f"{path}: {', '.join(urls)}" for path, urls in found.items()
    )
