"""Proposals in the portal search: where they may be seen, and nowhere else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from proposals import moderation
from proposals.models import Moderation, Proposal, ProposalModerationAction, ProposalState
from search.backends import get_backend
from search.backends.base import SearchQuery, Viewer
from search.documents import Kind
from search.models import SearchEntry
from search.tasks import process_outbox
from search.text import parse_query
from tests.factories import DistrictFactory, ProjectPageFactory, UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection, make_proposal, topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


@pytest.fixture
def project(project_index):
    page = ProjectPageFactory(parent=project_index, title="Saaleufer")
    page.save_revision().publish()
    return page


@pytest.fixture
def collection(project_index, project):
    return make_collection(project_index, page=project)


def titles(query, viewer=None):
    process_outbox()
    results = get_backend().search(
        SearchQuery(parsed=parse_query(query), viewer=viewer or Viewer())
    )
    return sorted(hit.title for hit in results.hits if hit.kind == "proposal")


def api(client, path, **params):
    process_outbox()
    return client.get(path, params).json()


def test_proposals_are_a_registered_result_type_suggested_while_typing():
    assert "proposal" in Kind.ALL
    assert "proposal" in Kind.SUGGESTED
    assert str(Kind.LABELS["proposal"]) == "Vorschlag"


def test_a_published_proposal_is_found_by_title_description_category_and_district(collection):
    green = topic("Umwelt")
    collection.topics.set([green])
    make_proposal(
        collection,
        title="Bänke am Fluss",
        description="Schattige Sitzplätze zum Ausruhen.",
        category=green,
        district=DistrictFactory(name="Lobeda"),
    )

    assert titles("Bänke") == ["Bänke am Fluss"]
    assert titles("Sitzplätze") == ["Bänke am Fluss"]
    assert titles("Umwelt") == ["Bänke am Fluss"]
    assert titles("Lobeda") == ["Bänke am Fluss"]


def test_the_german_matching_of_the_search_applies(collection):
    make_proposal(collection, title="Fahrradständer am Bahnhof")

    assert titles("Fahrradstaender") == ["Fahrradständer am Bahnhof"]


def test_the_hit_links_to_the_proposal_page_and_names_no_author(collection):
    proposal = make_proposal(collection, title="Trinkbrunnen", author=UserFactory())
    process_outbox()

    (hit,) = get_backend().search(SearchQuery(parsed=parse_query("Trinkbrunnen"))).hits

    assert hit.url == reverse("ideen:proposal", args=(proposal.pk,))
    assert hit.author == ""
    assert hit.project_title == "Saaleufer"


def test_a_pending_proposal_is_not_indexed(collection):
    make_proposal(collection, title="Trinkbrunnen", moderation=Moderation.PENDING)

    assert titles("Trinkbrunnen", Viewer(authenticated=True, superuser=True)) == []
    assert not SearchEntry.objects.filter(kind="proposal").exists()


def test_publishing_indexes_it_and_removing_takes_it_out(collection, people):
    proposal = make_proposal(collection, title="Trinkbrunnen", moderation=Moderation.PENDING)
    team = participant(people["team"])

    moderation.moderate(team, [proposal.pk], ProposalModerationAction.PUBLISH)
    assert titles("Trinkbrunnen") == ["Trinkbrunnen"]

    moderation.moderate(team, [proposal.pk], ProposalModerationAction.REMOVE, reason="Werbung")
    assert titles("Trinkbrunnen") == []
    assert not SearchEntry.objects.filter(kind="proposal").exists()


def test_a_proposal_hidden_after_reports_leaves_the_index(collection, settings):
    settings.PROPOSALS_REPORTS_TO_HIDE = 1
    proposal = make_proposal(collection, title="Trinkbrunnen")
    assert titles("Trinkbrunnen") == ["Trinkbrunnen"]

    moderation.report_proposal(participant(UserFactory()), proposal.pk, reason="spam")

    assert titles("Trinkbrunnen") == []


def test_a_withdrawn_proposal_stays_marked(collection):
    proposal = make_proposal(collection, title="Trinkbrunnen")
    proposal.withdrawn_at = proposal.created_at
    proposal.save()

    assert titles("Trinkbrunnen") == ["Trinkbrunnen (zurückgezogen)"]


def test_unpublishing_the_project_removes_its_proposals(collection, project):
    make_proposal(collection, title="Trinkbrunnen")
    assert titles("Trinkbrunnen") == ["Trinkbrunnen"]

    project.unpublish()

    assert titles("Trinkbrunnen") == []


@pytest.fixture
def restricted(project_index):
    group = Group.objects.create(name="Verwaltung")
    page = ProjectPageFactory(parent=project_index, title="Internes Projekt")
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
    restriction.groups.add(group)
    collection = make_collection(project_index, page=page, title="Interne Ideen")
    make_proposal(collection, title="Geheimer Trinkbrunnen", district=DistrictFactory())
    group.page = page
    return group


def test_a_restricted_projects_proposal_never_shows_in_hits_facets_or_suggestions(
    client, restricted, collection
):
    make_proposal(collection, title="Öffentlicher Trinkbrunnen")

    found = api(client, "/api/v1/search/", q="Trinkbrunnen")
    suggested = api(client, "/api/v1/search/autocomplete", q="Trinkbr")

    assert [hit["title"] for hit in found["hits"]] == ["Öffentlicher Trinkbrunnen"]
    assert found["total"] == 1
    assert found["facets"]["kind"] == [
        {"value": "proposal", "label": "Vorschlag", "count": 1, "selected": False}
    ]
    secret = Proposal.objects.get(title="Geheimer Trinkbrunnen")
    facet_values = {name: [v["value"] for v in values] for name, values in found["facets"].items()}
    assert str(secret.district_id) not in facet_values.get("district", [])
    assert str(restricted.page.pk) not in facet_values.get("project", [])
    assert [s["title"] for s in suggested] == ["Öffentlicher Trinkbrunnen"]
    assert all(s["type"] == "proposal" for s in suggested)


def test_the_restricted_projects_group_finds_it(restricted):
    assert titles("Trinkbrunnen") == []
    assert titles("Trinkbrunnen", Viewer(authenticated=True, group_ids=[restricted.pk])) == [
        "Geheimer Trinkbrunnen"
    ]


def test_a_hit_the_index_still_holds_is_dropped_once_the_database_says_no(client, collection):
    proposal = make_proposal(collection, title="Trinkbrunnen")
    process_outbox()
    # The index lags: the change has not been processed yet.
    Proposal.objects.filter(pk=proposal.pk).update(moderation=Moderation.HIDDEN)

    found = client.get("/api/v1/search/", {"q": "Trinkbrunnen"}).json()
    suggested = client.get("/api/v1/search/autocomplete", {"q": "Trinkbr"}).json()

    assert found["hits"] == []
    assert suggested == []


def test_the_type_filter_offers_proposals(client, collection):
    make_proposal(collection, title="Trinkbrunnen")

    found = api(client, "/api/v1/search/", q="Trinkbrunnen", kind="proposal")

    assert [hit["type"] for hit in found["hits"]] == ["proposal"]


def test_the_state_is_a_facet_and_a_filter(client, collection):
    make_proposal(collection, title="Trinkbrunnen am Markt", state=ProposalState.FEASIBLE)
    make_proposal(collection, title="Trinkbrunnen am Bahnhof")

    found = api(client, "/api/v1/search/", q="Trinkbrunnen")
    feasible = api(client, "/api/v1/search/", q="Trinkbrunnen", state="umsetzbar")
    unknown = client.get("/api/v1/search/", {"q": "Trinkbrunnen", "state": "erledigt"})

    assert found["facets"]["state"] == [
        {"value": "eingereicht", "label": "eingereicht", "count": 1, "selected": False},
        {"value": "umsetzbar", "label": "umsetzbar", "count": 1, "selected": False},
    ]
    assert [hit["title"] for hit in feasible["hits"]] == ["Trinkbrunnen am Markt"]
    assert feasible["facets"]["state"][0]["selected"] is True
    assert unknown.status_code == 400


def test_the_state_facet_counts_only_what_the_viewer_may_see(client, restricted, collection):
    make_proposal(collection, title="Öffentlicher Trinkbrunnen")
    secret = Proposal.objects.get(title="Geheimer Trinkbrunnen")
    secret.state = ProposalState.FEASIBLE
    secret.save()

    found = api(client, "/api/v1/search/", q="Trinkbrunnen")

    assert [value["value"] for value in found["facets"]["state"]] == ["eingereicht"]


def test_the_search_page_shows_the_state_facet(client, collection):
    make_proposal(collection, title="Trinkbrunnen", state=ProposalState.FEASIBLE)
    process_outbox()

    page = client.get(reverse("search:search"), {"q": "Trinkbrunnen"})

    assert page.status_code == 200
    assert 'name="state"' in page.text
    assert "umsetzbar (1)" in page.text


def comment_hits(query):
    process_outbox()
    results = get_backend().search(SearchQuery(parsed=parse_query(query), viewer=Viewer()))
    return [hit.url for hit in results.hits if hit.kind == "comment"]


def test_a_proposals_comments_leave_the_index_with_it_and_come_back_with_it(collection, people):
    from comments import services as comment_services

    proposal = make_proposal(collection, title="Trinkbrunnen")
    author = participant(UserFactory())
    comment = comment_services.post_comment(proposal, author, body="Quellwasser am Markt")
    assert comment_hits("Quellwasser") == [f"/ideen/vorschlag/{proposal.pk}/#comment-{comment.pk}"]
    team = participant(people["team"])

    moderation.moderate(team, [proposal.pk], ProposalModerationAction.REMOVE, reason="Werbung")
    assert comment_hits("Quellwasser") == []

    moderation.moderate(team, [proposal.pk], ProposalModerationAction.RESTORE)
    assert comment_hits("Quellwasser") == [f"/ideen/vorschlag/{proposal.pk}/#comment-{comment.pk}"]
