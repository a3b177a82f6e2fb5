"""The newsletter in the admin: the team composes, previews, tests, sends; the archive shows it."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from demo.loader.people import PEOPLE
from newsletters.models import Newsletter, NewsletterStatus
from notifications.models import Follow, FollowTarget, Subscriber
from tests.browser.wagtail_admin import admin_login, success_message
from tests.factories import TEST_PASSWORD

TEAM_EMAIL = PEOPLE["team"]["email"]
SUBJECT = "Neues vom Holzmarkt"


def team_with_known_password() -> str:
    user = get_user_model().objects.get(email=TEAM_EMAIL)
    user.set_password(TEST_PASSWORD)
    user.save(update_fields=["password"])
    return TEAM_EMAIL


def newsletter_subscribers() -> list[str]:
    addresses = ["leserin@example.org", "leser@example.net"]
    for address in addresses:
        subscriber = Subscriber.objects.create(email=address, confirmed_at="2026-11-01T10:00Z")
        Follow.objects.create(subscriber=subscriber, target=FollowTarget.NEWSLETTER, target_id=0)
    return addresses


def newsletter_mails() -> list:
    return [message for message in mail.outbox if message.subject.endswith(SUBJECT)]


def compose(page, base_url: str) -> None:
    page.goto(base_url + "/cms/newsletters/new/")
    page.locator("#id_subject").fill(SUBJECT)
    page.locator("#id_intro").fill("Was sich rund um den Holzmarkt tut.")
    page.get_by_title("Einen Block einfügen").first.click()
    page.get_by_role("option", name="Text", exact=True).click()
    editor = page.locator("[contenteditable=true][role=textbox]").first
    editor.click()
    expect(editor).to_be_focused()
    editor.press_sequentially("Die Bauarbeiten beginnen im Frühjahr. Sagen Sie uns Ihre Meinung.")
    # Draftail writes its hidden input a moment after the last key stroke.
    stored = page.locator("input[name='body-0-value']")
    expect(stored).to_have_value(re.compile("Die Bauarbeiten beginnen"))
    page.get_by_label("alle Newsletter-Abonnent*innen").check()
    # Wagtail's generic create view names its button "Erstellen" ("Create").
    page.get_by_role("button", name=re.compile("^(Erstellen|Speichern)$")).click()
    expect(success_message(page)).to_contain_text(SUBJECT)


def test_the_team_composes_previews_tests_and_sends_a_newsletter(page, demo_portal, screenshot):
    recipients = newsletter_subscribers()
    admin_login(page, demo_portal, team_with_known_password(), TEST_PASSWORD)
    compose(page, demo_portal)
    newsletter = Newsletter.objects.get(subject=SUBJECT)

    page.get_by_role("link", name="Vorschau").click()
    expect(page.locator("[data-preview=subject]")).to_contain_text(SUBJECT)
    expect(page.locator("[data-preview=text]")).to_contain_text("Die Bauarbeiten beginnen")
    html = page.frame_locator("iframe[data-preview=html]")
    expect(html.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    screenshot("newsletter-01-preview")
    page.get_by_role("link", name="Zurück zum Newsletter").click()

    # The outbox also sends what the demo queued (its citizen follows projects with news).
    mail.outbox.clear()
    page.get_by_role("button", name="Test an mich senden").click()
    expect(success_message(page)).to_contain_text(TEAM_EMAIL)
    assert [message.to for message in newsletter_mails()] == [[TEAM_EMAIL]]
    assert newsletter_mails()[0].subject.endswith(f"[Test] {SUBJECT}")

    page.get_by_role("link", name="Jetzt senden").click()
    expect(page.locator("[data-recipients]")).to_contain_text("an 2 Empfänger*innen")
    screenshot("newsletter-02-confirm")
    page.get_by_role("button", name="Ja, jetzt senden").click()
    expect(success_message(page)).to_contain_text("wird verschickt")
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    sent = sorted(message.to[0] for message in newsletter_mails()[1:])
    assert sent == sorted(recipients)
    assert all(m.extra_headers["List-Unsubscribe-Post"] for m in newsletter_mails()[1:])
    page.reload()
    expect(page.locator("[data-figure=recipients]")).to_have_text("2")
    expect(page.locator("[data-figure=delivered]")).to_have_text("2")

    page.context.clear_cookies()
    page.goto(demo_portal + "/newsletter/")
    page.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    expect(page.get_by_text("Die Bauarbeiten beginnen im Frühjahr.")).to_be_visible()
    screenshot("newsletter-03-archive")
