"""The idea collection's form in the admin: a project of the editor's own units."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from departments.rules import is_participation_team, units_choosable_by


class IdeaCollectionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        field = self.fields.get("page")
        if field is None or user is None:
            return
        if not (user.is_superuser or is_participation_team(user)):
            field.queryset = field.queryset.filter(department__in=units_choosable_by(user))
        field.widget = forms.Select(choices=field.choices)
