"""iCalendar (RFC 5545) files of the projects' phases, one per project and one of all.

Each phase is an all-day event whose UID is the phase's id under the
portal's host: when its dates change, calendar apps update the entry
instead of adding a second one. Visibility is the feeds' rule
(``pages.feeds.projects_in_site``).
"""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from pages.feeds import canonical_host, projects_in_site
from pages.models import ProjectPhase


def phase_uid(phase: ProjectPhase, host: str) -> str:
    return f"phase-{phase.pk}@{host}"


def phase_event(phase: ProjectPhase, project, *, url: str, host: str) -> Event:
    event = Event()
    event.add("uid", phase_uid(phase, host))
    event.add("dtstamp", project.last_published_at or timezone.now())
    if project.last_published_at:
        event.add("last-modified", project.last_published_at)
    event.add("summary", f"{project.title}: {phase.title}")
    # DTEND of an all-day event is exclusive: the day after the phase's last day.
    event.add("dtstart", phase.start_date)
    event.add("dtend", phase.end_date + timedelta(days=1))
    event.add("url", url)
    event.add("description", phase.description or project.teaser)
    return event


def phase_calendar(name: str, phases, *, request) -> bytes:
    host = split_domain_port(request.get_host())[0] or "localhost"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//{host}//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # How often subscribed calendar apps should look again (Outlook, Apple Calendar).
    calendar.add("x-published-ttl", "PT6H")
    urls = {}
    for phase in phases:
        project = phase.page
        if project.pk not in urls:
            urls[project.pk] = project.get_full_url(request)
        url = urls[project.pk]
        # The UID's host is the site's own, whichever address the calendar was fetched from.
        event = phase_event(phase, project, url=url, host=canonical_host(url, request))
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def phases_of(projects):
    return (
        ProjectPhase.objects.filter(page__in=projects.values("pk"))
        .select_related("page")
        .order_by("start_date", "page_id", "sort_order", "pk")
    )


def all_phases(request):
    name = _("Project dates - %(portal)s") % {"portal": settings.WAGTAIL_SITE_NAME}
    content = phase_calendar(name, phases_of(projects_in_site(request)), request=request)
    return calendar_response(content, "projekte.ics")


def project_phases(request, page_id: int):
    project = projects_in_site(request).filter(pk=page_id).first()
    if project is None:
        raise Http404
    phases = list(phases_of(projects_in_site(request).filter(pk=project.pk)))
    name = _("%(project)s - %(portal)s") % {
        "project": project.title,
        "portal": settings.WAGTAIL_SITE_NAME,
    }
    return calendar_response(
        phase_calendar(name, phases, request=request), f"projekt-{project.pk}.ics"
    )
