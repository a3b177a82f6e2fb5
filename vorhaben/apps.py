from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VorhabenConfig(AppConfig):
    name = "vorhaben"
    verbose_name = _("Planned participation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from vorhaben import role_groups

        role_groups.connect()
