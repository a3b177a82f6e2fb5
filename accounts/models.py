from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
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
    # The versions of the documents agreed to last ("privacy=2;terms=1"),
    # copied from the Consent rows so that checking them costs no query.
    consented_versions = models.CharField(max_length=255, blank=True, editable=False)

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


class Consent(models.Model):
    """A citizen agreed to a version of a document (the privacy notice, the terms of use).

    Rows are never changed: a new version agreed to is a new row, so the
    history shows what was agreed to, and when.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="consents"
    )
    document = models.CharField(_("document"), max_length=40)
    version = models.CharField(_("version"), max_length=40)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["given_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "document", "version"], name="consent_once_per_version"
            )
        ]

    def __str__(self):
        return f"{self.document} {self.version}"
