"""Which polls a page's live content shows (polls.placements)."""

from wagtail import blocks

from polls.blocks import PollBlock
from polls.models import PollPlacement
from polls.placements import _walk, sync_all
from tests.polls.factories import PollFactory, place_on_page


def test_polls_are_found_at_any_depth_of_a_stream(db):
    stream = blocks.StreamBlock(
        [
            ("poll", PollBlock()),
            (
                "section",
                blocks.StructBlock(
                    [("polls", blocks.ListBlock(PollBlock())), ("text", blocks.CharBlock())]
                ),
            ),
        ]
    )
    raw = [
        {"type": "poll", "value": {"poll": 3}},
        {
            "type": "section",
            "value": {
                "text": "12",
                "polls": [{"type": "item", "value": {"poll": 7}, "id": "x"}, {"poll": 9}],
            },
        },
        {"type": "unknown", "value": {"poll": 5}},
    ]
    found = set()
    _walk(stream, raw, found)
    assert found == {3, 7, 9}


def test_sync_all_repairs_missing_and_stale_placements(home_page):
    poll = PollFactory()
    page = place_on_page(poll)
    assert PollPlacement.objects.filter(poll=poll, page=page).exists()
    PollPlacement.objects.all().delete()
    # Changed behind the signals' back: the start page went offline with a poll on it.
    type(home_page).objects.filter(pk=home_page.pk).update(live=False)
    stale = PollPlacement.objects.create(poll=PollFactory(), page=home_page)
    assert sync_all() >= 2
    assert list(PollPlacement.objects.values_list("poll_id", "page_id")) == [(poll.pk, page.pk)]
    assert not PollPlacement.objects.filter(pk=stale.pk).exists()
