"""The editorial team in the Wagtail admin: a new project with a poll, moderation, exports."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import openpyxl
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment, CommentState
from demo.loader.comments import PENDING
from demo.loader.people import EDITOR
from pages.models import ProjectIndexPage, ProjectPage
from polls.models import Poll
from tests.browser.wagtail_admin import admin_login, choose_in_modal, fill_date, success_message

POLL_TITLE = "Wie soll der Marktplatz genutzt werden?"
PROJECT_TITLE = "Marktplatz für alle"


def create_poll(page):
    page.get_by_role("link", name="Umfragen", exact=True).click()
    page.get_by_role("link", name="Umfrage hinzufügen").click()
    page.locator("#id_title").fill(POLL_TITLE)
    page.locator("#id_description").fill("Ihre Meinung fließt in die Planung ein.")
    now = timezone.localtime()
    fill_date(page, "#id_opens_at", (now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"))
    fill_date(page, "#id_closes_at", (now + timedelta(days=14)).strftime("%Y-%m-%d %H:%M"))
    page.locator("#id_results_visibility").select_option("live")
    page.get_by_role("tab", name="Fragen").click()
    page.locator("#id_questions-0-text").fill("Wofür soll der Marktplatz vor allem da sein?")
    for number, label in enumerate(["Wochenmarkt", "Feste", "Ruhe und Grün"]):
        page.locator("#id_questions-0-choices-ADD").click()
        page.locator(f"#id_questions-0-choices-{number}-label").fill(label)
    page.get_by_role("button", name="Speichern").click()
    expect(success_message(page)).to_contain_text(POLL_TITLE)


def fill_project_content(page):
    page.locator("#id_title").fill(PROJECT_TITLE)
    page.locator("#id_teaser").fill("Wie soll der Marktplatz künftig aussehen? Stimmen Sie ab.")
    body = page.locator("#panel-child-inhalt-body-content")
    body.get_by_title("Einen Block einfügen").first.click()
    page.get_by_role("option", name="Text", exact=True).click()
    editor = body.get_by_role("textbox").first
    editor.click()
    page.keyboard.type("Der Marktplatz wird neu gestaltet. Sagen Sie uns, wofür er da sein soll.")
    body.get_by_title("Einen Block einfügen").last.click()
    page.get_by_role("option", name="Umfrage", exact=True).click()
    choose_in_modal(page, body.get_by_role("button", name="Umfrage auswählen"), POLL_TITLE)


def fill_participation(page):
    page.get_by_role("tab", name="Beteiligung").click()
    today = timezone.localdate()
    phases = [
        ("Online-Abstimmung", today - timedelta(days=1), today + timedelta(days=13), True),
        ("Auswertung", today + timedelta(days=14), today + timedelta(days=40), False),
    ]
    for number, (title, start, end, participation) in enumerate(phases):
        page.locator("#id_phases-ADD").click()
        page.locator(f"#id_phases-{number}-title").fill(title)
        fill_date(page, f"#id_phases-{number}-start_date", start.isoformat())
        fill_date(page, f"#id_phases-{number}-end_date", end.isoformat())
        page.locator(f"#id_phases-{number}-allows_participation").set_checked(participation)
    page.locator("#id_department").select_option(label="Fachbereich Mobilität")


def test_create_and_publish_a_project_with_phases_and_a_poll(
    page, demo_portal, editor_password, screenshot
):
    admin_login(page, demo_portal, EDITOR["email"], editor_password)
    create_poll(page)

    index = ProjectIndexPage.objects.get()
    page.goto(f"{demo_portal}/cms/pages/{index.pk}/")
    page.get_by_role("link", name="Unterseite hinzufügen").click()
    fill_project_content(page)
    fill_participation(page)
    screenshot("editor-01-project-form")
    # Wagtail autosaves a valid new page as a draft; publishing while that first
    # save is in flight would create the page twice (a slug conflict in Wagtail's
    # create view). Editors see the indicator; the test waits for it.
    autosave = page.locator("#w-autosave-indicator")
    expect(autosave).to_have_attribute("data-w-autosave-state-value", "saved", timeout=20_000)
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(success_message(page)).to_contain_text("veröffentlicht")

    project = ProjectPage.objects.get(title=PROJECT_TITLE)
    assert project.live and project.department.name == "Fachbereich Mobilität"
    page.goto(demo_portal + project.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    expect(page.get_by_text("Der Marktplatz wird neu gestaltet.")).to_be_visible()
    current = page.get_by_role("list", name="Beteiligungsphasen").locator("[aria-current=step]")
    expect(current).to_contain_text("Online-Abstimmung")
    poll = page.get_by_role("region", name=POLL_TITLE)
    poll.get_by_role("radio", name="Ruhe und Grün").check()
    poll.get_by_role("button", name="Stimme abgeben").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre Stimme wurde gezählt.")
    screenshot("editor-02-project-live")


def test_approve_a_pending_comment_from_the_moderation_queue(
    page, demo_portal, editor_password, screenshot
):
    author, text = PENDING
    page.goto(demo_portal + "/projekte/radverkehrskonzept-innenstadt/")
    expect(page.get_by_text(text)).to_have_count(0)

    admin_login(page, demo_portal, EDITOR["email"], editor_password)
    # "Moderation" opens a submenu: the comments' queue and the proposals'.
    page.get_by_role("button", name="Moderation").click()
    page.get_by_role("link", name="Kommentare").click()
    expect(page).to_have_url(re.compile(r"/cms/comments/\?queue=true"))
    page.get_by_role("link", name=text).click()
    expect(page.get_by_text(author)).to_be_visible()
    page.locator("#id_action").select_option("approve")
    page.locator("#id_note").fill("Sachlich, passt zum Thema.")
    screenshot("editor-03-moderation")
    page.get_by_role("button", name="Anwenden").click()
    expect(success_message(page)).to_be_visible()
    assert Comment.objects.get(body=text).state == CommentState.PUBLISHED

    page.goto(demo_portal + "/projekte/radverkehrskonzept-innenstadt/")
    expect(page.get_by_role("article", name=author).filter(has_text=text)).to_be_visible()


def results_page(page, demo_portal, title):
    page.get_by_role("link", name="Umfragen", exact=True).click()
    page.get_by_role("link", name=title).click()
    page.locator("header").get_by_role("button", name="Aktionen").click()
    page.get_by_role("link", name="Ergebnisse und Export").click()
    expect(page.get_by_role("heading", name="Export")).to_be_visible()


def download(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return info.value


def test_export_poll_results_as_csv_and_xlsx(page, demo_portal, editor_password, screenshot):
    poll = Poll.objects.get(title="Wo fehlen sichere Radwege?")
    admin_login(page, demo_portal, EDITOR["email"], editor_password)
    results_page(page, demo_portal, poll.title)
    screenshot("editor-04-poll-results")

    csv_file = download(page, "Ergebnisse (CSV)")
    assert csv_file.suggested_filename.endswith(".csv")
    with open(csv_file.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    first_question = [row for row in rows if row["Frage"].startswith("1. Wie oft")]
    assert [row["Antwort"] for row in first_question] == ["Täglich", "Wöchentlich", "Selten", "Nie"]
    assert sum(int(row["Stimmen"]) for row in first_question) == poll.ballots.count() == 24

    xlsx_file = download(page, "Ergebnisse (XLSX)")
    assert xlsx_file.suggested_filename.endswith(".xlsx")
    # From bytes: openpyxl judges a file by its name, and the download's has no ending.
    sheet = openpyxl.load_workbook(io.BytesIO(Path(xlsx_file.path()).read_bytes())).active
    header, *values = list(sheet.iter_rows(values_only=True))
    assert list(header[:3]) == ["Frage", "Antwort", "Stimmen"]
    assert len(values) == len(rows)
