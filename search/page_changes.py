"""Everything shown on a page follows the page: one handler for every source.

A page's publication, its place in the tree, its view restrictions and its
deletion decide who may see the page and everything on it (its comments,
its polls and their answers). When one of them changes, every source is
asked which of its objects sit on the affected pages, and those are
queued for re-indexing in the same transaction as the change (the outbox),
so the index never keeps showing a contribution of a page that became
restricted. Restrictions and moves affect the whole subtree.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry


def mark_pages(page_ids, mark_dirty) -> None:
    page_ids = sorted({int(pk) for pk in page_ids})
    if not page_ids:
        return
    for source in registry.sources():
        mark_dirty(source.name, source.ids_on_pages(page_ids))


def subtree_ids(page: Page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def connect(mark_dirty) -> None:
    def page_changed(sender, instance, **kwargs):
        mark_pages([instance.pk], mark_dirty)

    def subtree_changed(sender, instance, **kwargs):
        page = instance.page if isinstance(instance, PageViewRestriction) else instance
        mark_pages(subtree_ids(page), mark_dirty)

    def page_deleting(sender, instance, **kwargs):
        # Before the rows go (afterwards nothing says what was on the page).
        # Deleting a page deletes its subtree, and each page of it comes by here.
        mark_pages([instance.pk], mark_dirty)

    page_published.connect(page_changed, weak=False, dispatch_uid="search-page-published")
    page_unpublished.connect(page_changed, weak=False, dispatch_uid="search-page-unpublished")
    post_page_move.connect(subtree_changed, weak=False, dispatch_uid="search-page-moved")
    pre_delete.connect(page_deleting, sender=Page, weak=False, dispatch_uid="search-page-deleting")
    for signal in (post_save, post_delete):
        signal.connect(
            subtree_changed,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"search-restriction-{signal}",
        )
    m2m_changed.connect(
        subtree_changed,
        sender=PageViewRestriction.groups.through,
        weak=False,
        dispatch_uid="search-restriction-groups",
    )
