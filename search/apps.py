from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import page_changes, registry
        from search.indexing import mark_dirty

        registry.autodiscover()
        for source in registry.sources():
            source.connect(mark_dirty)
        page_changes.connect(mark_dirty)
