"""Security headers: a strict policy on the public site, a relaxed one for the Wagtail admin.

Framing follows one policy, said the same way in X-Frame-Options and in
the CSP's frame-ancestors: nobody may frame the public site; the admin and
Wagtail's previews (which the admin shows in an iframe) may be framed by
the portal's own pages only.
"""

import pytest

from tests.factories import StandardPageFactory


def csp_directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def test_public_pages_forbid_inline_scripts(client, home_page):
    directives = csp_directives(client.get(home_page.url))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["script-src"].split()[0] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_admin_allows_the_editors_inline_scripts(client, editor):
    client.force_login(editor)
    response = client.get("/cms/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]


def test_no_clickjacking_and_no_sniffing(client, home_page):
    response = client.get(home_page.url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/cms/", "/cms/pages/", "/cms/login/"])
def test_the_admin_has_one_framing_policy(client, editor, home_page, path):
    if path != "/cms/login/":
        client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == "'self'"


@pytest.mark.parametrize("path", ["/", "/search/?q=Rad", "/accounts/login/", "/api/docs/"])
def test_the_public_site_may_not_be_framed(client, home_page, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert csp_directives(response)["frame-ancestors"] == "'none'"


@pytest.fixture
def page_with_revision(home_page):
    page = StandardPageFactory(parent=home_page, title="Satzung", slug="satzung")
    revision = page.save_revision()
    return page, revision


def test_previews_may_be_framed_by_the_admin(client, editor, page_with_revision):
    """Wagtail renders a preview as a request for the public page; the admin frames it."""
    page, revision = page_with_revision
    client.force_login(editor)
    response = client.get(f"/cms/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert "Satzung" in response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == "'self'"
    # Otherwise the public page's strict policy.
    assert "'unsafe-inline'" not in directives["script-src"]


def test_headless_previews_may_frame_the_front_end(client, editor, page_with_revision, settings):
    front_end = "https://www.jena.de/beteiligung/vorschau"
    settings.HEADLESS_PREVIEW_URL = front_end
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        **settings.WAGTAIL_HEADLESS_PREVIEW,
        "CLIENT_URLS": {"default": front_end},
    }
    page, revision = page_with_revision
    client.force_login(editor)
    response = client.get(f"/cms/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert front_end in response.content.decode()
    directives = csp_directives(response)
    assert "https://www.jena.de" in directives["frame-src"].split()
    assert directives["frame-ancestors"] == "'self'"
