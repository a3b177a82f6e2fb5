from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemingConfig(AppConfig):
    name = "theming"
    verbose_name = _("Theme")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from theming import theme

        theme.connect()
