"""A project's comments as CSV or XLSX: pseudonymised and safe to open in a spreadsheet."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from tests.comments.factories import CommentFactory, reply_to
from tests.comments.helpers import logged_in


@pytest.fixture
def exported(project, other_project, comment, citizen):
    reply = reply_to(comment, author=citizen, body='=HYPERLINK("http://evil","klick")')
    anonymous = CommentFactory(page=project, author=None, anonymous_key="a" * 64, body="+1 dafür")
    gone = CommentFactory(page=project, author=None, body="@SUM(A1)")
    CommentFactory(page=other_project, body="Anderes Projekt")
    return {"reply": reply, "anonymous": anonymous, "gone": gone}


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_of_a_project(moderator, project, comment, exported, citizen):
    response = logged_in(moderator).get(f"/cms/comments/?page={project.pk}&export=csv")
    assert response.status_code == 200
    assert 'filename="kommentare-radverkehr.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Beitrag",
        "Antwort auf",
        "Projekt",
        "Geschrieben",
        "Status",
        "Offizielle Antwort",
        "Verfasser*in",
        "Unterstützungen",
        "Text",
    ]
    by_id = {int(row[0]): row for row in rows[1:]}
    assert set(by_id) == {comment.pk, *(c.pk for c in exported.values())}
    assert by_id[exported["reply"].pk][1] == str(comment.pk)
    assert by_id[exported["reply"].pk][6] == "Radlerin"
    assert by_id[exported["anonymous"].pk][6] == "anonym"
    assert by_id[exported["gone"].pk][6] == "gelöschtes Konto"
    # Formula injection: such cells start with an apostrophe.
    assert by_id[exported["reply"].pk][8].startswith("'=HYPERLINK")
    assert by_id[exported["anonymous"].pk][8] == "'+1 dafür"
    assert by_id[exported["gone"].pk][8] == "'@SUM(A1)"
    text = "\n".join(",".join(row) for row in rows)
    for private in get_user_model().objects.values_list("email", "username"):
        for value in private:
            assert value not in text


def test_xlsx_export_keeps_text_as_text(moderator, project, exported):
    response = logged_in(moderator).get(f"/cms/comments/?page={project.pk}&export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [row[8].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://evil","klick")' in texts


def test_citizens_cannot_export(citizen, project):
    response = logged_in(citizen).get(f"/cms/comments/?page={project.pk}&export=csv")
    assert response.status_code in (302, 403)
