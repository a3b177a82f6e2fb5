from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = _("Periodic jobs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from scheduling import registry

        registry.autodiscover()
