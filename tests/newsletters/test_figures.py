"""Figures per newsletter from the outbox and the departures: no pixels, no tracked links."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsletters import services
from newsletters.figures import figures_of
from newsletters.models import NewsletterDeparture
from notifications.models import Delivery, DeliveryStatus, Follow, FollowTarget
from notifications.preferences import stop_mail
from tests.newsletters.conftest import NEWSLETTER_LIST, account, make_newsletter, subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(home_page, django_capture_on_commit_callbacks):
    def send(newsletter):
        with django_capture_on_commit_callbacks(execute=True):
            services.start_sending(None, newsletter)
        newsletter.refresh_from_db()
        return newsletter

    return send


def test_delivered_failed_and_unsubscribed_after_it(sent, tree, logged_in):
    leaving = account("a@example.org", NEWSLETTER_LIST)
    person = subscriber("b@example.org", NEWSLETTER_LIST)
    account("c@example.org", NEWSLETTER_LIST)
    newsletter = sent(make_newsletter())
    Delivery.objects.filter(key=f"{newsletter.key_prefix}u{leaving.pk}").update(
        status=DeliveryStatus.FAILED
    )
    Follow.objects.filter(user=leaving).delete()
    stop_mail({"s": person.pk, "t": FollowTarget.NEWSLETTER, "i": 0})
    # A test mail is no recipient; someone who never got it does not count as leaving.
    Delivery.objects.create(
        key=f"newsletter-test:{newsletter.pk}:1:x", kind="newsletter", to="t@x.org"
    )
    latecomer = account("late@example.org", NEWSLETTER_LIST)
    Follow.objects.filter(user=latecomer).delete()
    figures = figures_of(newsletter)
    assert (figures.recipients, figures.delivered, figures.failed, figures.unsubscribed) == (
        3,
        2,
        1,
        2,
    )
    listing = logged_in("team").get(reverse("newsletters:index"))
    inspect = logged_in("team").get(reverse("newsletters:inspect", args=(newsletter.pk,)))
    assert 'data-figure="unsubscribed">2<' in inspect.text
    assert "danach abgemeldet" in listing.text


def test_leaving_after_two_weeks_or_another_list_is_not_counted(sent, tree):
    stays = account("a@example.org", NEWSLETTER_LIST, (FollowTarget.TOPIC, 4))
    later = account("b@example.org", NEWSLETTER_LIST)
    newsletter = sent(make_newsletter())
    Follow.objects.filter(user=stays, target=FollowTarget.TOPIC).delete()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        Follow.objects.filter(user=later).delete()
    assert not NewsletterDeparture.objects.exists()
    assert figures_of(newsletter).unsubscribed == 0
