from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = _("Polls")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from polls import placements, role_groups, signals  # noqa: F401 - connects the cache invalidation

        placements.connect()
        role_groups.connect()
