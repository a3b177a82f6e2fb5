"""A post's key stays the same across revisions; a copied page's posts get keys of their own."""

import pytest

from pages.models import ProjectNews, ProjectPage
from tests.news.conftest import add_news

pytestmark = pytest.mark.django_db


def test_the_key_survives_drafts_and_republishing(project):
    post = add_news(project, "Auftakt")
    project.refresh_from_db()
    project.news.get().title = "Auftakt!"
    draft = project.save_revision()
    assert draft.as_object().news.get().key == post.key

    draft.publish()

    assert ProjectNews.objects.get(page=project).key == post.key


def test_a_copy_gets_new_keys_also_when_its_copied_revision_is_published(project):
    post = add_news(project, "Auftakt")
    project = ProjectPage.objects.get(pk=project.pk)

    copy = project.copy(update_attrs={"slug": "stadtpark-kopie", "title": "Kopie"})
    copied = ProjectNews.objects.get(page=copy)
    assert copied.key != post.key
    copy.get_latest_revision().publish()

    assert ProjectNews.objects.get(page=copy).key == copied.key
    assert ProjectNews.objects.get(page=project).key == post.key
