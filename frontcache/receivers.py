"""What makes an anonymous visitor's page change, and the purge each change needs.

Every purge runs after the change has committed (``on_commit``); with both
caches off (no PORTAL_VARNISH_URL, PORTAL_PAGE_CACHE_SECONDS=0) nothing is
done at all. A failing purge is logged, never raised (``_safely``).
"""

from __future__ import annotations

import functools
import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from comments.events import comment_moderated, comment_published, published_count_changed
from frontcache import purging
from pages.models import PortalSettings
from polls.events import answers_stored
from polls.models import Poll
from proposals.events import proposal_answered, proposal_moderated
from theming.models import ThemeSettings

logger = logging.getLogger("frontcache")


def _safely(function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        try:
            function(*args, **kwargs)
        except Exception:  # a purge never breaks a write
            logger.exception("Front cache invalidation failed in %s", function.__name__)

    return run


def after_commit(function, *args, **kwargs) -> None:
    if purging.active():
        transaction.on_commit(functools.partial(_safely(function), *args, **kwargs))


# -- Pages ---------------------------------------------------------------------


def page_changed(sender, instance, **kwargs):
    if instance.show_in_menus:
        # Its title is in the main menu of every page (pages.chrome).
        site_chrome_changed(sender, instance.get_site())
    after_commit(purging.forget_pages, [instance], listings=True)


def site_chrome_changed(sender, instance, **kwargs):
    """The header or footer of every page of a site changed: settings, a menu page."""
    site = getattr(instance, "site", instance)
    if site is not None and site.root_page_id:
        after_commit(purging.forget_subtree, site.root_page)


def page_moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    old_paths = []
    parts = instance.get_url_parts()
    if parts and parts[2] and url_path_after.endswith(parts[2].lstrip("/")):
        root = url_path_after[: len(url_path_after) - len(parts[2]) + 1]
        if url_path_before.startswith(root):
            old_paths.append("/" + url_path_before[len(root) :])
    after_commit(purging.forget_subtree, instance, old_paths)


def page_deleting(sender, instance, **kwargs):
    # Before the row goes: afterwards nothing says where the page was.
    if purging.active():
        addresses = purging.page_addresses(instance) + purging.listing_addresses(instance)
        after_commit(purging.forget, addresses)


def restriction_changed(sender, instance, **kwargs):
    page = instance.page if isinstance(instance, PageViewRestriction) else None
    if page is not None:
        after_commit(purging.forget_subtree, page)


# -- Participation -------------------------------------------------------------


def ballot_stored(sender, answers, **kwargs):
    if answers and purging.active():
        after_commit(purging.refresh_soon, "poll", answers[0].ballot.poll_id)


def poll_saved(sender, instance, **kwargs):
    after_commit(purging.refresh_soon, "poll", instance.pk)


def _comment_targets(comment, refresh) -> None:
    refresh("page", comment.page_id)
    if comment.subject_type_id and comment.subject_id:
        refresh("subject", f"{comment.subject_type_id}:{comment.subject_id}")


def _refresh_now(kind, ident) -> None:
    """The page cache forgets in this request, Varnish's purge is queued."""
    from frontcache import tasks

    purging.forget(tasks.RESOLVERS[kind](str(ident)))


def comment_shown(sender, comment, **kwargs):
    # comment_published is already sent after the commit.
    _safely(_comment_targets)(comment, purging.refresh_soon)


def comment_decided(sender, comment, **kwargs):
    # A moderator's decision is never coalesced: what it hides disappears at once.
    if purging.active():
        _safely(_comment_targets)(comment, _refresh_now)


def comment_count_changed(sender, comment, delta, **kwargs):
    # Inside the transaction; a comment that left the thread is forgotten at once.
    refresh = purging.refresh_soon if delta > 0 else _refresh_now
    after_commit(_comment_targets, comment, refresh)


def proposal_changed(sender, proposal, **kwargs):
    if purging.active():
        paths = [proposal.get_url(), reverse("ideen:collection", args=(proposal.collection_id,))]
        _safely(purging.forget)([(purging.base_url() + path, path) for path in paths])


def connect() -> None:
    def hook(signal, receiver, **kwargs):
        uid = f"frontcache-{receiver.__name__}"
        signal.connect(receiver, weak=False, dispatch_uid=uid, **kwargs)

    hook(page_published, page_changed)
    page_unpublished.connect(page_changed, weak=False, dispatch_uid="frontcache-unpublished")
    hook(post_page_move, page_moved)
    hook(pre_delete, page_deleting, sender=Page)
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"frontcache-restriction-{signal}",
        )
    m2m_changed.connect(
        lambda sender, instance, **kwargs: restriction_changed(sender, instance),
        sender=PageViewRestriction.groups.through,
        weak=False,
        dispatch_uid="frontcache-restriction-groups",
    )
    hook(post_save, site_chrome_changed, sender=PortalSettings)
    # The theme's stylesheet address, logo and footer are in every page of the site.
    post_save.connect(
        site_chrome_changed, sender=ThemeSettings, weak=False, dispatch_uid="frontcache-theme"
    )
    hook(answers_stored, ballot_stored)
    hook(post_save, poll_saved, sender=Poll)
    hook(comment_published, comment_shown)
    hook(comment_moderated, comment_decided)
    hook(published_count_changed, comment_count_changed)
    hook(proposal_answered, proposal_changed)
    proposal_moderated.connect(proposal_changed, weak=False, dispatch_uid="frontcache-moderated")
