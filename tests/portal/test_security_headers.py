"""The public site gets a strict Content Security Policy; the Wagtail admin a relaxed one."""


def test_public_pages_forbid_inline_scripts(client, home_page):
    policy = client.get(home_page.url)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["script-src"].split()[0] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_admin_allows_the_editors_inline_scripts(client, editor):
    client.force_login(editor)
    response = client.get("/cms/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


def test_no_clickjacking_and_no_sniffing(client, home_page):
    response = client.get(home_page.url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
