"""A proposal's images (imported by ``proposals.models``).

Re-encoded without metadata by ``proposals.images``, stored under random
names in the proposals' own storage (``proposals.storage``), reached only
through ``proposals.media_views`` (the proposal's visibility).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.storage import proposal_storage

IMAGES_PER_PROPOSAL = 3
ALT_TEXT_MAX = 250


class ProposalImage(models.Model):
    """One of a proposal's images, re-encoded without metadata (``proposals.images``).

    The file has a random name in the proposals' storage; visitors reach it
    only through ``proposals.media_views`` (the proposal's visibility).
    """

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    file = models.FileField(_("file"), storage=proposal_storage, max_length=100)
    content_type = models.CharField(max_length=20)
    alt_text = models.CharField(_("alternative text"), max_length=ALT_TEXT_MAX)
    position = models.PositiveSmallIntegerField(_("position"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposal image")
        verbose_name_plural = _("proposal images")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "position"], name="proposal_image_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=IMAGES_PER_PROPOSAL),
                name="proposal_image_position_range",
            ),
            models.CheckConstraint(
                condition=~Q(alt_text=""), name="proposal_image_alt_text_required"
            ),
        ]

    def __str__(self):
        return f"{self.proposal_id}/{self.position}: {self.alt_text}"
