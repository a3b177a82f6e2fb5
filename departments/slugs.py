"""Slugs from German names: what filter links put into the URL (``?topic=radverkehr``)."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

GERMAN_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def german_slugify(text: str) -> str:
    """``Öffentlicher Raum`` -> ``oeffentlicher-raum`` rather than ``offentlicher-raum``."""
    return slugify(text.lower().translate(GERMAN_TRANSLITERATION))


class SlugFromNameMixin(models.Model):
    """Fills an empty slug from the name, so editors need not invent one.

    The slug is what project list filters put into the URL (``?topic=radverkehr``).
    """

    slug = models.SlugField(
        _("URL name"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in filter links. Leave empty to derive it from the name."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.name)[:80]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = german_slugify(self.name)[:80]
