"""A second municipality on the same installation stays on its own site (issue 11, item 5).

Before, the first site's /search/ and /api/v1/search/ returned the other
site's project (with an empty URL), and its polls and discussions answered
through the first site's host.
"""

import pytest
from django.test import Client
from wagtail.models import Page, Site

from comments.models import CommentState
from search.tasks import process_outbox
from tests.comments.factories import CommentFactory
from tests.comments.helpers import api, logged_in
from tests.factories import HomePageFactory, ProjectIndexPageFactory, UserFactory
from tests.privacy.conftest import poll_for, project_with

OTHER_HOST = "127.0.0.1"


@pytest.fixture(params=["postgres", "simple"])
def backend(request, settings):
    settings.PORTAL_SEARCH_BACKEND = request.param


@pytest.fixture
def two_sites(project_index, backend):
    """Jena (localhost, the default site) and Weimar (127.0.0.1), each with a project."""
    ours = project_with(project_index, "jena", "Stadtbahn Jena", poll_for("Stadtbahn Jena?"))
    weimar_home = HomePageFactory(parent=Page.get_first_root_node(), title="Weimar", slug="weimar")
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=weimar_home)
    weimar_index = ProjectIndexPageFactory(parent=weimar_home, slug="projekte")
    theirs = project_with(weimar_index, "weimar", "Stadtbahn Weimar", poll_for("Stadtbahn Weimar?"))
    for page in (ours, theirs):
        CommentFactory(page=page, body=f"Stadtbahn bitte, {page.title}", state="published")
    process_outbox()
    return ours, theirs


def client_for(host):
    return Client(HTTP_HOST=host)


def test_each_site_searches_only_itself(two_sites):
    ours, theirs = two_sites
    for host, own, other in (("localhost", ours, theirs), (OTHER_HOST, theirs, ours)):
        response, body = api(client_for(host), "get", "/api/v1/search/?q=Stadtbahn")
        assert response.status_code == 200
        text = str(body)
        assert own.title in text
        assert other.title not in text
        # The project, its poll and its comment; nothing of the other site is counted.
        assert body["total"] == len(body["hits"]) == 3
        assert sorted(f["label"] for f in body["facets"]["project"]) == [own.title]
        assert all(hit["url"].startswith("/") for hit in body["hits"])
        html = client_for(host).get("/search/?q=Stadtbahn").content.decode()
        assert own.title in html and other.title not in html
        _response, suggestions = api(
            client_for(host), "get", "/api/v1/search/autocomplete?q=Stadtbahn"
        )
        assert suggestions and all(other.title not in s["title"] for s in suggestions)


def test_polls_and_discussions_answer_only_on_their_own_site(two_sites):
    _ours, theirs = two_sites
    their_poll = theirs.body[0].value["poll"]
    assert client_for(OTHER_HOST).get(f"/api/v1/polls/{their_poll.pk}").status_code == 200
    assert client_for("localhost").get(f"/api/v1/polls/{their_poll.pk}").status_code == 404
    url = f"/api/v1/comments/pages/{theirs.pk}"
    assert client_for(OTHER_HOST).get(url).status_code == 200
    for _attempt in range(2):  # the second read comes from the cached page snapshot
        response, body = api(client_for("localhost"), "get", url)
        assert (response.status_code, body["code"]) == (404, "page_not_found")
    comment = theirs.portal_comments.get()
    response, body = api(client_for("localhost"), "get", f"/api/v1/comments/{comment.pk}/replies")
    assert (response.status_code, body["code"]) == (404, "comment_not_found")


def test_pages_api_and_sitemap_list_only_their_site(two_sites):
    ours, theirs = two_sites
    for host, own, other in (("localhost", ours, theirs), (OTHER_HOST, theirs, ours)):
        _response, body = api(client_for(host), "get", "/api/v2/pages/?type=pages.ProjectPage")
        titles = {item["title"] for item in body["items"]}
        assert own.title in titles and other.title not in titles
        assert client_for(host).get(f"/api/v2/pages/{other.pk}/").status_code == 404
        sitemap = client_for(host).get("/sitemap.xml").content.decode()
        assert own.slug in sitemap and f"/{other.slug}/" not in sitemap


def test_a_comment_form_posted_to_the_other_site_is_refused(two_sites):
    _ours, theirs = two_sites
    response = client_for("localhost").post(
        "/comments/post/", {"page": theirs.pk, "body": "Von der falschen Seite"}
    )
    assert response.status_code == 404
    assert not theirs.portal_comments.filter(body="Von der falschen Seite").exists()


def test_a_comment_on_a_hidden_page_answers_like_a_missing_one(project_index, backend):
    """Issue 11, item 10: before, a restricted page's comment answered 403, a missing one 404."""
    from wagtail.models import PageViewRestriction

    page = project_with(project_index, "intern", "Intern", poll_for("Intern?"))
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    comment = CommentFactory(page=page, body="Nur intern", state=CommentState.PUBLISHED)
    client = Client()
    hidden = api(client, "get", f"/api/v1/comments/{comment.pk}/replies")
    missing = api(client, "get", f"/api/v1/comments/{comment.pk + 1000}/replies")
    assert (hidden[0].status_code, hidden[1]["code"]) == (404, "comment_not_found")
    assert (missing[0].status_code, missing[1]["code"]) == (404, "comment_not_found")
    assert hidden[1]["detail"] == missing[1]["detail"]
    signed_in = logged_in(UserFactory())
    for method, url, payload in [
        ("post", f"/api/v1/comments/{comment.pk}/replies", {"body": "x"}),
        ("put", f"/api/v1/comments/{comment.pk}/support", None),
        ("post", f"/api/v1/comments/{comment.pk}/reports", {"reason": "spam"}),
    ]:
        response, body = api(signed_in, method, url, payload)
        assert (response.status_code, body["code"]) == (404, "comment_not_found"), url
