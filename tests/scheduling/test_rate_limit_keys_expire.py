"""Rate-limit keys in Redis expire on their own: none outlives its window (plus a few seconds).

They need no deletion job: django-ratelimit (the portal's limits) sets each
counter with the length of its window plus 5 seconds, allauth (login,
signup, password reset, ...) stores its hit history with the rate's
duration and renews it only on a hit. Checked on the real Redis the tests
use, for every configured limit; and no key carries a raw address or e-mail.
"""

import pytest
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit.core import _split_rate

from participation import ratelimit

DJANGO_RATELIMIT_FUDGE = 5
MARGIN = 2
ADDRESS = "203.0.113.77"
EMAIL = "someone@example.org"


def redis():
    return cache._cache.get_client(write=True)


def keys_with_ttl(pattern):
    client = redis()
    return {key.decode(): client.ttl(key) for key in client.scan_iter(f"*{pattern}*")}


def request():
    return RequestFactory().post("/", REMOTE_ADDR=ADDRESS)


@pytest.mark.parametrize("scope", sorted(settings.PORTAL_RATE_LIMITS))
def test_each_portal_limit_expires_within_its_window(scope):
    _count, period = _split_rate(settings.PORTAL_RATE_LIMITS[scope])
    ratelimit.hit(scope, "some-participant-key")  # the first hit is always allowed

    keys = keys_with_ttl("rl:")
    assert len(keys) == 1, keys
    (ttl,) = keys.values()
    assert 0 < ttl <= period + DJANGO_RATELIMIT_FUDGE + MARGIN


@pytest.mark.parametrize(
    ("action", "rate"),
    [
        ("login_failed", "10/m/ip"),
        ("login_failed", "5/15m/key"),
        ("signup", "20/m/ip"),
        ("reset_password", "5/m/key"),
        ("confirm_email", "1/3m/key"),
    ],
)
def test_allauth_limits_expire_with_their_duration(settings, action, rate):
    settings.ACCOUNT_RATE_LIMITS = {action: rate}
    duration = allauth_ratelimit.parse_rate(rate).duration

    for _attempt in range(3):
        allauth_ratelimit.consume(
            request(), app="allauth.account", action=action, key=EMAIL, raise_exception=False
        )

    keys = keys_with_ttl("allauth:rl:")
    assert keys, "allauth stored nothing"
    for key, ttl in keys.items():
        assert 0 < ttl <= duration + MARGIN, (key, ttl)
        assert ADDRESS not in key and EMAIL not in key


def test_after_real_actions_no_rate_limit_key_lives_forever(citizen_client_for_keys):
    client, page = citizen_client_for_keys
    client.post("/comments/post/", {"page": page.pk, "body": "Ein Beitrag"}, REMOTE_ADDR=ADDRESS)

    keys = keys_with_ttl("rl:")
    assert keys
    longest = max(_split_rate(rate)[1] for rate in settings.PORTAL_RATE_LIMITS.values())
    for key, ttl in keys.items():
        assert 0 < ttl <= longest + DJANGO_RATELIMIT_FUDGE + MARGIN, (key, ttl)
        assert ADDRESS not in key


@pytest.fixture
def citizen_client_for_keys(project_index, citizen, client):
    from tests.comments.helpers import open_project

    client.force_login(citizen)
    return client, open_project(project_index, title="Radverkehr", slug="radverkehr")
