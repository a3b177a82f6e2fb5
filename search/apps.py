from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django's idiom: app modules that connect signals load once the registry is ready.
        from search import page_changes, registry, tasks
        from search.indexing import mark_dirty

        tasks.connect()  # the outbox drains after each commit
        registry.autodiscover()
        for source in registry.sources():
            source.connect(mark_dirty)
        page_changes.connect(mark_dirty)
