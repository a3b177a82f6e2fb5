"""Keeps the cache of comments (comments.caching) exact.

Cached threads are dropped when an author renames or deletes their account
(the comments survive a deletion: ``author`` is set to NULL by the database
relation, only the pages showing the old name need refreshing). Cached page
snapshots are dropped whenever a page, a view restriction or a model the
targets name in ``discussion_related_models`` (a project's phases) changes.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from comments import caching, targets
from comments.mixins import commentable_models
from comments.models import Comment


def _pages_of(user) -> set:
    """The threads (pages' own and subjects') the user wrote in: their cache keys."""
    places = (
        Comment.objects.filter(author=user)
        .values_list("page_id", "subject_type_id", "subject_id")
        .distinct()
    )
    return {
        targets.thread_key_of(Comment(page_id=page, subject_type_id=kind, subject_id=subject))
        for page, kind, subject in places
    }


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="comments_author_deleted")
def author_deleted(sender, instance, **kwargs):
    caching.bump_on_commit(*_pages_of(instance))


@receiver(post_save, sender=get_user_model(), dispatch_uid="comments_author_renamed")
def author_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and "display_name" not in update_fields):
        return
    caching.bump_on_commit(*_pages_of(instance))


def _pages_changed(**kwargs):
    caching.bump_pages_epoch()


def _page_saved_or_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        caching.bump_pages_epoch()


def _related_models() -> set[str]:
    """What the targets name as changing their discussion (lazy labels: no import of pages)."""
    return {label for model in commentable_models() for label in model.discussion_related_models}


# Anything that can change whether a page is live, where it sits, who may see
# it, or its discussion settings and phases makes the cached page snapshots stale.
page_published.connect(_pages_changed, dispatch_uid="comments_page_published")
page_unpublished.connect(_pages_changed, dispatch_uid="comments_page_unpublished")
post_page_move.connect(_pages_changed, dispatch_uid="comments_page_moved")
for _signal in (post_save, post_delete):
    _signal.connect(_page_saved_or_deleted, dispatch_uid=f"comments_page_{_signal}")
    _signal.connect(
        _pages_changed, sender=PageViewRestriction, dispatch_uid=f"comments_restriction_{_signal}"
    )
    for _label in _related_models():
        _signal.connect(_pages_changed, sender=_label, dispatch_uid=f"comments_{_label}_{_signal}")
