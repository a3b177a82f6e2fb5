"""Approval in the admin: a unit's editor drafts and submits a project, the team approves it."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo.loader.people import PEOPLE
from pages.approval import WORKFLOW_NAME
from pages.models import ProjectIndexPage, ProjectPage
from tests.browser.wagtail_admin import admin_login, success_message
from tests.factories import TEST_PASSWORD

EDITOR_EMAIL = "redaktion.team-verkehrsplanung@jena.example.org"
TEAM_EMAIL = PEOPLE["team"]["email"]
PROJECT_TITLE = "Sichere Schulwege in Jena-Ost"


def with_known_password(email: str) -> str:
    user = get_user_model().objects.get(email=email)
    user.set_password(TEST_PASSWORD)
    user.save(update_fields=["password"])
    return email


def draft_a_project(page, base_url: str) -> None:
    index = ProjectIndexPage.objects.get()
    page.goto(f"{base_url}/cms/pages/{index.pk}/")
    page.get_by_role("link", name="Unterseite hinzufügen").click()
    page.locator("#id_title").fill(PROJECT_TITLE)
    page.locator("#id_teaser").fill("Wo fühlen sich Kinder auf dem Schulweg unsicher?")
    page.get_by_role("tab", name="Beteiligung").click()
    # Only the editor's own unit (and the units below it, none here) is offered.
    department = page.locator("#id_department")
    units = department.locator("option:not([value=''])").all_inner_texts()
    assert units == ["Team Verkehrsplanung"]
    department.select_option(label="Team Verkehrsplanung")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(success_message(page)).to_contain_text(PROJECT_TITLE)


def submit_for_approval(page) -> None:
    page.get_by_role("button", name="Mehr Aktionen").click()
    # Editors have no publish button: the team publishes.
    expect(page.get_by_role("button", name="Veröffentlichen")).to_have_count(0)
    page.get_by_role("button", name=f"Zur {WORKFLOW_NAME} einreichen").click()
    expect(success_message(page)).to_contain_text("zur Moderation eingereicht")


def approve_with_comment(page, base_url: str, project: ProjectPage, comment: str) -> None:
    page.goto(f"{base_url}/cms/pages/{project.pk}/edit/")
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("button", name="Mit Kommentar freigeben").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox").fill(comment)
    dialog.get_by_role("button", name="Mit Kommentar freigeben").click()
    expect(success_message(page)).to_be_visible()


def test_an_editor_submits_a_project_and_the_team_approves_it(page, demo_portal, screenshot):
    admin_login(page, demo_portal, with_known_password(EDITOR_EMAIL), TEST_PASSWORD)
    draft_a_project(page, demo_portal)
    screenshot("approval-01-draft")
    submit_for_approval(page)
    project = ProjectPage.objects.get(title=PROJECT_TITLE)
    assert not project.live
    assert project.workflow_in_progress
    assert project.department.name == "Team Verkehrsplanung"

    page.context.clear_cookies()
    admin_login(page, demo_portal, with_known_password(TEAM_EMAIL), TEST_PASSWORD)
    approve_with_comment(page, demo_portal, project, "Gut verständlich, danke!")
    screenshot("approval-02-approved")

    project = ProjectPage.objects.get(pk=project.pk)
    assert project.live
    state = project.workflow_states.get()
    assert state.status == state.STATUS_APPROVED
    assert state.current_task_state.get_comment() == "Gut verständlich, danke!"
    page.context.clear_cookies()
    page.goto(demo_portal + project.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
