"""The editor handbook's tasks: the one list the views, the tests and the screenshots share.

Each task has a short page in the admin ("Hilfe"). Its prose is a template
per language (``training/handbook/<language>/<slug>.html``, German first,
falling back to German); its screenshot is made by the browser test
``tests/browser/test_handbook_screenshots.py`` from the real screen, so it
never goes stale. A task whose screen is not built yet has ``screenshot``
None and its page shows no figure.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from departments.models import Role

SCREENSHOT_FOLDER = "training/handbook"


@dataclass(frozen=True)
class StartLink:
    """Where in the admin a task starts: a label and a URL name (reversed on use)."""

    label: Promise
    url_name: str

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class Task:
    slug: str
    title: Promise
    summary: Promise
    roles: tuple[Role, ...]
    starts: tuple[StartLink, ...] = ()
    screenshot_alt: Promise | None = None
    # False until the browser test makes the screen's picture (the screen is elsewhere).
    has_screenshot: bool = True

    @property
    def screenshot(self) -> str | None:
        """The screenshot's static path, or None for a task without one."""
        if not self.has_screenshot:
            return None
        return f"{SCREENSHOT_FOLDER}/{self.slug}.png"

    def template_names(self, language: str) -> list[str]:
        names = [f"training/handbook/{language}/{self.slug}.html"]
        if language != "de":
            names.append(f"training/handbook/de/{self.slug}.html")
        return names


EXPLORER = StartLink(_("Pages (the page tree)"), "wagtailadmin_explore_root")
DASHBOARD = StartLink(_("Dashboard (reviews awaiting you)"), "wagtailadmin_home")
POLLS = StartLink(_("Polls"), "wagtailsnippets_polls_poll:list")
NEW_POLL = StartLink(_("Add a poll"), "wagtailsnippets_polls_poll:add")
MODERATION = StartLink(_("Moderation"), "comments_moderation:index")
FIGURES = StartLink(_("Figures"), "figures_dashboard")
VORHABEN = StartLink(_("Register of planned participation"), "vorhaben:index")
NEW_VORHABEN = StartLink(_("Register a Vorhaben"), "vorhaben:add")
PREVOTE = StartLink(_("Start an internal pre-vote"), "vorhaben:prevote")

TASKS: tuple[Task, ...] = (
    Task(
        slug="projekt-anlegen",
        title=_("Create a project and submit it for approval"),
        summary=_("Draft a project of your unit and send it to the participation team."),
        roles=(Role.EDITOR, Role.TEAM),
        starts=(EXPLORER, DASHBOARD),
        screenshot_alt=_(
            "The project list in the page tree, with the button to add a project (child page)."
        ),
    ),
    Task(
        slug="umfrage-einbinden",
        title=_("Embed a poll in a project"),
        summary=_("Build a poll and show it on a project page with the poll block."),
        roles=(Role.EDITOR, Role.TEAM),
        starts=(POLLS, NEW_POLL, EXPLORER),
        screenshot_alt=_("The list of polls of your units with their state and audience."),
    ),
    Task(
        slug="vorab-abstimmung",
        title=_("Run an internal pre-vote of staff"),
        summary=_("Ask staff for their priorities with a poll that only staff see."),
        roles=(Role.TEAM, Role.EDITOR),
        starts=(PREVOTE, NEW_POLL),
        screenshot_alt=_(
            "The page to start an internal pre-vote: the submitted Vorhaben to tick and the "
            "button to start."
        ),
    ),
    Task(
        slug="moderieren",
        title=_("Moderate discussions"),
        summary=_("Check reported and pending comments of your unit's projects."),
        roles=(Role.MODERATOR, Role.TEAM),
        starts=(MODERATION,),
        screenshot_alt=_("The moderation queue with filters and the comments to review."),
    ),
    Task(
        slug="offiziell-antworten",
        title=_("Answer officially for the city"),
        summary=_("Reply in a discussion as the city, marked as an official answer."),
        roles=(Role.EDITOR, Role.MODERATOR, Role.TEAM),
        starts=(EXPLORER,),
        screenshot_alt=_(
            "The discussion of a project page, with the box to publish a comment as the "
            "city's official answer."
        ),
    ),
    Task(
        slug="exportieren",
        title=_("Export comments and poll results"),
        summary=_("Download a project's comments or a poll's results as CSV or XLSX."),
        roles=(Role.MODERATOR, Role.ANALYST, Role.EDITOR, Role.TEAM),
        starts=(MODERATION, POLLS),
        screenshot_alt=_("The results page of a poll with its export links."),
    ),
    Task(
        slug="kennzahlen-lesen",
        title=_("Read the figures"),
        summary=_("See your unit's participation figures, filter them and export them."),
        roles=(Role.ANALYST, Role.TEAM),
        starts=(FIGURES,),
        screenshot_alt=_(
            "The figures of a division: the filter for unit, period and project at the top, "
            "then the key figures and the moderation figures at a glance."
        ),
    ),
    Task(
        slug="vorhaben-anmelden",
        title=_("Register a planned participation (Vorhaben)"),
        summary=_("Tell the participation team about participation your unit plans."),
        roles=(Role.EDITOR, Role.TEAM),
        starts=(NEW_VORHABEN, VORHABEN),
        screenshot_alt=_(
            "The form for a new Vorhaben: title, goal, what is open to decision and the "
            "owning unit."
        ),
    ),
)

BY_SLUG = {task.slug: task for task in TASKS}


def task_for(slug: str) -> Task | None:
    return BY_SLUG.get(slug)
