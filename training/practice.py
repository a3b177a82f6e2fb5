"""The practice area (Übungsbereich): a second start page directly under the tree's root.

No Site points to it, so Wagtail never serves it and every public surface
(pages, project lists, search, sitemap, /api/v2/ and /api/v1/) leaves it
out: they all work within the site of the request. A view restriction to
the trainees' group stands behind that as a second line. The trainees'
group "Schulung" may add, change, publish and lock pages in this subtree and
nowhere else (``pages.permissions``: outside every site the tree alone
decides, no unit role is needed).

``reset_practice_area`` deletes the subtree with its polls and comments and
builds it again from ``training/data/uebungsbereich.yaml``: the same state
before every workshop, however often it runs.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, PageViewRestriction

from comments.models import Comment
from departments.models import Department
from pages.models import HomePage, ProjectIndexPage, ProjectPage, ProjectPhase
from polls.models import Choice, Poll, PollPlacement, Question

DATA_FILE = Path(__file__).resolve().parent / "data" / "uebungsbereich.yaml"
TRAINEE_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
# Comments of the sample discussion come from nobody's browser.
SAMPLE_AUTHOR_KEY = "uebungsbereich"


def read_data(path: Path = DATA_FILE) -> dict:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@dataclass
class ResetReport:
    deleted_pages: int = 0
    deleted_polls: int = 0
    deleted_comments: int = 0
    created: list[str] = field(default_factory=list)


def practice_home(data: dict | None = None) -> Page | None:
    slug = (data or read_data())["home"]["slug"]
    return Page.objects.filter(depth=2, slug=slug).first()


def practice_pages():
    """Every page of the practice area (none if it does not exist)."""
    home = practice_home()
    return Page.objects.descendant_of(home, inclusive=True) if home else Page.objects.none()


@transaction.atomic
def reset_practice_area(today: date | None = None, data: dict | None = None) -> ResetReport:
    data = data or read_data()
    today = today or timezone.localdate()
    report = ResetReport()
    remove_practice_area(data, report)
    group = trainee_group(data["group"])
    department = practice_department(data["department"])
    home = add_home(data["home"], group)
    index = home.add_child(
        instance=ProjectIndexPage(
            title=data["index"]["title"], slug=data["index"]["slug"], intro=data["index"]["intro"]
        )
    )
    projects = {
        entry["slug"]: add_project(index, entry, department, today) for entry in data["projects"]
    }
    poll = add_poll(data["poll"], today)
    embed(projects[data["poll"]["embedded_in"]], poll)
    for entry in data["projects"]:
        add_comments(projects[entry["slug"]], entry["comments"])
    grant_trainees(group, home)
    report.created = [home.title, index.title, *(p.title for p in projects.values()), poll.title]
    return report


def remove_practice_area(data: dict, report: ResetReport) -> None:
    home = practice_home(data)
    polls = Poll.objects.filter(title=data["poll"]["title"])
    if home is not None:
        pages = Page.objects.descendant_of(home, inclusive=True)
        placed_here = PollPlacement.objects.filter(page__in=pages).values("poll_id")
        placed_elsewhere = PollPlacement.objects.exclude(page__in=pages).values("poll_id")
        polls = Poll.objects.filter(pk__in=placed_here).exclude(pk__in=placed_elsewhere) | polls
        report.deleted_comments = Comment.objects.filter(page__in=pages).count()
        report.deleted_pages = pages.count()
        # Comments and placements go with their pages (on_delete=CASCADE).
        home.delete()
    report.deleted_polls = polls.distinct().count()
    Poll.objects.filter(pk__in=polls.values("pk")).delete()


def trainee_group(name: str) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def practice_department(data: dict) -> Department:
    department, _created = Department.objects.get_or_create(
        name=data["name"],
        defaults={"short_name": data.get("short_name", ""), "kind": Department.Kind.TEAM},
    )
    return department


def add_home(data: dict, group: Group) -> HomePage:
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title=data["title"], slug=data["slug"], intro=data["intro"])
    )
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    return home


def grant_trainees(group: Group, home: Page) -> None:
    for action in TRAINEE_PAGE_ACTIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            ),
        )


def add_project(index: Page, data: dict, department: Department, today: date) -> ProjectPage:
    project = ProjectPage(
        title=data["title"],
        slug=data["slug"],
        teaser=data["teaser"],
        department=department,
        body=[("paragraph", text) for text in data["body"]],
    )
    for phase in data["phases"]:
        start, end = phase["days"]
        project.phases.add(
            ProjectPhase(
                title=phase["title"],
                start_date=today + timedelta(days=start),
                end_date=today + timedelta(days=end),
                allows_participation=phase["participation"],
            )
        )
    index.add_child(instance=project)
    project.save_revision().publish()
    return project


def add_poll(data: dict, today: date) -> Poll:
    opens, closes = data["days"]
    midnight = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    poll = Poll.objects.create(
        title=data["title"],
        description=data["description"],
        opens_at=midnight + timedelta(days=opens),
        closes_at=midnight + timedelta(days=closes),
    )
    for position, entry in enumerate(data["questions"]):
        question = Question.objects.create(
            poll=poll, kind=entry["kind"], text=entry["text"], sort_order=position
        )
        for order, label in enumerate(entry["choices"]):
            Choice.objects.create(question=question, label=label, sort_order=order)
    return poll


def embed(project: ProjectPage, poll: Poll) -> None:
    project.body.append(("poll", {"poll": poll}))
    project.save_revision().publish()


def add_comments(project: ProjectPage, bodies: list[str]) -> None:
    for body in bodies:
        Comment.objects.create(page=project, anonymous_key=SAMPLE_AUTHOR_KEY, body=body)
