from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field

from search.documents import Audience, SearchDocument, SearchResults
from search.text import ParsedQuery


class SearchUnavailable(Exception):
    """The backend cannot answer now (unreachable, timing out, refusing every request).

    Backends raise it instead of their client's errors, so that callers can
    tell an outage (search degrades, updates wait in the outbox) from a
    document the backend rejects (which is isolated and, in the end, parked).
    """


class RebuildSession:
    """What a rebuild reports to, and asks of, whoever runs it (``search.rebuilds``).

    This one does nothing: a backend's ``rebuild`` called on its own (tests)
    simply rebuilds.
    """

    def staging(self, target: str) -> None:
        """Names the table or index being built, so a killed run's can be dropped."""

    def progress(self, count: int) -> None:
        """``count`` more documents loaded (and: this process is still alive)."""

    def catch_up(self, writer: "IndexWriter") -> None:
        """Writes the changes made while loading into the new index, before the swap."""

    def swapping(self):
        """Wraps the swap; raises if this rebuild may no longer swap (taken over)."""
        return nullcontext()


class IndexWriter:
    """Writes to one index: the live one (the backend itself) or one being built."""

    def upsert(self, documents: list) -> None:
        raise NotImplementedError

    def delete(self, keys: list[str]) -> None:
        raise NotImplementedError


@dataclass
class Viewer:
    """What the person searching may see: audiences, and the site they search in.

    ``site_root_path`` is the tree path of their site's root page; None
    searches every site (management commands, tests of the backends).
    """

    authenticated: bool = False
    superuser: bool = False
    group_ids: list[int] = field(default_factory=list)
    site_root_path: str | None = None

    def may_see(self, document: SearchDocument) -> bool:
        """The rule every backend applies in its query, for one document."""
        if self.site_root_path is not None and not document.page_path.startswith(
            self.site_root_path
        ):
            return False
        if self.superuser or document.audience == Audience.PUBLIC:
            return True
        if document.audience == Audience.LOGIN:
            return self.authenticated
        if document.audience == Audience.GROUPS:
            return self.authenticated and bool(set(document.group_ids) & set(self.group_ids))
        return False


@dataclass
class Filters:
    kinds: list[str] = field(default_factory=list)
    project_id: int | None = None
    department_ids: list[int] = field(default_factory=list)
    topic_id: int | None = None
    district_id: int | None = None
    year: int | None = None
    state: str | None = None


@dataclass
class SearchQuery:
    parsed: ParsedQuery
    filters: Filters = field(default_factory=Filters)
    viewer: Viewer = field(default_factory=Viewer)
    page: int = 1
    page_size: int = 10
    with_facets: bool = True

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Suggestion:
    title: str
    url: str
    kind: str
    key: str = ""


class SearchBackend(IndexWriter):
    name = ""

    def upsert(self, documents: list[SearchDocument]) -> None:
        raise NotImplementedError

    def delete(self, keys: list[str]) -> None:
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def rebuild(
        self, batches: Iterable[list[SearchDocument]], session: RebuildSession | None = None
    ) -> int:
        """Replaces the whole index with ``batches``; returns the number of documents.

        The new index is built beside the live one; before it replaces it,
        ``session.catch_up`` writes into it what changed meanwhile.
        """
        raise NotImplementedError

    def discard_rebuild(self, target: str) -> None:
        """Drops what a killed rebuild left behind (its staging table or index)."""

    def ping(self) -> None:
        """Raises SearchUnavailable unless the index answers."""
        raise NotImplementedError

    def indexed_fingerprints(self) -> dict[str, str]:
        """key -> fingerprint of everything in the index (for ``search_check``)."""
        raise NotImplementedError
