"""The demo has one sent newsletter in the public archive, loaded idempotently."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from newsletters.models import Newsletter


def load():
    call_command("load_demo_content", "--force", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_demo_archive_shows_one_sent_newsletter(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load()
    load()
    newsletter = Newsletter.objects.sent().get()
    assert client.get(reverse("newsletter:archive")).text.count(newsletter.subject) == 1
    page = client.get(newsletter.get_absolute_url())
    assert page.status_code == 200
    assert "Radverkehrskonzept" in page.text
    assert "Anstehende Termine" in page.text
