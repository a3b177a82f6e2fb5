"""The search app's tables.

``SearchEntry`` is the denormalised search table the PostgreSQL backend
queries (its ``tsvector`` column and GIN/trigram indexes are added by a
PostgreSQL-only migration); on SQLite it is searched more simply.
``OutboxEntry`` records what must be (re)indexed, in the same transaction as
the change that caused it, so that no update is lost when the search
backend is unreachable.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    key = models.CharField(max_length=64)
    kind = models.CharField(max_length=16)
    title = models.TextField()
    subtitle = models.TextField(blank=True)
    body = models.TextField(blank=True)
    author = models.CharField(max_length=80, blank=True)
    url = models.CharField(max_length=500)
    project_id = models.BigIntegerField(null=True, blank=True)
    project_title = models.TextField(blank=True)
    department_id = models.BigIntegerField(null=True, blank=True)
    district_id = models.BigIntegerField(null=True, blank=True)
    topic_ids = models.JSONField(default=list, blank=True)
    year = models.SmallIntegerField()
    published_at = models.DateTimeField()
    audience = models.CharField(max_length=8, default="public")
    group_ids = models.JSONField(default=list, blank=True)
    # Tree path of the page showing the document: searches stay within a site.
    page_path = models.CharField(max_length=255, blank=True, default="")
    # Folded text for the simple (SQLite) backend; empty on PostgreSQL.
    search_text = models.TextField(blank=True)
    # Hash of the indexed content, compared by ``search_check``.
    fingerprint = models.CharField(max_length=40)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        # A constraint rather than unique=True: no extra LIKE index on a million keys.
        constraints = [models.UniqueConstraint(fields=["key"], name="search_entry_key")]
        indexes = [models.Index(fields=["published_at"], name="search_entry_published")]

    def __str__(self):
        return self.key


class OutboxEntry(models.Model):
    source = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    enqueued_at = models.DateTimeField(default=timezone.now)
    # Processing waits until then: a lease while a worker holds the entry,
    # a back-off after the backend failed.
    available_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search index update")
        verbose_name_plural = _("search index updates")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_outbox_unique")
        ]

    def __str__(self):
        return f"{self.source}:{self.object_id}"
