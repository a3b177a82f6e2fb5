"""What serving a page costs besides its queries: cache writes, queries compiled once."""

from __future__ import annotations

import json
import pickle

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction
from wagtail.test.utils import wagtail_factories

from pages.images import prefetch_renditions
from pages.models import ProjectPage
from pages.models.routing import load_served
from participation import compiled
from tests.factories import ProjectPageFactory


@pytest.fixture
def illustrated(project_index):
    hero, inline = wagtail_factories.ImageFactory(), wagtail_factories.ImageFactory()
    block = {
        "type": "image",
        "value": {
            "image": {"image": inline.pk, "alt_text": "Bänke", "decorative": False},
            "caption": "Der Platz",
            "credit": "",
        },
    }
    return ProjectPageFactory(
        parent=project_index,
        title="Stadtplatz",
        hero_image=hero,
        hero_image_alt="Ein Platz",
        body=json.dumps([block]),
    )


@pytest.fixture
def rendition_writes(monkeypatch):
    written = []
    backend = caches["default"]
    original = backend.set

    def counted(key, *args, **kwargs):
        if "wagtail-rendition-" in str(key):
            written.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(backend, "set", counted)
    return written


def test_prefetched_renditions_are_not_written_to_the_cache_again(
    client, illustrated, rendition_writes
):
    first = client.get(illustrated.url)
    assert first.status_code == 200
    assert rendition_writes  # created on the first visit, stored as Wagtail does
    rendition_writes.clear()
    second = client.get(illustrated.url)
    assert second.content.count(b"<img") == first.content.count(b"<img") >= 2
    assert rendition_writes == []


def test_an_image_with_prefetched_renditions_still_pickles_and_renders(illustrated):
    image = illustrated.hero_image
    rendition = image.get_rendition("fill-1200x600")
    prefetch_renditions([image])
    assert image.get_rendition("fill-1200x600").pk == rendition.pk
    copy = pickle.loads(pickle.dumps(image))  # noqa: S301 - our own object
    assert copy.get_rendition("fill-1200x600").pk == rendition.pk


def test_a_served_page_is_loaded_as_the_queryset_would(illustrated):
    served = load_served(ProjectPage, illustrated.pk)
    assert served is not None and served.title == "Stadtplatz"
    assert served.hero_image_id == illustrated.hero_image_id
    assert load_served(ProjectPage, illustrated.pk + 1000) is None


def test_a_compiled_query_is_built_once_and_takes_new_values(db, home_page, illustrated):
    built = []

    def build(pk):
        built.append(pk)
        return ProjectPage.objects.filter(pk=pk)

    shape = ("test.served", illustrated.pk)
    assert [page.pk for page in compiled.run(shape, build, [illustrated.pk])] == [illustrated.pk]
    assert compiled.run(shape, build, [home_page.pk]) == []
    assert len(built) == 1  # once, with a stand-in


def test_a_value_that_is_no_parameter_of_its_own_is_built_every_time(db, home_page):
    built = []

    def build(depth):
        built.append(depth)
        return PageViewRestriction.objects.filter(page__path__startswith=str(depth))

    shape = ("test.pattern", home_page.pk)
    assert compiled.run(shape, build, [1]) == []
    assert compiled.run(shape, build, [2]) == []
    assert built[1:] == [1, 2]  # the stand-in became a pattern: no SQL kept
