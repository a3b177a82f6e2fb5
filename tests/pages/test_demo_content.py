"""The demo content loads idempotently and shows every project status."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from comments.models import Comment
from demo.loader.people import EDITOR
from departments.models import Department
from pages.models import ContactPerson, District, ProjectPage, StandardPage, Topic
from pages.status import ProjectStatus
from polls.models import Ballot, Poll

COUNTED = [Page, ProjectPage, StandardPage, Department, Topic, District, ContactPerson]


def load() -> str:
    out = io.StringIO()
    call_command("load_demo_content", "--force", stdout=out)
    return out.getvalue()


def counts():
    models = [*COUNTED, get_image_model(), get_user_model(), Poll, Ballot, Comment]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return load()


def test_loading_twice_gives_the_same_database(loaded):
    first = counts()
    load()
    assert counts() == first
    assert first["ProjectPage"] >= 6


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


def signs_in(password) -> bool:
    """Through the login form and its policy (the only way a password is checked).

    The demo's people have agreed to the privacy notice and terms: the login
    leads on, not to the consent page.
    """
    response = Client().post(
        reverse("account_login"), {"login": EDITOR["email"], "password": password}
    )
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
    assert "Löbderstraße wird es zwischen Bussen" in page
