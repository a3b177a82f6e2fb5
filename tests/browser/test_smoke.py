"""The browser setup works: Chromium renders the live demo portal in German."""

from playwright.sync_api import expect


def test_start_page_in_german(page, demo_portal):
    page.goto(demo_portal + "/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitreden in Jena")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_attached()
    images = page.locator("img")
    assert images.count() > 0
    for index in range(images.count()):
        assert images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
