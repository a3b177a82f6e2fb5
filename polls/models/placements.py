"""Where a poll is shown: the live pages whose content embeds it.

A poll has no address of its own for citizens; it is seen, voted in and
found through the pages that embed it. ``PollPlacement`` records those
pages for the live version of each page (drafts do not count), kept in step
by ``polls.placements`` in the same transaction as a publish, an unpublish
or a deletion, so that "may this visitor see this poll" is one indexed
query rather than a scan of page bodies (Wagtail's reference index is
updated in the background and can lag).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PollPlacement(models.Model):
    poll = models.ForeignKey(
        "polls.Poll", on_delete=models.CASCADE, related_name="placements", verbose_name=_("poll")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="poll_placements",
        verbose_name=_("page"),
    )

    class Meta:
        verbose_name = _("poll placement")
        verbose_name_plural = _("poll placements")
        constraints = [
            models.UniqueConstraint(fields=["poll", "page"], name="polls_placement_unique")
        ]

    def __str__(self):
        return f"{self.poll_id} @ {self.page_id}"
