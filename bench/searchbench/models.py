from django.db import models
from wagtail.search import index


class Contribution(index.Indexed, models.Model):
    """The benchmark's synthetic contributions, indexable by Wagtail's stock backend too."""

    kind = models.CharField(max_length=16)
    title = models.TextField()
    body = models.TextField()
    author = models.CharField(max_length=80)
    project_id = models.IntegerField()
    project_title = models.TextField()
    department_id = models.IntegerField()
    district_id = models.IntegerField()
    topic_ids = models.JSONField(default=list)
    published_at = models.DateTimeField()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("published_at"),
    ]

    def __str__(self):
        return self.title
