"""Where a document that lives on a Wagtail page may be shown: the page's address and audience.

Every source whose documents sit on pages (the pages themselves, their
comments, the polls they embed) uses these, so the audience rule is one.
"""

from wagtail.models import Page, PageViewRestriction

from search.documents import Audience


def relative_url(page: Page) -> str:
    """The page's address within its own site (searches are scoped to one site)."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def audience_for(page: Page, restrictions: list[PageViewRestriction]) -> tuple[str, list] | None:
    """(audience, group ids) for a page, or None if it must not be indexed."""
    applying = [r for r in restrictions if page.path.startswith(r.page.path)]
    if not applying:
        return Audience.PUBLIC, []
    if any(r.restriction_type == PageViewRestriction.PASSWORD for r in applying):
        return None
    group_restrictions = [
        {group.pk for group in r.groups.all()}
        for r in applying
        if r.restriction_type == PageViewRestriction.GROUPS
    ]
    if group_restrictions:
        # Several restrictions must all be passed; the intersection never shows too much.
        return Audience.GROUPS, sorted(set.intersection(*group_restrictions))
    return Audience.LOGIN, []
