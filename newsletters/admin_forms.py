"""Forms of the newsletter admin: the composer (own units only) and the schedule."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from departments.forms import offer_own_units
from newsletters import rules
from newsletters.models import Audience

AUDIENCE_FIELDS = {
    Audience.DEPARTMENT: "audience_department",
    Audience.TOPIC: "audience_topic",
    Audience.DISTRICT: "audience_district",
}


class NewsletterForm(WagtailAdminModelForm):
    """Unit editors pick among their own units, for the owner and for the audience."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_own_units(self)
        offer_own_units(self, "audience_department")

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        for kind, field in AUDIENCE_FIELDS.items():
            if audience == kind and not cleaned.get(field):
                self.add_error(field, _("Choose whose followers receive it."))
            elif audience != kind:
                cleaned[field] = None
        user = getattr(self, "for_user", None)
        if user is not None and audience and not self.errors:
            refusal = rules.audience_refusal(
                user,
                department=cleaned.get("department"),
                audience=audience,
                audience_department=cleaned.get("audience_department"),
            )
            for error in refusal.errors if refusal else ():
                self.add_error(error["field"], error["message"])
        return cleaned


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Send on"),
        widget=AdminDateTimeInput,
        help_text=_("The newsletter goes out within five minutes after this time."),
    )
