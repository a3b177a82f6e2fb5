"""The reference headless client (examples/headless) does what a citizen does, through the API only.

A static file server on loopback serves the client from its own origin
(http://localhost:<port>); it talks to the live portal on another port:
another origin on the same site, as www.jena.de and beteiligung.jena.de are.
The portal allows that origin through CORS and trusts it for CSRF.
"""

import functools
import re
import threading
from datetime import timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment, Report, Support
from pages.models import ProjectPage
from polls.models import Ballot, Poll
from tests.browser.axe import format_violations, run_axe
from tests.browser.conftest import session_for, sign_in
from tests.factories import UserFactory

CLIENT_FILES = Path(__file__).resolve().parents[2] / "examples" / "headless"
PROJECT = "Radverkehrskonzept Innenstadt"
OPEN_POLL = "Wo fehlen sichere Radwege?"


class QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def client_origin():
    """The client's files, served on loopback (a static host, as a city would use)."""
    handler = functools.partial(QuietFiles, directory=str(CLIENT_FILES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def client_url(demo_portal, client_origin, settings):
    settings.CORS_ALLOWED_ORIGINS = [client_origin]
    settings.CSRF_TRUSTED_ORIGINS = [*settings.CSRF_TRUSTED_ORIGINS, client_origin]
    settings.WAGTAILAPI_BASE_URL = demo_portal
    app = f"{client_origin}/?api={demo_portal}"
    settings.HEADLESS_FRONTEND_URLS = {"account_confirm_email": app + "#/konto/bestaetigen/{key}"}
    return app


def test_citizen_journey_through_the_api(page, client_url, screenshot):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    # Projects, then one project with its body.
    page.goto(client_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Beteiligungsprojekte")
    page.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect(page.get_by_role("heading", name="Worum geht es?")).to_be_visible()
    expect(page.get_by_text("(aktuelle Phase)")).to_be_visible()
    expect(page.get_by_role("link", name="Online-Karte", exact=True)).to_have_attribute(
        "href", "https://jena.example.org/radverkehr/karte"
    )
    screenshot("headless-client-project")

    # Vote in the poll and see the results.
    poll = page.locator("section.poll")
    expect(poll.get_by_role("heading", name="Wo fehlen sichere Radwege?")).to_be_visible()
    expect(poll.get_by_text("Vorabstimmung")).to_have_count(0)  # the staff poll stays hidden
    poll.get_by_role("group", name=re.compile("Wie oft fahren Sie")).get_by_label("Täglich").check()
    poll.get_by_role("group", name=re.compile("dringendsten")).get_by_label("Am Anger").check()
    poll.get_by_role("group", name=re.compile("Wie sicher")).locator("input").first.check()
    poll.get_by_role("button", name="Abstimmen").click()
    expect(poll.get_by_text("Vielen Dank, Ihre Stimme ist gezählt.")).to_be_visible()
    expect(poll.get_by_role("heading", name="Ergebnisse (25 Stimmen)")).to_be_visible()

    # Read the discussion; writing needs an account.
    discussion = page.locator("section.comments")
    expect(discussion.get_by_text("Auf der Löbderstraße wird es")).to_be_visible()
    expect(discussion.get_by_role("button", name="Beitrag veröffentlichen")).to_have_count(0)

    # Sign up, confirm the address from the e-mail, and come back signed in.
    discussion.get_by_role("link", name="Zum Anmelden").click()
    signup = page.get_by_role("group", name="Registrieren")
    signup.get_by_label("E-Mail-Adresse").fill("neue.stimme@example.org")
    signup.get_by_label("Öffentlicher Name").fill("Neue Stimme")
    signup.get_by_label("Passwort").fill("ein-sicheres-passwort-42")
    signup.get_by_label(re.compile("Datenschutzhinweise")).check()
    signup.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fast geschafft")
    link = re.search(r"http://localhost:\d+/\?api=\S+", mail.outbox[-1].body)[0]
    page.goto(link)
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adresse bestätigt")
    expect(page.get_by_role("link", name="Konto (Neue Stimme)")).to_be_visible()

    # Write a comment and see it in the thread.
    page.get_by_role("link", name="Zu den Projekten").click()
    page.get_by_role("link", name=PROJECT).click()
    discussion = page.locator("section.comments")
    discussion.get_by_label("Ihr Beitrag").fill("Eine Fahrradstraße in der Wagnergasse wäre toll.")
    discussion.get_by_role("button", name="Beitrag veröffentlichen").click()
    expect(
        discussion.get_by_text("Eine Fahrradstraße in der Wagnergasse wäre toll.")
    ).to_be_visible()
    expect(discussion.get_by_text("Neue Stimme am")).to_be_visible()

    # Search in German and open a hit.
    page.get_by_role("link", name="Suche").click()
    page.get_by_label("Suchbegriff").fill("Radwege")
    page.get_by_role("button", name="Suchen").click()
    hits = page.locator("ol.hits li")
    expect(hits.first).to_be_visible()
    expect(hits.locator("mark").first).to_be_visible()
    screenshot("headless-client-search")
    page.locator("ol.hits li a[href^='#/projekt/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    assert problems == []


@pytest.fixture
def citizen(page, demo_portal):
    """A verified citizen, signed in to the portal in the test's browser."""
    user = UserFactory(display_name="Mitleserin")
    sign_in(page.context, demo_portal, session_for(user))
    return user


@pytest.fixture
def project_url(client_url):
    """The client's page of the demo project with the open poll and the discussion."""
    project = ProjectPage.objects.get(title=PROJECT)
    return f"{client_url}#/projekt/{project.pk}"


def status_says(page, text):
    return page.get_by_role("status").filter(has_text=text)


def test_support_reply_and_report_through_the_client(page, citizen, project_url):
    lobedaer_comment = Comment.objects.get(author__display_name="Lobedaer")
    page.goto(project_url)
    discussion = page.locator("section.comments")
    lobedaer = discussion.get_by_role("article", name="Beitrag von Lobedaer")

    # Support and take it back; the second time by keyboard.
    support = lobedaer.get_by_role("button", name="Unterstützen den Beitrag von Lobedaer")
    expect(support).to_have_attribute("aria-pressed", "false")
    support.click()
    expect(support).to_have_attribute("aria-pressed", "true")
    expect(lobedaer.get_by_text("1 Unterstützung", exact=True)).to_be_visible()
    expect(status_says(page, "Sie unterstützen diesen Beitrag.")).to_be_attached()
    assert Support.objects.filter(comment=lobedaer_comment).count() == 1
    lobedaer_comment.refresh_from_db()
    assert lobedaer_comment.support_count == 1
    support.focus()
    page.keyboard.press("Space")
    expect(support).to_have_attribute("aria-pressed", "false")
    expect(lobedaer.get_by_text("0 Unterstützungen", exact=True)).to_be_visible()
    expect(status_says(page, "Sie unterstützen diesen Beitrag nicht mehr.")).to_be_attached()
    assert not Support.objects.filter(comment=lobedaer_comment).exists()
    lobedaer_comment.refresh_from_db()
    assert lobedaer_comment.support_count == 0

    # No support or report buttons on one's own comment, no edit button on others'.
    expect(discussion.get_by_role("button", name="Bearbeiten Ihren Beitrag")).to_have_count(0)

    # Reply to a comment; the reply appears below it and gets the focus.
    radfahrerin = discussion.get_by_role("article", name="Beitrag von Radfahrerin_Jena")
    radfahrerin.get_by_role("button", name="Antworten auf den Beitrag von Radfahrerin_Jena").click()
    answer = radfahrerin.get_by_label("Ihre Antwort")
    expect(answer).to_be_focused()
    answer.fill("Ein Radfahrstreifen wäre auch für Lastenräder gut.")
    radfahrerin.get_by_role("button", name="Antwort veröffentlichen").click()
    reply = discussion.get_by_role("article", name="Beitrag von Mitleserin")
    expect(reply).to_contain_text("Ein Radfahrstreifen wäre auch für Lastenräder gut.")
    expect(reply).to_be_focused()
    expect(status_says(page, "Ihre Antwort wurde veröffentlicht.")).to_be_attached()
    own_reply = Comment.objects.get(author=citizen)
    parent = Comment.objects.get(author__display_name="Radfahrerin_Jena")
    assert (own_reply.parent_id, own_reply.depth, own_reply.state) == (parent.pk, 2, "published")
    parent.refresh_from_db()
    assert parent.reply_count == 2
    # One's own reply can be edited, but not supported or reported.
    expect(reply.get_by_role("button", name="Bearbeiten Ihren Beitrag")).to_be_visible()
    expect(reply.get_by_role("button", name=re.compile("^(Unterstützen|Melden)"))).to_have_count(0)

    # Report a comment.
    lobedaer.get_by_role("button", name="Melden den Beitrag von Lobedaer").click()
    form = lobedaer.get_by_role("form", name="Den Beitrag von Lobedaer melden")
    form.get_by_role("group", name="Grund der Meldung").get_by_label(
        "Gehört nicht zum Thema"
    ).check()
    form.get_by_label("Weitere Angaben (freiwillig)").fill("Der Link führt auf eine Werbeseite.")
    violations = run_axe(page)
    assert violations == [], format_violations(violations, "client with an open report form")
    form.get_by_role("button", name="Meldung absenden").click()
    thanks = lobedaer.get_by_text("Vielen Dank für Ihre Meldung.")
    expect(thanks).to_be_focused()
    report = Report.objects.get()
    assert (report.comment_id, report.reason, report.details) == (
        lobedaer_comment.pk,
        "off_topic",
        "Der Link führt auf eine Werbeseite.",
    )

    # Reporting it again (after a reload the client cannot know) shows the portal's reason.
    page.reload()
    lobedaer.get_by_role("button", name="Melden den Beitrag von Lobedaer").click()
    form.get_by_label("Spam oder Werbung").check()
    form.get_by_role("button", name="Meldung absenden").click()
    expect(form.get_by_role("alert")).to_have_text("Sie haben diesen Beitrag bereits gemeldet.")
    assert Report.objects.count() == 1

    # Escape closes the form and returns the focus to its button.
    form.get_by_label("Spam oder Werbung").press("Escape")
    expect(form).to_have_count(0)
    expect(lobedaer.get_by_role("button", name="Melden den Beitrag von Lobedaer")).to_be_focused()


def test_edit_own_comment_within_the_edit_window(page, citizen, project_url):
    page.goto(project_url)
    discussion = page.locator("section.comments")
    discussion.get_by_label("Ihr Beitrag").fill("Mehr Bügel am Holzmarkt.")
    discussion.get_by_role("button", name="Beitrag veröffentlichen").click()
    own = discussion.get_by_role("article", name="Beitrag von Mitleserin")
    expect(own).to_be_focused()

    own.get_by_role("button", name="Bearbeiten Ihren Beitrag").click()
    text = own.get_by_role("textbox", name="Ihr Beitrag")
    expect(text).to_be_focused()
    expect(text).to_have_value("Mehr Bügel am Holzmarkt.")
    expect(text).to_have_accessible_description(re.compile(r"bis \d\d:\d\d Uhr bearbeiten"))
    text.fill("Mehr Fahrradbügel am Holzmarkt, bitte überdacht.")
    own.get_by_role("button", name="Änderung speichern").click()
    expect(own).to_contain_text("Mehr Fahrradbügel am Holzmarkt, bitte überdacht.")
    expect(own).to_contain_text("(bearbeitet)")
    expect(status_says(page, "Ihr Beitrag wurde geändert.")).to_be_attached()
    comment = Comment.objects.get(author=citizen)
    assert comment.body == "Mehr Fahrradbügel am Holzmarkt, bitte überdacht."
    assert comment.edited_at is not None

    # The edit window closes while the form is open: the portal says why not.
    # The portal's clock (the live server runs in this process) moves on 20
    # minutes; nothing is written, as when time really passes.
    own.get_by_role("button", name="Bearbeiten Ihren Beitrag").click()
    with time_machine.travel(timezone.now() + timedelta(minutes=20), tick=True):
        text.fill("Doch lieber etwas ganz anderes.")
        own.get_by_role("button", name="Änderung speichern").click()
        expect(own.get_by_role("alert")).to_have_text(
            "Beiträge können nur innerhalb von 15 Minuten bearbeitet werden."
        )
        comment.refresh_from_db()
        assert comment.body == "Mehr Fahrradbügel am Holzmarkt, bitte überdacht."
        page.reload()
        expect(own).to_contain_text("Mehr Fahrradbügel am Holzmarkt, bitte überdacht.")
        expect(own.get_by_role("button", name="Bearbeiten Ihren Beitrag")).to_have_count(0)


def test_delete_own_comment_through_the_client(page, citizen, project_url):
    page.goto(project_url)
    discussion = page.locator("section.comments")
    discussion.get_by_label("Ihr Beitrag").fill("Ein Versehen, bitte löschen.")
    discussion.get_by_role("button", name="Beitrag veröffentlichen").click()
    own = discussion.get_by_role("article", name="Beitrag von Mitleserin")
    expect(own).to_be_focused()
    # Other people's comments offer no deleting.
    others = discussion.get_by_role("article", name="Beitrag von Lobedaer")
    expect(others.get_by_role("button", name=re.compile("^Löschen"))).to_have_count(0)

    # Asked first; cancelling keeps the comment.
    own.get_by_role("button", name="Löschen Ihren Beitrag").click()
    confirm = own.get_by_role("button", name="Beitrag löschen")
    expect(confirm).to_be_focused()
    own.get_by_role("button", name="Abbrechen").click()
    expect(own.get_by_role("button", name="Löschen Ihren Beitrag")).to_be_focused()
    assert Comment.objects.get(author=citizen).state == "published"

    own.get_by_role("button", name="Löschen Ihren Beitrag").click()
    own.get_by_role("button", name="Beitrag löschen").click()
    expect(status_says(page, "Ihr Beitrag wurde gelöscht.")).to_be_attached()
    expect(discussion.get_by_text("Ein Versehen, bitte löschen.")).to_have_count(0)
    assert Comment.objects.get(author=citizen).state == "deleted_by_author"


def answer_labels(ballot):
    """The ballot's choices and rating, as labels, sorted (text answers left out)."""
    answers = ballot.answers.select_related("choice").filter(text="")
    return sorted(
        answer.choice.label if answer.choice_id else str(answer.rating) for answer in answers
    )


def test_change_ballot_through_the_client(page, citizen, project_url):
    page.goto(project_url)
    poll = page.get_by_role("region", name=OPEN_POLL)
    poll.get_by_role("group", name=re.compile("Wie oft fahren Sie")).get_by_label("Täglich").check()
    poll.get_by_role("group", name=re.compile("dringendsten")).get_by_label("Am Anger").check()
    poll.get_by_role("group", name=re.compile("Wie sicher")).get_by_label("2", exact=True).check()
    poll.get_by_role("button", name="Abstimmen").click()
    own = poll.locator(".own-ballot")
    expect(own.get_by_role("definition")).to_have_text(
        ["Täglich", "Am Anger", "2", "keine Antwort"]
    )
    ballot = Ballot.objects.get(user=citizen)
    assert answer_labels(ballot) == ["2", "Am Anger", "Täglich"]

    # Change it: the form shows the answers given, and saving replaces them.
    poll.get_by_role("button", name="Stimme ändern").click()
    form = poll.get_by_role("form", name="Stimme ändern")
    expect(form.get_by_label("Täglich")).to_be_checked()
    expect(form.get_by_label("Am Anger")).to_be_checked()
    expect(form.get_by_label("2", exact=True)).to_be_checked()
    violations = run_axe(page)
    assert violations == [], format_violations(violations, "client changing a ballot")
    form.get_by_label("Wöchentlich").check()
    form.get_by_label("Am Anger").uncheck()
    form.get_by_label("Löbderstraße").check()
    form.get_by_role("group", name=re.compile("außerdem wissen")).get_by_label("Ihre Antwort").fill(
        "Mehr Licht am Saaleradweg."
    )
    form.get_by_role("button", name="Änderung speichern").click()
    expect(status_says(page, "Ihre Stimme wurde geändert.")).to_be_attached()
    expect(own.get_by_role("definition")).to_have_text(
        ["Wöchentlich", "Löbderstraße", "2", "Mehr Licht am Saaleradweg."]
    )
    expect(poll.get_by_role("heading", name="Ergebnisse (25 Stimmen)")).to_be_visible()
    ballot.refresh_from_db()
    assert answer_labels(ballot) == ["2", "Löbderstraße", "Wöchentlich"]
    assert ballot.answers.get(text__gt="").text == "Mehr Licht am Saaleradweg."
    assert Ballot.objects.filter(poll__title=OPEN_POLL).count() == 25

    # Where the poll does not allow changes, the client offers none.
    closing = Poll.objects.get(title=OPEN_POLL)
    closing.allow_ballot_change = False
    closing.save(update_fields=["allow_ballot_change"])
    page.reload()
    expect(
        poll.get_by_text("In dieser Umfrage kann eine Stimme nicht geändert werden.")
    ).to_be_visible()
    expect(poll.get_by_role("button", name="Stimme ändern")).to_have_count(0)
