"""Sending moves a newsletter forward once and queues each recipient once, however often it runs."""

import pytest
from django.core import mail

from newsletters import services
from newsletters.models import NewsletterStatus
from notifications.models import Delivery
from participation.refusals import Conflict
from tests.newsletters.conftest import NEWSLETTER_LIST, account, make_newsletter, subscriber

pytestmark = pytest.mark.django_db(transaction=False)


def test_send_queues_each_recipient_once_and_marks_it_sent(
    home_page, django_capture_on_commit_callbacks
):
    user = account("a@example.org", NEWSLETTER_LIST)
    person = subscriber("b@example.org", NEWSLETTER_LIST)
    newsletter = make_newsletter()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_sending(None, newsletter)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    assert newsletter.recipients == 2
    assert set(Delivery.objects.values_list("key", flat=True)) == {
        f"newsletter:{newsletter.pk}:u{user.pk}",
        f"newsletter:{newsletter.pk}:s{person.pk}",
    }
    assert len(mail.outbox) == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]


def test_sending_twice_is_refused_and_a_second_run_queues_nobody_again(
    home_page, django_capture_on_commit_callbacks
):
    user = account("a@example.org", NEWSLETTER_LIST)
    person = subscriber("b@example.org", NEWSLETTER_LIST)
    newsletter = make_newsletter()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_sending(None, newsletter)
    with pytest.raises(Conflict):
        services.start_sending(None, newsletter)
    # The task again (a retry, the periodic job): nothing new.
    newsletter.refresh_from_db()
    newsletter.status = NewsletterStatus.SENDING
    newsletter.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_recipients(newsletter.pk)
    assert sorted(Delivery.objects.values_list("key", flat=True)) == [
        f"newsletter:{newsletter.pk}:s{person.pk}",
        f"newsletter:{newsletter.pk}:u{user.pk}",
    ]
    assert len(mail.outbox) == 2
