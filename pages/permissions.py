"""Department rights on projects: a role reaches the projects of its unit and the units below.

Wagtail's page permissions follow the tree, while projects sit side by side
under one project index (so their URLs do not depend on the administration's
structure, which changes). The tree grants the actions (``pages.role_groups``):
editors of every unit may add and change pages under the project indexes,
the participation team may also publish, everywhere.
``DepartmentPagePermissionTester`` then narrows a project to the people whose
role covers its department: an editor of another unit sees the project in
the explorer but cannot open, change, submit, move or delete it. Reviewers of
an approval task keep Wagtail's access to the page they review.

Pages that no Site reaches (the practice area of ``training``, under the
tree's root beside the portal's home) are not the departments' projects:
nobody sees them publicly, and there the tree alone decides, so trainees
with rights on that subtree only work on its projects without a unit role.
"""

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester, Site

from departments.models import Role
from departments.rules import roles_of


class DepartmentPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        theirs = (
            user.is_superuser
            or roles_of(user).covers(Role.EDITOR, page.department_id)
            or outside_every_site(page)
        )
        if user.is_active and not theirs:
            # Not theirs: no action the tree granted reaches this project.
            self.permissions = set()


def outside_every_site(page: Page) -> bool:
    """Whether no Site serves ``page`` (from Wagtail's cached site root paths).

    Before any site is set up, nothing counts as outside: the department
    rules apply to every project.
    """
    roots = Site.get_site_root_paths()
    url_path = page.url_path or ""
    return bool(roots) and not any(url_path.startswith(root.root_path) for root in roots)


def pages_outside_every_site():
    """The pages no Site serves (the practice area), by the same rule, as a subquery of ids."""
    roots = [root.root_path for root in Site.get_site_root_paths()]
    if not roots:
        return Page.objects.none().values("pk")
    served = Q()
    for root in roots:
        served |= Q(url_path__startswith=root)
    return Page.objects.exclude(served).values("pk")


def outside_every_site_ids() -> set[int]:
    return {row["pk"] for row in pages_outside_every_site()}
