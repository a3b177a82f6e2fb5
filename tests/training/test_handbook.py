"""The handbook in the admin: every task's page for every role, in German and English."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import override
from wagtail.users.models import UserProfile

from departments.models import Role
from training.handbook import TASKS, task_for
from training.practice import practice_home, reset_practice_area

ROLES = [Role.TEAM, Role.EDITOR, Role.MODERATOR, Role.ANALYST, Role.STAFF]
TASK_SLUGS = [task.slug for task in TASKS]


def task_url(slug: str) -> str:
    return reverse("training_handbook_task", args=[slug])


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("slug", TASK_SLUGS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_task_has_its_prose_in_each_language(slug, language):
    assert get_template(f"training/handbook/{language}/{slug}.html")


@pytest.mark.parametrize("task", [task for task in TASKS if task.screenshot], ids=lambda t: t.slug)
def test_every_screenshot_exists_and_is_a_png(task):
    found = finders.find(task.screenshot)
    assert found, task.screenshot
    assert Path(found).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_tasks_the_issue_names_are_there():
    wanted = {
        "projekt-anlegen",
        "umfrage-einbinden",
        "vorab-abstimmung",
        "moderieren",
        "offiziell-antworten",
        "exportieren",
        "kennzahlen-lesen",
    }
    assert wanted <= set(TASK_SLUGS)
    assert len(set(TASK_SLUGS)) == len(TASK_SLUGS)


def test_every_start_link_of_a_task_resolves():
    for task in TASKS:
        for link in task.starts:
            assert link.url(), (task.slug, link.url_name)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_index(client, role_people, role):
    client.force_login(role_people[role])
    with override("de"):
        response = client.get(reverse("training_handbook"))
    assert response.status_code == 200
    page = html(response)
    assert page.find("h1").get_text(strip=True) == "Hilfe"
    links = {a["href"] for a in page.select(".training-handbook__tasks a")}
    assert links == {task_url(slug) for slug in TASK_SLUGS}


@pytest.mark.parametrize("slug", TASK_SLUGS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_every_task(client, role_people, role, slug):
    client.force_login(role_people[role])
    with override("de"):
        response = client.get(task_url(slug))
    assert response.status_code == 200
    page = html(response)
    task = task_for(slug)
    with override("de"):
        assert page.find("h1").get_text(strip=True) == str(task.title)
        role_labels = {str(role.label) for role in task.roles}
    article = page.find("article", class_="training-handbook")
    assert article.find("ol").find_all("li"), "numbered steps"
    assert role_labels <= {li.get_text(strip=True) for li in article.find_all("li")}
    figure = article.find("figure")
    if task.screenshot:
        image = figure.find("img")
        assert image["alt"].strip()
        assert image["src"].endswith(f"{slug}.png")
        assert figure.find("figcaption").get_text(strip=True)
    else:
        assert figure is None


def read_in(client, user, language: str, path: str) -> BeautifulSoup:
    """The page as ``user`` reads it with the admin set to ``language`` (their profile)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return html(client.get(path))


@pytest.mark.parametrize("slug", TASK_SLUGS)
def test_the_prose_follows_the_language_of_the_admin(client, role_people, slug):
    editor = role_people[Role.EDITOR]
    german = read_in(client, editor, "de", task_url(slug))
    english = read_in(client, editor, "en", task_url(slug))
    assert german.find("html")["lang"] == "de"
    assert english.find("html")["lang"] == "en"
    assert german.find("h2", string="Wer darf das?") is not None
    assert english.find("h2", string="Who may do this") is not None
    assert german.find("ol").get_text() != english.find("ol").get_text()


def test_a_language_without_its_own_prose_falls_back_to_german():
    task = task_for("projekt-anlegen")
    assert task.template_names("fr") == [
        "training/handbook/fr/projekt-anlegen.html",
        "training/handbook/de/projekt-anlegen.html",
    ]


def test_a_task_page_links_where_the_task_starts(admin_client):
    with override("de"):
        page = html(admin_client.get(task_url("moderieren")))
    assert page.find("a", href=reverse("comments_moderation:index"))


def test_an_unknown_task_is_not_found(admin_client):
    assert admin_client.get(task_url("gibt-es-nicht")).status_code == 404


@pytest.mark.parametrize("path", [reverse("training_handbook"), task_url("moderieren")])
def test_visitors_are_sent_to_the_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize("path", [reverse("training_handbook"), task_url("moderieren")])
def test_citizens_without_admin_access_do_not_read_it(client, citizen, path):
    client.force_login(citizen)
    response = client.get(path)
    assert response.status_code in (302, 403)
    assert b"training-handbook" not in response.content


def test_the_menu_offers_help_to_every_admin_user(client, role_people):
    client.force_login(role_people[Role.STAFF])
    with override("de"):
        response = client.get(reverse("wagtailadmin_home"))
    assert reverse("training_handbook").encode() in response.content
    assert b"Hilfe" in response.content


def test_wagtails_english_help_menu_gives_way_to_the_handbook(client, role_people):
    client.force_login(role_people[Role.EDITOR])
    response = client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert content.count('"name": "handbook"') + content.count('"name":"handbook"') >= 1
    assert '"name": "help"' not in content and '"name":"help"' not in content


def test_the_index_links_the_practice_area_once_it_exists(client, role_people, home_page):
    client.force_login(role_people[Role.EDITOR])
    assert "Zum Übungsbereich" not in client.get(reverse("training_handbook")).content.decode()
    reset_practice_area()
    home = practice_home()
    page = html(client.get(reverse("training_handbook")))
    link = page.find("a", string="Zum Übungsbereich")
    assert link["href"] == reverse("wagtailadmin_explore", args=[home.pk])
