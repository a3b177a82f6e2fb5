"""The admin shows German labels, not stored values or English defaults (issue 11, item 15)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Task, Workflow

from pages.approval import TASK_NAME, WORKFLOW_NAME
from tests.comments.factories import CommentFactory
from tests.factories import ProjectPageFactory
from tests.polls.factories import PollFactory

RAW_VALUES = re.compile(r"\b(?:True|False|None|open|closed|upcoming|public|registered|staff)\b")


def cells(html: str, selector: str = "table tbody td") -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(cell.get_text(" ").split()) for cell in soup.select(selector)]


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_poll_listing_shows_the_state_in_german(admin_client):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    PollFactory(title="Läuft", opens_at=now - day, closes_at=now + day)
    PollFactory(title="Vorbei", opens_at=now - 3 * day, closes_at=now - day)
    PollFactory(title="Bald", opens_at=now + day, closes_at=now + 3 * day)

    response = admin_client.get("/cms/snippets/polls/poll/")

    assert response.status_code == 200
    shown = cells(response.content.decode())
    assert {"offen", "beendet", "demnächst"} <= set(shown)
    assert not [cell for cell in shown if RAW_VALUES.fullmatch(cell)]


def test_moderation_filter_chips_say_yes_and_no(admin_client, project_index):
    page = ProjectPageFactory(parent=project_index)
    CommentFactory(page=page, state="pending")

    response = admin_client.get("/cms/comments/?queue=true&official=false")

    assert response.status_code == 200
    chips = cells(response.content.decode(), ".w-active-filters, [data-w-active-filters], .w-pill")
    text = " ".join(chips) or response.content.decode()
    assert "Zu prüfen: Ja" in " ".join(text.split())
    assert "Offizielle Antwort: Nein" in " ".join(text.split())
    assert not re.search(r":\s*(True|False)\b", text)


def test_default_workflow_task_and_groups_have_german_names(db):
    # Wagtail's default, renamed, and the projects' approval (pages.approval).
    workflows = set(Workflow.objects.values_list("name", flat=True))
    assert workflows == {"Freigabe durch die Redaktion", WORKFLOW_NAME}
    assert set(Task.objects.values_list("name", flat=True)) == {"Freigabe", TASK_NAME}
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Moderatorinnen und Moderatoren", "Redakteurinnen und Redakteure"} <= names
    assert not names & {"Moderators", "Editors"}


def test_workflow_button_reads_as_german(admin_client, home_page):
    response = admin_client.get(f"/cms/pages/{home_page.pk}/edit/")

    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "Zur Freigabe durch die Redaktion einreichen" in html
    assert "Moderators approval" not in html


def test_yes_no_cells_are_named_in_german(admin_client, citizen):
    citizen.is_active = False
    citizen.save()

    response = admin_client.get("/cms/users/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # The icon's name for screen readers (Wagtail's boolean cell said "True" and "False").
    titles = [name.get_text().strip() for name in soup.select("table tbody td .w-sr-only")]
    assert {"ja", "nein"} <= set(titles)
    assert not {"True", "False", "None"} & set(titles)
