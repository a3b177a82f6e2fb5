"""Keeps cached threads exact when an author renames or deletes their account.

The comments themselves survive an account deletion (``author`` is set to
NULL by the database relation); only the pages showing the old name need
their cached threads dropped.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from comments import caching
from comments.models import Comment


def _pages_of(user) -> list[int]:
    return list(Comment.objects.filter(author=user).values_list("page_id", flat=True).distinct())


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="comments_author_deleted")
def author_deleted(sender, instance, **kwargs):
    caching.bump_on_commit(*_pages_of(instance))


@receiver(post_save, sender=get_user_model(), dispatch_uid="comments_author_renamed")
def author_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and "display_name" not in update_fields):
        return
    caching.bump_on_commit(*_pages_of(instance))
