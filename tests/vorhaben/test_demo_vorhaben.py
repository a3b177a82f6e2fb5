"""The demo has a Vorhabenliste, Vorhaben in several states, an Anregung and notes."""

import io

import pytest
from django.core.management import call_command

from vorhaben.models import Anregung, Vorhaben, VorhabenIndexPage, VorhabenNote, VorhabenTransition


def load():
    call_command("load_demo_content", "--force", stdout=io.StringIO())


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load()


def test_the_demo_lists_two_vorhaben_and_loads_idempotently(loaded, client):
    counts = [Vorhaben, VorhabenTransition, VorhabenNote, Anregung]
    first = {model: model.objects.count() for model in counts}
    load()
    assert {model: model.objects.count() for model in counts} == first
    assert first[Anregung] == 1 and first[VorhabenNote] >= 2
    assert len(set(Vorhaben.objects.values_list("state", flat=True))) >= 4
    assert Vorhaben.objects.publicly_listed().count() == 2
    page = VorhabenIndexPage.objects.live().get()
    response = client.get(page.url)
    assert response.status_code == 200
    for vorhaben in Vorhaben.objects.all():
        assert (vorhaben.title in response.text) == vorhaben.is_listed
    for vorhaben in Vorhaben.objects.all():
        vorhaben.full_clean()
