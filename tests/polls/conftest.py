import pytest
import time_machine
from django.test import RequestFactory

from tests.factories import UserFactory
from tests.polls.factories import NOW


@pytest.fixture
def frozen_now():
    """The tests' 'now': the middle of the polls made by tests.polls.factories."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def unverified(db):
    return UserFactory(verified=False, display_name="Ungeprüft")


@pytest.fixture
def post_request():
    return RequestFactory().post("/api/v1/polls/1/ballot")


@pytest.fixture
def generous_limits(settings):
    """Rate limits out of the way, for tests that cast many ballots from one address."""
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "ballot_per_ip": "100000/h",
        "ballot_per_participant": "100000/h",
    }
