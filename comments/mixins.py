"""What a model inherits to take comments: ``DiscussionMixin``.

A model takes comments by inheriting the mixin (as Wagtail's pages inherit
``PreviewableMixin`` or ``LockableMixin``); there is no list of commentable
types in the settings. The comments app finds the commentable models as the
concrete subclasses of the mixin (``commentable_models``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from comments.moderation import CommentModeration


class DiscussionTarget:
    """Everything the comments code asks of what a discussion is attached to.

    - ``pk``: the target's id (comments, cache keys and API URLs carry it);
    - ``title`` and ``get_url(request=None)``: how mails, the admin and the
      links in a thread name and reach it (pages have both; the cache's
      snapshot serves the API's reads, which need neither, and carries the
      page's ``path`` for the site check instead);
    - ``comments_enabled``, ``comments_follow_phases``,
      ``comments_moderation`` and ``comments_allow_anonymous``: the settings
      of its discussion (``DiscussionMixin`` carries them as fields);
    - ``participation_periods()``: when participation runs, for
      ``comments_follow_phases`` (below).

    The rules (``comments.rules``) read nothing else, so that a model instance
    and the plain snapshot the cache keeps of it (``comments.caching``) are
    both a target, and ``isinstance(target, DiscussionTarget)`` is the one
    test of whether something takes comments. Whether a visitor may see the
    target is the target's own business: for pages it is being live and the
    view restrictions (``comments.api.load_commentable_page``); a target that
    is not a page brings its own check (e.g. that of the page it belongs to).

    A target that is not a page is a *subject* on a page
    (``discussion_is_subject``): its comments keep ``Comment.page`` = the
    page it belongs to (``discussion_page_id``), so the page's visibility,
    view restrictions, moderation scope and search audience hold for them
    too, and name the subject next to it (``comments.targets``). Its
    ``discussion_public`` says whether everyone may see it (a proposal still
    waiting for moderation is not): search leaves its comments out.
    """

    discussion_is_subject = False
    discussion_public = True

    @property
    def discussion_page_id(self) -> int:
        """The page the discussion belongs to: the page itself, or the subject's page."""
        return self.pk

    def participation_periods(self) -> Iterable[tuple[date, date]] | None:
        """The (first, last) days on which participation runs, or None without a schedule.

        A discussion that follows the phases is open on these days only; a
        target without a schedule of its own (None) is open whenever its
        discussion is enabled.
        """
        return None


class DiscussionMixin(DiscussionTarget, models.Model):
    """A discussion on a model: its settings as fields, the rules in ``comments.rules``.

    Pages (``ProjectPage``) inherit it with its settings as fields. A target
    that is not a page and takes its settings from elsewhere (a proposal
    from its idea collection) inherits ``DiscussionTarget`` and sets
    ``discussion_is_subject``; its comments name it in ``Comment.subject``.
    """

    comments_enabled = models.BooleanField(
        _("comments allowed"),
        default=True,
        help_text=_("Untick to close the discussion; existing comments stay visible."),
    )
    comments_follow_phases = models.BooleanField(
        _("only during participation phases"),
        default=True,
        help_text=_("Comments are only possible while a phase that allows participation runs."),
    )
    comments_moderation = models.CharField(
        _("moderation"),
        max_length=8,
        choices=CommentModeration,
        default=CommentModeration.POST,
    )
    comments_allow_anonymous = models.BooleanField(
        _("anonymous comments allowed"),
        default=False,
        help_text=_("Comments without an account are always checked before they are published."),
    )

    # For the target's edit handler, e.g. in a MultiFieldPanel headed "Discussion".
    discussion_panels = [
        FieldPanel("comments_enabled"),
        FieldPanel("comments_follow_phases"),
        FieldPanel("comments_moderation"),
        FieldPanel("comments_allow_anonymous"),
    ]

    # Models ("app_label.Model") whose changes change the discussion's
    # settings, e.g. the phases behind ``participation_periods``: the cached
    # snapshots of the targets are dropped when one is saved or deleted.
    discussion_related_models: tuple[str, ...] = ()

    # The field naming the administrative unit responsible for the discussion:
    # the moderators of that unit (and the units above it) moderate it. None:
    # only city-wide moderators do.
    discussion_owner_field: str | None = None

    class Meta:
        abstract = True


@functools.cache
def commentable_models() -> tuple[type[models.Model], ...]:
    """The concrete models that take comments (known once the app registry is ready)."""
    return tuple(model for model in apps.get_models() if issubclass(model, DiscussionMixin))


def commentable_page_models() -> tuple[type[Page], ...]:
    """The page types that take comments: the targets ``Comment.page`` can point to."""
    return tuple(model for model in commentable_models() if issubclass(model, Page))
