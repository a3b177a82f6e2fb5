"""Participant identity: pseudonymous keys, signed anonymous tokens, hashed addresses."""

import datetime

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory

from participation.participants import TokenState
from web.participants import (
    ANONYMOUS_COOKIE,
    ParticipantCookieMiddleware,
    ip_hash,
    issue_anonymous_token,
    participant_from_request,
)


@pytest.fixture
def rf():
    return RequestFactory()


def request_with_cookie(rf, value, **meta):
    request = rf.get("/", **meta)
    request.COOKIES[ANONYMOUS_COOKIE] = value
    return request


def issued_cookie(rf):
    """A cookie value as the middleware would set it."""
    request = rf.get("/")

    def view(req):
        issue_anonymous_token(req)
        return HttpResponse()

    response = ParticipantCookieMiddleware(view)(request)
    morsel = response.cookies[ANONYMOUS_COOKIE]
    assert morsel["httponly"]
    assert morsel["samesite"] == "Lax"
    assert response["Cache-Control"] == "private, no-store"
    return morsel.value


def test_token_round_trip_gives_a_stable_key(rf):
    cookie = issued_cookie(rf)
    first = participant_from_request(request_with_cookie(rf, cookie))
    second = participant_from_request(request_with_cookie(rf, cookie))
    assert first.token_state == TokenState.VALID
    assert first.key == second.key
    assert first.anonymous_token not in first.key


def test_forged_and_missing_tokens_are_told_apart(rf):
    cookie = issued_cookie(rf)
    forged = cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")
    assert (
        participant_from_request(request_with_cookie(rf, forged)).token_state == TokenState.FORGED
    )
    missing = participant_from_request(rf.get("/"))
    assert missing.token_state == TokenState.MISSING
    assert missing.key is None


def test_account_key_differs_from_any_token_key(rf, citizen):
    request = request_with_cookie(rf, issued_cookie(rf))
    anonymous_key = participant_from_request(request).key
    request.user = citizen
    participant = participant_from_request(request)
    assert participant.is_authenticated
    assert participant.key != anonymous_key


def test_verified_email_and_staff(rf, citizen, editor):
    request = rf.get("/")
    request.user = citizen
    participant = participant_from_request(request)
    assert participant.has_verified_email
    assert not participant.is_staff
    request.user = editor
    assert participant_from_request(request).is_staff


def test_ip_hash_hides_the_address_and_rotates_daily(rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12), tick=False):
        monday = ip_hash(request)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 12), tick=False):
        tuesday = ip_hash(request)
    assert "203.0.113.7" not in monday
    assert monday != tuesday


def test_ipv6_clients_are_grouped_by_prefix(rf):
    one = ip_hash(rf.get("/", REMOTE_ADDR="2001:db8:1:2::10"))
    same_household = ip_hash(rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::1"))
    other = ip_hash(rf.get("/", REMOTE_ADDR="2001:db8:1:3::10"))
    assert one == same_household != other


def test_forwarded_address_only_with_trusted_proxies(rf, settings):
    spoofed = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert ip_hash(rf.get("/", **spoofed)) == ip_hash(rf.get("/", REMOTE_ADDR="10.0.0.1"))
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    assert ip_hash(rf.get("/", **spoofed)) == ip_hash(rf.get("/", REMOTE_ADDR="198.51.100.1"))
