"""Whom a newsletter reaches: its audience's followers, streamed in batches, each once."""

import pytest

from newsletters import audience
from newsletters.models import Audience
from notifications.models import FollowTarget, Frequency, NotificationSettings
from tests.factories import DistrictFactory, TopicFactory
from tests.newsletters.conftest import NEWSLETTER_LIST, account, make_newsletter, subscriber

pytestmark = pytest.mark.django_db


def addresses(newsletter, batch_size=1000):
    batches = list(audience.recipients(audience.targets_of(newsletter), batch_size))
    return [recipient.email for batch in batches for recipient in batch], batches


def test_a_department_reaches_the_followers_of_its_units_below_once(tree):
    dezernat, team = tree["parent"], tree["child"]
    account(
        "both@example.org",
        (FollowTarget.DEPARTMENT, dezernat.pk),
        (FollowTarget.DEPARTMENT, team.pk),
    )
    account("team@example.org", (FollowTarget.DEPARTMENT, team.pk))
    subscriber("visitor@example.org", (FollowTarget.DEPARTMENT, tree["own"].pk))
    account("other@example.org", (FollowTarget.DEPARTMENT, tree["sibling"].pk))
    account("list@example.org", NEWSLETTER_LIST)
    from_dezernat = make_newsletter(audience=Audience.DEPARTMENT, audience_department=dezernat)
    from_unit = make_newsletter(audience=Audience.DEPARTMENT, audience_department=tree["own"])
    from_team = make_newsletter(audience=Audience.DEPARTMENT, audience_department=team)
    found, _ = addresses(from_dezernat)
    assert sorted(found) == [
        "both@example.org",
        "other@example.org",
        "team@example.org",
        "visitor@example.org",
    ]
    assert sorted(addresses(from_unit)[0]) == [
        "both@example.org",
        "team@example.org",
        "visitor@example.org",
    ]
    assert sorted(addresses(from_team)[0]) == ["both@example.org", "team@example.org"]
    assert audience.count(audience.targets_of(from_unit)) == 3


def test_a_topic_and_a_district_reach_their_followers():
    topic, district = TopicFactory(), DistrictFactory()
    account("topic@example.org", (FollowTarget.TOPIC, topic.pk))
    subscriber("district@example.org", (FollowTarget.DISTRICT, district.pk))
    by_topic = make_newsletter(audience=Audience.TOPIC, audience_topic=topic)
    by_district = make_newsletter(audience=Audience.DISTRICT, audience_district=district)
    assert addresses(by_topic)[0] == ["topic@example.org"]
    assert addresses(by_district)[0] == ["district@example.org"]


def test_all_subscribers_are_streamed_in_batches_without_those_who_muted_all_mail():
    for number in range(5):
        account(f"a{number}@example.org", NEWSLETTER_LIST)
        subscriber(f"s{number}@example.org", NEWSLETTER_LIST)
    muted = account("muted@example.org", NEWSLETTER_LIST)
    NotificationSettings.objects.create(user=muted, frequency=Frequency.NEVER)
    daily = account("daily@example.org", NEWSLETTER_LIST)
    NotificationSettings.objects.create(
        user=daily, frequency=Frequency.DAILY, muted_events=["news"]
    )
    account("inactive@example.org", NEWSLETTER_LIST, is_active=False)
    found, batches = addresses(make_newsletter(), batch_size=2)
    assert len(found) == len(set(found)) == 11
    assert "muted@example.org" not in found and "inactive@example.org" not in found
    assert "daily@example.org" in found
    assert max(len(batch) for batch in batches) <= 2
