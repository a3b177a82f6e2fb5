"""Comments on pages, the supports and reports they collect, and the moderation log.

A thread is a top-level comment (``depth`` 1, ``root`` empty) and its
replies; every reply points to its ``root`` so that the replies of a whole
page of threads load in one query. ``support_count`` and ``reply_count`` are
kept in step by ``comments.services`` inside the transaction that changes
them, so reading them is exact and costs nothing.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.targets import thread_filter


class CommentState(models.TextChoices):
    PUBLISHED = "published", _("published")
    PENDING = "pending", _("waiting for approval")
    REJECTED = "rejected", _("rejected")
    HIDDEN = "hidden", _("hidden after reports, awaiting review")
    DELETED_BY_AUTHOR = "deleted_by_author", _("deleted by the author")
    REMOVED = "removed", _("removed by the moderation")


# States that keep their place in a thread: published comments with their
# text, the others as a placeholder so that the replies stay readable.
# Pending and rejected comments never have replies (only published comments
# can be answered) and are shown to their author only.
THREAD_STATES = (
    CommentState.PUBLISHED,
    CommentState.HIDDEN,
    CommentState.DELETED_BY_AUTHOR,
    CommentState.REMOVED,
)
THREAD_STATE_VALUES = [state.value for state in THREAD_STATES]


# Written anonymously, but the browser's key is gone (it never equals a key:
# those are 64 hex digits).
RETIRED_ANONYMOUS_KEY = "-"


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=CommentState.PUBLISHED)

    def in_thread(self):
        """Comments that have a place in the public thread (text or placeholder)."""
        return self.filter(state__in=THREAD_STATE_VALUES)

    def for_page(self, page):
        """The page's own thread: its comments that are not on a subject (e.g. a proposal)."""
        return self.filter(page_id=getattr(page, "pk", page), subject_type__isnull=True)

    def for_target(self, target):
        """The thread of a discussion target: a page's own, or a subject's."""
        return self.filter(**thread_filter(target))

    def top_level(self):
        return self.filter(parent__isnull=True)

    def awaiting_review(self):
        """The moderation queue: pending, hidden, or published with open reports."""
        return self.filter(
            Q(state__in=[CommentState.PENDING, CommentState.HIDDEN])
            | Q(state=CommentState.PUBLISHED, reports__resolved=False)
        ).distinct()

    def with_author_names(self):
        """The authors' public names, without loading the accounts (threads show only that)."""
        return self.annotate(author_display_name=F("author__display_name"))

    def with_open_report_counts(self):
        return self.annotate(
            open_report_count=Count("reports", filter=Q(reports__resolved=False), distinct=True)
        )

    def count_for_pages(self, pages) -> dict[int, int]:
        """Published comments in each page's own thread (one query); no comments: 0."""
        page_ids = [getattr(page, "pk", page) for page in pages]
        counts = dict(
            self.published()
            .filter(page_id__in=page_ids, subject_type__isnull=True)
            .values_list("page_id")
            .annotate(count=Count("pk"))
            .values_list("page_id", "count")
        )
        return {page_id: counts.get(page_id, 0) for page_id in page_ids}


class Comment(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="portal_comments",
    )
    # What on the page the comment is about, if not the page itself: a
    # ``DiscussionTarget`` that is not a page (a proposal). ``page`` is then
    # the page the subject belongs to, so visibility, moderation scope and
    # search audience stay the page's (``comments.targets``).
    subject_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("discussed item (type)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject_id = models.PositiveBigIntegerField(_("discussed item"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    root = models.ForeignKey(
        "self",
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thread_replies",
        help_text=_("The top-level comment of the thread; empty for top-level comments."),
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        # Deleting an account keeps the thread: the comment stays, without its author.
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    # The pseudonymous participant key of an anonymous author (see
    # portal.participants); never shown, used to show them their own
    # pending comments. Empty for registered authors. Replaced by
    # RETIRED_ANONYMOUS_KEY some time after the comment was decided
    # (comments.periodic_jobs): still anonymous, but linked to no browser.
    anonymous_key = models.CharField(max_length=64, blank=True, editable=False)
    body = models.TextField(_("text"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=CommentState, default=CommentState.PUBLISHED
    )
    removal_reason = models.CharField(
        _("reason for the removal"),
        max_length=300,
        blank=True,
        help_text=_("Shown publicly in place of a removed comment."),
    )
    moderator_note = models.TextField(
        _("moderator note"), blank=True, help_text=_("Internal; never shown publicly.")
    )
    is_official = models.BooleanField(_("official answer"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    # A pinned answer that left the published state (hidden, removed) keeps
    # its place: restoring it pins it again, and it counts towards
    # COMMENTS_MAX_PINNED meanwhile (unpinning it frees the place).
    pin_on_restore = models.BooleanField(_("pinned again when restored"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    reply_count = models.PositiveIntegerField(
        _("replies"),
        default=0,
        help_text=_("Replies below this comment that have a place in the thread."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can moderate comments"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True, root__isnull=True, depth=1)
                | Q(parent__isnull=False, root__isnull=False, depth__gt=1),
                name="comment_tree_consistent",
            ),
            models.CheckConstraint(
                condition=~Q(is_pinned=True) | Q(parent__isnull=True),
                name="comment_only_top_level_pinned",
            ),
            models.CheckConstraint(
                condition=~Q(is_pinned=True, pin_on_restore=True),
                name="comment_pinned_or_waiting_for_its_pin",
            ),
            models.CheckConstraint(
                condition=Q(subject_type__isnull=True, subject_id__isnull=True)
                | Q(subject_type__isnull=False, subject_id__isnull=False),
                name="comment_subject_complete",
            ),
        ]
        indexes = [
            # Keyset pages of a page's own top-level comments (newest/oldest and
            # most supported). Partial, so they hold exactly the rows a thread
            # page reads and a deep page costs what the first does.
            models.Index(
                fields=["page", "created_at", "id"],
                condition=Q(
                    parent__isnull=True,
                    state__in=THREAD_STATE_VALUES,
                    subject_type__isnull=True,
                ),
                name="comment_top_by_date",
            ),
            models.Index(
                fields=["page", "support_count", "created_at", "id"],
                condition=Q(
                    parent__isnull=True,
                    state__in=THREAD_STATE_VALUES,
                    subject_type__isnull=True,
                ),
                name="comment_top_by_support",
            ),
            # The same for the thread of a subject (a proposal).
            models.Index(
                fields=["subject_type", "subject_id", "created_at", "id"],
                condition=Q(
                    parent__isnull=True,
                    state__in=THREAD_STATE_VALUES,
                    subject_type__isnull=False,
                ),
                name="comment_subject_top_by_date",
            ),
            models.Index(
                fields=["subject_type", "subject_id", "support_count", "created_at", "id"],
                condition=Q(
                    parent__isnull=True,
                    state__in=THREAD_STATE_VALUES,
                    subject_type__isnull=False,
                ),
                name="comment_subject_top_by_support",
            ),
            # The replies of a page of threads, in order.
            models.Index(
                fields=["root", "created_at", "id"],
                condition=Q(state__in=THREAD_STATE_VALUES),
                name="comment_replies_in_order",
            ),
            # Pinned answers (a handful among thousands).
            models.Index(fields=["page"], condition=Q(is_pinned=True), name="comment_pinned"),
            # Counts per page and state, the moderation queue.
            models.Index(fields=["page", "state"], name="comment_page_state"),
            # Counts per subject and state.
            models.Index(
                fields=["subject_type", "subject_id", "state"],
                condition=Q(subject_type__isnull=False),
                name="comment_subject_state",
            ),
            models.Index(fields=["state", "created_at"], name="comment_state_created"),
        ]

    def __str__(self):
        excerpt = " ".join(self.body.split())[:60]
        return f"#{self.pk} {excerpt}" if excerpt else f"#{self.pk}"

    @property
    def is_top_level(self) -> bool:
        return self.parent_id is None

    @property
    def is_anonymous(self) -> bool:
        return self.author_id is None and bool(self.anonymous_key)

    @property
    def author_name(self) -> str:
        """The public name: the author's pseudonym, 'Anonymous' or 'Deleted account'."""
        if self.author_id is not None:
            if "author_display_name" in self.__dict__:
                # Loaded with with_author_names(); the same fallback as User.public_name.
                return self.author_display_name or str(_("Participant"))
            return self.author.public_name
        if self.anonymous_key:
            return str(_("Anonymous"))
        return str(_("Deleted account"))

    @property
    def shows_text(self) -> bool:
        """Whether the text is shown (to those who may see the comment at all)."""
        return self.state in (
            CommentState.PUBLISHED,
            CommentState.PENDING,
            CommentState.REJECTED,
        )


class Support(models.Model):
    """One participant supports ("likes") one comment, at most once."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="supports")
    participant_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "participant_key"], name="one_support_per_participant"
            )
        ]
        indexes = [models.Index(fields=["participant_key", "comment"], name="support_by_key")]

    def __str__(self):
        return f"+1 #{self.comment_id}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    INSULT = "insult", _("Insult or discrimination")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Other reason")


class Report(models.Model):
    """A participant asks the moderation to look at a comment, at most once per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    participant_key = models.CharField(max_length=64)
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason)
    details = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "participant_key"], name="one_report_per_participant"
            )
        ]
        indexes = [models.Index(fields=["comment", "resolved"], name="report_open_by_comment")]

    def __str__(self):
        return f"{self.get_reason_display()} (#{self.comment_id})"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("approved")
    REJECT = "reject", _("rejected")
    HIDE = "hide", _("hidden")
    RESTORE = "restore", _("restored")
    REMOVE = "remove", _("removed")
    PIN = "pin", _("pinned")
    UNPIN = "unpin", _("unpinned")
    AUTO_HIDE = "auto_hide", _("hidden automatically after reports")
    NOTE = "note", _("note added")


class ModerationLogEntry(models.Model):
    """Who did what to which comment, and when."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="moderation_log")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for automatic actions."),
    )
    action = models.CharField(_("action"), max_length=20, choices=ModerationAction)
    from_state = models.CharField(_("previous state"), max_length=20, choices=CommentState)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log entries")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.comment_id}"
