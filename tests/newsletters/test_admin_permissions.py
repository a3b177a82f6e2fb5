"""Who finds, opens and addresses which newsletters in the admin.

The team works on all; a unit's editors on those of their units (and the
units below), and only to their own units' followers; anyone else finds none.
"""

import pytest
from django.urls import reverse

from newsletters.models import Audience, Newsletter
from tests.newsletters.conftest import make_newsletter

pytestmark = pytest.mark.django_db

RELATIONS = ("own", "parent", "sibling", "child", None)
REACHES = {"team": {"own", "parent", "sibling", "child", None}, "editor": {"own", "child"}}


def owner(tree, relation):
    return tree[relation] if relation else None


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ["team", "editor", "moderator", "analyst"])
def test_inspect_and_edit_only_what_the_role_reaches(tree, logged_in, role, relation):
    newsletter = make_newsletter(owner(tree, relation))
    client = logged_in(role)
    for view in ("inspect", "edit", "preview", "send", "schedule"):
        response = client.get(reverse(f"newsletters:{view}", args=(newsletter.pk,)))
        expected = 200 if relation in REACHES.get(role, ()) else 404
        assert response.status_code == expected, (view, response.status_code)


@pytest.mark.parametrize("role", ["team", "editor", "moderator"])
def test_the_list_shows_only_reachable_newsletters(tree, logged_in, role):
    for relation in RELATIONS:
        make_newsletter(owner(tree, relation), subject=f"Brief {relation}")
    response = logged_in(role).get(reverse("newsletters:index"))
    if role == "moderator":
        assert response.status_code == 404
        return
    listed = {relation for relation in RELATIONS if f"Brief {relation}" in response.text}
    assert listed == REACHES[role]


def test_an_editor_is_offered_only_their_units(tree, logged_in):
    response = logged_in("editor").get(reverse("newsletters:add"))
    form = response.context["form"]
    offered = set(form.fields["department"].queryset)
    assert offered == {tree["own"], tree["child"]}
    assert set(form.fields["audience_department"].queryset) == offered


def post_new(client, **fields):
    data = {
        "subject": "Rundbrief",
        "intro": "",
        "body-count": "0",
        "audience": Audience.DEPARTMENT,
        **fields,
    }
    return client.post(reverse("newsletters:add"), data)


def test_an_editor_cannot_write_to_all_subscribers(tree, logged_in):
    response = post_new(
        logged_in("editor"), department=tree["own"].pk, audience=Audience.SUBSCRIBERS
    )
    assert response.status_code == 200
    assert "audience" in response.context["form"].errors
    assert not Newsletter.objects.exists()


def test_an_editor_cannot_address_another_unit(tree, logged_in):
    response = post_new(
        logged_in("editor"), department=tree["own"].pk, audience_department=tree["sibling"].pk
    )
    assert response.status_code == 200
    assert "audience_department" in response.context["form"].errors
    assert not Newsletter.objects.exists()


def test_an_editor_writes_to_the_followers_of_their_unit(tree, logged_in, people):
    response = post_new(
        logged_in("editor"), department=tree["own"].pk, audience_department=tree["child"].pk
    )
    newsletter = Newsletter.objects.get()
    assert response.status_code == 302
    assert newsletter.created_by == people["editor"]
    assert newsletter.audience_department == tree["child"]


def test_the_team_writes_to_all_subscribers_without_a_unit(tree, logged_in):
    response = post_new(logged_in("team"), department="", audience=Audience.SUBSCRIBERS)
    assert response.status_code == 302
    assert Newsletter.objects.get().department is None


def test_a_sent_newsletter_cannot_be_edited_or_deleted(tree, logged_in):
    newsletter = make_newsletter(status="sent", sent_at="2026-12-01T10:00Z")
    client = logged_in("team")
    edit = client.get(reverse("newsletters:edit", args=(newsletter.pk,)))
    assert edit.status_code == 302
    assert edit.url == reverse("newsletters:inspect", args=(newsletter.pk,))
    assert client.get(reverse("newsletters:delete", args=(newsletter.pk,))).status_code == 404
