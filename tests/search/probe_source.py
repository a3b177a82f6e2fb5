"""A search source whose documents the tests choose, some of them poisoned.

The backend is real: a title with a NUL character is what PostgreSQL
refuses to store, for that one document.
"""

import datetime

from django.utils import timezone

from search import registry
from search.documents import Kind, SearchDocument
from search.sources import SearchSource


class ProbeSource(SearchSource):
    name = "probe"

    def __init__(self, titles: dict[int, str]):
        self.titles = titles

    def all_ids(self):
        return sorted(self.titles)

    def documents(self, ids):
        return {
            object_id: SearchDocument(
                key=self.key(object_id),
                kind=Kind.PAGE,
                title=self.titles[object_id],
                url=f"/probe/{object_id}/",
                published_at=timezone.now() - datetime.timedelta(days=1),
            )
            for object_id in ids
            if object_id in self.titles
        }

    def visible_ids(self, ids, viewer):
        return set(ids) & set(self.titles)

    def ids_on_pages(self, page_ids):
        return []

    def connect(self, mark_dirty):
        pass


def poisoned(title: str) -> str:
    return f"{title}\x00"


class registered_source:
    """Registers ``source`` (the last one a rebuild reads) for a ``with`` block."""

    def __init__(self, source: SearchSource):
        self.source = source

    def __enter__(self) -> ProbeSource:
        registry.register(self.source)
        return self.source

    def __exit__(self, *exc):
        registry._sources.pop(self.source.name, None)


def registered(titles: dict[int, str]) -> registered_source:
    return registered_source(ProbeSource(titles))
