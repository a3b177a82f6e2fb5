from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_display_name


class User(AbstractUser):
    """A citizen or a member of staff.

    Citizens appear in public only under ``display_name``, a pseudonym they
    choose; their e-mail address and username are never shown. Staff use
    the same model, so an editor can also take part as a citizen.
    """

    display_name = models.CharField(
        _("public display name"),
        max_length=40,
        blank=True,
        validators=[validate_display_name],
        help_text=_(
            "Shown next to your contributions. You may use a pseudonym; "
            "please do not use your e-mail address."
        ),
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"),
                name="unique_display_name_ci",
                condition=~models.Q(display_name=""),
                violation_error_message=_("This display name is already taken."),
            )
        ]

    @property
    def public_name(self) -> str:
        return self.display_name or _("Participant")
