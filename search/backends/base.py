from collections.abc import Iterable
from dataclasses import dataclass, field

from search.documents import Audience, SearchDocument, SearchResults
from search.text import ParsedQuery


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


class SearchBackend:
    name = ""

    def upsert(self, documents: list[SearchDocument]) -> None:
        raise NotImplementedError

    def delete(self, keys: list[str]) -> None:
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def rebuild(self, batches: Iterable[list[SearchDocument]], progress=None) -> int:
        """Replaces the whole index with ``batches``; returns the number of documents."""
        raise NotImplementedError

    def indexed_fingerprints(self) -> dict[str, str]:
        """key -> fingerprint of everything in the index (for ``search_check``)."""
        raise NotImplementedError
