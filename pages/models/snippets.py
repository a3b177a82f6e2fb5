"""Reference data editors maintain once and pick on every project."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from departments.models import Department
from departments.slugs import SlugFromNameMixin
from participation import geo


class Topic(SlugFromNameMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class District(SlugFromNameMixin, index.Indexed, models.Model):
    """A part of the city (Stadtteil, Ortsteil) a project is about."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    # WGS 84, longitude first: a point on the proposals map inside it fills in the district.
    boundary = models.JSONField(
        _("boundary (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. A GeoJSON Polygon or MultiPolygon in WGS 84 (longitude, latitude), "
            "e.g. exported from the city's GIS. A place marked on a map inside it "
            "belongs to this district."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("boundary")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.boundary is not None:
            problem = geo.area_problem(self.boundary)
            if problem:
                raise ValidationError({"boundary": problem})


class ContactPerson(index.Indexed, models.Model):
    """The person in the administration citizens can ask about a project."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("department"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name
