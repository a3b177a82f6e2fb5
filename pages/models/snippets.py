"""Reference data editors maintain once and pick on every project."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from pages.slugs import german_slugify


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


class DepartmentQuerySet(models.QuerySet):
    def family_ids(self, department: "Department") -> list[int]:
        """The department's id and those of every unit below it, at any depth.

        The administration has three levels (Dezernat, Fachbereich, Team): a
        filter on a Dezernat also finds what its teams are responsible for.
        One query per level; the seen set ends a loop a bad parent chain
        would make.
        """
        ids = [department.pk]
        seen = {department.pk}
        level = [department.pk]
        while level:
            level = [
                pk
                for pk in self.filter(parent__in=level).values_list("pk", flat=True)
                if pk not in seen
            ]
            seen.update(level)
            ids.extend(level)
        return ids


class Department(SlugFromNameMixin, index.Indexed, models.Model):
    """A unit of the city administration that owns projects (Dezernat, Fachbereich, Amt)."""

    class Kind(models.TextChoices):
        DEZERNAT = "dezernat", _("Division (Dezernat)")
        FACHBEREICH = "fachbereich", _("Department (Fachbereich)")
        TEAM = "team", _("Team or office (Team, Amt)")
        EIGENBETRIEB = "eigenbetrieb", _("Municipal enterprise (Eigenbetrieb)")

    name = models.CharField(_("name"), max_length=160, unique=True)
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("Abbreviation used in lists, e.g. 'FB Mobilität'."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.FACHBEREICH)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
        help_text=_("The division this unit belongs to, if any."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(
        _("public e-mail address"),
        blank=True,
        help_text=_("A functional mailbox of the unit, shown to citizens. No personal addresses."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("email"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
    ]

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A department cannot belong to itself.")})
        if self.pk and self.parent_id in Department.objects.family_ids(self):
            raise ValidationError(
                {"parent": _("A department cannot belong to one of its own units.")}
            )


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

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


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
