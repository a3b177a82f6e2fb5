"""Which pages someone may see: the one rule every surface applies.

A page is visible to a viewer when it is live, lies in the site the viewer
came through (a second municipality on the same installation is another
site), and the viewer passes every view restriction on it and its
ancestors: signed in for a login restriction, a member of one of the
groups for a group restriction (superusers pass), the password entered in
this session for a password restriction. Contributions (comments, polls,
answers) are visible exactly when the page that shows them is.

``PageAccess`` holds what that takes from a request (the account, the
password restrictions passed in the session, the site) so that services
and search can apply the rule without the request; ``web.page_access``
builds it from one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction


class PageAccess:
    """What one viewer may see. ``site_root_path`` None means: every site (commands, tests)."""

    def __init__(
        self,
        user=None,
        passed_restrictions: Iterable[int] = (),
        site_root: Callable[[], str | None] | str | None = None,
    ):
        self.user = user if user is not None and user.is_authenticated else None
        self.passed_restrictions = frozenset(passed_restrictions)
        self._site_root = site_root

    @property
    def authenticated(self) -> bool:
        return self.user is not None

    @property
    def superuser(self) -> bool:
        return bool(self.user is not None and self.user.is_active and self.user.is_superuser)

    @cached_property
    def group_ids(self) -> frozenset[int]:
        if self.user is None:
            return frozenset()
        return frozenset(self.user.groups.values_list("pk", flat=True))

    @cached_property
    def site_root_path(self) -> str | None:
        root = self._site_root
        return root() if callable(root) else root

    def in_site(self, page_path: str) -> bool:
        root = self.site_root_path
        return root is None or bool(page_path and page_path.startswith(root))

    def passes(self, restriction: PageViewRestriction) -> bool:
        kind = restriction.restriction_type
        if kind == PageViewRestriction.PASSWORD:
            return restriction.pk in self.passed_restrictions
        if kind == PageViewRestriction.LOGIN:
            return self.authenticated
        if kind == PageViewRestriction.GROUPS:
            if self.superuser:
                return True
            return bool(self.group_ids & {group.pk for group in restriction.groups.all()})
        return True

    def may_view(self, page: Page, restrictions: Iterable[PageViewRestriction] | None = None):
        """Whether this viewer may see ``page`` (pass its restrictions, or they are looked up)."""
        if not page.live or not self.in_site(page.path):
            return False
        if restrictions is None:
            restrictions = restrictions_for([page]).get(page.pk, [])
        return all(self.passes(restriction) for restriction in restrictions)

    def visible(self, pages: Iterable[Page]) -> list[Page]:
        """The pages of ``pages`` this viewer may see, in order, in two queries at most."""
        pages = [page for page in pages if page.live and self.in_site(page.path)]
        by_page = restrictions_for(pages)
        return [page for page in pages if self.may_view(page, by_page.get(page.pk, []))]


def ancestor_paths(path: str) -> list[str]:
    steplen = Page.steplen
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


def with_restriction_flag(pages: QuerySet) -> QuerySet:
    """``pages`` annotated with ``view_restricted``: whether a view restriction lies on the
    page or an ancestor. ``restrictions_for`` (and so ``may_view`` and ``visible``) then
    look up restrictions only for the pages that have some: none for a public page.
    """
    applying = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return pages.annotate(view_restricted=Exists(applying))


def restrictions_for(pages: Iterable[Page]) -> dict[int, list[PageViewRestriction]]:
    """page id -> the view restrictions on the page and its ancestors, in one query (+ groups).

    Pages loaded ``with_restriction_flag`` and free of restrictions cost nothing.
    """
    pages = list(pages)
    result = {page.pk: [] for page in pages if getattr(page, "view_restricted", True) is False}
    pages = [page for page in pages if page.pk not in result]
    paths = {path for page in pages for path in ancestor_paths(page.path)}
    if not paths:
        return result
    restrictions = list(
        PageViewRestriction.objects.filter(page__path__in=paths)
        .select_related("page")
        .prefetch_related("groups")
    )
    result.update(
        {page.pk: [r for r in restrictions if page.path.startswith(r.page.path)] for page in pages}
    )
    return result
