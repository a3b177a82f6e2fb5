"""Editors write news posts in the project editor (tab "Neuigkeiten"); keys stay put."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from pages.models import ProjectNews, ProjectPage
from tests.pages.test_project_admin import add_url, project_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def news_form(title, date, body, **extra):
    return {"title": title, "date": date, "body": rich_text(body), **extra}


def test_editor_writes_a_post_and_edits_it_without_changing_its_key(admin_client, project_index):
    data = project_form_data(
        project_index,
        news=inline_formset([news_form("Auftakt", "2026-03-02", "<p>Es <b>geht</b> los.</p>")]),
    )
    response = admin_client.post(add_url(project_index), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    project = ProjectPage.objects.get(slug="radverkehrskonzept")
    post = project.news.get()
    assert (post.title, str(post.date)) == ("Auftakt", "2026-03-02")
    assert "<b>geht</b>" in post.body

    edit = {key: value for key, value in data.items() if not key.startswith("news-")}
    edit.update(
        nested_form_data(
            {
                "news": inline_formset(
                    [news_form("Auftakt (ergänzt)", "2026-03-02", "<p>Neu.</p>", id=post.pk)],
                    initial=1,
                )
            }
        )
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(project.pk,)), edit)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    edited = ProjectNews.objects.get(page=project)
    assert (edited.pk, edited.key, edited.title) == (post.pk, post.key, "Auftakt (ergänzt)")


def test_a_post_needs_a_title_and_a_date(admin_client, project_index):
    data = project_form_data(project_index, news=inline_formset([news_form("", "", "<p>x</p>")]))

    response = admin_client.post(add_url(project_index), data)

    assert response.status_code == 200
    assert not ProjectPage.objects.filter(slug="radverkehrskonzept").exists()
    errors = response.context["form"].formsets["news"].errors[0]
    assert set(errors) >= {"title", "date"}


def test_the_editor_shows_the_news_tab(admin_client, project_index):
    response = admin_client.get(add_url(project_index))

    assert "Neuigkeiten" in response.content.decode()
