"""Who may do what with a poll, by role and by where the poll's unit sits.

The person holds their role in the 'own' unit (the team city-wide); the
poll belongs to that unit, the Dezernat above it (parent), the other
Fachbereich under the same Dezernat (sibling) or the team below it (child).
Every cell of role x relation x action is asserted, through the admin's
HTTP views, the permission policy, the API and the visibility rule.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.permissions import policy_registry

from departments.models import DepartmentGroup, Role
from polls.models import Audience, Poll, ResultsVisibility
from polls.rules import may_see_poll, may_see_results
from polls.services import polls_visible_to
from polls.wagtail_hooks import poll_viewset
from tests.polls.factories import make_poll, signed_in

RELATIONS = ("own", "parent", "sibling", "child")
ROLES = ("team", "editor", "moderator", "analyst", "staff", "citizen")
BELOW = {"own", "child"}

# role -> relations in which the person edits the poll in the admin.
EDITS = {"team": set(RELATIONS), "editor": BELOW}
# role -> relations in which the person finds the poll in the admin's list, its results and exports.
READS = {"team": set(RELATIONS), "editor": BELOW, "analyst": BELOW}
# role -> relations in which the person sees a staff-only poll on the site.
SEES_STAFF_POLL = {
    "team": set(RELATIONS),
    "editor": BELOW,
    "moderator": BELOW,
    "analyst": BELOW,
    "staff": BELOW,
}
# What the admin answers where a role may not: the citizen is sent to sign in;
# views that look the poll up first (among the user's own) find nothing;
# the others refuse a role without the model permission and find nothing for one with it.
HAS_VIEW_PERMISSION = {"team", "editor", "analyst"}
EVERY_ROLE = set(ROLES)

URLS = "wagtailsnippets_polls_poll"


def poll_of(tree, relation, **fields):
    return make_poll(title=f"Umfrage der Einheit {relation}", department=tree[relation], **fields)


def answer(response) -> str:
    """What the admin did: shown the page, sent to sign in, refused, or found nothing."""
    if response.status_code == 302:
        # Wagtail's admin refuses with a redirect to its dashboard and a message.
        return "sign_in" if "login" in response.url else "refused"
    return {200: "shown", 403: "refused", 404: "not_found"}[response.status_code]


def refusal(role, finds_nothing) -> str:
    if role == "citizen":
        return "sign_in"
    return "not_found" if role in finds_nothing else "refused"


@pytest.fixture
def logged_in(client, people):
    def log_in(role):
        client.force_login(people[role])
        return client

    return log_in


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_edit_in_the_admin(people, tree, logged_in, role, relation):
    poll = poll_of(tree, relation)
    edits = relation in EDITS.get(role, set())

    policy = policy_registry.get_by_type(Poll)
    assert policy.user_has_permission_for_instance(people[role], "change", poll) is edits
    response = logged_in(role).get(reverse(f"{URLS}:edit", args=(poll.pk,)))
    assert answer(response) == ("shown" if edits else refusal(role, EVERY_ROLE))


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_see_in_the_admin_list(people, tree, logged_in, role, relation):
    poll = poll_of(tree, relation)
    reads = relation in READS.get(role, set())

    policy = policy_registry.get_by_type(Poll)
    listed = policy.instances_user_has_any_permission_for(people[role], ["change", "view"])
    assert listed.filter(pk=poll.pk).exists() is reads
    response = logged_in(role).get(reverse(f"{URLS}:list"))
    if role in HAS_VIEW_PERMISSION:
        assert answer(response) == "shown"
        assert (poll.title in response.content.decode()) is reads
    else:
        assert answer(response) == refusal(role, ())


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_view_results_in_the_admin(tree, logged_in, role, relation):
    poll = poll_of(tree, relation)
    reads = relation in READS.get(role, set())

    response = logged_in(role).get(reverse(f"{URLS}:results_of_poll", args=(poll.pk,)))
    assert answer(response) == ("shown" if reads else refusal(role, EVERY_ROLE))
    if reads:
        # The edit link only for those who may edit.
        edit_url = reverse(f"{URLS}:edit", args=(poll.pk,))
        assert (edit_url in response.content.decode()) is (relation in EDITS.get(role, set()))


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_export(tree, logged_in, role, relation):
    poll = poll_of(tree, relation)
    reads = relation in READS.get(role, set())

    response = logged_in(role).get(reverse(f"{URLS}:export", args=(poll.pk, "results", "csv")))
    assert answer(response) == ("shown" if reads else refusal(role, HAS_VIEW_PERMISSION))


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_see_a_staff_poll_on_the_site(people, tree, client, role, relation):
    poll = poll_of(tree, relation, audience=Audience.STAFF)
    sees = relation in SEES_STAFF_POLL.get(role, set())
    participant = signed_in(people[role])

    assert may_see_poll(participant, poll) is sees
    assert (poll.pk in polls_visible_to(participant, [poll.pk])) is sees
    client.force_login(people[role])
    response = client.get(f"/api/v1/polls/{poll.pk}")
    assert response.status_code == (200 if sees else 404)


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_see_editor_only_results_on_the_site(people, tree, role, relation):
    poll = poll_of(tree, relation, results_visibility=ResultsVisibility.EDITORS)
    reads = relation in READS.get(role, set())
    participant = signed_in(people[role])

    assert may_see_poll(participant, poll) is True  # a public poll: everyone sees the questions
    assert may_see_results(participant, poll, timezone.now()) is reads


@pytest.mark.parametrize("role", ROLES)
def test_a_staff_poll_without_a_unit_is_for_all_staff(people, role):
    poll = make_poll(title="Umfrage der ganzen Verwaltung", audience=Audience.STAFF)
    assert may_see_poll(signed_in(people[role]), poll) is (role != "citizen")


@pytest.mark.parametrize("role", ["team", "editor"])
def test_only_the_team_edits_a_poll_without_a_unit(people, role):
    poll = make_poll(title="Umfrage ohne Einheit")
    policy = policy_registry.get_by_type(Poll)
    assert policy.user_has_permission_for_instance(people[role], "change", poll) is (role == "team")


@pytest.mark.parametrize("role", ["team", "editor"])
def test_the_department_choice_follows_the_role(people, tree, role):
    form_class = poll_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=Poll(), for_user=people[role])
    field = form.fields["department"]
    if role == "team":
        assert set(field.queryset) == set(tree.values())
        assert field.required is False
    else:
        assert set(field.queryset) == {tree["own"], tree["child"]}
        assert field.required is True
        assert field.clean(tree["child"].pk) == tree["child"]
        for refused in (tree["sibling"].pk, tree["parent"].pk, None):
            with pytest.raises(ValidationError):
                field.clean(refused)


def test_the_role_groups_get_their_poll_permissions(tree):
    def codenames(role, department):
        group = DepartmentGroup.objects.get(role=role, department=department).group
        granted = group.permissions.filter(content_type__app_label="polls")
        return set(granted.values_list("codename", flat=True))

    own = tree["own"]
    assert codenames(Role.TEAM, None) == {"add_poll", "change_poll", "view_poll"}
    assert codenames(Role.EDITOR, own) == {"add_poll", "change_poll", "view_poll"}
    assert codenames(Role.ANALYST, own) == {"view_poll"}
    assert codenames(Role.MODERATOR, own) == set()
    assert codenames(Role.STAFF, own) == set()


@pytest.mark.parametrize("role", ["team", "editor", "analyst"])
def test_the_poll_chooser_offers_only_reachable_polls(people, tree, logged_in, role):
    """The poll block's chooser lists (and lets choose) the polls of the role's units only."""
    polls = {relation: poll_of(tree, relation, audience=Audience.STAFF) for relation in RELATIONS}
    client = logged_in(role)
    listing = client.get(reverse("wagtailsnippetchoosers_polls_poll:choose")).content.decode()
    offered = {relation for relation, poll in polls.items() if poll.title in listing}
    assert offered == READS[role]
    for relation, poll in polls.items():
        chosen = client.get(reverse("wagtailsnippetchoosers_polls_poll:chosen", args=(poll.pk,)))
        assert chosen.status_code == (200 if relation in READS[role] else 404)
