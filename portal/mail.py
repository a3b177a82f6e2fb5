"""Outgoing mail goes through the task queue: no request waits for the mail server or fails with it.

``MAILERS["default"]`` is ``QueuedEmailBackend``: whoever sends mail (allauth's
adapter, Wagtail's notifications, ``send_mail``) renders the message in the
request as before, and the backend puts plain JSON values on the queue
(``deliver_mail``). With the database queue the task row is written in the
request's transaction, so a signup that rolls back leaves no mail behind and
one that commits always has its mail queued.

The worker delivers through the mailer named in ``OPTIONS["mailer"]`` (SMTP).
When the server refuses, times out or answers with a temporary error, the
attempt is recorded as failed (its traceback in the task results) and the
same message is queued again with ``run_after``, doubling the wait up to a
ceiling, for ``PORTAL_MAIL_DELIVERY["attempts"]`` attempts in all. A permanent
refusal (a 5xx answer) is not retried. Message-ID and Date are fixed when the
message is queued, so a retry is the same message.

Backends that cannot run a task later (the immediate backend of development
and tests) deliver once, after the transaction commits, and log a failure.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta
from email.utils import formatdate, make_msgid
from functools import partial

from django.conf import settings
from django.core.mail import DNS_NAME, EmailMultiAlternatives, InvalidMailer, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from scheduling.tasks import django_task

logger = logging.getLogger(__name__)

DEFAULT_DELIVERY = {"attempts": 10, "first_retry_seconds": 60, "max_retry_seconds": 3600}


class MailNotDelivered(Exception):
    """One delivery attempt failed; the task result keeps the reason."""


def delivery_policy() -> dict:
    return {**DEFAULT_DELIVERY, **getattr(settings, "PORTAL_MAIL_DELIVERY", {})}


def retry_delay(attempt: int) -> int:
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...)."""
    policy = delivery_policy()
    return min(policy["max_retry_seconds"], policy["first_retry_seconds"] * 2 ** (attempt - 1))


def message_as_dict(message) -> dict:
    """The message in JSON values, with the headers that must not change between attempts."""
    headers = dict(message.extra_headers)
    lowered = {name.lower() for name in headers}
    if "message-id" not in lowered:
        headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    if "date" not in lowered:
        headers["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment  # MIME objects are not supported here
        if isinstance(content, bytes):
            attachments.append([filename, base64.b64encode(content).decode(), mimetype, True])
        else:
            attachments.append([filename, content, mimetype, False])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_dict(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for filename, content, mimetype, is_binary in data["attachments"]:
        message.attach(filename, base64.b64decode(content) if is_binary else content, mimetype)
    return message


def is_permanent(error: Exception) -> bool:
    """A 5xx answer: the server will refuse this message however often it is sent."""
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return False


def describe(data: dict) -> str:
    recipients = len(data["to"]) + len(data["cc"]) + len(data["bcc"])
    return f"{data['headers'].get('Message-ID', '?')} ({recipients} recipient(s))"


def forget_message(context, data: dict, mailer: str, attempt: int) -> None:
    """Keeps only the Message-ID in a finished attempt's task result.

    Task results stay for ``RETENTION_TASK_RESULT_DAYS``; the recipients and
    the text (with its confirmation or password reset link) need not. A
    retry carries its own copy.
    """
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(deliver_mail.get_backend(), DatabaseBackend):
        return
    summary = {"message_id": data["headers"].get("Message-ID", "")}
    DBTaskResult.objects.filter(pk=context.task_result.id).update(
        args_kwargs={"args": [summary, mailer, attempt], "kwargs": {}}
    )


@django_task(takes_context=True)
def deliver_mail(context, data: dict, mailer: str, attempt: int = 1) -> int:
    """Sends one queued message; on a temporary failure queues the next attempt."""
    try:
        return send_or_retry(data, mailer, attempt)
    finally:
        forget_message(context, data, mailer, attempt)


def send_or_retry(data: dict, mailer: str, attempt: int) -> int:
    try:
        return message_from_dict(data).send(using=mailer)
    except (smtplib.SMTPException, OSError) as error:
        attempts = delivery_policy()["attempts"]
        can_retry = (
            attempt < attempts
            and not is_permanent(error)
            and deliver_mail.get_backend().supports_defer
        )
        if not can_retry:
            logger.error(
                "Mail %s not delivered, giving up after attempt %d: %r",
                describe(data),
                attempt,
                error,
            )
            raise MailNotDelivered(f"Gave up after attempt {attempt}: {error!r}") from error
        delay = retry_delay(attempt)
        deliver_mail.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            data, mailer, attempt + 1
        )
        logger.warning(
            "Mail %s not delivered (attempt %d of %d): %r; next attempt in %d s",
            describe(data),
            attempt,
            attempts,
            error,
            delay,
        )
        raise MailNotDelivered(
            f"Attempt {attempt} of {attempts} failed: {error!r}; retrying in {delay} s"
        ) from error


def queue_mail(data: dict, mailer: str) -> None:
    deliver_mail.enqueue(data, mailer)


class QueuedEmailBackend(BaseEmailBackend):
    """Puts each message on the task queue for ``deliver_mail``; never talks to a mail server."""

    def __init__(self, *args, mailer: str = "smtp", **kwargs):
        super().__init__(*args, **kwargs)
        if mailer not in mailers:
            raise InvalidMailer(f"OPTIONS['mailer'] names no mailer: {mailer!r}.", alias=self.alias)
        self.mailer = mailer

    def send_messages(self, email_messages) -> int:
        persistent_queue = deliver_mail.get_backend().supports_defer
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            data = message_as_dict(message)
            if persistent_queue:
                # The task row belongs to the caller's transaction.
                queue_mail(data, self.mailer)
            else:
                # Runs at once: only for a message whose transaction committed.
                transaction.on_commit(partial(queue_mail, data, self.mailer))
            count += 1
        return count
