"""Comments for tests, with the counters kept as the services keep them."""

import datetime

import factory
from django.db.models import F
from django.utils import timezone

from comments.models import THREAD_STATE_VALUES, Comment, CommentState
from tests.factories import UserFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """A published top-level comment; pass ``page``."""

    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Beitrag Nummer {n}")
    state = CommentState.PUBLISHED


def reply_to(parent: Comment, **kwargs) -> Comment:
    """A reply below ``parent``; ancestors count it if it has a place in the thread."""
    kwargs.setdefault("author", UserFactory())
    comment = CommentFactory(
        page_id=parent.page_id,
        subject_type_id=parent.subject_type_id,
        subject_id=parent.subject_id,
        parent=parent,
        root_id=parent.root_id or parent.pk,
        depth=parent.depth + 1,
        **kwargs,
    )
    if comment.state in THREAD_STATE_VALUES:
        ancestors = []
        current = parent
        while current is not None:
            ancestors.append(current.pk)
            current = current.parent
        Comment.objects.filter(pk__in=ancestors).update(reply_count=F("reply_count") + 1)
    return comment


def bulk_thread(page, *, top_level: int, replies_per_thread: int, author=None) -> list[Comment]:
    """``top_level`` threads with ``replies_per_thread`` direct replies each, via bulk_create.

    Timestamps increase in creation order (replies after their thread), one
    second apart, as real comments would be.
    """
    start = timezone.now() - datetime.timedelta(days=30)
    step = datetime.timedelta(seconds=1)
    roots = Comment.objects.bulk_create(
        Comment(
            page_id=page.pk,
            author=author,
            anonymous_key="" if author else "a" * 64,
            body=f"Diskussionsbeitrag {index}",
            created_at=start + index * (replies_per_thread + 1) * step,
            reply_count=replies_per_thread,
            support_count=index % 7,
        )
        for index in range(top_level)
    )
    Comment.objects.bulk_create(
        Comment(
            page_id=page.pk,
            parent_id=root.pk,
            root_id=root.pk,
            depth=2,
            author=author,
            anonymous_key="" if author else "a" * 64,
            body=f"Antwort {number} auf Beitrag {index}",
            created_at=root.created_at + (number + 1) * step,
        )
        for index, root in enumerate(roots)
        for number in range(replies_per_thread)
    )
    return roots
