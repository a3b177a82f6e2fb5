"""The discussion's HTML forms: labels, widgets and where errors go.

The forms only render and carry the input; checking it is the services'
job, so every field is optional here and the services' errors are added to
the fields they name (``add_problem``).
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from comments.models import ReportReason


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, label=None, allow_official=False, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        if label:
            body.label = label
        body.widget.attrs["maxlength"] = settings.COMMENTS_MAX_LENGTH
        body.help_text = _(
            "Plain text, at most %(limit)d characters. Web addresses become links."
        ) % {"limit": settings.COMMENTS_MAX_LENGTH}
        if allow_official:
            self.fields["official"] = forms.BooleanField(
                label=_("Publish as the city's official answer"), required=False
            )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should the moderation look at this comment?"),
        choices=ReportReason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


def bound(form_class, data, *, auto_id, problem=None, **kwargs):
    """A form showing ``data`` and, if given, the problem's messages at their fields."""
    form = form_class(data or None, auto_id=auto_id, **kwargs)
    if problem is not None:
        form.is_valid()
        add_problem(form, problem)
    return form


def add_problem(form, problem) -> None:
    field_errors = [error for error in problem.errors if error.get("field") in form.fields]
    for error in field_errors:
        form.add_error(error["field"], error["message"])
    if not field_errors:
        form.add_error(None, problem.detail)
