"""Housekeeping the libraries need but do not schedule themselves.

Sessions (what ``manage.py clearsessions`` does), finished background task
results (what django_tasks_db's ``prune_db_task_results`` does, for every
queue) and signups that never confirmed their e-mail address (allauth keeps
them forever).
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError
from django.utils import timezone

from scheduling.registry import register

logger = logging.getLogger(__name__)


def clear_expired_sessions() -> None:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


def prune_task_results() -> int:
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - settings.PORTAL_RETENTION["task_results"]
    deleted, _rows = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted


def delete_unverified_signups() -> int:
    """Accounts that signed up, never confirmed an address and never signed in.

    Staff accounts and accounts without any allauth e-mail address (made by
    an administrator) are never touched.
    """
    from allauth.account.models import EmailAddress

    cutoff = timezone.now() - settings.PORTAL_RETENTION["unverified_signups"]
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    unverified = (
        get_user_model()
        .objects.filter(
            date_joined__lt=cutoff,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
        )
        .filter(Exists(addresses))
        .exclude(Exists(addresses.filter(verified=True)))
    )
    # One by one, so that every deletion runs the same signals as a deletion by the owner;
    # an account something still protects is left for a person to look at.
    deleted = 0
    for user in list(unverified):
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            logger.warning("Unconfirmed signup %s is still referenced; not deleted", user.pk)
        else:
            deleted += 1
    return deleted


register(
    "sessions.clear_expired",
    timedelta(days=1),
    clear_expired_sessions,
    description="Delete expired sessions (manage.py clearsessions).",
)
register(
    "tasks.prune_results",
    timedelta(days=1),
    prune_task_results,
    description="Delete finished background task results (PORTAL_RETENTION['task_results']).",
)
register(
    "accounts.delete_unverified_signups",
    timedelta(days=1),
    delete_unverified_signups,
    description=(
        "Delete signups never confirmed and never used (PORTAL_RETENTION['unverified_signups'])."
    ),
)
