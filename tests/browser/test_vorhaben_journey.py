"""A Vorhaben from submission through the pre-vote to a draft project, in the admin.

A unit's editor registers a Vorhaben; the team puts it to an internal
pre-vote with another one, starts the review, accepts it and creates the
draft project, landing in the page editor. The project is not live: it
goes through the team's approval like every project.
"""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo.loader.people import PEOPLE
from polls.models import Audience
from tests.browser.wagtail_admin import admin_login, success_message
from tests.factories import TEST_PASSWORD
from vorhaben.models import Vorhaben, VorhabenState

EDITOR_EMAIL = "redaktion.team-verkehrsplanung@jena.example.org"
TEAM_EMAIL = PEOPLE["team"]["email"]
TITLE = "Fahrradstraße Camsdorfer Brücke"
OTHER = "Tempo 30 vor Schulen in Jena-Nord"


def with_known_password(email: str) -> str:
    user = get_user_model().objects.get(email=email)
    user.set_password(TEST_PASSWORD)
    user.save(update_fields=["password"])
    return email


def submit_a_vorhaben(page, base_url: str) -> None:
    page.goto(f"{base_url}/cms/vorhaben/new/")
    page.locator("#id_title").fill(TITLE)
    department = page.locator("#id_department")
    units = department.locator("option:not([value=''])").all_inner_texts()
    assert units == ["Team Verkehrsplanung"]
    department.select_option(label="Team Verkehrsplanung")
    page.locator("#id_goal").fill("Mehr Platz und Sicherheit für den Radverkehr über die Saale.")
    page.locator("#id_open_to_decision").fill("Die Gestaltung der Zufahrten.")
    page.get_by_label("Umfrage").check()
    page.locator("#id_contact_email").fill("verkehrsplanung@jena.example.org")
    page.get_by_role("button", name="Erstellen").click()
    expect(page.get_by_text("eingereicht").first).to_be_visible()


def start_the_pre_vote(page, base_url: str) -> None:
    page.goto(f"{base_url}/cms/vorhaben/prevote/")
    page.get_by_label(TITLE).check()
    page.get_by_label(OTHER).check()
    page.get_by_role("button", name="Vorab-Abstimmung starten").click()
    expect(success_message(page)).to_contain_text("Vorab-Abstimmung")


def decide(page, label: str, comment: str = "") -> None:
    if comment:
        page.locator("#id_comment").fill(comment)
    page.get_by_role("button", name=label, exact=True).click()
    expect(success_message(page)).to_be_visible()


def test_a_vorhaben_goes_from_submission_through_the_pre_vote_to_a_draft_project(
    page, demo_portal, screenshot
):
    admin_login(page, demo_portal, with_known_password(EDITOR_EMAIL), TEST_PASSWORD)
    submit_a_vorhaben(page, demo_portal)
    screenshot("vorhaben-01-submitted")
    vorhaben = Vorhaben.objects.get(title=TITLE)
    assert vorhaben.state == VorhabenState.SUBMITTED
    assert vorhaben.department.name == "Team Verkehrsplanung"

    page.context.clear_cookies()
    admin_login(page, demo_portal, with_known_password(TEAM_EMAIL), TEST_PASSWORD)
    page.goto(f"{demo_portal}/cms/vorhaben/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot("vorhaben-02-register")
    start_the_pre_vote(page, demo_portal)
    vorhaben.refresh_from_db()
    poll = vorhaben.prevote_poll
    assert poll.audience == Audience.STAFF and poll.department is None

    page.goto(f"{demo_portal}/cms/vorhaben/inspect/{vorhaben.pk}/")
    expect(page.get_by_text(poll.title).first).to_be_visible()
    decide(page, "Prüfung beginnen")
    decide(page, "Annehmen", "Passt in die Radverkehrsstrategie.")
    expect(page.get_by_role("cell", name="Passt in die Radverkehrsstrategie.")).to_be_visible()
    screenshot("vorhaben-03-accepted")
    page.get_by_role("button", name="Projektentwurf anlegen").click()
    expect(success_message(page)).to_contain_text("Projektentwurf")
    expect(page.locator("#id_title")).to_have_value(TITLE)
    screenshot("vorhaben-04-draft-project")

    vorhaben.refresh_from_db()
    assert vorhaben.state == VorhabenState.IN_PROGRESS
    project = vorhaben.project
    assert not project.live and project.vorhaben == vorhaben
    assert page.url.endswith(f"/cms/pages/{project.pk}/edit/")
    page.context.clear_cookies()
    response = page.goto(demo_portal + "/vorhaben/")
    assert response.status == 200
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
