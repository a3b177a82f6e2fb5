"""Polls, free-text answers and comments enter and leave the search with their visibility."""

import datetime

import pytest
import time_machine
from wagtail.blocks import StreamValue

from comments import services as comment_services
from comments.models import CommentState
from polls import services as poll_services
from polls.search_sources import index_answers_of_closed_poll
from search.backends import get_backend
from search.backends.base import SearchQuery, Viewer
from search.models import SearchEntry
from search.tasks import process_outbox
from search.text import parse_query
from tests.comments.factories import CommentFactory
from tests.factories import ProjectPageFactory, StaffUserFactory, UserFactory
from tests.polls.factories import NOW, anonymous, inputs, make_poll, valid_answers


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def hits(query, viewer=None, kind=None):
    process_outbox()
    query = SearchQuery(parsed=parse_query(query), viewer=viewer or Viewer())
    return [hit for hit in get_backend().search(query).hits if kind is None or hit.kind == kind]


def titles(query, viewer=None, kind=None):
    return sorted(hit.title for hit in hits(query, viewer, kind))


@pytest.fixture
def project(project_index):
    page = ProjectPageFactory(parent=project_index, title="Marktplatz", comments_moderation="post")
    page.save_revision().publish()
    return page


def embed(page, *polls):
    page.body = StreamValue(
        page.body.stream_block, [("poll", {"poll": poll}) for poll in polls], is_lazy=False
    )
    page.save_revision().publish()


def vote(poll, token, text):
    poll_services.cast_ballot(poll, anonymous(token), inputs(valid_answers(poll, text=text)))


def test_embedded_public_poll_is_found_with_its_project(project):
    poll = make_poll(title="Brunnen am Marktplatz", placed=False)
    embed(project, poll)
    (hit,) = hits("Brunnen", kind="poll")
    assert hit.title == "Brunnen am Marktplatz"
    assert hit.url.endswith(f"#poll-{poll.pk}")
    assert hit.project_title == "Marktplatz"


def test_questions_and_choices_are_searchable(project):
    embed(project, make_poll(title="Platzgestaltung", placed=False))
    assert titles("Bänke", kind="poll") == ["Platzgestaltung"]


def test_staff_polls_and_unembedded_polls_are_never_indexed(project):
    staff_poll = make_poll(title="Vorabstimmung Brunnen", placed=False, audience="staff")
    make_poll(title="Brunnen nirgends eingebettet", placed=False)
    embed(project, staff_poll)
    assert titles("Brunnen") == []
    assert titles("Brunnen", viewer=Viewer(authenticated=True, superuser=True)) == []
    assert not SearchEntry.objects.filter(kind="poll").exists()


def test_free_text_answers_only_when_published_and_results_visible(project):
    hidden = make_poll(title="Umfrage A", placed=False, publish_free_text=False)
    published = make_poll(title="Umfrage B", placed=False, publish_free_text=True)
    later = make_poll(
        title="Umfrage C", placed=False, publish_free_text=True, results_visibility="after_close"
    )
    editors = make_poll(
        title="Umfrage D", placed=False, publish_free_text=True, results_visibility="editors"
    )
    embed(project, hidden, published, later, editors)
    for number, poll in enumerate([hidden, published, later, editors]):
        vote(poll, f"token-{number}", f"Springbrunnen Variante {poll.title}")

    (answer,) = hits("Springbrunnen")
    assert (answer.kind, answer.project_title, answer.author) == ("answer", "Marktplatz", "")
    assert answer.body == "Springbrunnen Variante Umfrage B"


def test_answers_are_found_by_what_they_say_not_by_their_polls_title(project):
    poll = make_poll(title="Wo fehlen Springbrunnen?", placed=False, publish_free_text=True)
    embed(project, poll)
    vote(poll, "token", "Mehr Bänke im Schatten")
    # The poll and the page it is embedded in say "Springbrunnen"; the answer does not.
    assert sorted(hit.kind for hit in hits("Springbrunnen")) == ["poll", "project"]
    assert [hit.kind for hit in hits("Schatten")] == ["answer"]


def test_answers_of_an_after_close_poll_appear_once_it_closed(project):
    poll = make_poll(
        title="Umfrage C", placed=False, publish_free_text=True, results_visibility="after_close"
    )
    embed(project, poll)
    vote(poll, "token", "Wasserspiel bitte")
    assert titles("Wasserspiel") == []
    with time_machine.travel(poll.closes_at + datetime.timedelta(minutes=1), tick=False):
        # What the task queued for the closing time does (the database queue runs it then).
        index_answers_of_closed_poll.call(poll.pk)
        assert titles("Wasserspiel") == ["Was noch?"]


def test_published_comments_are_found_and_moderation_removes_them(project):
    moderator = StaffUserFactory()
    comment = CommentFactory(
        page=project,
        body="Der Brunnen sollte Trinkwasser haben.",
        author=UserFactory(display_name="Wasserfreundin"),
    )
    assert titles("Trinkwasser") == ["Der Brunnen sollte Trinkwasser haben."]
    hit = get_backend().search(SearchQuery(parsed=parse_query("Trinkwasser"))).hits[0]
    assert hit.author == "Wasserfreundin"
    assert hit.url.endswith(f"#comment-{comment.pk}")

    comment_services.moderate_one(comment.pk, "hide", moderator, note="Prüfen")
    assert titles("Trinkwasser") == []


@pytest.mark.parametrize(
    "state",
    [
        CommentState.PENDING,
        CommentState.REJECTED,
        CommentState.HIDDEN,
        CommentState.REMOVED,
        CommentState.DELETED_BY_AUTHOR,
    ],
)
def test_comments_that_are_not_published_are_never_indexed(project, state):
    CommentFactory(page=project, body="Geheimer Trinkwasserplan", state=state)
    assert titles("Trinkwasserplan") == []


def test_deleted_account_leaves_its_comments_anonymous_in_the_index(project, client):
    from tests.factories import TEST_PASSWORD

    author = UserFactory(display_name="Wasserfreundin")
    CommentFactory(page=project, body="Trinkwasserbrunnen bitte", author=author)
    process_outbox()
    client.force_login(author)
    client.post("/accounts/delete/", {"password": TEST_PASSWORD})
    process_outbox()
    hit = get_backend().search(SearchQuery(parsed=parse_query("Trinkwasserbrunnen"))).hits[0]
    assert hit.author == "Gelöschtes Konto"


def test_unpublishing_the_project_removes_its_comments(project):
    CommentFactory(page=project, body="Trinkwasserbrunnen bitte")
    assert titles("Trinkwasserbrunnen")
    project.refresh_from_db()
    project.unpublish()
    assert titles("Trinkwasserbrunnen") == []
