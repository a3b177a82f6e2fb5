"""Visual regression: key pages at 1280 and 390 px against committed reference images.

Six pages (``PAGES``), each loaded once and photographed at both widths
(viewport only, the first screen; the results scrolled to their table),
compared by ``compare.check_screenshot`` with a tolerance. Refresh the
references after a deliberate change with ``make update-screenshots``.

Stable pictures: the demo is loaded into the emptied database, and served,
on a fixed clock (``CLOCK``, time-machine, also the browser's clock), so its
dates relative to today, "vor 3 Tagen" and the year are always the same; the
ids start from one (the flush resets the sequences). The browser has a fixed
viewport, scale 1, light scheme, reduced motion; animations and the caret
are off and the fonts and pictures are loaded before each screenshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from demo.loader.people import PEOPLE
from polls.models import Poll
from tests.browser.conftest import load_demo, session_for, sign_in
from tests.browser.visual.compare import check_screenshot
from tests.conftest import ensure_wagtail_baseline

# As with shared_portal: the marker makes pytest-django create the test database; the
# module's fixture loads the demo and empties the database at the end.
pytestmark = [pytest.mark.django_db, pytest.mark.flushes_db]

CLOCK = datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
WIDTHS = {1280: 900, 390: 844}
CLOSED_POLL = "Was soll der Holzmarkt künftig bieten?"
# Waits (at most 10 s) for the web fonts and the pictures on the screen; lazy ones
# further down never load.
SETTLED = """async () => {
    await document.fonts.ready;
    const onScreen = (image) => {
        const box = image.getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight;
    };
    const loading = [...document.images].filter((image) => !image.complete && onScreen(image))
        .map((image) => new Promise((done) => { image.onload = image.onerror = done; }));
    const cap = new Promise((done) => setTimeout(done, 10000));
    await Promise.race([Promise.all(loading), cap]);
}"""


@dataclass(frozen=True)
class FrozenPortal:
    url: str
    team_session: str
    admin_results: str


@pytest.fixture(scope="module")
def frozen_portal(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo on a fixed clock, on a live server of the module's own (a FrozenPortal).

    The session and the poll's address are made here, before any test's
    transaction: written inside one, the live server would not see them.
    """
    media = tmp_path_factory.mktemp("visual-media")
    with (
        time_machine.travel(CLOCK, tick=True),
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
    ):
        call_command("flush", verbosity=0, interactive=False)
        load_demo()
        team = get_user_model().objects.get(email=PEOPLE["team"]["email"])
        poll = Poll.objects.get(title=CLOSED_POLL)
        server = LiveServer("localhost:0")
        try:
            yield FrozenPortal(
                url=server.url,
                team_session=session_for(team),
                admin_results=reverse("wagtailsnippets_polls_poll:results_of_poll", args=[poll.pk]),
            )
        finally:
            server.stop()
            call_command("flush", verbosity=0, interactive=False)
            ensure_wagtail_baseline()


@pytest.fixture
def visual_page(browser, frozen_portal):
    context = browser.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": WIDTHS[1280]},
        device_scale_factor=1,
        color_scheme="light",
        reduced_motion="reduce",
    )
    context.set_default_timeout(10_000)
    context.clock.set_fixed_time(CLOCK)
    try:
        yield context.new_page()
    finally:
        context.close()


def go(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"


def start(page, portal):
    go(page, portal.url + "/")


def project_list(page, portal):
    go(page, portal.url + "/projekte/")


def project(page, portal):
    go(page, portal.url + "/projekte/radverkehrskonzept-innenstadt/")
    expect(page.get_by_role("button", name="Stimme abgeben")).to_be_visible()


def results(page, portal):
    go(page, portal.url + "/projekte/umgestaltung-holzmarkt/")
    return page.locator(".poll-results").first


def search(page, portal):
    go(page, portal.url + "/search/?q=Radwege")
    expect(page.locator(".search-results mark").first).to_be_visible()


def admin_results(page, portal):
    sign_in(page.context, portal.url, portal.team_session)
    go(page, portal.url + portal.admin_results)
    expect(page.get_by_role("link", name="Ergebnisse (CSV)")).to_be_visible()


# name -> the step that opens the page (and may return the element to scroll to the top)
PAGES = {
    "start": start,
    "project-list": project_list,
    "project": project,
    "results": results,
    "search": search,
    "admin-results": admin_results,
}


def screenshot(page, anchor) -> bytes:
    if anchor is not None:
        expect(anchor).to_be_visible()
        anchor.evaluate("(element) => element.scrollIntoView({block: 'start'})")
    else:
        page.evaluate("() => window.scrollTo(0, 0)")
    page.evaluate(SETTLED)
    return page.screenshot(animations="disabled", caret="hide", scale="css")


@pytest.mark.parametrize("name", PAGES)
def test_page_looks_as_its_reference(name, visual_page, frozen_portal):
    anchor = PAGES[name](visual_page, frozen_portal)
    problems = []
    for width, height in WIDTHS.items():
        visual_page.set_viewport_size({"width": width, "height": height})
        problems.append(check_screenshot(screenshot(visual_page, anchor), f"{name}-{width}"))
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)
