"""The figures dashboard (Auswertung) in the admin, by keyboard only, as the demo's analyst."""

import pytest
from playwright.sync_api import expect

from departments.models import DepartmentGroup, Role
from tests.browser.conftest import session_for, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
TAB_LIMIT = 80


def analyst():
    link = DepartmentGroup.objects.filter(role=Role.ANALYST, group__user__isnull=False).first()
    return link.group.user_set.first()


def tab_to(page, matches) -> None:
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate(matches):
            return
    seen = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"not reached by Tab; focus ends on {seen}")


@pytest.fixture(scope="module")
def analyst_session(shared_portal, django_db_blocker):
    """Committed beside the demo, outside the test's transaction, so the live server sees it."""
    with django_db_blocker.unblock():
        return session_for(analyst())


def test_the_analyst_reaches_the_dashboard_and_filters_it_by_keyboard(
    page, shared_portal, analyst_session
):
    sign_in(page.context, shared_portal.url, analyst_session)
    page.goto(shared_portal.url + "/cms/")
    tab_to(
        page, "() => (document.activeElement.getAttribute('href') || '').endsWith('/auswertung/')"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(shared_portal.url + "/cms/auswertung/")
    expect(page.get_by_role("heading", name="Kennzahlen", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Projekte nach Status")).to_be_visible()
    tab_to(page, "() => document.activeElement.textContent.trim() === 'Zahlen anzeigen'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(
        shared_portal.url + "/cms/auswertung/?department=&start=&end=&project="
    )
    expect(page.get_by_role("heading", name="Kennzahlen", exact=True)).to_be_visible()
    tab_to(page, "() => document.activeElement.textContent.trim() === 'CSV'")
