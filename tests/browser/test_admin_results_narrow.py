"""The poll results in the admin on a phone (390 px): nothing runs off the screen.

Wide tables scroll inside their own labelled region, which takes the focus,
so the page itself never needs horizontal scrolling.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from polls.models import Poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
PHONE = {"width": 390, "height": 844}
RESULTS_POLL = "Wo fehlen sichere Radwege?"

OVERFLOW_SCRIPT = """() => ({
    page: document.documentElement.scrollWidth,
    main: document.querySelector("#main").scrollWidth,
    regions: [...document.querySelectorAll(".poll-admin-scroll")].map((region) => ({
        right: Math.round(region.getBoundingClientRect().right),
        focusable: region.tabIndex === 0,
        name: region.getAttribute("aria-labelledby"),
    })),
})"""


def test_the_results_fit_a_phone_screen(page, shared_portal):
    shared_portal.sign_in_editor(page.context)
    page.set_viewport_size(PHONE)
    poll = Poll.objects.get(title=RESULTS_POLL)
    page.goto(
        shared_portal.url + reverse("wagtailsnippets_polls_poll:results_of_poll", args=(poll.pk,))
    )
    expect(
        page.get_by_role("region", name="1. Wie oft fahren Sie in der Innenstadt Rad?")
    ).to_be_visible()

    found = page.evaluate(OVERFLOW_SCRIPT)
    assert found["page"] <= PHONE["width"], found
    assert found["main"] <= PHONE["width"], found
    assert found["regions"], "no table region on the page"
    for region in found["regions"]:
        assert region["right"] <= PHONE["width"], region
        assert region["focusable"] and region["name"], region
    # The numbers are there as text at this width too.
    first = page.get_by_role("region", name="1. Wie oft fahren Sie in der Innenstadt Rad?")
    expect(first.get_by_role("row", name="Täglich")).to_contain_text("6")
