"""The states of a proposal's assessment (eingereicht → in Prüfung → …)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    SUBMITTED = "eingereicht", _("submitted")
    IN_REVIEW = "in_pruefung", _("under review")
    FEASIBLE = "umsetzbar", _("feasible")
    NOT_FEASIBLE = "nicht_umsetzbar", _("not feasible")
    IMPLEMENTED = "umgesetzt", _("implemented")
