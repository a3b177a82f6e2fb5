"""The poll results page in the admin: Wagtail header, breadcrumbs, status tags, exports, tables.

The permissions of the page (who sees it, who gets the edit link) are
asserted per role in tests/departments/test_poll_permissions.py.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from polls.services import cast_ballot, poll_results
from tests.polls.factories import anonymous, inputs, make_poll, valid_answers

pytestmark = pytest.mark.usefixtures("frozen_now")

URLS = "wagtailsnippets_polls_poll"


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def voted_poll(post_request):
    """Three ballots: "Ja" twice, "Nein" once; ratings 4, 4 and 1."""
    poll = make_poll(title="Neugestaltung Marktplatz")
    for token, first, rating in (("a", 0, 4), ("b", 0, 4), ("c", 1, 1)):
        cast_ballot(poll, anonymous(token), inputs(valid_answers(poll, first=first, rating=rating)))
    return poll


def results_page(client, poll) -> BeautifulSoup:
    response = client.get(reverse(f"{URLS}:results_of_poll", args=(poll.pk,)))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def test_the_header_names_the_poll_and_the_breadcrumbs_lead_back(admin_client, voted_poll):
    html = results_page(admin_client, voted_poll)

    assert text(html.title).startswith("Ergebnisse: Neugestaltung Marktplatz")
    assert [text(h1) for h1 in html.find_all("h1")] == ["Ergebnisse: Neugestaltung Marktplatz"]
    crumbs = html.select_one("[data-w-breadcrumbs] nav").find_all("li")
    assert [text(crumb) for crumb in crumbs] == [
        "Home",
        "Umfragen",
        "Neugestaltung Marktplatz",
        "Ergebnisse : Neugestaltung Marktplatz",  # the sub-label as on Wagtail's own views
    ]
    assert [crumb.a["href"] if crumb.a else None for crumb in crumbs] == [
        reverse("wagtailadmin_home"),
        reverse(f"{URLS}:list"),
        reverse(f"{URLS}:edit", args=(voted_poll.pk,)),
        None,
    ]
    # The poll's title is also on the page itself, not only in the collapsed breadcrumbs.
    assert text(html.find(id="poll-summary-heading")) == "Neugestaltung Marktplatz"


def test_state_and_approval_are_status_tags(admin_client, voted_poll):
    html = results_page(admin_client, voted_poll)

    tags = html.select(".poll-admin-summary .w-status")
    assert [text(tag) for tag in tags] == [
        "Status: offen",
        f"Freigabe: {voted_poll.get_approval_display()}",
    ]
    assert "w-status--primary" in tags[0]["class"]


def test_every_export_is_a_download_link_on_the_page_and_in_the_header(admin_client, voted_poll):
    html = results_page(admin_client, voted_poll)

    expected = {
        reverse(f"{URLS}:export", args=(voted_poll.pk, dataset, file_format))
        for dataset in ("results", "ballots")
        for file_format in ("csv", "xlsx")
    }
    on_page = html.select("#export a[download]")
    assert {link["href"] for link in on_page} == expected
    assert [text(link) for link in on_page] == [
        "Ergebnisse (CSV)",
        "Ergebnisse (XLSX)",
        "Stimmabgaben (pseudonymisiert) (CSV)",
        "Stimmabgaben (pseudonymisiert) (XLSX)",
    ]
    in_header = html.select("header [data-controller~=w-dropdown] a[download]")
    assert {link["href"] for link in in_header} == expected
    assert text(in_header[0]) == "Herunterladen: Ergebnisse (CSV)"


def question_rows(html, position) -> list[tuple[str, str, str, str]]:
    """(answer, votes, share, bar width) of the ``position``-th question's table."""
    section = html.select(".poll-admin-question")[position]
    rows = []
    for row in section.find("tbody").find_all("tr"):
        votes, share = row.find_all("td")
        width = re.search(r"width: ([\d.]+)%", share.select_one(".poll-admin-bar__fill")["style"])
        rows.append((text(row.th), text(votes), text(share), width.group(1)))
    return rows


def test_the_tables_show_the_tallies(admin_client, voted_poll):
    html = results_page(admin_client, voted_poll)

    assert question_rows(html, 0) == [
        ("Ja", "2", "66,7 %", "66.7"),
        ("Nein", "1", "33,3 %", "33.3"),
    ]
    rating = question_rows(html, 2)
    assert [row[:2] for row in rating] == [
        ("1 (schlecht)", "1"),
        ("2", "0"),
        ("3", "0"),
        ("4", "2"),
        ("5 (gut)", "0"),
    ]
    assert "Durchschnitt: 3,00" in text(html.select(".poll-admin-question")[2])
    # Every question, with the numbers the results service counts.
    results = poll_results(voted_poll)
    for position, result in enumerate(results.questions):
        if result.options:
            counts = [row[1] for row in question_rows(html, position)]
            assert counts == [str(option.count) for option in result.options]
    assert "3 Stimmen abgegeben." in text(html)


def test_each_table_is_a_labelled_scroll_region_with_headers(admin_client, voted_poll):
    html = results_page(admin_client, voted_poll)

    regions = html.select(".poll-admin-scroll")
    assert len(regions) == 4  # single, multiple, rating; the ballots' sources
    for region in regions:
        assert region["role"] == "region"
        assert region["tabindex"] == "0"
        assert html.find(id=region["aria-labelledby"]) is not None
        table = region.find("table")
        assert "listing" in table["class"]
        assert table.caption is not None
        assert [text(th) for th in table.thead.find_all("th")]
        assert all(th["scope"] == "row" for th in table.tbody.find_all("th"))
        # The only region of that name (its section is no landmark of its own).
        named = html.select(f'[aria-labelledby="{region["aria-labelledby"]}"]')
        assert named == [region]
        # The bar is drawn for the eye; screen readers read the number beside it.
        assert all(bar["aria-hidden"] == "true" for bar in table.select(".poll-admin-bar"))
