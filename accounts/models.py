from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.skeleton import comparison_key
from accounts.validators import normalize_display_name, validate_display_name


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
    # How the display name looks (accounts.skeleton.comparison_key): unique,
    # so no two names that read alike can exist, even if two signups race.
    display_name_skeleton = models.CharField(
        max_length=255, null=True, blank=True, unique=True, editable=False
    )

    class Meta(AbstractUser.Meta):
        pass

    def save(self, *args, **kwargs):
        self.display_name = normalize_display_name(self.display_name)
        self.display_name_skeleton = comparison_key(self.display_name) or None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "display_name_skeleton"}
        super().save(*args, **kwargs)

    @property
    def public_name(self) -> str:
        return self.display_name or _("Participant")
