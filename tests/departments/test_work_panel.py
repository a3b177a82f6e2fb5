"""The admin dashboard's "Für Sie zu tun": each role sees what waits for it, linked to it."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from comments.models import Comment, CommentState
from polls.models import PollApproval
from tests.factories import ProjectPageFactory
from tests.polls.factories import make_poll
from tests.vorhaben.conftest import make_vorhaben
from vorhaben.models import Anregung, VorhabenState


def work(client, user) -> dict[str, tuple[int, str]]:
    """The panel's items: label -> (count, link)."""
    client.force_login(user)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.find("ul", class_="portal-work")
    if panel is None:
        return {}
    items = {}
    for link in panel.find_all("a", href=True):
        label, count = re.match(r"(.+): (\d+)$", " ".join(link.text.split())).groups()
        items[label] = (int(count), link["href"])
    return items


@pytest.fixture
def waiting(tree, project_index):
    own, sibling = tree["own"], tree["sibling"]
    polls = {
        "submitted": make_poll(
            title="Eingereicht", department=own, approval=PollApproval.SUBMITTED
        ),
        "own_draft": make_poll(title="Entwurf eigen", department=own, approval=PollApproval.DRAFT),
        "other_draft": make_poll(
            title="Entwurf fremd", department=sibling, approval=PollApproval.DRAFT
        ),
    }
    make_vorhaben(own, title="Neu eingereicht")
    make_vorhaben(sibling, state=VorhabenState.IN_REVIEW, title="In Prüfung")
    Anregung.objects.create(subject="Spielplatz", reason="Bitte", department=own)
    Anregung.objects.create(subject="Park", reason="Bitte", department=sibling)
    own_project = ProjectPageFactory(parent=project_index, department=own)
    other_project = ProjectPageFactory(parent=project_index, department=sibling)
    Comment.objects.create(
        page=own_project, body="Wartet", anonymous_key="a" * 64, state=CommentState.PENDING
    )
    Comment.objects.create(
        page=other_project, body="Wartet auch", anonymous_key="b" * 64, state=CommentState.HIDDEN
    )
    return polls


def test_the_team_sees_approvals_vorhaben_suggestions_and_the_queue(client, people, waiting):
    items = work(client, people["team"])
    assert items["Umfragen, die auf Ihre Freigabe warten"][0] == 1
    assert items["Eingereichte Vorhaben, zu prüfen"][0] == 1
    assert items["Vorhaben in Prüfung"][0] == 1
    assert items["Unbeantwortete Anregungen"][0] == 2
    assert items["Beiträge zu prüfen"][0] == 2
    listing = client.get(items["Umfragen, die auf Ihre Freigabe warten"][1]).text
    assert "Eingereicht" in listing and "Entwurf eigen" not in listing


def test_an_editor_sees_the_drafts_and_suggestions_of_their_units(client, people, waiting):
    items = work(client, people["editor"])
    assert items["Umfrage-Entwürfe, noch nicht zur Freigabe eingereicht"][0] == 1
    assert items["Unbeantwortete Anregungen"][0] == 1
    assert not any("Vorhaben" in label or "Freigabe warten" in label for label in items)
    listing = client.get(items["Umfrage-Entwürfe, noch nicht zur Freigabe eingereicht"][1]).text
    assert "Entwurf eigen" in listing and "Entwurf fremd" not in listing
    suggestions = client.get(items["Unbeantwortete Anregungen"][1]).text
    assert "Spielplatz" in suggestions and "Park" not in suggestions


def test_a_moderator_sees_the_queue_of_their_units(client, people, waiting):
    items = work(client, people["moderator"])
    assert items == {"Beiträge zu prüfen": (1, items["Beiträge zu prüfen"][1])}
    queue = client.get(items["Beiträge zu prüfen"][1]).text
    assert "Wartet" in queue and "Wartet auch" not in queue


@pytest.mark.parametrize("role", ["analyst", "staff"])
def test_nothing_to_do_shows_no_panel(client, people, waiting, role):
    assert work(client, people[role]) == {}
