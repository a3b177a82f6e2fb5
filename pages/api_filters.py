"""Project filters for /api/v2/pages/?type=pages.ProjectPage: status, department, topic, district.

The values are the same as in the project list's links (slugs: ``?topic=radverkehr``);
ids work as well (``?topic=4``), as the search API uses them. A value that
does not exist is a 400 problem naming the parameter, not an empty list: a
client with an outdated link should learn about it.

Every filter narrows by primary key (``pk__in`` a subquery), so Wagtail's
search (``?search=``, applied last) can combine with them: it only accepts
filters on indexed fields, and ``id`` is one.
"""

from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend

from departments.models import Department
from pages.models import District, ProjectPage, Topic
from pages.status import ProjectStatus
from participation.refusals import InvalidInput

PROJECT_FILTERS = ("status", "department", "topic", "district")


def unknown_value(name: str, value: str) -> InvalidInput:
    return InvalidInput(
        _("The filter value '%(value)s' for '%(name)s' does not exist.")
        % {"value": value, "name": name},
        errors=[{"field": name, "message": _("This filter value does not exist.")}],
        code="unknown_filter_value",
    )


def lookup(model, name: str, value: str):
    field = "pk" if value.isdigit() else "slug"
    item = model.objects.filter(**{field: value}).first()
    if item is None:
        raise unknown_value(name, value)
    return item


class ProjectFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        wanted = {name: request.GET[name] for name in PROJECT_FILTERS if name in request.GET}
        if not wanted:
            return queryset
        if not issubclass(queryset.model, ProjectPage):
            raise InvalidInput(
                _("Filter by %(names)s only together with type=pages.ProjectPage.")
                % {"names": ", ".join(sorted(wanted))},
                code="filter_needs_project_type",
            )
        projects = ProjectPage.objects.all()
        if "status" in wanted:
            if wanted["status"] not in ProjectStatus.values:
                raise unknown_value("status", wanted["status"])
            projects = projects.with_status(wanted["status"])
        if "department" in wanted:
            department = lookup(Department, "department", wanted["department"])
            projects = projects.filter(department__in=Department.objects.family_ids(department))
        if "topic" in wanted:
            projects = projects.filter(topics=lookup(Topic, "topic", wanted["topic"]))
        if "district" in wanted:
            projects = projects.filter(district=lookup(District, "district", wanted["district"]))
        return queryset.filter(pk__in=projects.values("pk"))
