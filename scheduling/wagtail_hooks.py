from wagtail import hooks
from wagtail.permissions import register_permission_policy

from scheduling.admin_views import PeriodicJobViewSet, ReadOnlyPermissionPolicy
from scheduling.models import PeriodicJob

register_permission_policy(PeriodicJob, ReadOnlyPermissionPolicy(PeriodicJob), exact_class=True)


@hooks.register("register_admin_viewset")
def register_periodic_jobs():
    return PeriodicJobViewSet()
