"""The official answers to proposals (imported by ``proposals.models``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.states import ProposalState

ANSWER_MAX = 4000


class ProposalAnswer(models.Model):
    """One official answer: a state change (or a further word in the same state), kept for good.

    The history is public: citizens see how an assessment came about. It
    names the answering unit as it was called then (``office``, copied, so
    a renamed or deleted unit does not rewrite past answers), never the
    person who wrote it.
    """

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    state = models.CharField(_("state"), max_length=20, choices=ProposalState)
    text = models.TextField(_("answer"), max_length=ANSWER_MAX, blank=True)
    office = models.CharField(_("answered by (unit)"), max_length=200)
    created_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["proposal", "-created_at"], name="proposal_answer_latest")]

    def __str__(self):
        return f"{self.proposal_id}: {self.state}"
