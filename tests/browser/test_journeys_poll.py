"""Voting without an account, and what happens when a ballot cannot be counted."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from polls.models import Poll
from tests.browser.checks import error_problems

OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"
OPEN_POLL = "Wo fehlen sichere Radwege?"


def poll_section(page, title=OPEN_POLL):
    return page.get_by_role("region", name=title)


@pytest.mark.journey("vote_anonymously")
def test_vote_without_an_account_and_see_the_results(page, demo_portal, screenshot):
    page.goto(demo_portal + OPEN_PROJECT)
    poll = poll_section(page)
    expect(poll.get_by_text("24 Stimmen abgegeben.")).to_be_visible()
    screenshot("journey-vote-01-form")

    poll.get_by_role("radio", name="Täglich").check()
    poll.get_by_role("checkbox", name="Löbderstraße").check()
    poll.get_by_role("checkbox", name="Am Anger").check()
    poll.get_by_role("group", name=re.compile("Wie sicher")).get_by_role(
        "radio", name="4", exact=True
    ).check()
    poll.get_by_label("Was sollen wir außerdem wissen?").fill("Mehr Licht am Saaleradweg.")
    poll.get_by_role("button", name="Stimme abgeben").click()

    status = page.get_by_role("status").filter(has_text="Vielen Dank")
    expect(status).to_contain_text("Ihre Stimme wurde gezählt.")
    expect(page).to_have_url(re.compile(r"#poll-\d+$"))
    poll = poll_section(page)
    expect(poll.get_by_text("Sie haben an dieser Umfrage teilgenommen.")).to_be_visible()
    expect(poll.get_by_text("25 Stimmen abgegeben.")).to_be_visible()
    daily = poll.get_by_role("table", name=re.compile("Wie oft")).get_by_role(
        "row", name=re.compile("^Täglich")
    )
    expect(daily.get_by_role("cell").first).to_have_text("7")
    assert Poll.objects.get(title=OPEN_POLL).ballots.count() == 25
    screenshot("journey-vote-02-results")


@pytest.mark.journey("error_paths")
def test_voting_with_no_choice_is_announced_and_keeps_the_answers(page, demo_portal, screenshot):
    page.goto(demo_portal + OPEN_PROJECT)
    poll = poll_section(page)
    poll.get_by_role("radio", name="Wöchentlich").check()
    poll.get_by_label("Was sollen wir außerdem wissen?").fill("Die Ampel am Anger.")
    poll.get_by_role("button", name="Stimme abgeben").click()

    summary = page.get_by_role("alert").filter(has_text="Bitte prüfen Sie Ihre Antworten")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("^Welche Strecken"))).to_be_visible()
    expect(summary).to_be_focused()
    assert error_problems(page) == []
    poll = poll_section(page)
    expect(poll.get_by_role("radio", name="Wöchentlich")).to_be_checked()
    expect(poll.get_by_label("Was sollen wir außerdem wissen?")).to_have_value(
        "Die Ampel am Anger."
    )
    routes = poll.get_by_role("group", name=re.compile("^Welche Strecken"))
    expect(routes.get_by_role("checkbox").first).to_have_attribute("aria-invalid", "true")
    screenshot("journey-vote-03-no-choice")

    # The link in the summary leads to the question.
    summary.get_by_role("link", name=re.compile("^Welche Strecken")).click()
    expect(routes).to_be_focused()
    assert Poll.objects.get(title=OPEN_POLL).ballots.count() == 24


@pytest.mark.journey("error_paths")
def test_a_closed_poll_shows_results_and_refuses_late_ballots(page, demo_portal, screenshot):
    page.goto(demo_portal + "/projekte/umgestaltung-holzmarkt/")
    closed = poll_section(page, "Was soll der Holzmarkt künftig bieten?")
    expect(closed.get_by_text("Beendet", exact=True)).to_be_visible()
    expect(closed.get_by_text(re.compile("Diese Umfrage endete am"))).to_be_visible()
    expect(closed.get_by_role("button", name="Stimme abgeben")).to_have_count(0)
    expect(closed.get_by_text("37 Stimmen abgegeben.")).to_be_visible()
    screenshot("journey-vote-04-closed")

    # The poll closes while a visitor fills in the form.
    page.goto(demo_portal + OPEN_PROJECT)
    poll = poll_section(page)
    poll.get_by_role("radio", name="Selten").check()
    # Saved as the admin saves it: the poll's cached copy is dropped on save.
    closing = Poll.objects.get(title=OPEN_POLL)
    closing.closes_at = timezone.now() - timedelta(minutes=1)
    closing.save(update_fields=["closes_at"])
    poll.get_by_role("button", name="Stimme abgeben").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Eine Stimmabgabe ist nicht mehr möglich.")
    expect(alert).to_be_focused()
    screenshot("journey-vote-05-closed-meanwhile")
