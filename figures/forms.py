"""The dashboard's filter (a GET form): unit, period and project, limited to the user's units."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from figures.queries import FigureFilter
from figures.rules import figure_scope
from pages.models import ProjectPage
from pages.permissions import pages_outside_every_site


class PlainSelect(forms.Select):
    """A select rendered in Python: hundreds of projects, one template per option, cost 100 ms."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class FigureFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Administrative unit"),
        queryset=Department.objects.none(),
        required=False,
        widget=PlainSelect,
        help_text=_("Includes the units below it."),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=ProjectPage.objects.none(), required=False, widget=PlainSelect
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = figure_scope(user)
        units = Department.objects.order_by("name")
        projects = ProjectPage.objects.exclude(pk__in=pages_outside_every_site()).order_by("title")
        if self.scope is not None:
            units = units.filter(pk__in=self.scope)
            projects = projects.filter(department_id__in=self.scope)
        self.fields["department"].queryset = units
        self.fields["department"].empty_label = (
            _("Whole city") if self.scope is None else _("All my units")
        )
        self.fields["project"].queryset = projects.only("pk", "title")
        self.fields["project"].empty_label = _("All projects")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period lies before its start."))
        department, project = cleaned.get("department"), cleaned.get("project")
        if department and project and project.department_id not in self.department_ids(department):
            self.add_error("project", _("This project belongs to another unit."))
        return cleaned

    def department_ids(self, department) -> frozenset[int]:
        return frozenset(Department.objects.family_ids(department))

    def figure_filter(self) -> FigureFilter:
        """The filter of valid input; call after ``is_valid()``."""
        data = self.cleaned_data
        department, project = data.get("department"), data.get("project")
        ids = self.department_ids(department) if department else self.scope
        return FigureFilter(
            department_ids=ids,
            start=data.get("start"),
            end=data.get("end"),
            project_id=project.pk if project else None,
        )
