"""The project page's view of its idea collections, without ``pages`` importing proposals.

``{% idea_collections page as collections %}`` in ``pages/project_page.html`` (read once:
the "how you can take part" box links to them, ``proposals/includes/project_collections.html``
shows them): the page is being rendered, so whoever sees this may see the page.
"""

from django import template

from proposals.models import IdeaCollection
from proposals.rendering import render_description

register = template.Library()


@register.simple_tag
def idea_collections(page) -> list[IdeaCollection]:
    return list(IdeaCollection.objects.filter(page_id=page.pk).order_by("submissions_start"))


@register.filter
def as_paragraphs(text):
    """A proposal's description as HTML (paragraphs, links; nh3-sanitised)."""
    return render_description(text or "")
