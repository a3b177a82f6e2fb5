"""The search app's tables.

``SearchEntry`` is the denormalised search table the PostgreSQL backend
queries (its ``tsvector`` column and GIN/trigram indexes are added by a
PostgreSQL-only migration); on SQLite it is searched more simply.
``OutboxEntry`` records what must be (re)indexed, in the same transaction as
the change that caused it, so that no update is lost when the search
backend is unreachable. ``IndexRebuild`` records full rebuilds (``reindex``):
the one in progress pauses outbox processing as long as its heartbeat is
fresh, wherever the process runs and whatever happens to the cache.
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
    # A contribution's own state (SearchDocument.state); empty for most.
    state = models.CharField(max_length=32, blank=True, default="")
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
    # Set when the backend kept refusing this one document (after
    # PORTAL_SEARCH_MAX_ATTEMPTS tries on its own): it is left alone until
    # the object changes again or an operator retries it (search_check --fix).
    parked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("search index update")
        verbose_name_plural = _("search index updates")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_outbox_unique")
        ]

    def __str__(self):
        return f"{self.source}:{self.object_id}"


class IndexRebuild(models.Model):
    """One run of ``reindex``; at most one is active (loading, catching up or swapping)."""

    class Phase(models.TextChoices):
        LOADING = "loading", _("loading")
        CATCHING_UP = "catching_up", _("catching up")
        SWAPPING = "swapping", _("swapping")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        # Its heartbeat stopped (the process was killed) or a new reindex took over.
        ABANDONED = "abandoned", _("abandoned")

    ACTIVE_PHASES = (Phase.LOADING, Phase.CATCHING_UP, Phase.SWAPPING)

    backend = models.CharField(max_length=32)
    owner = models.CharField(max_length=200, help_text="host:pid of the reindex process")
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.LOADING)
    active = models.BooleanField(default=True)
    # The staging table or index a killed run leaves behind, for the cleanup.
    target = models.CharField(max_length=200, blank=True)
    documents = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search index rebuild")
        verbose_name_plural = _("search index rebuilds")
        constraints = [
            models.UniqueConstraint(
                fields=["active"],
                condition=models.Q(active=True),
                name="search_one_active_rebuild",
            )
        ]

    def __str__(self):
        return f"{self.backend} rebuild by {self.owner} ({self.phase})"
