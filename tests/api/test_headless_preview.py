"""Editors preview drafts in the city's front end (wagtail-headless-preview on Wagtail 8)."""

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from tests.api.conftest import call

FRONT_END = "https://www.jena.de/beteiligung/vorschau"


@pytest.fixture
def front_end(settings):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        **settings.WAGTAIL_HEADLESS_PREVIEW,
        "CLIENT_URLS": {"default": FRONT_END},
    }


def preview_of(page, editor):
    request = RequestFactory().get("/cms/preview/")
    request.user = editor
    response = page.serve_preview(request, page.default_preview_mode)
    return response.render() if hasattr(response, "render") else response


def test_preview_shows_the_front_end_with_a_token_that_reads_the_draft(
    client, project, editor, front_end
):
    draft = project.get_latest_revision_as_object()
    draft.title = "Entwurf: Noch grünerer Marktplatz"
    response = preview_of(draft, editor)
    iframe = BeautifulSoup(response.content, "html.parser").find("iframe")
    url = urlparse(iframe["src"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == FRONT_END + "/"
    query = parse_qs(url.query)
    assert query["content_type"] == ["pages.projectpage"]

    preview_url = f"/api/v2/page_preview/?content_type=pages.projectpage&token={query['token'][0]}"
    response, page = call(client, "get", preview_url)
    assert response.status_code == 200, page
    assert page["title"] == "Entwurf: Noch grünerer Marktplatz"
    assert page["status"]["value"] == "open"
    assert response["Cache-Control"] == "no-store"
    # The public API still shows the published version.
    _response, public = call(client, "get", f"/api/v2/pages/{project.pk}/")
    assert public["title"] == "Grüner Marktplatz"


def test_forged_or_foreign_tokens_find_nothing(client, project, editor, front_end):
    preview_of(project, editor)
    for query in [
        "content_type=pages.projectpage&token=erfunden",
        "content_type=pages.standardpage&token=erfunden",
        "content_type=auth.user&token=x",
        "content_type=kaputt&token=x",
    ]:
        response, body = call(client, "get", f"/api/v2/page_preview/?{query}")
        assert response.status_code == 404, query
        assert body["code"] in {"no_preview", "not_found"}


def test_without_a_front_end_previews_stay_in_the_portal(project, editor, settings):
    settings.HEADLESS_PREVIEW_URL = ""
    response = preview_of(project, editor)
    assert b"<iframe" not in response.content
    assert "Grüner Marktplatz" in response.content.decode()
