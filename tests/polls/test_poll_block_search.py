"""Pages are found by their public polls' titles; staff-only polls never reach the search index."""

import pytest

from polls.blocks import PollBlock
from tests.polls.factories import make_poll


@pytest.mark.parametrize(
    ("audience", "found"), [("public", True), ("registered", True), ("staff", False)]
)
def test_searchable_content_leaves_out_staff_polls(db, audience, found):
    poll = make_poll(audience=audience, title="Vorabstimmung Anwendungsfälle")
    content = PollBlock().get_searchable_content({"poll": poll})
    assert ("Vorabstimmung Anwendungsfälle" in content) == found
