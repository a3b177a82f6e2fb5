"""Steps in the Wagtail admin (/cms/) that the editor journeys share.

Wagtail's markup is not ours: fields are found by their form names (ids),
buttons and links by their German names.
"""

from playwright.sync_api import expect


def admin_login(page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/cms/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("form").get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page).to_have_url(base_url + "/cms/")


def fill_date(page, selector: str, value: str) -> None:
    """Puts a date ('2026-11-27' or '2026-11-27 10:00') into a date field, as typing would.

    Without focusing it: the admin's date picker (a jQuery plugin) opens on
    focus and, under automation, does not reliably close again, covering the
    fields below it.
    """
    page.locator(selector).evaluate(
        """(input, value) => {
            input.value = value;
            input.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        value,
    )


def choose_in_modal(page, button, title: str) -> None:
    """Opens a chooser with ``button`` and picks the entry called ``title``."""
    button.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=title, exact=True).click()
    expect(dialog).to_be_hidden()


def success_message(page):
    return page.locator(".messages .success")
