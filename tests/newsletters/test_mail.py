"""The newsletter mail: one layout, German, real headings, imprint, one-click unsubscribe."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from newsletters import services
from newsletters.models import Audience
from notifications.delivery import send_due_deliveries
from notifications.models import Follow, FollowTarget, Subscriber
from pages.models import PortalSettings
from tests.factories import StandardPageFactory, TopicFactory
from tests.newsletters.conftest import NEWSLETTER_LIST, account, make_newsletter, subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(home_page, django_capture_on_commit_callbacks):
    portal = PortalSettings.for_site(home_page.get_site())
    portal.operator_name = "Stadt Jena"
    portal.imprint_page = StandardPageFactory(parent=home_page, title="Impressum", slug="impressum")
    portal.save()

    def send(newsletter):
        with django_capture_on_commit_callbacks(execute=True):
            services.start_sending(None, newsletter)
        return {message.to[0]: message for message in mail.outbox}

    return send


def test_the_mail_is_german_with_headings_imprint_and_rfc8058_headers(sent):
    account("a@example.org", NEWSLETTER_LIST)
    message = sent(make_newsletter())["a@example.org"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    html = BeautifulSoup(message.alternatives[0].content, "html.parser")
    assert html.html["lang"] == "de"
    assert [h.get_text() for h in html.find_all(["h1", "h2"])] == [
        "Neues aus der Beteiligung",
        "Radwege",
    ]
    assert not html.find_all("img")
    assert "Impressum" in html.get_text() and "Stadt Jena" in html.get_text()
    assert "Diesen Newsletter im Web lesen" in message.body
    assert "Impressum: http" in message.body
    assert "Wir planen neue Radwege." in message.body


def unsubscribe(message):
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    return Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})


def test_one_click_ends_the_newsletter_follow_without_login(sent):
    user = account("a@example.org", NEWSLETTER_LIST, (FollowTarget.PROJECT, 3))
    person = subscriber("s@example.org", NEWSLETTER_LIST, (FollowTarget.PROJECT, 3))
    mails = sent(make_newsletter())
    assert unsubscribe(mails["a@example.org"]).status_code == 200
    assert unsubscribe(mails["s@example.org"]).status_code == 200
    assert list(Follow.objects.filter(user=user).values_list("target", flat=True)) == ["project"]
    assert list(person.follows.values_list("target", flat=True)) == ["project"]


def test_unsubscribing_from_a_topic_newsletter_ends_the_topic_follow(sent):
    topic = TopicFactory()
    person = subscriber("s@example.org", (FollowTarget.TOPIC, topic.pk))
    mails = sent(make_newsletter(audience=Audience.TOPIC, audience_topic=topic))
    unsubscribe(mails["s@example.org"])
    assert not Subscriber.objects.filter(pk=person.pk).exists()


def test_a_deleted_newsletter_sends_nothing_more(sent, django_capture_on_commit_callbacks):
    account("a@example.org", NEWSLETTER_LIST)
    newsletter = make_newsletter()
    newsletter.status = "sending"
    newsletter.save()
    with django_capture_on_commit_callbacks(execute=False):
        services.queue_recipients(newsletter.pk)
    newsletter.delete()
    send_due_deliveries.call()
    assert mail.outbox == []
