"""The poll editor's form: questions and choices checked together, and kept intact once voted on.

The department choice follows the editor's roles (as for projects).

Once ballots exist, removing or reordering questions and choices, or
changing what a question measures (kind, scale, number of choices), would
make the stored answers and counts mean something else. Rewording and
adding stay possible; every refusal says why.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from departments.forms import offer_own_units
from departments.rules import is_participation_team
from polls.models import Ballot, Choice, Question, QuestionKind

# Fields that define what a question's answers mean.
STRUCTURAL_FIELDS = ["kind", "scale_min", "scale_max", "min_choices", "max_choices"]


def kept_forms(formset):
    """The valid forms not marked for deletion, in the order the editor gave them."""
    forms = [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    return sorted(forms, key=lambda form: form.cleaned_data.get("ORDER") or 0)


def deleted_forms(formset):
    return [
        form
        for form in formset.forms
        if form.instance.pk and form.is_valid() and form.cleaned_data.get("DELETE")
    ]


def order_changed(stored_ids: list[int], kept) -> bool:
    """Whether the existing rows come in another relative order (new rows may go anywhere)."""
    stored = set(stored_ids)
    submitted = [form.instance.pk for form in kept if form.instance.pk in stored]
    return submitted != [pk for pk in stored_ids if pk in set(submitted)]


class PollAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = offer_own_units(self)
        if field is not None:
            # A poll without a unit is the team's: editors must name one of theirs.
            field.required = not is_participation_team(self.for_user)

    def clean(self):
        cleaned_data = super().clean()
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        for question_form in kept_forms(questions):
            self.check_choices(question_form)
        ballots = Ballot.objects.filter(poll=self.instance).count() if self.instance.pk else 0
        if ballots:
            self.check_structure_kept(questions, ballots)
        return cleaned_data

    def check_choices(self, question_form) -> None:
        kind = question_form.cleaned_data.get("kind")
        choices = kept_forms(question_form.formsets["choices"])
        count = len(choices)
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if count < 2:
                question_form.add_error("kind", _("A choice question needs at least two choices."))
            for name in ("min_choices", "max_choices"):
                limit = question_form.cleaned_data.get(name)
                if kind == QuestionKind.MULTIPLE and limit and limit > count:
                    question_form.add_error(
                        name,
                        ngettext(
                            "The question has only %(count)d choice.",
                            "The question has only %(count)d choices.",
                            count,
                        )
                        % {"count": count},
                    )
        elif count:
            question_form.add_error(
                "kind", _("Only single and multiple choice questions have choices.")
            )

    def check_structure_kept(self, questions, ballots: int) -> None:
        reason = ngettext(
            "This poll already has %(count)d ballot.",
            "This poll already has %(count)d ballots.",
            ballots,
        ) % {"count": ballots}
        if deleted_forms(questions):
            self.add_error(
                None,
                f"{reason} "
                + _("Questions cannot be removed: the answers given to them would be lost."),
            )
        kept = kept_forms(questions)
        stored_questions = list(
            Question.objects.filter(poll=self.instance)
            .order_by("sort_order", "pk")
            .values_list("pk", flat=True)
        )
        if order_changed(stored_questions, kept):
            self.add_error(
                None,
                f"{reason} "
                + _("Questions cannot be reordered: results and exports refer to their order."),
            )
        for question_form in kept:
            if question_form.instance.pk:
                self.check_question_kept(question_form, reason)

    def check_question_kept(self, question_form, reason: str) -> None:
        for name in STRUCTURAL_FIELDS:
            if name in question_form.changed_data:
                question_form.add_error(
                    name,
                    f"{reason} "
                    + _(
                        "This setting cannot be changed any more: the answers already given "
                        "would no longer fit. You can still reword the question."
                    ),
                )
        choices = question_form.formsets["choices"]
        if deleted_forms(choices):
            question_form.add_error(
                None,
                f"{reason} " + _("Choices cannot be removed: the votes for them would be lost."),
            )
        stored_choices = list(
            Choice.objects.filter(question=question_form.instance)
            .order_by("sort_order", "pk")
            .values_list("pk", flat=True)
        )
        if order_changed(stored_choices, kept_forms(choices)):
            question_form.add_error(None, f"{reason} " + _("Choices cannot be reordered."))
