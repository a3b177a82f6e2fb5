"""Where searchable documents come from.

Each app describes its searchable objects with a ``SearchSource`` in its own
``search_sources.py`` (discovered at start-up, like ``wagtail_hooks``), so
the search app never hard-codes a list of models. A source builds documents
only for what anyone may see without special rights; everything else is
simply not indexed.
"""

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from search.documents import SearchDocument


class SearchSource:
    #: Prefix of the document keys ("page" gives "page:12").
    name: str = ""
    #: Objects per database round trip when building documents.
    batch_size = 500

    def key(self, object_id) -> str:
        return f"{self.name}:{object_id}"

    def all_ids(self) -> Iterable[int]:
        """Ids of every object that should be in the index now."""
        raise NotImplementedError

    def documents(self, ids: Iterable[int]) -> dict[int, SearchDocument]:
        """Documents for the given ids; ids missing from the result must leave the index."""
        raise NotImplementedError

    def visible_ids(self, ids: Iterable[int], viewer) -> set[int]:
        """The ids this viewer may still be shown, from the database, not the index.

        Checked again for every page of hits and suggestions: the index can
        lag behind a moderation or a page's new view restrictions by a moment.
        """
        return {
            object_id
            for object_id, document in self.documents(ids).items()
            if viewer.may_see(document)
        }

    def shown_on_pages(self, ids: list[int]) -> QuerySet | None:
        """The fast way to ``visible_ids``: the objects of ``ids`` that may still be shown to
        someone, as a queryset annotated ``search_page_path`` (the tree path of the live
        page that shows each), or None to build documents instead.

        The search then checks every source's hits in one query
        (``search.service.visible_keys``), the page's view restrictions
        included. A row annotated ``search_needs_document`` True is checked
        through ``visible_ids`` after all (e.g. a comment on a subject).
        """
        return None

    def ids_on_pages(self, page_ids: list[int]) -> Iterable[int]:
        """Ids of this source's objects shown on these pages (re-indexed when a page's
        visibility, place or publication changes)."""
        raise NotImplementedError

    def iter_documents(self) -> Iterator[list[SearchDocument]]:
        """Every document, in batches, with bounded memory (for a full reindex)."""
        batch: list[int] = []
        for object_id in self.all_ids():
            batch.append(object_id)
            if len(batch) >= self.batch_size:
                yield list(self.documents(batch).values())
                batch = []
        if batch:
            yield list(self.documents(batch).values())

    def connect(self, mark_dirty) -> None:
        """Connects signals so that changes call ``mark_dirty(self.name, ids)``."""
        raise NotImplementedError
