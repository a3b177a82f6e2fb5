"""The audit's visits in the Wagtail admin, as the demo's editor.

Registered into the audit's VISITS by tests/browser/test_accessibility_audit.py;
the checks of our own (headings, images) look only at Wagtail's <main>.
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from polls.models import Poll

RESULTS_POLL = "Wo fehlen sichere Radwege?"


def visits(state_class, go) -> dict:
    """The visits by key, each returning a ``state_class`` with ``root="#main"``."""

    def admin_page(page, portal, path):
        """An admin page as the demo's editor, who asks for reduced motion.

        Then the admin scrolls to the focused element at once (static/css/admin.css),
        so the focus walk finds it on screen without waiting for a smooth scroll.
        """
        portal.sign_in_editor(page.context)
        page.emulate_media(reduced_motion="reduce")
        go(page, portal, path)
        return state_class(root="#main")

    def admin_poll_results(page, portal):
        poll = Poll.objects.get(title=RESULTS_POLL)
        path = reverse("wagtailsnippets_polls_poll:results_of_poll", args=(poll.pk,))
        state = admin_page(page, portal, path)
        expect(page.get_by_role("region", name=re.compile("^1\\. ")).first).to_be_visible()
        return state

    def admin_comment_queue(page, portal):
        state = admin_page(page, portal, reverse("comments_moderation:index") + "?queue=true")
        expect(page.locator("#listing-results table")).to_be_visible()
        return state

    def admin_figures(page, portal):
        state = admin_page(page, portal, reverse("figures_dashboard"))
        expect(page.get_by_role("heading", name="Kennzahlen", exact=True)).to_be_visible()
        return state

    return {
        "admin_poll_results": admin_poll_results,
        "admin_comment_queue": admin_comment_queue,
        "admin_figures": admin_figures,
    }
