"""Where a comment hangs: a page's own thread, or a subject on a page.

A page's own thread is its comments without a subject. A subject (a
``DiscussionTarget`` that is not a page, e.g. a proposal) has the comments
naming it in ``Comment.subject``; their ``page`` is the page the subject
belongs to, so everything that asks the page (visibility, view
restrictions, moderation scope by unit, the search audience, the pages
epoch of the cache) works for them unchanged. Comments never import the
models of its subjects: it knows them as ``DiscussionTarget`` objects and
content types only.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType


def subject_type_id(target) -> int | None:
    """The content type id of a subject target; None for a page (or a page's snapshot)."""
    if not getattr(target, "discussion_is_subject", False):
        return None
    return ContentType.objects.get_for_model(type(target), for_concrete_model=True).pk


def thread_filter(target) -> dict:
    """The lookup of the comments in ``target``'s thread."""
    type_id = subject_type_id(target)
    if type_id is None:
        return {"page_id": target.pk, "subject_type__isnull": True}
    return {"subject_type_id": type_id, "subject_id": target.pk}


def placement(target) -> dict:
    """The fields a new comment in ``target``'s thread gets."""
    type_id = subject_type_id(target)
    if type_id is None:
        return {"page_id": target.pk}
    return {
        "page_id": target.discussion_page_id,
        "subject_type_id": type_id,
        "subject_id": target.pk,
    }


def holds(target, comment) -> bool:
    """Whether ``comment`` belongs to ``target``'s thread."""
    type_id = subject_type_id(target)
    if type_id is None:
        return comment.page_id == target.pk and comment.subject_type_id is None
    return comment.subject_type_id == type_id and comment.subject_id == target.pk


def thread_key(target) -> int | str:
    """The cache's name for the thread (``comments.caching``): the page id or the subject."""
    type_id = subject_type_id(target)
    return target.pk if type_id is None else f"s{type_id}-{target.pk}"


def thread_key_of(comment) -> int | str:
    if comment.subject_type_id is None:
        return comment.page_id
    return f"s{comment.subject_type_id}-{comment.subject_id}"


def same_thread(comment) -> dict:
    """The lookup of the comments in the thread ``comment`` belongs to."""
    if comment.subject_type_id is None:
        return {"page_id": comment.page_id, "subject_type__isnull": True}
    return {"subject_type_id": comment.subject_type_id, "subject_id": comment.subject_id}


def subject_of(comment):
    """The subject ``comment`` is about (a model instance), or None for a page's own thread."""
    if comment.subject_type_id is None:
        return None
    model = ContentType.objects.get_for_id(comment.subject_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=comment.subject_id).first()


def shown_at(comment, subject=None) -> str:
    """The address where ``comment``'s thread is shown: the subject's page or the page's."""
    if comment.subject_type_id is not None:
        subject = subject or subject_of(comment)
        return (subject.get_url() or "") if subject is not None else ""
    return comment.page.url or ""
