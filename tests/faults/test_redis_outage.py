"""Redis stopped or hung: every public page and API answers, every write succeeds.

The cache is an optimisation, never a dependency (portal/cache.py): reads
fall back to the database and a hung server is asked once, then skipped by
the circuit breaker until its cool-down has passed.
"""

import datetime
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from polls.models import Ballot
from tests.comments.factories import CommentFactory
from tests.comments.helpers import api, logged_in, open_project
from tests.factories import TEST_PASSWORD
from tests.faults.conftest import FAULTS, inflict
from tests.polls.factories import make_poll, take_part, valid_answers
from tests.polls.test_poll_page import form_data, vote_url

pytestmark = pytest.mark.faults

HEADLESS = "/_allauth/browser/v1"


@pytest.fixture
def poll(db):
    now = timezone.now()
    return make_poll(
        placed=False,
        results_visibility="live",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=5),
    )


@pytest.fixture
def project(project_index, poll):
    page = open_project(
        project_index,
        title="Grüner Marktplatz",
        slug="gruener-marktplatz",
        body=[("poll", {"poll": poll})],
    )
    CommentFactory(page=page, body="Mehr Bäume am Markt, bitte!")
    return page


@pytest.fixture
def public_urls(home_page, project_index, project, poll):
    return {
        "home": home_page.url,
        "project list": project_index.url,
        "project page": project.url,
        "search page": "/search/?q=Marktplatz",
        "search API": "/api/v1/search/?q=Marktplatz",
        "thread API": f"/api/v1/comments/pages/{project.pk}",
        "pages API": "/api/v2/pages/",
        "login page": "/accounts/login/",
        "poll API": f"/api/v1/polls/{poll.pk}",
        "headless config": f"{HEADLESS}/config",
    }


def read_all(client, urls) -> dict:
    return {name: client.get(url).status_code for name, url in urls.items()}


@pytest.mark.parametrize("fault", FAULTS)
def test_public_pages_and_apis_answer_without_redis(redis_cache, public_urls, fault):
    assert set(read_all(Client(), public_urls).values()) == {200}  # warm: Redis in use
    inflict(redis_cache, fault)
    assert read_all(Client(), public_urls) == dict.fromkeys(public_urls, 200)
    # Asked again, the answers come from the database just the same.
    assert read_all(Client(), public_urls) == dict.fromkeys(public_urls, 200)


@pytest.mark.parametrize("fault", FAULTS)
def test_ballots_by_api_and_form_are_stored_without_redis(redis_cache, project, poll, fault):
    inflict(redis_cache, fault)
    api_voter = Client()
    api_voter.get(f"/api/v1/polls/{poll.pk}")
    api_voter.get("/")  # the CSRF cookie
    response = api_voter.post(
        f"/api/v1/polls/{poll.pk}/ballot",
        json.dumps({"answers": valid_answers(poll)}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=api_voter.cookies["csrftoken"].value,
    )
    assert response.status_code == 201, response.content

    form_voter = Client()
    take_part(form_voter, project)
    response = form_voter.post(vote_url(poll), form_data(poll, project))
    assert response.status_code == 302

    assert Ballot.objects.filter(poll=poll).count() == 2


@pytest.mark.parametrize("fault", FAULTS)
def test_comments_and_supports_are_stored_without_redis(redis_cache, project, citizen, fault):
    inflict(redis_cache, fault)
    writer = logged_in(citizen)
    response, body = api(
        writer, "post", f"/api/v1/comments/pages/{project.pk}", {"body": "Auch ohne Cache."}
    )
    assert response.status_code == 201, body
    other = Comment.objects.filter(page=project).exclude(pk=body["id"]).get()
    response, _body = api(writer, "put", f"/api/v1/comments/{other.pk}/support")
    assert response.status_code in (200, 201)
    # The thread read right after shows the new comment: no stale cached copy.
    response, thread = api(Client(), "get", f"/api/v1/comments/pages/{project.pk}")
    assert "Auch ohne Cache." in json.dumps(thread)


@pytest.mark.parametrize("fault", FAULTS)
def test_sign_in_works_without_redis(redis_cache, citizen, fault, settings):
    from portal.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS  # allauth's limits are on
    inflict(redis_cache, fault)
    client = Client()
    response = client.post("/accounts/login/", {"login": citizen.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session

    headless = Client(enforce_csrf_checks=True)
    headless.get(f"{HEADLESS}/config")
    response = headless.post(
        f"{HEADLESS}/auth/login",
        json.dumps({"email": citizen.email, "password": TEST_PASSWORD}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=headless.cookies["csrftoken"].value,
    )
    assert response.status_code == 200, response.content


def test_writes_keep_a_local_rate_limit_while_redis_is_down(redis_cache, settings, project, poll):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "ballot_per_ip": "2/h"}
    inflict(redis_cache, "stopped")
    statuses = []
    for _voter in range(3):
        client = Client()
        take_part(client, project)
        statuses.append(client.post(vote_url(poll), form_data(poll, project)).status_code)
    # Two ballots from one address, then the per-process limit refuses the third.
    assert statuses == [302, 302, 429]
    assert Ballot.objects.filter(poll=poll).count() == 2


def test_login_failures_are_limited_per_process_while_redis_is_down(redis_cache, citizen, settings):
    from portal.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    inflict(redis_cache, "stopped")
    for _attempt in range(10):
        Client().post("/accounts/login/", {"login": citizen.email, "password": "falsch"})
    client = Client()
    response = client.post("/accounts/login/", {"login": citizen.email, "password": TEST_PASSWORD})
    # allauth refuses even the right password once the account's failures are over the limit.
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_a_limited_read_fails_open_while_redis_is_down(redis_cache, settings, citizen):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "data_export_per_account": "1/h"}
    reader = logged_in(citizen)
    inflict(redis_cache, "stopped")
    assert [reader.get("/api/v1/me/data").status_code for _ in range(3)] == [200, 200, 200]


def test_the_cache_is_used_again_when_redis_is_back(redis_cache, public_urls, breaker_clock):
    redis_cache.stop()
    assert set(read_all(Client(), public_urls).values()) == {200}
    redis_cache.start()
    breaker_clock.advance(3600)  # the cool-down has passed: the next call probes
    assert set(read_all(Client(), public_urls).values()) == {200}
    assert cache.breaker.is_closed
    assert redis_cache.client().dbsize() > 0  # pages cached in Redis again
