"""Backend-neutral shapes: what gets indexed and what a search returns."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import pgettext_lazy


class Kind:
    """The contribution types a visitor can filter by.

    Search names the types of pages, polls and comments; an app with a type
    of its own (proposals) adds it with ``Kind.register`` from its
    ``search_sources`` module, so search imports no feature app.
    """

    PROJECT = "project"
    PAGE = "page"
    POLL = "poll"
    COMMENT = "comment"
    ANSWER = "answer"

    ALL = (PROJECT, PAGE, POLL, COMMENT, ANSWER)
    LABELS = {
        PROJECT: pgettext_lazy("search result type", "Project"),
        PAGE: pgettext_lazy("search result type", "Page"),
        POLL: pgettext_lazy("search result type", "Poll"),
        COMMENT: pgettext_lazy("search result type", "Comment"),
        ANSWER: pgettext_lazy("search result type", "Poll answer"),
    }
    CHOICES = list(LABELS.items())
    # The types whose titles search-as-you-type suggests.
    SUGGESTED = [PROJECT, PAGE, POLL]

    @classmethod
    def register(cls, value: str, label, *, suggested: bool = False) -> str:
        if value in cls.LABELS:
            raise ValueError(f"A search result type {value!r} is already registered.")
        cls.ALL = (*cls.ALL, value)
        cls.LABELS[value] = label
        cls.CHOICES.append((value, label))
        if suggested:
            cls.SUGGESTED.append(value)
        return value


class Audience:
    """Who may see a document. Anything more restricted is not indexed at all."""

    PUBLIC = "public"
    LOGIN = "login"  # pages restricted to signed-in users
    GROUPS = "groups"  # pages restricted to some groups (group_ids)


@dataclass
class SearchDocument:
    """One searchable thing, flattened: a page, a poll, a comment, a free-text answer.

    ``key`` ("<source>:<id>") identifies it across backends. ``title`` weighs
    most, ``subtitle`` (teaser, description, questions) next, ``body`` least.
    """

    key: str
    kind: str
    title: str
    url: str
    published_at: datetime
    subtitle: str = ""
    body: str = ""
    author: str = ""
    project_id: int | None = None
    project_title: str = ""
    department_id: int | None = None
    district_id: int | None = None
    topic_ids: list[int] = field(default_factory=list)
    audience: str = Audience.PUBLIC
    group_ids: list[int] = field(default_factory=list)
    # The tree path of the page that shows it: which site it belongs to.
    page_path: str = ""
    # A contribution's state of its own (a proposal's "umsetzbar"), for the state facet.
    state: str = ""

    @property
    def year(self) -> int:
        return self.published_at.year


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    published_at: datetime
    author: str = ""
    project_id: int | None = None
    project_title: str = ""
    department_id: int | None = None
    department_name: str = ""
    score: float = 0.0
    kind_label: str = ""
    title_highlight: str = ""  # escaped HTML with <mark>
    excerpt: str = ""  # escaped HTML with <mark>
    # Query words (as typed) this hit does not contain: partial matches.
    missing_words: list[str] = field(default_factory=list)
    # Raw texts for highlighting; never sent to clients.
    subtitle: str = field(default="", repr=False)
    body: str = field(default="", repr=False)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Words of the query nobody wrote, each with the similar word it may
    # mean, as people write it ({"winzrela": "Winzerla"}): "Meinten Sie ...?".
    corrections: dict[str, str] = field(default_factory=dict)
    # True when the hits include matches of those corrections (the query's
    # own words are ranked first); False when they are only suggested.
    corrections_applied: bool = False
    # True when some hits match only some of the query's words (ranked
    # after those that match all).
    partial: bool = False
    # Lexemes (folded stems, compounds, corrections) the backend matched, for highlighting.
    highlight_terms: list[str] = field(default_factory=list)
    # True when a very common word matched more than the backend counts
    # exactly: ``total`` (and the facets) then cover the first matches only.
    total_is_lower_bound: bool = False

    @property
    def did_you_mean(self) -> list[str]:
        return list(self.corrections.values())

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))
