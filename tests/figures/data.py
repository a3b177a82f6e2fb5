"""Varied figures data: a unit tree, projects in every state, contributions across months."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import PageViewRestriction

from comments.models import (
    Comment,
    CommentState,
    ModerationAction,
    ModerationLogEntry,
    Report,
    Support,
)
from departments.groups import sync_groups
from departments.models import Department
from pages.models import ProjectPage, StandardPage
from participation.participants import keyed_hash
from polls.models import AnonymousBallots, Audience, Ballot, Poll, PollPlacement, VoterKind
from tests.factories import (
    DepartmentFactory,
    ProjectPageFactory,
    UserFactory,
    add_phases,
)

START = datetime.datetime(2026, 1, 5, 10, 0, tzinfo=datetime.UTC)


@dataclass
class World:
    departments: dict[str, Department]
    projects: dict[str, ProjectPage]
    other_page: StandardPage
    users: list = field(default_factory=list)


def at(rng: random.Random, days: int = 300) -> datetime.datetime:
    return START + datetime.timedelta(days=rng.randrange(days), minutes=rng.randrange(24 * 60))


def build_tree():
    dezernat = DepartmentFactory(name="Dezernat Stadtentwicklung", kind=Department.Kind.DEZERNAT)
    mobility = DepartmentFactory(name="Fachbereich Mobilität", parent=dezernat)
    green = DepartmentFactory(name="Fachbereich Grün", parent=dezernat)
    cycling = DepartmentFactory(name="Team Radverkehr", kind=Department.Kind.TEAM, parent=mobility)
    culture = DepartmentFactory(name="Dezernat Kultur", kind=Department.Kind.DEZERNAT)
    sync_groups()
    return {
        "dezernat": dezernat,
        "mobility": mobility,
        "green": green,
        "cycling": cycling,
        "culture": culture,
    }


def build_projects(project_index, departments):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    projects = {}
    for name, unit in (
        ("radweg", "cycling"),
        ("ampel", "mobility"),
        ("park", "green"),
        ("museum", "culture"),
        ("plan", "dezernat"),
    ):
        projects[name] = ProjectPageFactory(
            parent=project_index, title=f"Projekt {name}", department=departments[unit]
        )
    add_phases(projects["radweg"], (today - 10 * day, today + 10 * day))  # open
    add_phases(projects["ampel"], (today - 40 * day, today - 20 * day))  # finished
    add_phases(projects["park"], (today + 5 * day, today + 30 * day))  # upcoming
    add_phases(projects["museum"], (today - 40 * day, today - 20 * day))
    add_phases(projects["museum"], (today - 10 * day, today + 20 * day), participation=False)
    # A project behind a password and one taken offline: never on public pages.
    PageViewRestriction.objects.create(
        page=projects["plan"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    projects["offline"] = ProjectPageFactory(
        parent=project_index, title="Projekt offline", department=departments["cycling"]
    )
    projects["offline"].unpublish()
    return projects


def comment_on(rng, page, users, **fields):
    user = rng.choice([*users, None, None])
    fields.setdefault("created_at", at(rng))
    return Comment.objects.create(
        page=page,
        author=user,
        anonymous_key="" if user else keyed_hash("participant", f"anon:{rng.randrange(6)}"),
        body="Mehr Radwege, bitte.",
        **fields,
    )


def build_discussions(rng, pages, users, moderator):
    for page in pages:
        for _ in range(rng.randrange(4, 9)):
            state = rng.choice([CommentState.PUBLISHED] * 4 + [CommentState.PENDING])
            thread = comment_on(rng, page, users, state=state)
            if state == CommentState.PENDING and rng.random() < 0.6:
                action = rng.choice([ModerationAction.APPROVE, ModerationAction.REJECT])
                decided = thread.created_at + datetime.timedelta(hours=rng.randrange(1, 50))
                ModerationLogEntry.objects.create(
                    comment=thread,
                    moderator=moderator,
                    action=action,
                    from_state=CommentState.PENDING,
                    created_at=decided,
                )
                thread.state = (
                    CommentState.PUBLISHED
                    if action == ModerationAction.APPROVE
                    else CommentState.REJECTED
                )
                thread.save(update_fields=["state"])
            if thread.state != CommentState.PUBLISHED:
                continue
            for _ in range(rng.randrange(0, 3)):
                comment_on(
                    rng,
                    page,
                    users,
                    parent=thread,
                    root=thread,
                    depth=2,
                    created_at=thread.created_at + datetime.timedelta(hours=rng.randrange(1, 90)),
                )
            if rng.random() < 0.5:
                Comment.objects.create(
                    page=page,
                    author=moderator,
                    parent=thread,
                    root=thread,
                    depth=2,
                    is_official=True,
                    body="Antwort der Stadt.",
                    created_at=thread.created_at + datetime.timedelta(hours=rng.randrange(2, 400)),
                )
            for key in rng.sample(range(8), rng.randrange(0, 4)):
                Support.objects.create(
                    comment=thread,
                    participant_key=keyed_hash("participant", f"anon:{key}"),
                    created_at=thread.created_at + datetime.timedelta(days=rng.randrange(0, 40)),
                )
            if rng.random() < 0.3:
                reported = thread.created_at + datetime.timedelta(hours=rng.randrange(1, 30))
                Report.objects.create(
                    comment=thread, participant_key="r" * 64, reason="spam", created_at=reported
                )
                if rng.random() < 0.5:
                    ModerationLogEntry.objects.create(
                        comment=thread,
                        moderator=moderator,
                        action=ModerationAction.REMOVE,
                        from_state=CommentState.PUBLISHED,
                        created_at=reported + datetime.timedelta(hours=rng.randrange(1, 20)),
                    )
                    thread.state = CommentState.REMOVED
                    thread.save(update_fields=["state"])
                else:
                    Report.objects.filter(comment=thread).update(resolved=False)


def build_polls(rng, departments, pages, users):
    specs = [
        (pages[0], Audience.PUBLIC, AnonymousBallots.PER_BROWSER, departments["cycling"]),
        (pages[1], Audience.PUBLIC, AnonymousBallots.PER_NETWORK, departments["mobility"]),
        (pages[2], Audience.REGISTERED, "", departments["green"]),
        (pages[0], Audience.STAFF, "", departments["cycling"]),
        (pages[-1], Audience.PUBLIC, AnonymousBallots.PER_BROWSER, departments["culture"]),
    ]
    for position, (page, audience, anonymous, department) in enumerate(specs):
        poll = Poll.objects.create(
            title=f"Umfrage {position}",
            opens_at=START,
            closes_at=START + datetime.timedelta(days=400),
            audience=audience,
            anonymous_ballots=anonymous,
            department=department,
        )
        PollPlacement.objects.create(poll=poll, page=page)
        for voter in range(rng.randrange(5, 14)):
            if audience == Audience.STAFF:
                kind, user = VoterKind.STAFF, rng.choice(users)
            elif audience == Audience.REGISTERED or voter % 3 == 0:
                kind, user = VoterKind.REGISTERED, rng.choice(users)
            else:
                kind, user = VoterKind.ANONYMOUS, None
            key = (
                keyed_hash("participant", f"user:{user.pk}")
                if user
                else keyed_hash("participant", f"anon:{voter}")
            )
            if Ballot.objects.filter(poll=poll, participant_key=key).exists():
                continue
            ballot = Ballot.objects.create(
                poll=poll, participant_key=key, user=user, voter_kind=kind
            )
            Ballot.objects.filter(pk=ballot.pk).update(created_at=at(rng))


def build_world(project_index, seed: int = 14) -> World:
    rng = random.Random(seed)
    departments = build_tree()
    projects = build_projects(project_index, departments)
    other_page = project_index.get_parent().add_child(
        instance=StandardPage(title="Über uns", slug="ueber-uns")
    )
    users = [UserFactory() for _ in range(5)]
    moderator = UserFactory(username="moderation")
    pages = [*projects.values(), other_page]
    build_discussions(rng, pages, users, moderator)
    build_polls(rng, departments, pages, users)
    return World(departments, projects, other_page, users)
