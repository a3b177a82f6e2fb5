from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from participation.refusals import InvalidInput
from search.facets import facets
from search.forms import MAX_PAGE, SearchForm
from search.service import SearchOffline, run_search
from web.html import refused_page
from web.page_access import page_access_from_request

FACET_TITLES = {
    "kind": _("Type"),
    "project": _("Project"),
    "department": _("Department"),
    "topic": _("Topic"),
    "district": _("District"),
    "year": _("Year"),
}


def facet_title(name: str):
    """The built-in facets' titles; those the apps register bring their own label."""
    if name in FACET_TITLES:
        return FACET_TITLES[name]
    return next((facet.label for facet in facets() if facet.name == name), name)


def search(request):
    """The search page. Works without JavaScript: the filters are part of the GET form."""
    form = SearchForm(request.GET or None)
    outcome = problem = offline = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                outcome = run_search(form, page_access_from_request(request))
            except InvalidInput as error:
                problem = error
            except SearchOffline as error:
                offline = error
        else:
            status = 400
    results = outcome.results if outcome else None
    context = {
        "form": form,
        "query": outcome.query if outcome else "",
        "outcome": outcome,
        "results": results,
        "problem": problem,
        "offline": offline,
        "max_page": MAX_PAGE,
    }
    if results:
        context["facet_groups"] = [
            {"name": name, "title": facet_title(name), "values": values}
            for name, values in results.facets.items()
            if values
        ]
        context["start_index"] = (results.page - 1) * results.page_size + 1
        last = min(results.page_count, MAX_PAGE)
        context["page_numbers"] = range(max(1, results.page - 4), min(last, results.page + 4) + 1)
    response = render(request, "search/search.html", context, status=status)
    refusal = problem or offline
    return refused_page(response, refusal) if refusal else response
