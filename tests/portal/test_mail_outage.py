"""The mail server is down: signup and password reset still answer, and the mail follows later.

A real SMTP server (aiosmtpd) on its own port stands for the mail server;
"down" is that port with nothing listening, so the SMTP client meets a
refused connection as it would with a stopped server. The requests only
queue their mail; django-tasks' database worker (the real loop of
``db_worker``, in this process) delivers it, and queues another attempt with
back-off when the server refuses.
"""

import copy
import email
import json
import re
from datetime import timedelta

import pytest
import time_machine
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from portal.settings import base as base_settings
from tests.factories import TEST_PASSWORD

User = get_user_model()

SMTP_PORT = 17210
MAIL_TASK = "portal.mail.deliver_mail"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class Sink:
    """Keeps every message the server accepted; refuses recipients listed in ``refuse``."""

    def __init__(self):
        self.messages: list[Envelope] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def sink():
    return Sink()


@pytest.fixture
def mail_server(sink):
    """Starts the SMTP server when called; stops it at the end of the test."""
    controllers = []

    def start():
        controller = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
        controller.start()
        controllers.append(controller)

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def queued_mail(settings):
    """Production's mail configuration (base settings), its SMTP server on the test port."""
    mailers = copy.deepcopy(base_settings.MAILERS)
    for mailer in mailers.values():
        if mailer.get("BACKEND", SMTP_BACKEND) == SMTP_BACKEND:
            mailer["OPTIONS"].update(host="127.0.0.1", port=SMTP_PORT, use_tls=False, timeout=5)
    settings.MAILERS = mailers
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_MAIL_DELIVERY = {
        "attempts": 3,
        "first_retry_seconds": 60,
        "max_retry_seconds": 3600,
    }


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


def run_worker() -> None:
    """The database worker's loop until nothing is due (``db_worker --batch``)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="mail-test",
        excluded_queue_names=[],
    ).run()


def mail_tasks(status):
    return DBTaskResult.objects.filter(task_path=MAIL_TASK, status=status)


def sign_up(client):
    return client.post(
        "/accounts/signup/",
        {
            "email": "anna@example.org",
            "display_name": "Radlerin_Anna",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "consent": "on",
        },
    )


def body_of(envelope: Envelope) -> str:
    message = email.message_from_bytes(envelope.content)
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


@pytest.mark.django_db(transaction=True)
def test_signup_and_password_reset_answer_while_smtp_is_down_and_the_mail_follows(
    client, home_page, citizen, queued_mail, mail_server, sink
):
    signup = sign_up(client)
    reset = client.post("/accounts/password/reset/", {"email": citizen.email})

    assert signup.status_code == 302
    assert reset.status_code == 302
    user = User.objects.get(email="anna@example.org")
    assert EmailAddress.objects.filter(user=user, verified=False).exists()
    assert mail_tasks(TaskResultStatus.READY).count() == 2

    # The worker tries while the server refuses: each attempt fails, a retry is queued.
    run_worker()
    assert sink.messages == []
    assert mail_tasks(TaskResultStatus.FAILED).count() == 2
    retries = mail_tasks(TaskResultStatus.READY)
    assert retries.count() == 2
    assert all(retry.run_after > timezone.now() for retry in retries)

    mail_server()
    # Not before the back-off has passed...
    run_worker()
    assert sink.messages == []
    # ... but once it has.
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        run_worker()

    assert sorted(m.rcpt_tos[0] for m in sink.messages) == sorted(
        ["anna@example.org", citizen.email]
    )
    assert mail_tasks(TaskResultStatus.READY).count() == 0
    assert mail_tasks(TaskResultStatus.SUCCESSFUL).count() == 2
    # Finished attempts keep no recipient and no link in the task results.
    kept = json.dumps([row.args_kwargs for row in DBTaskResult.objects.all()])
    assert "anna@example.org" not in kept
    assert "/accounts/" not in kept
    by_recipient = {m.rcpt_tos[0]: body_of(m) for m in sink.messages}
    assert "/accounts/password/reset/key/" in by_recipient[citizen.email]

    # The delivered link completes the signup.
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", by_recipient[user.email])
    assert client.post(link.group(1)).status_code == 302
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.django_db(transaction=True)
def test_delivery_gives_up_after_the_last_attempt(client, home_page, citizen, queued_mail, caplog):
    assert client.post("/accounts/password/reset/", {"email": citizen.email}).status_code == 302

    later = timezone.now()
    for _attempt in range(3):
        with time_machine.travel(later):
            run_worker()
        later += timedelta(hours=2)

    assert mail_tasks(TaskResultStatus.FAILED).count() == 3
    assert mail_tasks(TaskResultStatus.READY).count() == 0
    assert "not delivered, giving up after attempt 3" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_permanent_refusal_is_not_retried(
    client, home_page, citizen, queued_mail, mail_server, sink
):
    sink.refuse.add(citizen.email)
    mail_server()

    assert client.post("/accounts/password/reset/", {"email": citizen.email}).status_code == 302
    run_worker()

    assert sink.messages == []
    assert mail_tasks(TaskResultStatus.FAILED).count() == 1
    assert mail_tasks(TaskResultStatus.READY).count() == 0


@pytest.mark.django_db
def test_without_a_persistent_queue_mail_is_sent_once_its_transaction_commits(
    settings, django_capture_on_commit_callbacks
):
    """Development and tests run tasks at once: the message waits for the commit."""
    from django.core import mail
    from django.core.mail import EmailMessage

    settings.MAILERS = {
        "default": {"BACKEND": "portal.mail.QueuedEmailBackend", "OPTIONS": {"mailer": "memory"}},
        "memory": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        EmailMessage("Betreff", "Text", to=["anna@example.org"]).send()
        assert mail.outbox == []

    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Betreff"
    assert message.extra_headers["Message-ID"]
