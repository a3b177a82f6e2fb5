"""Retention of anonymous authors' browser keys (PORTAL_RETENTION["anonymous_comment_keys"])."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from comments import caching
from comments.models import RETIRED_ANONYMOUS_KEY, Comment, CommentState
from scheduling.registry import register


def retire_anonymous_keys() -> int:
    """Unlinks decided anonymous comments from their author's browser after the retention period.

    The key lets an anonymous author see their comment while it waits and
    learn the decision. Once the comment was decided (its last moderation
    action, or its writing if there was none) longer ago than the period,
    the key is replaced by a marker: the comment stays "anonymous", but no
    browser can be linked to it any more (nor delete it by itself; the
    moderation still can).
    """
    cutoff = timezone.now() - settings.PORTAL_RETENTION["anonymous_comment_keys"]
    due = (
        Comment.objects.filter(author__isnull=True)
        .exclude(anonymous_key__in=["", RETIRED_ANONYMOUS_KEY])
        .exclude(state=CommentState.PENDING)
        .annotate(decided_at=Coalesce(Max("moderation_log__created_at"), "created_at"))
        .filter(decided_at__lt=cutoff)
        .values_list("pk", "page_id")
    )
    with transaction.atomic():
        rows = list(due)
        retired = Comment.objects.filter(pk__in=[pk for pk, _page in rows]).update(
            anonymous_key=RETIRED_ANONYMOUS_KEY
        )
        # Cached thread pages still hold the old keys.
        caching.bump_on_commit(*{page_id for _pk, page_id in rows})
    return retired


register(
    "comments.retire_anonymous_keys",
    timedelta(days=1),
    retire_anonymous_keys,
    description=(
        "Unlink decided anonymous comments from their browser after "
        "PORTAL_RETENTION['anonymous_comment_keys']."
    ),
)
