from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import EventKind, Frequency


class NotificationSettingsForm(forms.Form):
    events = forms.MultipleChoiceField(
        label=_("Tell me when"),
        choices=EventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label=_("E-mail"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("The notification centre on this site always shows everything you chose."),
    )

    @classmethod
    def for_settings(cls, settings, data=None):
        wanted = [kind for kind in EventKind.values if kind not in settings.muted_events]
        return cls(data, initial={"events": wanted, "frequency": settings.frequency})

    def muted_events(self) -> list[str]:
        chosen = set(self.cleaned_data["events"])
        return [kind for kind in EventKind.values if kind not in chosen]
