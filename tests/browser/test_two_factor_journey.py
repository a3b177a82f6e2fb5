"""Two-factor sign-in in Chromium: set it up, sign in with a code, the admin's login.

The code is computed from the key the page shows, as an authenticator app
would. Each page of the way passes axe-core (WCAG 2.1 A/AA) and the checks
of the audit: one H1, alt texts, errors announced and linked to the field.
"""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.checks import error_problems, heading_problems, image_problems
from tests.factories import TEST_PASSWORD, UserFactory


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))


def audit(page, where: str) -> None:
    assert_no_axe_violations(page, where)
    assert not heading_problems(page), (where, heading_problems(page))
    assert not image_problems(page), (where, image_problems(page))


def sign_in_with_password(page, base_url: str, email: str, path="/accounts/login/") -> None:
    page.goto(base_url + path)
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form").get_by_role("button", name="Anmelden").click()


def test_set_up_and_use_two_factor_sign_in(page, demo_portal, screenshot):
    citizen = UserFactory(email="zweifaktor@example.org", display_name="Vorsichtige")
    sign_in_with_password(page, demo_portal, citizen.email)
    page.goto(demo_portal + "/accounts/profile/")
    page.get_by_role("link", name="Zwei-Faktor-Anmeldung").click()
    audit(page, "two-factor settings")
    page.get_by_role("link", name="Authenticator-App einrichten").click()
    # allauth asks for the password again before an authenticator is added.
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form").get_by_role("button").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-App einrichten")
    screenshot("two-factor-01-activate")
    audit(page, "authenticator setup")
    secret = page.get_by_label("Schlüssel zum Eintippen").input_value()
    page.get_by_label("Authentifizierungscode").fill("000000")
    # Wait for the answer page (a loaded machine is slow) before checking how it shows the error.
    with page.expect_navigation():
        page.get_by_role("button", name="Zwei-Faktor-Anmeldung einschalten").click()
    assert not error_problems(page), error_problems(page)
    audit(page, "authenticator setup with an error")
    page.get_by_label("Authentifizierungscode").fill(code_for(secret))
    page.get_by_role("button", name="Zwei-Faktor-Anmeldung einschalten").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wiederherstellungscodes")
    audit(page, "recovery codes")
    recovery_code = page.locator(".mfa-recovery-codes code").first.inner_text()

    page.get_by_role("button", name="Abmelden").click()
    sign_in_with_password(page, demo_portal, citizen.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung")
    screenshot("two-factor-02-authenticate")
    audit(page, "second factor")
    field = page.get_by_label("Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode")
    field.fill("123")
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Anmelden").click()
    assert not error_problems(page), error_problems(page)
    field.fill(recovery_code)
    page.locator("main form").get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("link", name="Angemeldet als Vorsichtige")).to_be_visible()


def test_the_admin_login_is_for_staff(page, demo_portal, screenshot):
    citizen = UserFactory(email="buergerin@example.org", display_name="Neugierige")
    page.goto(demo_portal + "/cms/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung zur Redaktion")
    screenshot("admin-login")
    audit(page, "admin login")
    sign_in_with_password(page, demo_portal, citizen.email, path="/cms/login/")
    # Wait for the answer page (a loaded machine is slow) before checking how it shows the error.
    expect(page.locator(".form-errors")).to_contain_text("nur für Mitarbeitende")
    assert not error_problems(page), error_problems(page)
    audit(page, "admin login refusing a citizen")
