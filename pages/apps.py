from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import chrome, news_announcements, role_groups

        role_groups.connect()
        news_announcements.connect()
        chrome.connect()
