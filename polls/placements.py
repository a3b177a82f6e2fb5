"""Keeps ``PollPlacement`` in step with the live content of every page.

The live version of a page is what its row holds: publishing saves the new
content to the row, unpublishing saves ``live=False``, saving a draft
revision touches only revision fields (``update_fields``). So the rows
change exactly when a save of the row may have changed the live content,
and that is when this module looks at the page's StreamFields again.
Polls are found wherever a chooser for them sits in a stream (the poll
block, or any struct, list or stream block around one), from the raw JSON:
no poll is loaded to find out.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.signals import page_unpublished
from wagtail.snippets.blocks import SnippetChooserBlock

from polls.events import placements_changed
from polls.models import Poll, PollPlacement


def stream_fields(page: Page) -> list[StreamField]:
    return [field for field in page._meta.get_fields() if isinstance(field, StreamField)]


def poll_ids_in(page: Page) -> set[int]:
    """Ids of the polls the page's current content embeds, at any depth of its streams."""
    found: set[int] = set()
    for field in stream_fields(page):
        value = getattr(page, field.name, None)
        if value:
            _walk(field.stream_block, list(value.raw_data), found)
    return found


def _walk(block, raw, found: set[int]) -> None:
    if raw is None:
        return
    if isinstance(block, SnippetChooserBlock):
        if block.target_model is Poll and str(raw).isdigit():
            found.add(int(raw))
    elif isinstance(block, blocks.StreamBlock):
        for item in raw or []:
            if isinstance(item, dict) and item.get("type") in block.child_blocks:
                _walk(block.child_blocks[item["type"]], item.get("value"), found)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw, dict):
                _walk(child, raw.get(name), found)
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            # Lists are stored as [{"type": "item", "value": ...}] (or plain values, older).
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            _walk(block.child_block, value, found)


def sync_page(page: Page) -> set[int]:
    """Records the polls the live page shows now; returns the ids that changed."""
    wanted = poll_ids_in(page) if page.live else set()
    if wanted:
        wanted = set(Poll.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    current = set(PollPlacement.objects.filter(page_id=page.pk).values_list("poll_id", flat=True))
    gone, new = current - wanted, wanted - current
    if gone:
        PollPlacement.objects.filter(page_id=page.pk, poll_id__in=gone).delete()
    if new:
        PollPlacement.objects.bulk_create(
            [PollPlacement(page_id=page.pk, poll_id=poll_id) for poll_id in new],
            ignore_conflicts=True,
        )
    if gone or new:
        placements_changed.send(sender=PollPlacement, poll_ids=gone | new)
    return gone | new


def touches_live_content(page: Page, update_fields) -> bool:
    if update_fields is None:
        return True
    names = {"live", *(field.name for field in stream_fields(page))}
    return bool(names & set(update_fields))


def page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    page = instance
    if type(page) is not page.specific_class and page.specific_class is not None:
        # A plain Page row saved: its content lives on the specific model.
        page = page.specific
    if touches_live_content(page, update_fields):
        sync_page(page)


def page_unpublished_handler(sender, instance, **kwargs):
    sync_page(instance)


def sync_all() -> int:
    """Rebuilds every placement from the live pages (a migration and repairs use it)."""
    changed = 0
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        changed += len(sync_page(page))
    stale = PollPlacement.objects.exclude(page__live=True)
    changed += stale.count()
    stale.delete()
    return changed


def connect() -> None:
    post_save.connect(page_saved, weak=False, dispatch_uid="polls-placements-page-saved")
    page_unpublished.connect(
        page_unpublished_handler, weak=False, dispatch_uid="polls-placements-page-unpublished"
    )
