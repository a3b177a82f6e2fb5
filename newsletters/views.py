"""The public archive: sent newsletters as web pages, newest first. Drafts do not exist (404)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from newsletters import content
from newsletters.models import Newsletter

PER_PAGE = 10


@require_GET
def archive(request):
    paginator = Paginator(Newsletter.objects.sent().select_related("department"), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "newsletters/archive.html", {"page_obj": page, "paginator": paginator})


@require_GET
def detail(request, pk, slug):
    newsletter = get_object_or_404(Newsletter.objects.sent(), pk=pk)
    if slug != newsletter.slug:
        return redirect(newsletter.get_absolute_url(), permanent=True)
    return render(
        request,
        "newsletters/newsletter.html",
        {"newsletter": newsletter, "sections": content.sections(newsletter)},
    )
