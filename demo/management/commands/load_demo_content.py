"""``manage.py load_demo_content``: German demo content for trying the portal out."""

import logging
import secrets
from contextlib import contextmanager, nullcontext
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from accounts.consent import record_consents
from demo.loader.comments import load_demo_discussion
from demo.loader.media import load_media
from demo.loader.newsletters import load_demo_newsletters
from demo.loader.notifications import load_demo_notifications
from demo.loader.pages import load_pages, load_portal_settings
from demo.loader.people import EDITOR, Login, load_citizens, load_editor, load_role_people
from demo.loader.polls import load_demo_polls
from demo.loader.proposals import load_demo_proposals
from demo.loader.reference import Refs, load_reference_data
from demo.loader.themes import THEMES, load_demo_themes
from demo.loader.vorhaben import load_demo_vorhaben
from departments.models import Department
from figures.rollup import refresh as refresh_figures
from pages.models import ContactPerson, District, ProjectPage, StandardPage, Topic
from pages.status import ProjectStatus

# Every saved page logs its revision and background tasks at INFO, which
# would bury the summary; -v 3 shows them.
CHATTY_LOGGERS = ("django_tasks", "wagtail")

REFUSAL = (
    "DEBUG is off, so this may be a production database. The command overwrites the demo "
    f"content and resets the passwords of the user '{EDITOR['username']}' and of the demo's "
    "people in every role; add --force to run it anyway.\n"
    "DEBUG ist ausgeschaltet, dies könnte eine Produktionsdatenbank sein. Der Befehl "
    f"überschreibt die Demo-Inhalte und setzt die Passwörter des Benutzers „{EDITOR['username']}“ "
    "und der Demo-Personen in allen Rollen zurück; mit --force läuft er trotzdem."
)


class Command(BaseCommand):
    help = (
        "Creates or updates German demo content (Stadt Jena): pages, projects in every status, "
        "reference data, images, citizens, a demo editor and one person per role (the team, "
        "editors and moderators per unit, an analyst, staff) whose passwords are reset each run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off.",
        )
        parser.add_argument(
            "--theme",
            choices=sorted(THEMES),
            default="standard",
            help="The demo theme of the site (demo/data/themes.yaml); default: standard.",
        )

    def handle(self, *args, force, verbosity, theme="standard", **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSAL)
        password = secrets.token_urlsafe(12)
        quiet = quieted(CHATTY_LOGGERS) if verbosity < 3 else nullcontext()
        with quiet, transaction.atomic():
            logins = load_demo_content(timezone.localdate(), editor_password=password, theme=theme)
        if verbosity >= 1:
            self.write_counts()
        if verbosity >= 2:
            self.write_statuses()
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + settings.PORTAL_ADMIN_PATH_PREFIX
        self.stdout.write(
            f"Demo-Redaktion: {admin_url}  E-Mail: {EDITOR['email']}  Passwort: {password}"
        )
        self.write_logins(logins, admin_url)

    def write_counts(self):
        self.stdout.write(self.style.SUCCESS(_("Demo content loaded. The database now holds:")))
        counted_models = (
            ProjectPage,
            StandardPage,
            Department,
            Topic,
            District,
            ContactPerson,
            get_image_model(),
            get_document_model(),
            get_user_model(),
        )
        # Depth 1 is the page tree's invisible root.
        counted = [Page.objects.filter(depth__gt=1)]
        counted += [model._default_manager.all() for model in counted_models]
        for queryset in counted:
            self.stdout.write(f"{queryset.count():>5}  {queryset.model._meta.verbose_name_plural}")

    def write_logins(self, logins: list[Login], admin_url: str) -> None:
        """A table of the people in every role: they sign in with the e-mail address."""
        self.stdout.write(
            _("People in every role sign in at %(url)s (new passwords on every load):")
            % {"url": admin_url}
        )
        header = (_("User name"), _("E-mail (sign-in)"), _("Password"), _("Role"), _("Unit"))
        rows = [tuple(map(str, header))]
        rows += [(li.username, li.email, li.password, li.role, li.unit) for li in logins]
        widths = [max(len(row[column]) for row in rows) for column in range(len(header) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  " + "  ".join([*cells, row[-1]]))
        if settings.PORTAL_REQUIRE_ADMIN_MFA:
            self.stdout.write(
                _(
                    "Two-factor authentication is required (PORTAL_REQUIRE_ADMIN_MFA): each "
                    "account sets up an authenticator app at its first sign-in."
                )
            )

    def write_statuses(self):
        projects = ProjectPage.objects.live().annotate_status().order_by("status_rank", "title")
        for title, status in projects.values_list("title", "derived_status"):
            self.stdout.write(f"  {ProjectStatus(status).label}: {title}")


def load_demo_content(today: date, editor_password: str, theme: str = "standard") -> list[Login]:
    """Creates or updates all demo content; call it inside a transaction.

    Returns the sign-ins of the people in every role, with their new passwords.
    """
    refs = Refs()
    load_reference_data(refs)
    load_media(refs)
    site = load_pages(refs, today)
    load_portal_settings(site, refs)
    # The default theme, or the Jena-like one (--theme jena).
    load_demo_themes(site, theme)
    load_citizens()
    load_editor(editor_password)
    logins = load_role_people(refs)
    # Polls and the discussion need the pages.
    load_demo_polls()
    load_demo_discussion(official_author_name=EDITOR["display_name"])
    load_demo_vorhaben(site.root_page.specific, refs, today)
    load_demo_proposals(refs, today)
    load_demo_notifications()
    load_demo_newsletters(today)
    # The dashboard and the report read the rollups; the hourly job keeps them fresh after.
    refresh_figures()
    # The demo's people agreed to the privacy notice and terms when they signed up.
    for user in get_user_model().objects.filter(is_active=True):
        record_consents(user)
    return logins


@contextmanager
def quieted(logger_names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in logger_names]
    previous_levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, previous_level in zip(loggers, previous_levels, strict=True):
            logger.setLevel(previous_level)
