from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontCacheConfig(AppConfig):
    name = "frontcache"
    verbose_name = _("Front cache")

    def ready(self):
        from frontcache import receivers

        receivers.connect()
