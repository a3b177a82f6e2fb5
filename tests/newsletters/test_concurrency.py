"""Two editors, or an editor and the periodic job, sending at once: each recipient once."""

import pytest
from django.core import mail

from newsletters import services
from newsletters.models import Newsletter, NewsletterStatus
from notifications.models import Delivery
from participation.refusals import Conflict
from tests.concurrency import run_together
from tests.newsletters.conftest import NEWSLETTER_LIST, account, make_newsletter, subscriber

pytestmark = pytest.mark.django_db(transaction=True)


def test_four_simultaneous_sends_send_once(home_page):
    for number in range(3):
        account(f"a{number}@example.org", NEWSLETTER_LIST)
        subscriber(f"s{number}@example.org", NEWSLETTER_LIST)
    newsletter = make_newsletter()

    def send(index):
        return services.start_sending(None, Newsletter.objects.get(pk=newsletter.pk))

    outcomes = run_together(4, send)
    assert sum(isinstance(outcome, Newsletter) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, Conflict) for outcome in outcomes) == 3
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    assert Delivery.objects.filter(key__startswith=newsletter.key_prefix).count() == 6
    assert len(mail.outbox) == 6


def test_two_workers_queueing_at_once_queue_each_recipient_once(home_page):
    for number in range(50):
        subscriber(f"s{number}@example.org", NEWSLETTER_LIST)
    newsletter = make_newsletter(
        status=NewsletterStatus.SENDING, audience_targets=[["newsletter", 0]]
    )
    run_together(2, lambda index: services.queue_recipients(newsletter.pk, batch_size=7))
    assert Delivery.objects.filter(key__startswith=newsletter.key_prefix).count() == 50
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    assert newsletter.recipients == 50
