"""The city's administrative units (Dezernat, Fachbereich, Team) and the roles people hold in them.

A unit's roles are Django groups, one per unit and role (``DepartmentGroup``),
created from the tree (``departments.groups``), so that an administrator only
assigns people. A role held in a unit extends to every unit below it.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from departments.slugs import SlugFromNameMixin


class DepartmentQuerySet(models.QuerySet):
    def family_ids_of(self, department_ids) -> list[int]:
        """The ids given and those of every unit below them, at any depth.

        One query per level; the seen set ends a loop a bad parent chain
        would make.
        """
        ids = list(dict.fromkeys(department_ids))
        seen = set(ids)
        level = list(ids)
        while level:
            level = [
                pk
                for pk in self.filter(parent__in=level).values_list("pk", flat=True)
                if pk not in seen
            ]
            seen.update(level)
            ids.extend(level)
        return ids

    def family_ids(self, department: "Department") -> list[int]:
        """The department's id and those of every unit below it, at any depth.

        The administration has three levels (Dezernat, Fachbereich, Team): a
        filter on a Dezernat also finds what its teams are responsible for.
        """
        return self.family_ids_of([department.pk])


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
        # The table the unit had in the pages app, where it began.
        db_table = "pages_department"

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


class Role(models.TextChoices):
    """What someone does for participation, in one unit and every unit below it."""

    TEAM = "team", _("Participation team")
    EDITOR = "editor", _("Editorial team")
    MODERATOR = "moderator", _("Moderation")
    ANALYST = "analyst", _("Evaluation")
    STAFF = "staff", _("Staff")


# The participation team works for the whole city: its group has no unit.
CITY_WIDE_ROLES = (Role.TEAM,)


class DepartmentGroup(models.Model):
    """The group through which people hold ``role`` in ``department`` (or city-wide)."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="department_role", verbose_name=_("group")
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_groups",
        verbose_name=_("administrative unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)

    class Meta:
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "role"],
                name="one_group_per_department_and_role",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return str(self.group)
