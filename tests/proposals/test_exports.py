"""A collection's proposals as CSV or XLSX: pseudonymised, scoped to the unit, formula-safe."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from proposals.exports import COLUMNS
from proposals.models import ProposalAnswer, ProposalState
from tests.factories import DistrictFactory, ProjectPageFactory, UserFactory
from tests.proposals.factories import make_collection, make_proposal, topic

pytestmark = pytest.mark.django_db

AUTHOR_EMAIL = "ideen-autorin@example.org"


@pytest.fixture
def collections(tree, project_index):
    def collection(unit):
        page = ProjectPageFactory(parent=project_index, department=unit)
        return make_collection(project_index, page=page, topics=[topic(f"Thema {unit.pk}")])

    return {"own": collection(tree["own"]), "other": collection(tree["sibling"])}


@pytest.fixture
def exported(collections):
    own = collections["own"]
    author = UserFactory(display_name="Ideengeberin Klara", email=AUTHOR_EMAIL)
    answered = make_proposal(
        own,
        author=author,
        title='=HYPERLINK("https://example.org")',
        category=own.topics.get(),
        district=DistrictFactory(name="Lobeda"),
        support_count=5,
    )
    ProposalAnswer.objects.create(
        proposal=answered,
        state=ProposalState.IN_REVIEW,
        text="Wir prüfen.",
        office="Alter Name",
        created_at=timezone.now() - timezone.timedelta(days=3),
    )
    ProposalAnswer.objects.create(
        proposal=answered, state=ProposalState.FEASIBLE, text="Machbar.", office="Fachbereich"
    )
    answered.state = ProposalState.FEASIBLE
    answered.save()
    gone = make_proposal(own, title="-Weniger Lärm")
    gone.author.delete()  # the account is deleted; its proposal stays without an author
    return {
        "answered": answered,
        "same_author": make_proposal(own, author=author, title="+1 Bank"),
        "other_author": make_proposal(own, title="@SUM(A1)"),
        "gone": gone,
        "elsewhere": make_proposal(collections["other"], author=author, title="Anderswo"),
    }


def export(client, collection, file_format="csv"):
    url = reverse("proposals:index")
    return client.get(url, {"collection": collection.pk, "export": file_format})


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_csv_of_a_collection_with_counts_states_and_answers(client, people, collections, exported):
    client.force_login(people["editor"])

    response = export(client, collections["own"])

    assert response.status_code == 200
    assert f"vorschlaege-{collections['own'].pk}.csv" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [str(heading) for heading in COLUMNS.values()]
    by_id = {int(row[0]): dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert set(by_id) == {
        exported[name].pk for name in ("answered", "same_author", "other_author", "gone")
    }
    answered = by_id[exported["answered"].pk]
    assert answered["state"] == "umsetzbar"
    assert answered["support_count"] == "5"
    assert answered["reached"] == "ja"
    assert answered["district"] == "Lobeda"
    assert answered["answered_by"] == "Fachbereich"
    assert answered["answered_at"]


def test_authors_are_pseudonyms_stable_within_a_collection_only(
    client, people, collections, exported
):
    client.force_login(people["team"])

    own = {int(row[0]): row[-1] for row in csv_rows(export(client, collections["own"]))[1:]}
    other = {int(row[0]): row[-1] for row in csv_rows(export(client, collections["other"]))[1:]}

    assert own[exported["answered"].pk] == own[exported["same_author"].pk]
    assert own[exported["answered"].pk].startswith("P-")
    assert own[exported["other_author"].pk] != own[exported["answered"].pk]
    assert own[exported["gone"].pk] == "gelöschtes Konto"
    assert other[exported["elsewhere"].pk] != own[exported["answered"].pk]


def test_no_name_or_address_leaves_and_formulas_are_defused(client, people, collections, exported):
    client.force_login(people["editor"])

    response = export(client, collections["own"])
    text = b"".join(response.streaming_content).decode("utf-8")

    assert AUTHOR_EMAIL not in text and "Klara" not in text
    assert str(exported["answered"].author_id) not in [
        cell for row in csv.reader(io.StringIO(text)) for cell in row[-1:]
    ]
    titles = {row[2] for row in csv.reader(io.StringIO(text))}
    assert {'\'=HYPERLINK("https://example.org")', "'+1 Bank", "'@SUM(A1)", "'-Weniger Lärm"} <= (
        titles
    )


def test_xlsx_keeps_text_as_text(client, people, collections, exported):
    client.force_login(people["editor"])

    response = export(client, collections["own"], "xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    titles = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert '\'=HYPERLINK("https://example.org")' in titles
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert AUTHOR_EMAIL not in cells and "Ideengeberin Klara" not in cells


def test_other_units_proposals_are_not_exported(client, people, collections, exported):
    client.force_login(people["editor"])

    rows = csv_rows(export(client, collections["other"]))

    # Not a collection they may filter by: the filter is ignored, their own unit's rows remain.
    assert rows[1:]
    assert exported["elsewhere"].pk not in {int(row[0]) for row in rows[1:]}
    assert "Anderswo" not in {row[2] for row in rows}


def test_citizens_and_staff_without_a_reading_role_cannot_export(
    client, people, collections, exported
):
    for name in ("citizen", "staff"):
        client.force_login(people[name])
        response = export(client, collections["own"])
        assert response.status_code in (302, 403), name
        assert not response.streaming


def test_the_collection_filter_offers_the_units_collections_only(
    client, people, collections, exported
):
    collections["other"].title = "Ideen des Nachbaramts"
    collections["other"].save()
    client.force_login(people["editor"])

    response = client.get(reverse("proposals:index"))

    assert response.status_code == 200
    assert "Ideen des Nachbaramts" not in response.text
