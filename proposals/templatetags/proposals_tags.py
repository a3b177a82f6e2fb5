"""The project page's view of its idea collections, without ``pages`` importing proposals.

``{% idea_collections page %}`` in ``pages/project_page.html``: the page is
being rendered, so whoever sees this may see the page.
"""

from django import template

from proposals.models import IdeaCollection
from proposals.rendering import render_description

register = template.Library()


@register.inclusion_tag("proposals/includes/project_collections.html")
def idea_collections(page):
    collections = IdeaCollection.objects.filter(page_id=page.pk).order_by("submissions_start")
    return {"collections": list(collections)}


@register.filter
def as_paragraphs(text):
    """A proposal's description as HTML (paragraphs, links; nh3-sanitised)."""
    return render_description(text or "")
