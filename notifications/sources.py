"""What an event's page means for who hears of it.

One rule, the one the project list and the feeds apply: a project reaches
its followers only while it is live, has no view restriction (on itself or
above it) and lies in a site (the practice area does not). A personal event
reaches its one recipient only while that account may see the page
(``participation.page_access``; a password restriction counts as closed,
since a mail has no session that entered it).

The audience of a project is whoever follows the project, its department
or any unit above it (following a Dezernat covers its Fachbereiche), one of
its topics, or its district.
"""

from __future__ import annotations

from departments.models import Department
from notifications.models import FollowTarget
from pages.models import ProjectPage
from pages.permissions import outside_every_site, pages_outside_every_site
from participation.page_access import PageAccess, ancestor_paths


def public_projects():
    """Projects whose events may reach anyone: live, unrestricted, in a site."""
    return ProjectPage.objects.live().public().exclude(pk__in=pages_outside_every_site())


def project_of(page) -> ProjectPage | None:
    """The project ``page`` is (or lies in), specific; None for pages outside projects."""
    if page is None:
        return None
    return ProjectPage.objects.filter(path__in=ancestor_paths(page.path)).order_by("-depth").first()


def is_public(project) -> bool:
    return project is not None and public_projects().filter(pk=project.pk).exists()


def public_project_of(page) -> ProjectPage | None:
    project = project_of(page)
    return project if is_public(project) else None


def may_see(user, page) -> bool:
    """Whether ``user`` may see ``page`` now, without a session's passwords."""
    if user is None or page is None or not user.is_active or outside_every_site(page):
        return False
    return PageAccess(user=user).may_view(page)


def unit_and_ancestors(department_id: int | None) -> list[int]:
    """The unit and the units above it, nearest first (a bad parent chain ends the loop)."""
    chain: list[int] = []
    while department_id is not None and department_id not in chain:
        chain.append(department_id)
        department_id = (
            Department.objects.filter(pk=department_id).values_list("parent_id", flat=True).first()
        )
    return chain


def audience_targets(project: ProjectPage) -> list[tuple[str, int]]:
    """The ``(target, target_id)`` pairs whose followers hear of ``project``."""
    targets = [(FollowTarget.PROJECT, project.pk)]
    targets += [(FollowTarget.DEPARTMENT, pk) for pk in unit_and_ancestors(project.department_id)]
    targets += [(FollowTarget.TOPIC, pk) for pk in project.topics.values_list("pk", flat=True)]
    if project.district_id:
        targets.append((FollowTarget.DISTRICT, project.district_id))
    return targets
