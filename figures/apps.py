"""Figures (Auswertung).

The dashboard of participation figures per department and the yearly report.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = _("Figures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from figures import role_groups

        role_groups.connect()
