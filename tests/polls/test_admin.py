"""Editors build polls in the admin; once voted on, the structure stays; results and exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from polls.models import Poll
from polls.services import cast_ballot
from tests.polls.factories import anonymous, inputs, make_poll, questions, signed_in, valid_answers

pytestmark = pytest.mark.usefixtures("frozen_now")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def question_data(question=None, **fields):
    data = {
        "text": "Soll der Platz grüner werden?",
        "help_text": "",
        "kind": "single",
        "required": "on",
        "min_choices": "",
        "max_choices": "",
        "scale_min": "",
        "scale_max": "",
        "scale_min_label": "",
        "scale_max_label": "",
        "max_length": "",
        "choices": inline_formset([{"label": "Ja"}, {"label": "Nein"}]),
    }
    if question is not None:
        data.update(
            id=question.pk,
            text=question.text,
            kind=question.kind,
            min_choices=question.min_choices or "",
            max_choices=question.max_choices or "",
            scale_min=question.scale_min or "",
            scale_max=question.scale_max or "",
            max_length=question.max_length or "",
            choices=inline_formset(
                [{"id": c.pk, "label": c.label} for c in question.choices.all()],
                initial=question.choices.count(),
            ),
        )
        if not question.required:
            data.pop("required")
    data.update(fields)
    return data


def poll_form(question_forms, initial=0, **fields):
    data = {
        "title": "Neugestaltung Marktplatz",
        "description": "Ihre Meinung zählt.",
        "opens_at": "2026-03-10 08:00",
        "closes_at": "2026-03-31 18:00",
        "audience": "public",
        "anonymous_ballots": "per_browser",
        "ballots_per_network": "5",
        "results_visibility": "live",
        "questions": inline_formset(question_forms, initial=initial),
    }
    data.update(fields)
    return nested_form_data(data)


def edit_url(poll):
    return reverse("wagtailsnippets_polls_poll:edit", args=(poll.pk,))


def existing_questions(poll, changes=None):
    """Form data for the poll's questions as stored, with ``changes[index]`` applied."""
    forms = []
    for index, question in enumerate(questions(poll)):
        forms.append(question_data(question, **(changes or {}).get(index, {})))
    return forms


def test_an_editor_creates_a_poll_with_nested_choices(admin_client):
    rating = question_data(
        text="Wie wichtig?", kind="rating", scale_min="1", scale_max="5", choices=inline_formset([])
    )
    response = admin_client.post(
        reverse("wagtailsnippets_polls_poll:add"), poll_form([question_data(), rating])
    )
    assert response.status_code == 302, response.context["form"].errors
    poll = Poll.objects.get()
    single, scale = questions(poll)
    assert [c.label for c in single.choices.all()] == ["Ja", "Nein"]
    assert list(scale.scale) == [1, 2, 3, 4, 5]


def form_errors(response):
    form = response.context["form"]
    messages = [str(e) for e in form.non_field_errors()]
    for question_form in form.formsets["questions"].forms:
        messages += [str(e) for errors in question_form.errors.values() for e in errors]
    return " ".join(messages)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"choices": inline_formset([{"label": "Ja"}])}, "mindestens zwei"),
        ({"kind": "rating", "scale_min": "5", "scale_max": "1"}, "über dem niedrigsten"),
        ({"kind": "text", "choices": inline_formset([])}, "maximale Länge"),
        ({"kind": "multiple", "min_choices": "3", "max_choices": "2"}, "„Höchstens“"),
    ],
)
def test_inconsistent_questions_are_refused_at_the_field(admin_client, question, message):
    response = admin_client.post(
        reverse("wagtailsnippets_polls_poll:add"), poll_form([question_data(**question)])
    )
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not Poll.objects.exists()


def test_closing_before_opening_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_polls_poll:add"),
        poll_form([question_data()], closes_at="2026-03-01 08:00"),
    )
    assert "nach ihrem Beginn enden" in str(response.context["form"].errors)


@pytest.fixture
def voted_poll(post_request):
    poll = make_poll()
    cast_ballot(poll, anonymous(), inputs(valid_answers(poll)))
    return poll


def test_rewording_stays_possible_after_ballots(admin_client, voted_poll):
    forms = existing_questions(voted_poll, {0: {"text": "Soll der Marktplatz grüner werden?"}})
    response = admin_client.post(edit_url(voted_poll), poll_form(forms, initial=4))
    assert response.status_code == 302, form_errors(response)
    assert questions(voted_poll)[0].text == "Soll der Marktplatz grüner werden?"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("delete_question", "Fragen können nicht mehr entfernt werden"),
        ("reorder_questions", "Reihenfolge der Fragen"),
        ("change_kind", "kann nicht mehr geändert werden"),
        ("change_scale", "kann nicht mehr geändert werden"),
        ("delete_choice", "Antwortmöglichkeiten können nicht mehr entfernt werden"),
    ],
)
def test_the_structure_is_kept_once_ballots_exist(admin_client, voted_poll, change, message):
    forms = existing_questions(voted_poll)
    if change == "delete_question":
        forms[3]["DELETE"] = "1"
    elif change == "reorder_questions":
        forms[0]["ORDER"], forms[1]["ORDER"] = "1", "0"
    elif change == "change_kind":
        forms[0]["kind"] = "multiple"
    elif change == "change_scale":
        forms[2]["scale_max"] = "7"
    elif change == "delete_choice":
        forms[1]["choices"]["2"]["DELETE"] = "1"
    before = [(q.pk, q.kind, q.scale_max, q.choices.count()) for q in questions(voted_poll)]
    response = admin_client.post(edit_url(voted_poll), poll_form(forms, initial=4))
    assert response.status_code == 200
    assert message in form_errors(response)
    assert "1 Stimme" in form_errors(response)
    after = [(q.pk, q.kind, q.scale_max, q.choices.count()) for q in questions(voted_poll)]
    assert after == before


def results_url(poll):
    return reverse("wagtailsnippets_polls_poll:results_of_poll", args=(poll.pk,))


def export_url(poll, dataset, file_format):
    return reverse("wagtailsnippets_polls_poll:export", args=(poll.pk, dataset, file_format))


def test_the_results_view_shows_numbers_and_export_links(admin_client, voted_poll):
    response = admin_client.get(results_url(voted_poll))
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 Stimme abgegeben." in html
    assert export_url(voted_poll, "ballots", "xlsx") in html
    listing = admin_client.get(reverse("wagtailsnippets_polls_poll:list"))
    assert results_url(voted_poll) in listing.content.decode()
    edit_page = admin_client.get(edit_url(voted_poll))
    assert edit_page.status_code == 200
    assert results_url(voted_poll) in edit_page.content.decode()


def test_ballot_exports_are_pseudonymised_and_formula_safe(admin_client, citizen, post_request):
    poll = make_poll()
    cast_ballot(
        poll,
        signed_in(citizen),
        inputs(valid_answers(poll, text='=HYPERLINK("http://evil")')),
    )
    response = admin_client.get(export_url(poll, "ballots", "csv"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][:4] == ["Stimmabgabe", "Abgegeben am", "Geändert am", "Teilnehmende"]
    assert rows[1][3] == "registriert"
    assert rows[1][-1].startswith("'=HYPERLINK")
    for secret in (citizen.email, citizen.username, citizen.display_name, str(citizen.pk) + ";"):
        assert secret not in content

    workbook = load_workbook(
        io.BytesIO(admin_client.get(export_url(poll, "ballots", "xlsx")).content)
    )
    sheet = workbook.active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert values[-1].startswith("'=HYPERLINK")
    assert citizen.email not in str([list(row) for row in sheet.iter_rows(values_only=True)])


def test_results_export_has_exact_counts(admin_client, voted_poll):
    workbook = load_workbook(
        io.BytesIO(admin_client.get(export_url(voted_poll, "results", "xlsx")).content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == ("Frage", "Antwort", "Stimmen", "Anteil (%)", "Beantwortet von")
    assert ("1. Soll der Platz grüner werden?", "Ja", 1, 100.0, 1) in rows
    assert rows[-1][:3] == ("Alle Fragen", "Stimmabgaben", 1)


@pytest.mark.parametrize("user", [None, "citizen"])
def test_citizens_cannot_see_results_or_exports(client, citizen, voted_poll, user):
    if user:
        client.force_login(citizen)
    for url in (results_url(voted_poll), export_url(voted_poll, "ballots", "csv")):
        response = client.get(url)
        assert response.status_code in (302, 403)
        # The question's wording, not a two-letter answer a CSRF token can contain by chance.
        assert "Soll der Platz grüner werden".encode() not in response.content
