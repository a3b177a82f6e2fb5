from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Administration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from departments import groups

        groups.connect(self)
