from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Citizens' proposals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from proposals import discussion, role_groups, storage

        role_groups.connect()
        storage.connect()
        discussion.connect()
