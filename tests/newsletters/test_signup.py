"""The archive's signup: a visitor by e-mail with double opt-in, a citizen with the account."""

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Follow, FollowTarget, PendingFollow

pytestmark = pytest.mark.django_db


def test_a_visitor_asks_for_the_newsletter_and_only_a_pending_entry_is_stored(home_page):
    visitor = Client()
    page = visitor.get(reverse("newsletter:archive")).text
    assert 'name="target" value="newsletter"' in page
    assert 'name="target_id" value="0"' in page

    response = visitor.post(
        reverse("notifications:email_follow"),
        {"target": "newsletter", "target_id": "0", "email": "leserin@example.org", "website": ""},
    )

    assert response.status_code == 302
    pending = PendingFollow.objects.get()
    assert (pending.email, pending.target, pending.target_id) == (
        "leserin@example.org",
        FollowTarget.NEWSLETTER,
        0,
    )
    assert not Follow.objects.exists()


def test_a_signed_in_citizen_subscribes_with_one_button(client, citizen, home_page):
    client.force_login(citizen)
    page = client.get(reverse("newsletter:archive")).text
    assert reverse("notifications:follow") in page
    assert 'name="email"' not in page

    client.post(
        reverse("notifications:follow"),
        {"target": "newsletter", "target_id": "0", "next": reverse("newsletter:archive")},
    )

    assert Follow.objects.filter(user=citizen, target=FollowTarget.NEWSLETTER, target_id=0).exists()
    assert reverse("notifications:unfollow") in client.get(reverse("newsletter:archive")).text
