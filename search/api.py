"""Search endpoints of the participation API (/api/v1/search/)."""

from datetime import datetime

from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from participation.refusals import InvalidInput
from search.forms import MAX_QUERY_LENGTH, SearchForm
from search.service import form_refusal, run_search, suggest
from web.page_access import page_access_from_request

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field("", description='Words, "phrases" and -excluded words.')
    kind: list[str] = Field(
        default_factory=list, description="project, page, poll, comment, answer, proposal"
    )
    project: int | None = None
    department: int | None = None
    topic: int | None = None
    district: int | None = None
    state: str | None = Field(None, description="A proposal's state (see the state facet).")
    year: int | None = None
    page: int | None = Field(None, description="1-based page number (10 hits per page).")


class Reference(Schema):
    id: int
    title: str


class HitOut(Schema):
    type: str
    type_label: str
    title: str
    title_highlight: str = Field(description="Escaped HTML; matches wrapped in <mark>.")
    excerpt: str = Field(description="Escaped HTML; matches wrapped in <mark>.")
    url: str
    author: str | None
    project: Reference | None
    department: Reference | None
    date: datetime
    missing_words: list[str] = Field(
        description="Query words this hit does not contain (partial matches, ranked last)."
    )


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    query: str
    total: int = Field(description="Number of matches; a lower bound if total_is_lower_bound.")
    total_is_lower_bound: bool = Field(
        description="True for very common words: total and facets count the first matches only."
    )
    page: int
    page_size: int
    page_count: int
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]]
    did_you_mean: list[str] = Field(
        description='Words the query may have meant, as people write them ("Winzerla").'
    )
    did_you_mean_query: str | None = Field(
        description='The query with those words put in: the "Meinten Sie" link\'s query.'
    )
    corrections_applied: bool = Field(
        description="True when hits for those words are included (the query's own words "
        "matched nothing); false when they are only suggested."
    )
    partial: bool = Field(
        description="True when some hits contain only some of the words (see missing_words)."
    )
    ignored_words: list[str] = Field(
        description='Question and filler words that were not searched ("wann", "gibt").'
    )


class SuggestionOut(Schema):
    title: str
    url: str
    type: str


def params_as_querydict(params: SearchParams) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in params.dict().items():
        if isinstance(value, list):
            data.setlist(name, value)
        elif value is not None:
            data[name] = str(value)
    return data


@router.get("/", response=SearchOut, summary="Search all visible contributions")
def search(request, params: Query[SearchParams]):
    form = SearchForm(params_as_querydict(params))
    if not form.is_valid():
        raise form_refusal(form)
    outcome = run_search(form, page_access_from_request(request))
    if outcome.results is None:
        raise InvalidInput(
            _("Please enter a word to search for."),
            errors=[
                {"field": "q", "message": _("Enter at least one word that is not a stop word.")}
            ],
            code="empty_query",
        )
    results = outcome.results
    return {
        "query": outcome.query,
        "total": results.total - 1 if results.total_is_lower_bound else results.total,
        "total_is_lower_bound": results.total_is_lower_bound,
        "page": results.page,
        "page_size": results.page_size,
        "page_count": results.page_count,
        "hits": [
            {
                "type": hit.kind,
                "type_label": hit.kind_label,
                "title": hit.title,
                "title_highlight": hit.title_highlight,
                "excerpt": hit.excerpt,
                "url": hit.url,
                "author": hit.author or None,
                "project": {"id": hit.project_id, "title": hit.project_title}
                if hit.project_id
                else None,
                "department": {"id": hit.department_id, "title": hit.department_name}
                if hit.department_id
                else None,
                "date": hit.published_at,
                "missing_words": hit.missing_words,
            }
            for hit in results.hits
        ],
        "facets": {
            name: [vars(value) for value in values] for name, values in results.facets.items()
        },
        "did_you_mean": results.did_you_mean,
        "did_you_mean_query": outcome.corrected_query or None,
        "corrections_applied": results.corrections_applied,
        "partial": results.partial,
        "ignored_words": outcome.ignored_words,
    }


@router.get("/autocomplete", response=list[SuggestionOut], summary="Titles for search-as-you-type")
def autocomplete(request, q: str = Query("", max_length=MAX_QUERY_LENGTH)):
    suggestions = suggest(q, page_access_from_request(request))
    return [{"title": s.title, "url": s.url, "type": s.kind} for s in suggestions]
