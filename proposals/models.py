"""Citizens' proposals (Ideensammlung): a collection on a project, proposals, supports.

An ``IdeaCollection`` belongs to a project page through a plain foreign key,
not a ParentalKey inline: proposals must point to a row that no page
revision can delete or re-create (publishing or reverting a revision
rewrites a page's inline rows), and ``pages`` stays free of proposals (its
template shows the collection through ``proposals_tags``). The app refers to
pages' models by name only; the import contracts keep it below ``pages``.

What later steps hang on these models:
- the map: ``IdeaCollection.location_mode`` drives the form; ``Proposal.location``
  is a GeoJSON point, mirrored in ``latitude``/``longitude`` for the bounding-box
  filter in SQL (``participation.geo``, ``proposals.map_views``);
- images: ``IdeaCollection.images_allowed``, ``ProposalImage`` and
  ``Proposal.attachment`` (files in their own storage, ``proposals.storage``);
- official answers: ``ProposalAnswer`` keeps every state change with its
  text, date and the answering unit's name; ``Proposal.state`` is the latest;
- moderation: ``Proposal.moderation``, reports and the log
  (``proposals.moderation_models``, the queue in ``moderation_admin``);
- discussion: ``Proposal`` is a ``comments.mixins.DiscussionTarget`` (a
  subject on its project page, ``comments.targets``) with the settings of
  its collection; ``comment_count`` follows the published comments.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.mixins import DiscussionTarget
from comments.moderation import CommentModeration
from proposals.states import ProposalState
from proposals.storage import proposal_storage

TITLE_MAX = 140
DESCRIPTION_MAX = 4000
ADDRESS_MAX = 200


class LocationMode(models.TextChoices):
    REQUIRED = "required", _("required")
    OPTIONAL = "optional", _("optional")
    OFF = "off", _("no location")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("checked before publication")
    POST = "post", _("published at once, checked afterwards")


class IdeaCollection(models.Model):
    """An idea collection (Ideensammlung) of a project, with its own dates.

    Its own dates rather than a phase's: phases are inline rows of the page
    that a revision may rewrite, and a collection often runs longer for
    supports than for new proposals, which one phase cannot say.
    """

    page = models.ForeignKey(
        "pages.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="idea_collections",
    )
    title = models.CharField(_("title"), max_length=140)
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    submissions_start = models.DateField(_("new proposals from"))
    submissions_end = models.DateField(_("new proposals until (inclusive)"))
    supports_until = models.DateField(
        _("supports until (inclusive)"),
        help_text=_("Usually the end of the submission period or later."),
    )
    topics = models.ManyToManyField(
        "pages.Topic",
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("The categories citizens choose from. Leave empty for no category."),
    )
    location_mode = models.CharField(
        _("location"), max_length=10, choices=LocationMode.choices, default=LocationMode.OPTIONAL
    )
    images_allowed = models.BooleanField(
        _("images allowed"),
        default=False,
        help_text=_("Up to three images per proposal, each with a description."),
    )
    attachments_allowed = models.BooleanField(
        _("attachment allowed"),
        default=False,
        help_text=_("One PDF file per proposal."),
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=ModerationMode.choices, default=ModerationMode.POST
    )
    support_threshold = models.PositiveIntegerField(
        _("support threshold"),
        default=100,
        validators=[MinValueValidator(1)],
        help_text=_("A proposal with this many supports is marked as reached."),
    )
    # The discussion on each proposal (``Proposal`` as a DiscussionTarget):
    # open from the start of submissions until the end of supports.
    comments_enabled = models.BooleanField(
        _("comments allowed"),
        default=True,
        help_text=_(
            "Comments on the proposals are possible from the start of submissions "
            "until the end of supports. Untick to close the discussions; "
            "existing comments stay visible."
        ),
    )
    comments_moderation = models.CharField(
        _("moderation of comments"),
        max_length=8,
        choices=CommentModeration,
        default=CommentModeration.POST,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idea collection")
        verbose_name_plural = _("idea collections")
        ordering = ["-submissions_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submissions_end__gte=models.F("submissions_start")),
                name="idea_collection_submissions_ordered",
            ),
            models.CheckConstraint(
                condition=Q(support_threshold__gte=1), name="idea_collection_threshold_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.submissions_start and self.submissions_end:
            if self.submissions_end < self.submissions_start:
                raise ValidationError(
                    {"submissions_end": _("The period cannot end before it starts.")}
                )
            # Else a proposal made on the last day could never be supported.
            if self.supports_until and self.supports_until < self.submissions_end:
                raise ValidationError(
                    {"supports_until": _("Supports cannot end before submissions end.")}
                )

    def open_for_proposals(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.submissions_start <= today <= self.submissions_end

    def open_for_supports(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.submissions_start <= today <= self.supports_until


class Moderation(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden after reports, awaiting review")
    REJECTED = "rejected", _("rejected")
    REMOVED = "removed", _("removed by the moderation")


SHUFFLE_BITS = 62


def new_shuffle_key() -> int:
    """A proposal's place in the shared random cycle (``proposals.listing``)."""
    return secrets.randbits(SHUFFLE_BITS)


class ProposalQuerySet(models.QuerySet):
    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def visible_to(self, user):
        """Published ones, and the pending ones of ``user`` (moderators: see rules)."""
        if user is not None and user.is_authenticated:
            return self.filter(Q(moderation=Moderation.PUBLISHED) | Q(author=user))
        return self.published()


class Proposal(DiscussionTarget, models.Model):
    """A citizen's proposal; its discussion is a thread of comments on it (a subject).

    The discussion takes its settings from the collection: open from the
    start of submissions until supports end (staff may answer later, as
    everywhere), never anonymous, moderated as the collection says. It is
    closed while the proposal waits for moderation and once it is
    withdrawn; existing comments stay visible.
    """

    collection = models.ForeignKey(
        IdeaCollection,
        verbose_name=_("idea collection"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    # A deleted account leaves its proposals behind, without an author.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    category = models.ForeignKey(
        "pages.Topic",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address or place"), max_length=ADDRESS_MAX, blank=True)
    # GeoJSON for export as it is; the two floats (kept by ``save``) for the box filter in SQL.
    location = models.JSONField(_("location (GeoJSON point)"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, editable=False)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, editable=False)
    state = models.CharField(
        _("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.SUBMITTED
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PUBLISHED
    )
    # Shown to the author (and in the admin) when a moderator rejects or removes it.
    moderation_reason = models.CharField(_("reason of the moderation"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Kept in the transaction that adds or removes a Support row (services).
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    # Published comments in its discussion, kept in the transaction that
    # publishes or unpublishes one (``proposals.discussion``).
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    # Its comments go with it (they name it as their subject, not by a foreign key).
    discussion_comments = GenericRelation(
        "comments.Comment", content_type_field="subject_type", object_id_field="subject_id"
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    # Random, drawn once: the random order is a rotation of this order (listing.py).
    shuffle_key = models.BigIntegerField(default=new_shuffle_key, editable=False)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    # A PDF, checked by its content (proposals.attachments); named at random.
    attachment = models.FileField(
        _("attachment (PDF)"), storage=proposal_storage, max_length=100, blank=True
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The listing's keyset orders (newest, most supported) within a collection.
            models.Index(fields=["collection", "-created_at", "-id"], name="proposal_newest"),
            models.Index(
                fields=["collection", "-support_count", "-id"], name="proposal_most_supported"
            ),
            models.Index(fields=["collection", "shuffle_key", "id"], name="proposal_shuffled"),
            models.Index(fields=["collection", "latitude", "longitude"], name="proposal_located"),
            models.Index(
                fields=["collection", "-comment_count", "-id"], name="proposal_most_discussed"
            ),
        ]
        constraints = [
            # A point has both coordinates, or there is none: never half a location.
            models.CheckConstraint(
                condition=Q(location__isnull=True, latitude__isnull=True, longitude__isnull=True)
                | Q(location__isnull=False, latitude__isnull=False, longitude__isnull=False),
                name="proposal_location_whole",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.longitude, self.latitude = (
            self.location["coordinates"][:2] if self.location else (None, None)
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "location" in update_fields:
            kwargs["update_fields"] = {*update_fields, "latitude", "longitude"}
        super().save(*args, **kwargs)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def reached(self) -> bool:
        return self.support_count >= self.collection.support_threshold

    def get_url(self, request=None) -> str:
        return reverse("ideen:proposal", args=(self.pk,))

    @property
    def url(self) -> str:
        return self.get_url()

    # --- The discussion (comments.mixins.DiscussionTarget) ---

    discussion_is_subject = True
    comments_follow_phases = True
    comments_allow_anonymous = False

    @property
    def discussion_page_id(self) -> int:
        return self.collection.page_id

    @property
    def discussion_public(self) -> bool:
        return self.moderation == Moderation.PUBLISHED

    @property
    def comments_enabled(self) -> bool:
        return self.collection.comments_enabled and self.discussion_public and not self.withdrawn

    @property
    def comments_moderation(self) -> str:
        return self.collection.comments_moderation

    def participation_periods(self):
        return [(self.collection.submissions_start, self.collection.supports_until)]


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    # A deleted account's supports stay, without the account: the count does
    # not change behind the proposal's back, and the row names no one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposal_supports",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_account")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.proposal_id}"


from proposals.answer_models import ANSWER_MAX, ProposalAnswer  # noqa: E402
from proposals.media_models import (  # noqa: E402 - models of this app, after Proposal
    ALT_TEXT_MAX,
    IMAGES_PER_PROPOSAL,
    ProposalImage,
)
from proposals.moderation_models import (  # noqa: E402 - models of this app, after Proposal
    ProposalModerationAction,
    ProposalModerationLogEntry,
    ProposalReport,
)

__all__ = [
    "ALT_TEXT_MAX",
    "ANSWER_MAX",
    "IMAGES_PER_PROPOSAL",
    "IdeaCollection",
    "Proposal",
    "ProposalAnswer",
    "ProposalImage",
    "ProposalModerationAction",
    "ProposalModerationLogEntry",
    "ProposalReport",
    "ProposalState",
    "Support",
]
