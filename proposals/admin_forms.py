"""The admin's forms: an idea collection (a project of one's own units), an official answer."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from departments.rules import is_participation_team, units_choosable_by
from proposals import rules
from proposals.models import ANSWER_MAX, ProposalState
from proposals.services import latest_answer_id


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


class AnswerForm(forms.Form):
    """The official answer in the proposal's inspect view: the states this proposal may take."""

    state = forms.ChoiceField(label=_("New state"))
    text = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Public, shown with the date and the name of your unit. "
            "Required for “not feasible”: the reason."
        ),
    )

    # The latest answer the editor saw (services.answer_proposal refuses if there is a newer one).
    after_answer = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after_answer"].initial = latest_answer_id(proposal)
        self._offer_states(proposal)

    def _offer_states(self, proposal) -> None:
        self.fields["state"].choices = [
            (value, ProposalState(value).label) for value in rules.next_states(proposal)
        ]

    def show_again(self, proposal) -> None:
        """After "answered in the meantime": the new answer counts as seen, the states follow it.

        The editor's text and the errors stay; sending again answers after the new answer.
        """
        self.data = self.data.copy()
        self.data["after_answer"] = str(latest_answer_id(proposal))
        self._offer_states(proposal)

    def add_refusal(self, refusal) -> None:
        """The service's field errors next to their fields, the rest above the form."""
        if not refusal.errors:
            self.add_error(None, refusal.detail)
        for error in refusal.errors:
            field = error.get("field")
            self.add_error(field if field in self.fields else None, error["message"])
