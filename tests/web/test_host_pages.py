"""Forms inside pages re-render their host page on failure, respecting view restrictions."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from tests.factories import ProjectPageFactory
from web.host_pages import live_host_page, redirect_to_host, render_host_page


@pytest.fixture
def request_(citizen):
    request = RequestFactory().post("/polls/1/vote/")
    request.user = citizen
    request.session = {}
    return request


def test_render_host_page_keeps_status_and_state(request_, project_index):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    response = render_host_page(request_, project, 409, poll_7={"errors": ["schon abgestimmt"]})
    response.render()
    assert response.status_code == 409
    assert "Spielplatz" in response.content.decode()
    assert request_.portal_form_state == {"poll_7": {"errors": ["schon abgestimmt"]}}


@pytest.mark.parametrize("page_id", ["999999", "abc", None])
def test_unknown_pages_are_404(request_, home_page, page_id):
    with pytest.raises(Http404):
        live_host_page(request_, page_id)


def test_unpublished_pages_are_404(request_, project_index):
    draft = ProjectPageFactory(parent=project_index, live=False)
    with pytest.raises(Http404):
        live_host_page(request_, draft.pk)


def test_view_restrictions_apply(request_, project_index):
    secret = ProjectPageFactory(parent=project_index)
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    # As if it did not exist (issue 11, item 10): a 403 would confirm it.
    with pytest.raises(Http404):
        live_host_page(request_, secret.pk)


def test_redirect_to_host_adds_the_fragment(request_, project_index):
    project = ProjectPageFactory(parent=project_index, slug="spielplatz")
    response = redirect_to_host(request_, project, "poll-3")
    assert response.status_code == 302
    assert response["Location"].endswith("/projekte/spielplatz/#poll-3")
