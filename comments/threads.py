"""Reading a page's discussion: pages of threads in a fixed number of queries.

Top-level comments are paged by keyset (never OFFSET): the cursor carries
the sort key of the last comment shown, signed so that it cannot be forged,
and the next page starts right after it using the partial indexes on
``Comment``. A deep page therefore costs what the first one does. The
replies of all threads on a page load in one more query, at most
``COMMENTS_REPLIES_PREVIEW`` per thread; longer threads link to a thread
view that pages through its replies the same way.

Queries for one page of a thread, whatever its size: the count, the
top-level comments, the pinned answers (first page only), the replies, the
viewer's supports and the viewer's own comments awaiting review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from comments import targets
from comments.cursors import (  # noqa: F401 (the thread's sorts and cursors, as before)
    CURSOR_SALT,
    DEFAULT_SORT,
    MOST_SUPPORTED,
    NEWEST,
    OLDEST,
    SORTS,
    check_sort,
    decode_cursor,
    encode_cursor,
    invalid_cursor,
    keyset_filter,
    ordering,
)
from comments.models import Comment, CommentState, Support
from participation import compiled
from participation.refusals import NotFound

OWN_PENDING_LIMIT = 20


@dataclass
class Thread:
    """One page of a page's discussion, ready to render or serialise."""

    page: object
    sort: str
    comments: list[Comment]
    pinned: list[Comment] = field(default_factory=list)
    next_cursor: str | None = None
    cursor: str | None = None
    comment_count: int = 0
    supported_ids: set[int] = field(default_factory=set)
    own_pending: list[Comment] = field(default_factory=list)
    # Set in the thread view (one top-level comment and a page of its replies).
    root: Comment | None = None
    replies: list[Comment] = field(default_factory=list)

    @property
    def is_first_page(self) -> bool:
        return self.cursor is None


def _build_tree(root: Comment, replies: list[Comment]) -> None:
    """Nests ``replies`` (in date order) below ``root``; a reply whose parent is
    not among them hangs directly below the root, marked ``shown_out_of_place``."""
    by_id = {root.pk: root}
    root.children = []
    for reply in replies:
        reply.children = []
        by_id[reply.pk] = reply
        parent = by_id.get(reply.parent_id)
        reply.shown_out_of_place = parent is None
        (parent or root).children.append(reply)
    root.shown_replies = len(replies)


def attach_replies(
    roots: list[Comment], per_thread: int | None = None, supporter: str | None = None
) -> list[Comment]:
    """The first replies of each thread, in one query; returns them.

    ``supporter``: a participant key; each reply then carries
    ``supported_by_viewer`` (``with_viewer_supports``).
    """
    per_thread = settings.COMMENTS_REPLIES_PREVIEW if per_thread is None else per_thread
    with_replies = [root.pk for root in roots if root.reply_count]
    replies_by_root = {}
    loaded = []
    if with_replies and per_thread > 0:

        def build(*stand_ins):
            replies = with_viewer_supports(
                Comment.objects.in_thread()
                .filter(root_id__in=stand_ins[: len(with_replies)])
                .with_author_names(),
                stand_ins[-1] if supporter is not None else None,
            )
            return (
                replies.annotate(
                    position=Window(
                        RowNumber(),
                        partition_by=[F("root_id")],
                        order_by=[F("created_at").asc(), F("id").asc()],
                    )
                )
                .filter(position__lte=per_thread)
                .order_by("root_id", "created_at", "id")
            )

        shape = ("replies", len(with_replies), per_thread, supporter is not None)
        values = [*with_replies, *([supporter] if supporter is not None else [])]
        replies = compiled.run(shape, build, values)
        for reply in replies:
            loaded.append(reply)
            replies_by_root.setdefault(reply.root_id, []).append(reply)
    for root in roots:
        _build_tree(root, replies_by_root.get(root.pk, []))
        root.more_replies = root.reply_count > root.shown_replies
    return loaded


def with_viewer_supports(comments, supporter: str | None):
    """``comments`` flagged ``supported_by_viewer`` for the participant key ``supporter``."""
    if supporter is None:
        return comments
    supports = Support.objects.filter(comment_id=OuterRef("pk"), participant_key=supporter)
    return comments.annotate(supported_by_viewer=Exists(supports))


def all_comments(thread: Thread):
    for root in [*thread.pinned, *thread.comments, *([thread.root] if thread.root else [])]:
        yield root
        stack = list(root.children)
        while stack:
            comment = stack.pop()
            yield comment
            stack.extend(comment.children)


def add_viewer_data(thread: Thread, participant) -> None:
    """The viewer's supports among the comments shown and their own comments awaiting review
    (asked on every request of a signed-in reader: both queries built once per process)."""
    if participant.is_authenticated:
        ids = [comment.pk for comment in all_comments(thread)]
        if ids:
            thread.supported_ids = supported_among(participant.key, ids)
    own = own_lookup(participant)
    if own is None:
        return
    where = targets.thread_filter(thread.page)
    lookups = {**where, **own}
    names = [name for name, value in lookups.items() if value is not True]

    def build(*stand_ins):
        values = dict(zip(names, stand_ins, strict=True))
        return (
            Comment.objects.filter(
                **{name: values.get(name, value) for name, value in lookups.items()},
                state__in=[CommentState.PENDING, CommentState.REJECTED],
            )
            .with_author_names()
            .order_by("-created_at", "-id")[:OWN_PENDING_LIMIT]
        )

    shape = ("own-pending", tuple(lookups))
    thread.own_pending = compiled.run(shape, build, [lookups[name] for name in names])


def supported_among(participant_key: str, comment_ids: list[int]) -> set[int]:
    """The ids of ``comment_ids`` this participant supports, in one query."""
    table = connection.ops.quote_name(Support._meta.db_table)
    comment = connection.ops.quote_name(Support._meta.get_field("comment").column)
    key = connection.ops.quote_name(Support._meta.get_field("participant_key").column)
    if connection.vendor != "postgresql":
        return set(
            Support.objects.filter(
                participant_key=participant_key, comment_id__in=comment_ids
            ).values_list("comment_id", flat=True)
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {comment} FROM {table} WHERE {key} = %s AND {comment} = ANY(%s)",  # noqa: S608
            [participant_key, comment_ids],
        )
        return {row[0] for row in cursor.fetchall()}


def page_scope(page) -> str:
    """The scope a cursor is valid in: one page's own thread, or one subject's."""
    key = targets.thread_key(page)
    return f"page:{key}" if isinstance(key, int) else f"subject:{key}"


def load_thread(page, participant, *, sort=None, cursor=None, limit=None) -> Thread:
    """A page of top-level comments of ``page`` with their first replies and the viewer's part.

    Two queries whoever reads (``load_shared_thread``): the viewer's own
    comments awaiting review come with the top-level ones, their supports as
    a flag on each comment.
    """
    return _load_thread(page, participant, sort=sort, cursor=cursor, limit=limit)


def load_shared_thread(page, *, sort=None, cursor=None, limit=None) -> Thread:
    """What every viewer of this page of the thread sees alike (no viewer data yet)."""
    return _load_thread(page, None, sort=sort, cursor=cursor, limit=limit)


# The parts of the one query for the top-level comments (``_load_thread``).
STREAM, PINNED, OWN = 0, 1, 2


def _load_thread(page, participant, *, sort, cursor, limit) -> Thread:
    """One query for the page of top-level comments, the pinned answers (first page), the
    viewer's own comments awaiting review and the count; one more for the replies.

    The parts are sliced and ordered each on its own (``UNION ALL``), so
    every part still walks its index and the cost does not grow with the
    thread. The SQL is built once per process for each shape of the query
    (``participation.compiled``).
    """
    sort = check_sort(sort)
    limit = limit or settings.COMMENTS_PAGE_SIZE
    scope = page_scope(page)
    supporter = (
        participant.key if participant is not None and participant.is_authenticated else None
    )
    cursor_values, inclusive = decode_cursor(cursor, scope, sort) if cursor else (None, False)
    where = targets.thread_filter(page)
    own = own_lookup(participant)
    shape = (
        "thread",
        tuple(where),
        sort,
        limit,
        cursor_values is not None,
        inclusive,
        supporter is not None,
        tuple(own or ()),
    )
    values = [
        *where.values(),
        *([supporter] if supporter is not None else []),
        *(cursor_values or []),
        *(own.values() if own else []),
    ]
    where_names = [name for name in where if not name.endswith("__isnull")]
    values = [value for value in values if value is not True]

    def build_parts(*stand_ins):
        stand_ins = list(stand_ins)
        taken = {name: stand_ins.pop(0) for name in where_names}
        where_now = {name: taken.get(name, value) for name, value in where.items()}
        supporter_now = stand_ins.pop(0) if supporter is not None else None
        count = published_count_where(where_now)

        def part(queryset, number):
            queryset = with_viewer_supports(queryset.with_author_names(), supporter_now)
            return queryset.annotate(
                thread_part=Value(number, output_field=IntegerField()),
                thread_total=Subquery(count, output_field=IntegerField()),
            )

        top = Comment.objects.filter(**where_now).top_level().in_thread()
        stream = top.filter(is_pinned=False)
        if cursor_values is not None:
            fields, descending = SORTS[sort]
            key = [stand_ins.pop(0) for _field in fields]
            stream = stream.filter(keyset_filter(fields, key, descending, inclusive))
        parts = [part(stream, STREAM).order_by(*ordering(sort))[: limit + 1]]
        if cursor_values is None:
            parts.append(part(top.filter(is_pinned=True), PINNED).order_by("created_at", "id"))
        if own:
            own_now = {
                name: (stand_ins.pop(0) if value is not True else True)
                for name, value in own.items()
            }
            pending = Comment.objects.filter(
                **where_now, **own_now, state__in=[CommentState.PENDING, CommentState.REJECTED]
            )
            parts.append(part(pending, OWN).order_by("-created_at", "-id")[:OWN_PENDING_LIMIT])
        return parts

    def build(*stand_ins):
        parts = build_parts(*stand_ins)
        return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

    if connection.features.supports_slicing_ordering_in_compound:
        rows = compiled.run(shape, build, values)
    else:
        # SQLite (make run) allows no LIMIT inside a UNION: the parts one by one.
        rows = [row for part in build_parts(*values) for row in part]
    by_part = {STREAM: [], PINNED: [], OWN: []}
    for row in rows:
        by_part[row.thread_part].append(row)
    roots = _sorted(by_part[STREAM], ordering(sort))
    thread = Thread(page=page, sort=sort, comments=roots[:limit], cursor=cursor or None)
    if len(roots) > limit:
        thread.next_cursor = encode_cursor(scope, sort, thread.comments[-1])
    thread.pinned = _sorted(by_part[PINNED], ["created_at", "id"])
    thread.own_pending = _sorted(by_part[OWN], ["-created_at", "-id"])
    replies = attach_replies([*thread.pinned, *thread.comments], supporter=supporter)
    # No row at all (a page past the end, an empty thread): the count on its own.
    thread.comment_count = rows[0].thread_total if rows else count_published(page)
    if supporter is not None:
        thread.supported_ids = {
            comment.pk
            for comment in [*thread.pinned, *thread.comments, *replies]
            if comment.supported_by_viewer
        }
    return thread


def own_lookup(participant) -> dict | None:
    """The viewer's own comments: by their account, or written with their browser's key."""
    if participant is None:
        return None
    if participant.is_authenticated:
        return {"author_id": participant.user.pk}
    if participant.key:
        return {"author__isnull": True, "anonymous_key": participant.key}
    return None


def _sorted(comments: list[Comment], order: list[str]) -> list[Comment]:
    """``comments`` in ``order`` (field names, "-" for descending), as ORDER BY would."""
    for name in reversed(order):
        field = name.lstrip("-")
        comments = sorted(comments, key=lambda c: getattr(c, field), reverse=name.startswith("-"))
    return comments


def published_count(page):
    """The number of published comments in the page's thread, as a subquery to annotate with."""
    return published_count_where(targets.thread_filter(page))


def published_count_where(where: dict):
    return (
        Comment.objects.filter(**where)
        .published()
        .order_by()
        .annotate(total=Func(F("pk"), function="COUNT"))
        .values("total")
    )


def count_published(page) -> int:
    return Comment.objects.for_target(page).published().count()


def thread_scope(root) -> str:
    return f"thread:{root.pk}"


def load_replies(page, root_id, participant, *, cursor=None, limit=None) -> Thread:
    """One top-level comment and a page of its replies, oldest first."""
    limit = limit or settings.COMMENTS_THREAD_PAGE_SIZE
    try:
        root = (
            Comment.objects.for_target(page)
            .top_level()
            .in_thread()
            .with_author_names()
            .annotate(thread_total=Subquery(published_count(page), output_field=IntegerField()))
            .get(pk=int(root_id))
        )
    except (Comment.DoesNotExist, TypeError, ValueError) as error:
        raise NotFound(_("This comment does not exist."), code="comment_not_found") from error
    replies = Comment.objects.in_thread().filter(root=root).with_author_names()
    if cursor:
        values, inclusive = decode_cursor(cursor, thread_scope(root), OLDEST)
        fields, descending = SORTS[OLDEST]
        replies = replies.filter(keyset_filter(fields, values, descending, inclusive))
    replies = list(replies.order_by(*ordering(OLDEST))[: limit + 1])
    thread = Thread(page=page, sort=OLDEST, comments=[], root=root, cursor=cursor or None)
    thread.replies = replies[:limit]
    if len(replies) > limit:
        thread.next_cursor = encode_cursor(thread_scope(root), OLDEST, thread.replies[-1])
    _build_tree(root, thread.replies)
    root.more_replies = bool(thread.next_cursor)
    thread.comment_count = root.thread_total
    add_viewer_data(thread, participant)
    return thread


def cursor_at(root: Comment, reply: Comment) -> str:
    """A thread-view cursor whose page starts at ``reply`` (used after answering)."""
    return encode_cursor(thread_scope(root), OLDEST, reply, inclusive=True)
