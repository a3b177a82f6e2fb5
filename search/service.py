"""Running a search: the one place the search page and the search API call.

The backend finds and ranks; this module adds what must hold whatever the
backend: visibility checked again against the database for the hits shown
(an index can lag behind a moderation by a moment), highlights computed for
those hits only, and readable facet labels.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from participation.page_access import PageAccess
from participation.refusals import InvalidInput, Unavailable
from search import breaker, hit_checks
from search.backends import get_backend
from search.backends.base import Filters, SearchQuery, SearchUnavailable, Suggestion, Viewer
from search.documents import Kind, SearchResults
from search.facets import facets
from search.forms import PAGE_SIZE, SearchForm
from search.highlight import Highlighter
from search.text import parse_query


class SearchOffline(Unavailable):
    """The search backend does not answer: search degrades, the rest of the site works."""

    code = "search_unavailable"
    title = gettext_lazy("Search unavailable")

    def __init__(self, detail: str | None = None, **kwargs):
        super().__init__(
            getattr(settings, "PORTAL_SEARCH_RETRY_AFTER", 30),
            detail or _("Search is briefly unavailable. Please try again in a few minutes."),
            **kwargs,
        )


def form_refusal(form: SearchForm) -> InvalidInput:
    errors = [
        {"field": field, "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]
    return InvalidInput(
        _("Some search parameters are invalid."), errors=errors, code="invalid_search"
    )


def viewer_for(access: PageAccess) -> Viewer:
    """What a search may show this viewer: their audiences within their site."""
    if not access.authenticated:
        return Viewer(site_root_path=access.site_root_path)
    return Viewer(
        authenticated=True,
        superuser=access.superuser,
        group_ids=sorted(access.group_ids),
        site_root_path=access.site_root_path,
    )


def filters_from(cleaned: dict) -> Filters:
    chosen = {}
    for facet in facets():
        if value := cleaned.get(facet.name):
            chosen.update(facet.filters(value))
    return Filters(kinds=list(cleaned.get("kind") or []), year=cleaned.get("year"), **chosen)


@dataclass
class SearchOutcome:
    query: str
    results: SearchResults | None  # None: nothing to search for (show help)
    # The query with its unknown (or very rare) words replaced by what they
    # may mean, as people write it: the "Meinten Sie ...?" link. Empty if none.
    corrected_query: str = ""
    # Question and filler words that were not searched ("wann", "gibt").
    ignored_words: list[str] = field(default_factory=list)


def corrected_query(raw: str, corrections: dict[str, str]) -> str:
    """``raw`` with each corrected word (whole words, any case) replaced."""
    corrected = raw
    for word, replacement in corrections.items():
        corrected = re.sub(
            rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", replacement, corrected, flags=re.I
        )
    return corrected if corrected != raw else ""


def as_typed(raw: str, words: list[str]) -> list[str]:
    """The words (lower-cased by the parser) as the visitor typed them."""
    typed = {word.lower(): word for word in re.findall(r"[^\W_]+", raw)}
    return [typed.get(word, word) for word in words]


def run_search(form: SearchForm, access: PageAccess, page_size: int = PAGE_SIZE) -> SearchOutcome:
    """Searches with a *valid* form; raises InvalidInput for a page beyond the results,
    SearchOffline when the backend does not answer.

    Everything the answer says (hits, totals, facets, suggestions) covers
    only what ``access`` may see: the backends filter on each document's
    audience and site before counting; the hits are checked once more
    against the database.
    """
    cleaned = form.cleaned_data
    parsed = parse_query(cleaned.get("q") or "")
    if parsed.is_empty:
        return SearchOutcome(query=cleaned.get("q") or "", results=None)
    viewer = viewer_for(access)
    query = SearchQuery(
        parsed=parsed,
        filters=filters_from(cleaned),
        viewer=viewer,
        page=cleaned["page"],
        page_size=page_size,
    )
    try:
        results = breaker.guarded(get_backend().search, query)
    except SearchUnavailable as error:
        raise SearchOffline() from error
    if results.total and query.page > results.page_count:
        raise InvalidInput(
            ngettext(
                "There is only %(count)d page of results.",
                "There are only %(count)d pages of results.",
                results.page_count,
            )
            % {"count": results.page_count},
            errors=[{"field": "page", "message": _("This page does not exist.")}],
            code="page_out_of_range",
        )
    names = check_hits_and_name_facets(results, viewer, access)
    add_highlights(results, parsed.positive_words, names)
    label_facets(results, form, names)
    results.corrections = dict(
        zip(
            as_typed(parsed.raw, list(results.corrections)),
            results.corrections.values(),
            strict=True,
        )
    )
    for hit in results.hits:
        # A corrected word is missing as the word it was corrected to.
        missing = as_typed(parsed.raw, hit.missing_words)
        hit.missing_words = [results.corrections.get(word, word) for word in missing]
    return SearchOutcome(
        query=cleaned["q"],
        results=results,
        corrected_query=corrected_query(parsed.raw, results.corrections),
        ignored_words=as_typed(parsed.raw, parsed.ignored),
    )


def visible_keys(keys, viewer: Viewer) -> set[str]:
    """The keys whose objects ``viewer`` may see now, asked of the database (one query)."""
    return hit_checks.check(keys, viewer, {}).visible


def check_hits_and_name_facets(
    results: SearchResults, viewer: Viewer, access: PageAccess
) -> dict[str, dict[int, str]]:
    """Drops the hits ``viewer`` may no longer see and names the facet values, in one query.

    A project facet whose page this viewer may not see (yet, if the index
    lags) is dropped rather than named.
    """
    wanted = {
        facet.name: {int(value.value) for value in results.facets.get(facet.name) or []}
        for facet in facets()
        if facet.options is None
    }
    if "department" in wanted:
        wanted["department"] |= {hit.department_id for hit in results.hits if hit.department_id}
    checked = hit_checks.check([hit.key for hit in results.hits], viewer, wanted, access)
    results.hits = [hit for hit in results.hits if hit.key in checked.visible]
    for facet in facets():
        if facet.pages and facet.name in results.facets:
            named = checked.names.get(facet.name, {})
            results.facets[facet.name] = [
                value for value in results.facets[facet.name] if int(value.value) in named
            ]
    return checked.names


def suggest(prefix: str, access: PageAccess, limit: int = 8) -> list[Suggestion]:
    """Titles for search-as-you-type, only of what ``access`` may see (checked twice)."""
    viewer = viewer_for(access)
    try:
        suggestions = breaker.guarded(get_backend().autocomplete, prefix, viewer, limit=limit)
    except SearchUnavailable as error:
        raise SearchOffline() from error
    visible = visible_keys([s.key for s in suggestions if s.key], viewer)
    return [suggestion for suggestion in suggestions if suggestion.key in visible]


def add_highlights(results: SearchResults, fallback_terms: list[str], names: dict) -> None:
    highlighter = Highlighter(results.highlight_terms or fallback_terms)
    for hit in results.hits:
        hit.kind_label = str(Kind.LABELS.get(hit.kind, hit.kind))
        # Elasticsearch highlights itself; the other backends leave it to us.
        hit.title_highlight = hit.title_highlight or highlighter.mark(hit.title)
        hit.excerpt = (
            hit.excerpt or highlighter.excerpt(hit.body) or highlighter.excerpt(hit.subtitle)
        )
        if hit.department_id:
            hit.department_name = names.get("department", {}).get(hit.department_id, "")


def label_facets(results: SearchResults, form: SearchForm, names: dict) -> None:
    selected = {
        "kind": set(form.cleaned_data.get("kind") or []),
        "year": {str(form.cleaned_data["year"])} if form.cleaned_data.get("year") else set(),
    }
    options = {}
    for facet in facets():
        value = form.cleaned_data.get(facet.name)
        if facet.options is not None:
            options[facet.name] = {key: str(label) for key, label in facet.options()}
            selected[facet.name] = {value} if value else set()
        else:
            selected[facet.name] = {str(value.pk)} if value else set()
    for name, values in results.facets.items():
        for facet in values:
            if name == "kind":
                facet.label = str(Kind.LABELS.get(facet.value, facet.value))
            elif name in options:
                facet.label = options[name].get(facet.value, facet.value)
            elif name in names:
                facet.label = names[name].get(int(facet.value), facet.value)
            facet.selected = facet.value in selected.get(name, set())
