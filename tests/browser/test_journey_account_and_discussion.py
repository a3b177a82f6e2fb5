"""From signup to a reported comment: a new citizen joins the discussion.

Sign up, confirm the address from the verification mail (the live server
runs in this process, so the mail is in Django's test outbox), sign out and
in again, then comment, reply, support and report, with the error paths
on the way: an empty comment, and a reply refused for writing too fast.
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from comments.models import Comment, Report
from tests.browser.checks import error_problems
from tests.factories import TEST_PASSWORD

OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"
EMAIL = "anna.radelt@example.org"
NAME = "Anna_radelt"


def status_message(page, text):
    return page.get_by_role("status").filter(has_text=text)


def sign_up_and_confirm(page, base_url, screenshot):
    page.goto(base_url + "/")
    account = page.get_by_role("navigation", name="Ihr Konto")
    account.get_by_role("link", name="Registrieren").click()
    page.get_by_label("E-Mail").fill(EMAIL)
    page.get_by_label("Öffentlicher Anzeigename").fill(NAME)
    page.get_by_label("Passwort:", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(TEST_PASSWORD)
    page.get_by_label(re.compile("Datenschutzhinweise")).check()
    screenshot("journey-account-01-signup")
    page.locator("main").get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("E-Mail-Adresse"))

    (message,) = [message for message in mail.outbox if EMAIL in message.to]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)
    page.goto(base_url + link)
    screenshot("journey-account-02-confirm")
    page.locator("main").get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("link", name=f"Angemeldet als {NAME}")).to_be_visible()


def sign_out_and_in(page):
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("navigation", name="Ihr Konto")).to_contain_text("Anmelden")
    page.get_by_role("navigation", name="Ihr Konto").get_by_role("link", name="Anmelden").click()
    page.get_by_label("E-Mail").fill(EMAIL)
    page.get_by_label("Passwort:").fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("link", name=f"Angemeldet als {NAME}")).to_be_visible()


def write_comment(page, screenshot):
    discussion = page.get_by_role("region", name=re.compile("^Diskussion"))
    discussion.get_by_role("button", name="Beitrag veröffentlichen").click()
    alert = page.get_by_role("alert").filter(has_text="Bitte prüfen Sie Ihre Eingaben")
    expect(alert).to_contain_text("Bitte schreiben Sie einen Beitrag.")
    expect(alert).to_be_focused()
    assert error_problems(page) == []
    screenshot("journey-discussion-01-empty")

    page.get_by_label("Ihr Beitrag").fill("Am Westbahnhof fehlen überdachte Fahrradbügel.")
    page.get_by_role("button", name="Beitrag veröffentlichen").click()
    expect(status_message(page, "Ihr Beitrag wurde veröffentlicht.")).to_be_visible()
    mine = page.get_by_role("article", name=NAME).filter(has_text="Am Westbahnhof fehlen")
    expect(mine).to_be_visible()


def reply_too_fast_then_again(page, screenshot):
    page.get_by_role("link", name="Antworten an Radfahrerin_Jena").click()
    answer = page.get_by_label("Ihre Antwort")
    answer.fill("Ein Radfahrstreifen wäre auch mein Wunsch.")
    page.get_by_role("button", name="Antwort veröffentlichen").click()
    alert = page.get_by_role("alert").filter(has_text="Zu viele Anfragen")
    expect(alert).to_be_focused()
    expect(page.get_by_label("Ihre Antwort")).to_have_value(
        "Ein Radfahrstreifen wäre auch mein Wunsch."
    )
    screenshot("journey-discussion-02-too-fast")

    cache.clear()  # The waiting time is over.
    page.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(status_message(page, "Ihre Antwort wurde veröffentlicht.")).to_be_visible()
    reply = page.get_by_role("article", name=NAME).filter(has_text="Ein Radfahrstreifen wäre")
    expect(reply).to_be_visible()
    assert Comment.objects.get(body__startswith="Ein Radfahrstreifen").parent.author_name == (
        "Radfahrerin_Jena"
    )


def support_and_report(page, screenshot):
    page.get_by_role("link", name="Zurück zu allen Beiträgen").click()
    lobedaer = page.get_by_role("article", name="Lobedaer")
    lobedaer.get_by_role("button", name="Unterstützen den Beitrag von Lobedaer").click()
    expect(status_message(page, "Sie unterstützen diesen Beitrag.")).to_be_visible()
    lobedaer = page.get_by_role("article", name="Lobedaer")
    expect(lobedaer.locator(".comment__supports")).to_have_text("1 Unterstützung")
    withdraw = lobedaer.get_by_role("button", name=re.compile("^Unterstützung zurücknehmen"))
    expect(withdraw).to_be_visible()

    lobedaer.get_by_role("link", name="Melden den Beitrag von Lobedaer").click()
    form = page.get_by_role("form", name="Diesen Beitrag melden")
    form.get_by_role("radio", name="Gehört nicht zum Thema").check()
    form.get_by_label("Weitere Angaben (freiwillig)").fill("Der Link führt auf eine Werbeseite.")
    screenshot("journey-discussion-03-report")
    form.get_by_role("button", name="Meldung absenden").click()
    expect(status_message(page, "Vielen Dank für Ihre Meldung.")).to_be_visible()
    report = Report.objects.get()
    assert (report.reason, report.comment.author_name) == ("off_topic", "Lobedaer")


@pytest.mark.journey("account_and_discussion")
@pytest.mark.journey("error_paths")
def test_sign_up_verify_sign_in_comment_reply_support_report(
    page, demo_portal, screenshot, settings
):
    # One comment an hour, so that the quick reply is refused for certain.
    settings.PORTAL_RATE_LIMITS = settings.PORTAL_RATE_LIMITS | {"comment_per_account": "1/h"}
    sign_up_and_confirm(page, demo_portal, screenshot)
    sign_out_and_in(page)
    page.goto(demo_portal + OPEN_PROJECT)
    write_comment(page, screenshot)
    reply_too_fast_then_again(page, screenshot)
    support_and_report(page, screenshot)
    screenshot("journey-discussion-04-done")
