"""The handbook's screenshots, taken from the real screens so that they never go stale.

One step per task of ``training.handbook.TASKS`` (keyed by its slug): the
demo person in the task's role opens the screen where the task starts; the
step checks that the screen shows what the handbook describes, and the
picture (1280x800, the viewport only) replaces
``training/static/training/handbook/<slug>.png``. Run this file after
changing a screen and commit the pictures. A task whose screen is not built
yet has no screenshot (``has_screenshot=False``) and no step.
"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from demo.loader.people import PEOPLE
from pages.models import ProjectIndexPage
from polls.models import Poll
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import session_for, sign_in
from training.handbook import TASKS

STATIC = Path(__file__).resolve().parents[2] / "training" / "static"
VIEWPORT = {"width": 1280, "height": 800}

EDITOR = "redaktion.team-verkehrsplanung@jena.example.org"
MODERATOR = "moderation.team-verkehrsplanung@jena.example.org"
TEAM = PEOPLE["team"]["email"]
ANALYST = "auswertung.dezernat3@jena.example.org"
OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"


def create_a_project(page, base_url):
    page.goto(base_url + reverse("wagtailadmin_explore", args=[ProjectIndexPage.objects.get().pk]))
    expect(page.get_by_role("link", name="Unterseite hinzufügen").first).to_be_visible()


def embed_a_poll(page, base_url):
    page.goto(base_url + reverse("wagtailsnippets_polls_poll:list"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Umfragen")
    expect(page.get_by_role("table")).to_be_visible()


def run_a_pre_vote(page, base_url):
    page.goto(base_url + reverse("vorhaben:prevote"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vorab-Abstimmung")
    expect(page.get_by_role("checkbox").first).to_be_visible()
    expect(page.get_by_role("button", name="Vorab-Abstimmung starten")).to_be_visible()


def register_a_vorhaben(page, base_url):
    page.goto(base_url + reverse("vorhaben:add"))
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    expect(page.get_by_label("Titel").first).to_be_visible()


def moderate(page, base_url):
    page.goto(base_url + reverse("comments_moderation:index") + "?queue=true")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beiträge")
    # The "Moderation" submenu (comments and proposals) is opened by a button.
    expect(page.get_by_role("button", name="Moderation")).to_be_visible()


def answer_officially(page, base_url):
    page.goto(base_url + OPEN_PROJECT)
    official = page.get_by_label("Offizielle Antwort").first
    expect(official).to_be_visible()
    official.scroll_into_view_if_needed()


def export(page, base_url):
    poll = Poll.objects.order_by("pk").first()
    page.goto(base_url + reverse("wagtailsnippets_polls_poll:results_of_poll", args=[poll.pk]))
    expect(page.get_by_role("heading", name="Export")).to_be_visible()
    expect(page.get_by_role("link", name="Ergebnisse (CSV)")).to_be_visible()


def read_figures(page, base_url):
    page.goto(base_url + reverse("figures_dashboard"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Auswertung")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()


# slug -> (the demo person in the task's role, the step to the task's first screen)
STEPS = {
    "projekt-anlegen": (EDITOR, create_a_project),
    "umfrage-einbinden": (TEAM, embed_a_poll),
    "vorab-abstimmung": (TEAM, run_a_pre_vote),
    "moderieren": (MODERATOR, moderate),
    "offiziell-antworten": (EDITOR, answer_officially),
    "exportieren": (TEAM, export),
    "kennzahlen-lesen": (ANALYST, read_figures),
    "vorhaben-anmelden": (EDITOR, register_a_vorhaben),
}
WITH_SCREENSHOT = [task for task in TASKS if task.screenshot]


def test_every_task_with_a_screenshot_has_a_step():
    assert set(STEPS) == {task.slug for task in WITH_SCREENSHOT}


@pytest.fixture(scope="module")
def sessions(shared_portal, django_db_blocker):
    """Signed-in sessions of the demo people, made outside any test's transaction."""
    with django_db_blocker.unblock():
        users = get_user_model().objects.filter(email__in={email for email, _ in STEPS.values()})
        return {user.email: session_for(user) for user in users}


@pytest.mark.django_db
@pytest.mark.parametrize("task", WITH_SCREENSHOT, ids=lambda task: task.slug)
def test_the_screenshot_of_each_task(browser, shared_portal, sessions, task):
    email, step = STEPS[task.slug]
    context = browser.new_context(locale="de-DE", viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    try:
        sign_in(context, shared_portal.url, sessions[email])
        page = context.new_page()
        step(page, shared_portal.url)
        target = STATIC / task.screenshot
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        assert target.read_bytes()[:4] == b"\x89PNG"
    finally:
        context.close()


def audit(page, where: str) -> None:
    # The admin brings its own older axe-core (Wagtail's checker); ours is the audit's version.
    page.evaluate("() => { delete window.axe; }")
    assert_no_axe_violations(page, where)


@pytest.mark.django_db
def test_the_handbook_shows_the_screenshots_to_an_editor(browser, shared_portal, sessions):
    """The handbook in the admin, as an editor reads it: pictures loaded, no axe violation."""
    context = browser.new_context(locale="de-DE", viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    try:
        sign_in(context, shared_portal.url, sessions[EDITOR])
        page = context.new_page()
        page.goto(shared_portal.url + reverse("training_handbook"))
        page.get_by_role("navigation").get_by_role("link", name="Hilfe").first.wait_for()
        audit(page, "handbook index")
        for task in WITH_SCREENSHOT:
            page.goto(shared_portal.url + reverse("training_handbook_task", args=[task.slug]))
            figure = page.locator("figure img")
            expect(figure).to_be_visible()
            assert figure.evaluate("image => image.complete && image.naturalWidth") == 1280
            alt = figure.get_attribute("alt")
            assert alt.strip() and not alt.endswith(".png"), alt
        audit(page, "handbook task")
    finally:
        context.close()
