"""Citizens choose events and e-mail frequency; bad input is refused next to the field."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from notifications.models import EventKind, Frequency, NotificationSettings

pytestmark = pytest.mark.django_db

URL = reverse("notifications:settings")


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen)
    return client


def test_saving_mutes_the_unticked_events(citizen_client, citizen):
    wanted = [kind for kind in EventKind.values if kind != EventKind.NEWS]
    response = citizen_client.post(URL, {"events": wanted, "frequency": Frequency.WEEKLY})
    assert response.status_code == 302
    saved = NotificationSettings.objects.get(user=citizen)
    assert saved.muted_events == [EventKind.NEWS]
    assert saved.frequency == Frequency.WEEKLY
    form = BeautifulSoup(citizen_client.get(URL).content, "html.parser")
    ticked = {box["value"] for box in form.select("input[name=events][checked]")}
    assert ticked == set(wanted)
    assert form.select_one("input[name=frequency][checked]")["value"] == Frequency.WEEKLY


def test_an_unknown_frequency_is_refused_in_german_and_nothing_is_stored(citizen_client, citizen):
    response = citizen_client.post(URL, {"events": [], "frequency": "hourly"})
    assert response.status_code == 400
    assert "Auswahl" in response.content.decode()
    assert not NotificationSettings.objects.filter(user=citizen).exists()
