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
"""

from wagtail.models import PagePermissionTester

from departments.models import Role
from departments.rules import roles_of


class DepartmentPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        theirs = user.is_superuser or roles_of(user).covers(Role.EDITOR, page.department_id)
        if user.is_active and not theirs:
            # Not theirs: no action the tree granted reaches this project.
            self.permissions = set()
