from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # optin registers the renderer of the confirmation mails it queues.
        from notifications import happenings, optin, signals  # noqa: F401

        signals.connect()
        happenings.connect()
