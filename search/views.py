"""The site search page.

For now it searches the pages a visitor may see through Wagtail's search
backend. The search over all contributions (comments, polls) replaces the
query behind it, not this view's contract.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from search.forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET or None)
    query = form.query()
    page_obj = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        page_obj = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {"form": form, "query": query, "page_obj": page_obj},
    )
