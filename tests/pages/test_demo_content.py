"""The demo content loads idempotently and shows every project status.

The demo is loaded once for the module (``demo_output``) in a transaction
rolled back after the last test; each test's writes, a second load
included, are rolled back to it (tests/shared_data.py).
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from comments.models import Comment
from demo.loader.people import EDITOR, PEOPLE
from departments.models import Department, DepartmentGroup, Role
from departments.rules import roles_of
from pages.models import (
    ContactPerson,
    District,
    NewsAnnouncement,
    ProjectNews,
    ProjectPage,
    StandardPage,
    Topic,
)
from pages.status import ProjectStatus
from participation import geo
from polls.models import Ballot, Poll
from proposals.models import IdeaCollection, Proposal
from tests.shared_data import rolled_back_at_end

COUNTED = [Page, ProjectPage, StandardPage, Department, Topic, District, ContactPerson, ProjectNews]


def load() -> str:
    out = io.StringIO()
    call_command("load_demo_content", "--force", stdout=out)
    return out.getvalue()


def counts():
    models = [*COUNTED, get_image_model(), get_user_model(), Poll, Ballot, Comment]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_media):
    """The demo, loaded once for the module; returns what the command printed."""
    with rolled_back_at_end(django_db_blocker), override_settings(MEDIA_ROOT=demo_media):
        with django_db_blocker.unblock():
            output = load()
        yield output


@pytest.fixture
def loaded(demo_output, db, settings, demo_media):
    """The demo as loaded once for the module; returns what the command printed."""
    settings.MEDIA_ROOT = demo_media
    return demo_output


def test_loading_twice_gives_the_same_database(loaded):
    first = counts()
    load()
    assert counts() == first
    assert first["ProjectPage"] >= 6


def test_news_posts_keep_their_keys_and_are_announced_once_across_reloads(loaded, client):
    keys = set(ProjectNews.objects.values_list("key", flat=True))
    assert len(keys) >= 3
    announced = set(NewsAnnouncement.objects.values_list("key", flat=True))
    assert announced and announced < keys  # a future-dated post waits for its day
    load()
    assert set(ProjectNews.objects.values_list("key", flat=True)) == keys
    assert set(NewsAnnouncement.objects.values_list("key", flat=True)) == announced
    html = client.get("/projekte/radverkehrskonzept-innenstadt/").content.decode()
    assert html.count('class="news-post"') == 2


def test_every_status_is_represented_and_pages_are_valid(loaded):
    statuses = set(
        ProjectPage.objects.live().annotate_status().values_list("derived_status", flat=True)
    )
    assert statuses == {status.value for status in ProjectStatus}
    for page in Page.objects.filter(depth__gt=1).specific():
        page.full_clean()
        assert page.live


def test_home_page_is_the_default_site_root(loaded, client):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert client.get("/").status_code == 200
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def signs_in(password, email=EDITOR["email"]) -> bool:
    """Through the login form and its policy (the only way a password is checked).

    The demo's people have agreed to the privacy notice and terms: the login
    leads on, not to the consent page.
    """
    response = Client().post(reverse("account_login"), {"login": email, "password": password})
    signed_in = "_auth_user_id" in response.wsgi_request.session
    return response.status_code == 302 and signed_in and "consent" not in response.url


def test_printed_editor_password_works_and_changes_each_run(loaded):
    first = re.search(r"Passwort: (\S+)", loaded).group(1)
    assert signs_in(first)
    second = re.search(r"Passwort: (\S+)", load()).group(1)
    assert second != first
    assert signs_in(second)
    assert not signs_in(first)


def test_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_content", stdout=io.StringIO())


def test_polls_and_a_discussion_are_part_of_the_demo(loaded, client):
    open_poll = Poll.objects.get(title="Wo fehlen sichere Radwege?")
    assert open_poll.state == "open"
    assert open_poll.ballots.count() == 24
    closed = Poll.objects.get(title="Was soll der Holzmarkt künftig bieten?")
    assert closed.state == "closed" and closed.ballots.exists()
    assert Poll.objects.get(audience="staff")
    assert Comment.objects.filter(is_official=True, is_pinned=True).count() == 1
    page = client.get("/projekte/radverkehrskonzept-innenstadt/").content.decode()
    assert "Wo fehlen sichere Radwege?" in page
    assert "Vorabstimmung" not in page
    # Submitted by the unit's editor, waiting for the team: not on the page yet.
    waiting = Poll.objects.get(approval="submitted")
    assert waiting.submitted_by.groups.filter(department_role__role="editor").exists()
    assert waiting.title not in page
    assert "Löbderstraße wird es zwischen Bussen" in page


def printed_logins(output: str) -> dict[str, tuple[str, str]]:
    """E-mail address -> (password, the rest of the row) from the command's login table."""
    rows = re.findall(r"^  (\S+)  +(\S+@\S+)  +(\S+)  +(.+)$", output, re.MULTILINE)
    return {email: (password, rest) for _username, email, password, rest in rows}


def test_every_role_has_a_person_with_a_printed_login(loaded):
    logins = printed_logins(loaded)
    people = get_user_model().objects.filter(email__in=logins)
    assert people.count() == len(logins) == 3 + 2 * len(PEOPLE["unit_people"])
    assert not people.filter(is_superuser=True).exists()
    held = DepartmentGroup.objects.filter(group__user__in=people)
    assert set(held.values_list("role", flat=True)) == set(Role.values)
    for slug in PEOPLE["unit_people"]:
        for role in (Role.EDITOR, Role.MODERATOR):
            assert held.filter(role=role, department__slug=slug).count() == 1
    team = people.get(username=PEOPLE["team"]["username"])
    assert roles_of(team).department_ids(Role.EDITOR) is None
    assert (
        logins[team.email][1].split()[-2:] == ["whole", "city"] or "Stadt" in logins[team.email][1]
    )


def test_the_printed_logins_reach_the_admin_without_a_second_factor(loaded, settings):
    assert settings.PORTAL_REQUIRE_ADMIN_MFA is False
    logins = printed_logins(loaded)
    editor_email = "redaktion.team-verkehrsplanung@jena.example.org"
    for email in (PEOPLE["team"]["email"], editor_email):
        password, _rest = logins[email]
        assert signs_in(password, email)
        client = Client()
        client.force_login(get_user_model().objects.get(email=email))
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # A new load, new passwords.
    again = printed_logins(load())
    assert again[editor_email][0] != logins[editor_email][0]
    assert signs_in(again[editor_email][0], editor_email)


def test_the_demo_proposals_lie_in_their_districts_approximate_boundaries(loaded, client):
    located = Proposal.objects.filter(latitude__isnull=False).select_related("district")
    bounded = District.objects.filter(boundary__isnull=False)

    assert located.count() >= 5
    assert bounded.count() >= 6
    for proposal in located:
        assert geo.area_contains(proposal.district.boundary, proposal.longitude, proposal.latitude)
    collection = IdeaCollection.objects.get(title="Ideen für besseres Radfahren")
    features = client.get(reverse("ideen:geojson", args=(collection.pk,))).json()["features"]
    assert len(features) == located.count()
