"""How a page's discussion is moderated: a choice the page makes, a rule comments apply."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentModeration(models.TextChoices):
    POST = "post", _("Publish at once, moderate afterwards")
    PRE = "pre", _("Check every comment before it is published")
