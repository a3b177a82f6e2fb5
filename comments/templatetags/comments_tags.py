"""The discussion inside a page: ``{% comment_thread page %}``.

The tag only hands over: ``comments.presentation.thread_context`` decides
what the page shows (position, forms, cached listing) for this viewer.
"""

from django import template

from comments.presentation import thread_context
from comments.rendering import render_body

register = template.Library()


@register.filter
def comment_html(text):
    """A comment's text as safe HTML (escaped, paragraphs, links with rel="nofollow ugc")."""
    return render_body(text or "")


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, page):
    return thread_context(context, page)
