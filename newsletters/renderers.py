"""The newsletter mail: the one mail layout, with a one-click unsubscribe that ends this follow.

The unsubscribe link names the recipient and the follow that brought the
newsletter (the newsletter list, or the unit, topic or district followed):
one click, without a login, ends that follow
(``notifications.preferences.stop_mail``). A newsletter that is no longer
being sent (deleted) renders nothing, and its rows are closed without a mail.
"""

from __future__ import annotations

import time

from django.urls import reverse
from django.utils.translation import gettext as _

from newsletters import audience, content
from newsletters.models import Newsletter, NewsletterStatus
from notifications.mails import absolute, build_mail
from notifications.models import Delivery, DeliveryKind
from notifications.renderers import register
from notifications.tokens import unsubscribe_token

TEMPLATE = "newsletters/mail/newsletter"
# A newsletter being sent no longer changes; its prepared blocks serve the mails of a
# batch. Short-lived, so a project made private meanwhile drops out of the next mails.
SECTIONS_SECONDS = 60
_sections: dict[int, tuple[float, list]] = {}


def sections_for(newsletter, test: bool) -> list:
    if test or newsletter.status not in (NewsletterStatus.SENDING, NewsletterStatus.SENT):
        return content.sections(newsletter)
    now = time.monotonic()
    cached = _sections.get(newsletter.pk)
    if cached is None or cached[0] < now:
        _sections.clear()
        cached = _sections[newsletter.pk] = (now + SECTIONS_SECONDS, content.sections(newsletter))
    return cached[1]


def unsubscribe_url(newsletter, *, user_id=None, subscriber_id=None) -> str:
    targets = [tuple(pair) for pair in newsletter.audience_targets] or audience.targets_of(
        newsletter
    )
    target, target_id = audience.followed_target(
        targets, user_id=user_id, subscriber_id=subscriber_id
    )
    token = unsubscribe_token(
        user_id=user_id, subscriber_id=subscriber_id, target=target, target_id=target_id
    )
    return absolute(reverse("notifications:unsubscribe", args=(token,)))


def newsletter_mail(newsletter, *, user_id=None, subscriber_id=None, test=False):
    subject = newsletter.subject
    if test:
        subject = _("[Test] %(subject)s") % {"subject": subject}
    context = {
        "newsletter": newsletter,
        "sections": sections_for(newsletter, test),
        "archive_url": absolute(reverse("newsletter:archive")),
        "web_url": absolute(newsletter.get_absolute_url()),
        "test": test,
    }
    return build_mail(
        TEMPLATE,
        context,
        subject=subject,
        unsubscribe_url=unsubscribe_url(newsletter, user_id=user_id, subscriber_id=subscriber_id),
    )


def render_newsletter(row: Delivery):
    reference = row.reference
    newsletter = Newsletter.objects.filter(pk=reference.get("newsletter")).first()
    if newsletter is None:
        return None
    test = bool(reference.get("test"))
    if not test and newsletter.status not in (NewsletterStatus.SENDING, NewsletterStatus.SENT):
        return None
    return newsletter_mail(
        newsletter,
        user_id=reference.get("user"),
        subscriber_id=reference.get("subscriber"),
        test=test,
    )


def connect() -> None:
    """Registers the renderer; called once from ``NewslettersConfig.ready``."""
    register(DeliveryKind.NEWSLETTER)(render_newsletter)
