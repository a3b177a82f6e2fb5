"""The poll block on a project page: a form that works without JavaScript, results, states."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from polls.models import Ballot
from tests.factories import ProjectPageFactory
from tests.polls.factories import make_poll, questions, take_part
from web.participants import ANONYMOUS_COOKIE

pytestmark = pytest.mark.usefixtures("frozen_now")


@pytest.fixture
def page_with(project_index):
    def build(poll):
        return ProjectPageFactory(parent=project_index, body=[("poll", {"poll": poll})])

    return build


def form_data(poll, page, first=0, rating="4", **extra):
    single, multiple, scale, free = questions(poll)
    data = {
        "page": page.pk,
        f"q{single.pk}-choice": single.choices.all()[first].pk,
        f"q{multiple.pk}-choice": [multiple.choices.first().pk],
        f"q{scale.pk}-rating": rating,
        f"q{free.pk}-text": "Mehr Schatten",
    }
    data.update(extra)
    return data


def vote_url(poll):
    return reverse("polls:vote", args=(poll.pk,))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_an_open_public_poll_shows_an_accessible_form_and_hands_out_the_cookie(client, page_with):
    poll = make_poll()
    response = client.get(page_with(poll).url)
    assert response.status_code == 200
    # The page is shared by anonymous visitors: the cookie comes with the form's first use.
    assert ANONYMOUS_COOKIE not in response.cookies
    cookie = client.get(reverse("form_token")).cookies[ANONYMOUS_COOKIE]
    assert cookie["httponly"]
    html = soup(response)
    section = html.find(id=f"poll-{poll.pk}")
    assert section.find("h2").text == poll.title
    assert "Offen" in section.text
    form = section.find("form")
    assert form["action"] == vote_url(poll) + f"#poll-{poll.pk}"
    legends = [legend.text for legend in form.find_all("legend")]
    assert any("Soll der Platz grüner werden?" in legend for legend in legends)
    for field in form.find_all(["input", "textarea"]):
        if field.get("type") in ("hidden", "submit"):
            continue
        assert form.find("label", attrs={"for": field["id"]}), field


def test_voting_redirects_back_and_then_shows_the_ballot_and_results(client, page_with):
    poll = make_poll(results_visibility="live")
    page = page_with(poll)
    take_part(client, page)
    response = client.post(vote_url(poll), form_data(poll, page))
    assert response.status_code == 302
    assert response["Location"].endswith(f"{page.url}#poll-{poll.pk}")
    ballot = Ballot.objects.get()
    assert ballot.answers.count() == 4
    html = soup(client.get(page.url))
    section = html.find(id=f"poll-{poll.pk}")
    assert "Sie haben an dieser Umfrage teilgenommen." in section.text
    assert section.find("form") is None
    table = section.find("table")
    assert "Ja" in table.text and "100,0" in table.text
    assert "Vielen Dank" in html.text  # the success message


def test_bad_input_re_renders_the_page_with_german_errors_at_the_question(client, page_with):
    poll = make_poll()
    page = page_with(poll)
    take_part(client, page)
    scale = questions(poll)[2]
    response = client.post(vote_url(poll), form_data(poll, page, rating="9"))
    assert response.status_code == 400
    html = soup(response)
    alert = html.find(attrs={"role": "alert"})
    assert "Bitte prüfen Sie Ihre Antworten" in alert.text
    assert alert.find("a", href=f"#poll-{poll.pk}-q{scale.pk}")
    fieldset = html.find(id=f"poll-{poll.pk}-q{scale.pk}")
    errors = html.find(id=f"poll-{poll.pk}-q{scale.pk}-errors")
    assert "Bitte wählen Sie einen Wert von 1 bis 5." in errors.text
    assert errors["id"] in fieldset["aria-describedby"]
    # The visitor's other answers are kept.
    assert html.find("textarea").text == "Mehr Schatten"
    assert not Ballot.objects.exists()


def test_a_second_ballot_gets_409_with_an_explanation(client, page_with):
    poll = make_poll()
    page = page_with(poll)
    take_part(client, page)
    client.post(vote_url(poll), form_data(poll, page))
    response = client.post(vote_url(poll), form_data(poll, page, first=1))
    assert response.status_code == 409
    assert "bereits abgestimmt" in soup(response).find(attrs={"role": "alert"}).text
    assert Ballot.objects.count() == 1


def test_without_the_cookie_the_visitor_is_told_to_allow_cookies(client, page_with):
    poll = make_poll()
    page = page_with(poll)
    response = client.post(vote_url(poll), form_data(poll, page))
    assert response.status_code == 400
    assert "Cookies" in soup(response).find(attrs={"role": "alert"}).text
    assert not Ballot.objects.exists()


def test_a_forged_cookie_is_refused(client, page_with):
    poll = make_poll()
    page = page_with(poll)
    client.cookies[ANONYMOUS_COOKIE] = "forged:value"
    response = client.post(vote_url(poll), form_data(poll, page))
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_a_post_without_csrf_token_is_refused(page_with):
    poll = make_poll()
    page = page_with(poll)
    client = Client(enforce_csrf_checks=True)
    take_part(client, page)
    response = client.post(vote_url(poll), form_data(poll, page))
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_changing_a_ballot_through_the_form(client, page_with):
    poll = make_poll(allow_ballot_change=True)
    page = page_with(poll)
    take_part(client, page)
    client.post(vote_url(poll), form_data(poll, page, first=0))
    html = soup(client.get(page.url))
    assert html.find("main").find("summary").text == "Stimmabgabe ändern"
    response = client.post(vote_url(poll), form_data(poll, page, first=1, change="1"))
    assert response.status_code == 302
    single = questions(poll)[0]
    assert Ballot.objects.get().answers.get(question=single).choice.label == "Nein"


def test_staff_polls_render_nothing_for_citizens(client, page_with, citizen, editor):
    poll = make_poll(audience="staff", title="Interne Vorabstimmung Anwendungsfälle")
    page = page_with(poll)
    assert poll.title not in client.get(page.url).text
    client.force_login(citizen)
    assert poll.title not in client.get(page.url).text
    response = client.post(vote_url(poll), form_data(poll, page))
    assert response.status_code == 404
    client.force_login(editor)
    assert poll.title in client.get(page.url).text
    assert client.post(vote_url(poll), form_data(poll, page)).status_code == 302


def test_editor_only_results_never_render_for_citizens(client, page_with, citizen, editor):
    poll = make_poll(results_visibility="editors")
    page = page_with(poll)
    client.force_login(citizen)
    client.post(vote_url(poll), form_data(poll, page))
    html = soup(client.get(page.url))
    assert html.find("table") is None
    assert "Redaktion" in html.find(id=f"poll-{poll.pk}").text
    client.force_login(editor)
    assert soup(client.get(page.url)).find("table") is not None


def test_an_upcoming_poll_shows_when_it_opens_and_no_form(client, page_with, frozen_now):
    import datetime

    poll = make_poll(
        opens_at=frozen_now + datetime.timedelta(days=2),
        closes_at=frozen_now + datetime.timedelta(days=9),
    )
    response = client.get(page_with(poll).url)
    section = soup(response).find(id=f"poll-{poll.pk}")
    assert "Demnächst" in section.text
    assert "Die Abstimmung beginnt am" in section.text
    assert section.find("form") is None
    assert ANONYMOUS_COOKIE not in response.cookies


def test_a_closed_poll_shows_results_after_close(client, page_with, frozen_now):
    import datetime

    poll = make_poll(
        opens_at=frozen_now - datetime.timedelta(days=9),
        closes_at=frozen_now - datetime.timedelta(days=2),
        results_visibility="after_close",
    )
    section = soup(client.get(page_with(poll).url)).find(id=f"poll-{poll.pk}")
    assert "Beendet" in section.text
    assert section.find("form") is None
    assert section.find("table") is not None


def test_registered_polls_ask_anonymous_visitors_to_sign_in(client, page_with):
    poll = make_poll(audience="registered")
    section = soup(client.get(page_with(poll).url)).find(id=f"poll-{poll.pk}")
    assert section.find("form") is None
    assert section.find("a", href=lambda href: href and href.startswith("/accounts/login/"))
