"""The project's admin form: the department choice follows the editor's roles."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from departments.forms import offer_own_units
from departments.models import Department
from pages.permissions import outside_every_site
from pages.status import overlapping_phases


class ProjectPageForm(WagtailAdminPageForm):
    """A project's editor picks among their own units; the phases are checked together."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = offer_own_units(self)
        if field is not None and self.parent_page and outside_every_site(self.parent_page):
            # The practice area (no site): trainees hold no unit role, any unit will do.
            field.queryset = Department.objects.all()

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("phases")
        if formset is None:
            return cleaned_data
        # Unsaved phases have no primary key yet, so map them by identity.
        forms_by_phase = {
            id(form.instance): form
            for form in formset.forms
            if form.is_valid()
            and not form.cleaned_data.get("DELETE")
            and form.instance.start_date
            and form.instance.end_date
        }
        phases = [form.instance for form in forms_by_phase.values()]
        for earlier, later in overlapping_phases(phases):
            forms_by_phase[id(later)].add_error(
                "start_date",
                _("This phase overlaps with the phase '%(name)s'. Phases must not overlap.")
                % {"name": earlier.title},
            )
        return cleaned_data
