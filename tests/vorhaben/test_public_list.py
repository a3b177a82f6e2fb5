"""The Vorhabenliste shows public, accepted (or in progress) Vorhaben only, on every surface.

HTML list, detail page, API and sitemap all ask one queryset; a Vorhaben
that is not public, or only submitted, appears on none of them, and its
internal notes appear nowhere.
"""

import pytest
from django.urls import reverse

from tests.factories import PublishedPageFactory
from tests.vorhaben.conftest import make_vorhaben
from vorhaben import services
from vorhaben.models import VorhabenIndexPage, VorhabenNote, VorhabenState

S = VorhabenState


class VorhabenIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = VorhabenIndexPage

    title = "Vorhabenliste"
    slug = "vorhaben"


@pytest.fixture
def vorhaben_page(home_page):
    return VorhabenIndexPageFactory(parent=home_page)


@pytest.fixture
def cases(tree, district):
    listed = make_vorhaben(
        tree["own"],
        state=S.ACCEPTED,
        public=True,
        title="Gelistet Angenommen",
        districts=[district],
    )
    return {
        "listed": listed,
        "in_progress": make_vorhaben(
            tree["sibling"], state=S.IN_PROGRESS, public=True, title="Gelistet in Umsetzung"
        ),
        "not_public": make_vorhaben(tree["own"], state=S.ACCEPTED, title="Nicht oeffentlich"),
        "submitted": make_vorhaben(tree["own"], public=True, title="Nur eingereicht"),
        "rejected": make_vorhaben(
            tree["own"], state=S.REJECTED, public=True, title="Abgelehnter Plan"
        ),
    }


LISTED = {"listed", "in_progress"}


def detail_path(page, vorhaben):
    return f"{page.url}{vorhaben.pk}/"


def test_every_surface_lists_the_same_vorhaben(client, vorhaben_page, cases):
    html = client.get(vorhaben_page.url).text
    api = client.get("/api/v1/vorhaben/").json()
    sitemap = client.get("/sitemap.xml").content.decode()
    for name, vorhaben in cases.items():
        listed = name in LISTED
        assert (vorhaben.title in html) == listed, name
        assert (vorhaben.title in {item["title"] for item in api}) == listed, name
        assert (detail_path(vorhaben_page, vorhaben) in sitemap) == listed, name
        detail = client.get(detail_path(vorhaben_page, vorhaben))
        assert detail.status_code == (200 if listed else 404), name
        one = client.get(f"/api/v1/vorhaben/{vorhaben.pk}")
        assert one.status_code == (200 if listed else 404), name
        if not listed:
            assert one.json()["code"] == "vorhaben_not_found"


def test_filters_work_without_javascript(client, vorhaben_page, cases, tree, district):
    by_department = client.get(vorhaben_page.url, {"department": tree["sibling"].slug}).text
    assert cases["in_progress"].title in by_department
    assert cases["listed"].title not in by_department
    by_district = client.get(vorhaben_page.url, {"district": district.slug}).text
    assert cases["listed"].title in by_district
    assert cases["in_progress"].title not in by_district
    by_status = client.get(vorhaben_page.url, {"status": S.IN_PROGRESS}).text
    assert cases["in_progress"].title in by_status and cases["listed"].title not in by_status
    unknown = client.get(vorhaben_page.url, {"status": "eingereicht"})
    assert unknown.status_code == 200
    assert "Diesen Filterwert gibt es nicht" in unknown.text


def test_notes_never_reach_the_public(client, vorhaben_page, cases, people):
    VorhabenNote.objects.create(vorhaben=cases["listed"], author=people["team"], body="GEHEIM-123")
    surfaces = [
        client.get(vorhaben_page.url).text,
        client.get(detail_path(vorhaben_page, cases["listed"])).text,
        client.get("/api/v1/vorhaben/").text,
        client.get(f"/api/v1/vorhaben/{cases['listed'].pk}").text,
        client.get("/sitemap.xml").content.decode(),
    ]
    assert not any("GEHEIM-123" in surface for surface in surfaces)


def test_a_draft_project_is_not_linked(client, vorhaben_page, cases, project_index, people):

    vorhaben = make_vorhaben(cases["listed"].department, state=S.ACCEPTED, public=True)
    project = services.create_project(people["team"], vorhaben)
    detail = client.get(detail_path(vorhaben_page, vorhaben)).text
    assert project.url is None or project.url not in detail
    assert client.get(f"/api/v1/vorhaben/{vorhaben.pk}").json()["project_url"] is None
    project.save_revision().publish()
    assert client.get(f"/api/v1/vorhaben/{vorhaben.pk}").json()["project_url"]
    assert f'href="{project.url}"' in client.get(detail_path(vorhaben_page, vorhaben)).text


def test_staff_vote_on_the_open_pre_vote_on_the_list(client, vorhaben_page, people, tree):
    """The pre-vote is where staff see the Vorhabenliste; nobody else sees it there."""
    submitted = make_vorhaben(tree["own"], title="Radweg an der Saale")
    other = make_vorhaben(tree["sibling"], title="Park am Nordbad")
    poll = services.start_prevote(people["team"], [submitted, other])
    url = vorhaben_page.url
    assert poll.title not in client.get(url).text
    client.force_login(people["citizen"])
    assert poll.title not in client.get(url).text

    client.force_login(people["staff"])
    page = client.get(url).text
    assert poll.title in page and "Radweg an der Saale" in page
    question = poll.questions.get()
    choice = question.choices.get(label="Park am Nordbad")
    response = client.post(
        reverse("polls:vote", args=(poll.pk,)),
        {"page": vorhaben_page.pk, f"q{question.pk}-choice": [choice.pk]},
    )
    assert response.status_code == 302
    assert poll.ballots.count() == 1
