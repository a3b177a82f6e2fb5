"""The project list's filter form.

A filter value that does not exist (an outdated link, a typo) is ignored and
reported next to its field; it never causes an error page.
"""

from django import forms
from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from pages.models.snippets import District, Topic
from pages.status import ProjectStatus


class SlugChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("This filter value does not exist and was ignored."),
    }

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ProjectStatus.choices],
        error_messages={"invalid_choice": _("This filter value does not exist and was ignored.")},
    )
    department = SlugChoiceField(
        Department.objects.all(), label=_("Department"), empty_label=_("All departments")
    )
    topic = SlugChoiceField(Topic.objects.all(), label=_("Topic"), empty_label=_("All topics"))
    district = SlugChoiceField(
        District.objects.all(), label=_("District"), empty_label=_("All districts")
    )

    def __init__(self, data=None, **kwargs):
        # Only our own keys make the form bound: ``?page=2`` alone is not a filter.
        if data is not None:
            data = {key: data.get(key) for key in self.base_fields if key in data}
        super().__init__(data or None, **kwargs)

    def use_choices(self, districts) -> None:
        """Fills the selects: departments and topics in one query, ``districts`` as given.

        For the project list, which reads all districts anyway (for its map).
        """
        rows = (
            Department.objects.order_by()
            .annotate(reference=Value("department"))
            .values_list("reference", "slug", "name")
            .union(
                Topic.objects.order_by()
                .annotate(reference=Value("topic"))
                .values_list("reference", "slug", "name"),
                all=True,
            )
        )
        choices = {"department": [], "topic": []}
        for reference, slug, name in sorted(rows, key=lambda row: row[2]):
            choices[reference].append((slug, name))
        choices["district"] = [(district.slug, district.name) for district in districts]
        for name, options in choices.items():
            field = self.fields[name]
            field.choices = [("", field.empty_label), *options]

    def active_filters(self) -> dict:
        """The valid, non-empty filter values; invalid ones are dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    def filter(self, projects):
        filters = self.active_filters()
        if "status" in filters:
            projects = projects.filter(derived_status=filters["status"])
        if "department" in filters:
            department = filters["department"]
            projects = projects.filter(department__in=Department.objects.family_ids(department))
        if "topic" in filters:
            projects = projects.filter(topics=filters["topic"])
        if "district" in filters:
            projects = projects.filter(district=filters["district"])
        return projects
