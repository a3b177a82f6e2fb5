"""The proposal rules as a matrix: who (role) x in which state x which action."""

import datetime

import pytest

from departments.groups import sync_groups
from departments.models import DepartmentGroup, Role
from proposals import rules
from proposals.models import Moderation
from tests.factories import DepartmentFactory, UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection, make_proposal, today

pytestmark = pytest.mark.django_db

ACTIONS = {
    "submit": lambda who, p: rules.submit_refusal(who, p.collection),
    "edit": rules.edit_refusal,
    "withdraw": rules.withdraw_refusal,
    "support": rules.support_refusal,
    "unsupport": rules.unsupport_refusal,
    "view": rules.view_refusal,
}


def member(role, department):
    user = UserFactory()
    user.groups.add(DepartmentGroup.objects.get(role=role, department=department).group)
    return user


def who(role, proposal):
    if role == "anonymous":
        return participant(None)
    if role == "author":
        return participant(proposal.author)
    if role == "unverified":
        return participant(UserFactory(verified=False))
    return participant(UserFactory())


def situation(project_index, state):
    past = today() - datetime.timedelta(days=30)
    fields = {}
    if state == "submissions_closed":
        fields = {"submissions_start": past, "submissions_end": today() - datetime.timedelta(1)}
    if state == "all_closed":
        fields = {
            "submissions_start": past,
            "submissions_end": past,
            "supports_until": today() - datetime.timedelta(1),
        }
    collection = make_collection(project_index, **fields)
    proposal = make_proposal(collection)
    if state == "supported":
        proposal.support_count = 1
        proposal.save()
    if state == "withdrawn":
        proposal.withdrawn_at = proposal.created_at
        proposal.save()
    if state == "pending":
        proposal.moderation = Moderation.PENDING
        proposal.save()
    return proposal


# (role, state) -> the codes of the refusals, by action; None: allowed.
MATRIX = [
    ("anonymous", "open", {"submit": "not_authenticated", "edit": "not_authenticated",
     "withdraw": "not_authenticated", "support": "not_authenticated",
     "unsupport": "not_authenticated", "view": None}),
    ("unverified", "open", {"submit": "email_not_verified", "support": "email_not_verified",
     "edit": "email_not_verified", "view": None}),
    ("citizen", "open", {"submit": None, "edit": "not_author", "withdraw": "not_author",
     "support": None, "unsupport": None, "view": None}),
    ("author", "open", {"submit": None, "edit": None, "withdraw": None,
     "support": "own_proposal", "view": None}),
    ("author", "supported", {"edit": "already_supported", "withdraw": None}),
    ("author", "withdrawn", {"edit": "withdrawn", "withdraw": "withdrawn",
     "view": None}),
    ("citizen", "withdrawn", {"support": "withdrawn", "unsupport": None, "view": None}),
    ("citizen", "submissions_closed", {"submit": "submissions_closed", "support": None}),
    ("citizen", "all_closed", {"submit": "submissions_closed", "support": "supports_closed",
     "unsupport": "supports_closed", "view": None}),
    ("citizen", "pending", {"view": "proposal_not_found", "support": "proposal_not_found"}),
    ("author", "pending", {"view": None, "edit": None, "support": "not_published"}),
]  # fmt: skip


@pytest.mark.parametrize(("role", "state", "expected"), MATRIX)
def test_matrix(project_index, role, state, expected):
    proposal = situation(project_index, state)
    person = who(role, proposal)

    got = {}
    for action in expected:
        refusal = ACTIONS[action](person, proposal)
        got[action] = refusal.code if refusal else None

    assert got == expected


def test_moderators_of_the_projects_unit_see_pending_proposals_others_do_not(project_index):
    proposal = situation(project_index, "pending")
    unit = proposal.collection.page.department
    other_unit = DepartmentFactory(name="Fachbereich Kultur")
    sync_groups()

    assert rules.view_refusal(participant(member(Role.MODERATOR, unit)), proposal) is None
    refused = rules.view_refusal(participant(member(Role.MODERATOR, other_unit)), proposal)
    assert refused.code == "proposal_not_found"
