"""Following with an account through the HTML forms: the box, the buttons, "Was ich verfolge"."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from notifications.models import Follow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FOLLOW = reverse("notifications:follow")
UNFOLLOW = reverse("notifications:unfollow")


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


def field(form, name):
    return form.select_one(f"[name={name}]")["value"]


def follow_data(kind, target_id, next_url="/"):
    return {"target": kind, "target_id": target_id, "next": next_url}


def test_the_project_page_offers_a_follow_button_that_works_without_javascript(
    signed_in, citizen, project
):
    page = BeautifulSoup(signed_in.get(project.url).content, "html.parser")
    form = page.select_one("#folgen form")
    assert form["action"] == FOLLOW and form["method"] == "post"
    assert "Folgen" in form.button.get_text()
    data = {field["name"]: field.get("value", "") for field in form.select("input")}
    response = signed_in.post(FOLLOW, data, follow=True)
    assert response.redirect_chain[-1][0] == project.url
    assert "Sie folgen jetzt Radweg Saalbahnhof." in response.content.decode()
    assert Follow.objects.filter(user=citizen, target="project", target_id=project.pk).exists()
    page = BeautifulSoup(response.content, "html.parser")
    assert "Nicht mehr folgen" in page.select_one("#folgen form button").get_text()
    assert page.select_one(f'#folgen a[href="{reverse("notifications:settings")}"]')


def test_following_twice_is_one_follow_and_unfollow_removes_it(signed_in, citizen, project):
    signed_in.post(FOLLOW, follow_data("project", project.pk))
    signed_in.post(FOLLOW, follow_data("project", project.pk))
    assert Follow.objects.filter(user=citizen).count() == 1
    response = signed_in.post(UNFOLLOW, follow_data("project", project.pk), follow=True)
    assert "Sie folgen Radweg Saalbahnhof nicht mehr." in response.content.decode()
    assert not Follow.objects.filter(user=citizen).exists()


def test_the_project_page_offers_its_department_topic_and_district(
    signed_in, citizen, project, department, topic, district
):
    page = BeautifulSoup(signed_in.get(project.url).content, "html.parser")
    forms = page.select("#folgen form")
    offered = {(field(form, "target"), int(field(form, "target_id"))) for form in forms}
    assert offered == {
        ("project", project.pk),
        ("department", department.pk),
        ("topic", topic.pk),
        ("district", district.pk),
    }
    signed_in.post(FOLLOW, follow_data("district", district.pk))
    assert Follow.objects.filter(user=citizen, target="district", target_id=district.pk).exists()


def test_the_filtered_project_list_offers_to_follow_the_filter(
    signed_in, project, project_index, department
):
    response = signed_in.get(project_index.url, {"department": department.slug})
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one(".follow-box form")
    assert form.select_one("[name=target]")["value"] == "department"
    assert "Amt für Mobilität" in page.select_one(".follow-box").get_text()


def test_visitors_are_sent_to_sign_in_and_see_the_email_form(client, project):
    response = client.post(FOLLOW, follow_data("project", project.pk, project.url))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Follow.objects.exists()
    page = BeautifulSoup(client.get(project.url).content, "html.parser")
    assert page.select_one(f'#folgen form[action="{reverse("notifications:email_follow")}"]')


@pytest.mark.parametrize("kind", ["project", "department"])
def test_unknown_and_hidden_targets_are_not_found(signed_in, restricted_project, kind):
    target_id = restricted_project.pk if kind == "project" else 987654
    assert signed_in.post(FOLLOW, follow_data(kind, target_id)).status_code == 404
    assert not Follow.objects.exists()


def test_a_bad_kind_is_refused_with_a_german_message(signed_in):
    response = signed_in.post(FOLLOW, follow_data("vorhaben", 1))
    assert response.status_code == 400
    assert "Dem können Sie nicht folgen." in response.content.decode()
    assert not Follow.objects.exists()


def test_an_unconfirmed_address_may_not_follow(client, project):
    unverified = UserFactory(verified=False)
    client.force_login(unverified)
    response = client.post(FOLLOW, follow_data("project", project.pk))
    assert response.status_code == 403
    assert "bestätigen Sie" in response.content.decode()
    assert not Follow.objects.exists()


def test_the_next_address_must_be_on_this_site(signed_in, project):
    response = signed_in.post(FOLLOW, follow_data("project", project.pk, "https://evil.example/"))
    assert response["Location"] == reverse("notifications:following")


def test_what_i_follow_lists_my_follows_and_hides_what_i_may_no_longer_see(
    signed_in, citizen, project, restricted_project, topic
):
    Follow.objects.create(user=citizen, target="project", target_id=project.pk)
    Follow.objects.create(user=citizen, target="topic", target_id=topic.pk)
    Follow.objects.create(user=citizen, target="project", target_id=restricted_project.pk)
    response = signed_in.get(reverse("notifications:following"))
    text = response.content.decode()
    assert "Radweg Saalbahnhof" in text and "Verkehr" in text
    assert "Geheime Planung" not in text
    page = BeautifulSoup(text, "html.parser")
    assert len(page.select(f'.follow-list form[action="{UNFOLLOW}"]')) == 3
    # The hidden project can still be left.
    signed_in.post(UNFOLLOW, follow_data("project", restricted_project.pk))
    assert Follow.objects.filter(user=citizen).count() == 2


def test_what_i_follow_needs_sign_in(client):
    response = client.get(reverse("notifications:following"))
    assert response.status_code == 302 and "login" in response["Location"]
