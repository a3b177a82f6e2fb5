"""Wagtail's v2 filters, made strict: a bad value is a 400 problem naming the parameter.

The project filters (status, department, topic, district) belong to the
pages app (``pages.api_filters``).
"""

from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail.api.v2.filters import FieldsFilter, SearchFilter

from pages.api_filters import PROJECT_FILTERS
from participation.refusals import InvalidInput


class PortalFieldsFilter(FieldsFilter):
    """Wagtail's field filter (``?slug=...``), leaving the project filters' names to them.

    Wagtail's filter would read ``?department=verkehr`` as a foreign key id
    and fail; it only ever looks at ``request.GET``, so it gets the rest.
    """

    HANDLED = frozenset({"department", "district", "topics", *PROJECT_FILTERS})
    # Wagtail converts these itself; any other field's value goes to the
    # database as given, where ``?first_published_at=x`` was a 500.
    CONVERTED_BY_WAGTAIL = (models.BooleanField, models.IntegerField, models.AutoField)

    def filter_queryset(self, request, queryset, view):
        remaining = request.GET.copy()
        for name in self.HANDLED:
            remaining.pop(name, None)
        for name, value in remaining.items():
            check_field_value(queryset.model, name, value)
        return super().filter_queryset(SimpleNamespace(GET=remaining), queryset, view)


def check_field_value(model, name: str, value: str) -> None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if isinstance(field, PortalFieldsFilter.CONVERTED_BY_WAGTAIL) or field.is_relation:
        return
    try:
        field.to_python(value)
    except ValidationError:
        raise InvalidInput(
            _("The value '%(value)s' is not valid for '%(name)s'.")
            % {"value": value, "name": name},
            errors=[{"field": name, "message": _("This value is not valid for this field.")}],
            code="invalid_filter_value",
        ) from None


class PortalSearchFilter(SearchFilter):
    """Wagtail's search, with ``search_operator`` checked (any other value was a 500)."""

    OPERATORS = ("and", "or")

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in self.OPERATORS:
            raise InvalidInput(
                _("'search_operator' must be 'and' or 'or'."),
                errors=[
                    {
                        "field": "search_operator",
                        "message": _("This value is not one of the allowed choices."),
                    }
                ],
                code="invalid_search_operator",
            )
        return super().filter_queryset(request, queryset, view)
