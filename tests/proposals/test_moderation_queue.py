"""The proposals' moderation queue: scoped to the moderator's unit, bulk actions, each logged."""

import pytest
from django.urls import reverse

from participation.refusals import Conflict, InvalidInput
from proposals import moderation
from proposals.models import (
    Moderation,
    ProposalModerationAction,
    ProposalModerationLogEntry,
    ProposalReport,
)
from tests.factories import ProjectPageFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection, make_proposal

pytestmark = pytest.mark.django_db
Action = ProposalModerationAction


@pytest.fixture
def units(tree, project_index):
    own = make_collection(
        project_index, page=ProjectPageFactory(parent=project_index, department=tree["own"])
    )
    other = make_collection(
        project_index, page=ProjectPageFactory(parent=project_index, department=tree["sibling"])
    )
    return {
        "own": make_proposal(own, title="Radweg am Fluss", moderation=Moderation.PENDING),
        "other": make_proposal(other, title="Parkbank im Grünen", moderation=Moderation.PENDING),
    }


def queue_url(**params):
    return reverse("proposal_moderation:index"), {"queue": "true", **params}


def bulk_url(action_type, *proposals):
    ids = "&".join(f"id={proposal.pk}" for proposal in proposals)
    return f"/cms/bulk/proposals/proposal/{action_type}/?{ids}&next=/cms/"


def test_a_department_moderator_sees_only_their_units_proposals(client, people, units):
    client.force_login(people["moderator"])

    url, params = queue_url()
    response = client.get(url, params)
    inspect_other = client.get(reverse("proposal_moderation:inspect", args=(units["other"].pk,)))

    assert response.status_code == 200
    assert "Radweg am Fluss" in response.text
    assert "Parkbank im Grünen" not in response.text
    assert inspect_other.status_code == 404


def test_the_team_sees_every_units_proposals(client, people, units):
    client.force_login(people["team"])

    url, params = queue_url()
    response = client.get(url, params)

    assert "Radweg am Fluss" in response.text
    assert "Parkbank im Grünen" in response.text


def test_reported_proposals_are_in_the_queue_and_quiet_ones_are_not(client, people, units):
    quiet = make_proposal(units["own"].collection, title="Ruhiger Vorschlag")
    reported = make_proposal(units["own"].collection, title="Gemeldeter Vorschlag")
    ProposalReport.objects.create(proposal=reported, participant_key="k" * 64, reason="spam")
    client.force_login(people["moderator"])

    url, params = queue_url()
    response = client.get(url, params)

    assert "Gemeldeter Vorschlag" in response.text
    assert quiet.title not in response.text


def test_the_queue_filters_by_collection_and_state(client, people, units, project_index, tree):
    second = make_collection(
        project_index,
        page=ProjectPageFactory(parent=project_index, department=tree["own"]),
        title="Zweite Sammlung",
    )
    make_proposal(second, title="Spielplatz im Park", moderation=Moderation.HIDDEN)
    client.force_login(people["moderator"])

    url, params = queue_url(collection=second.pk)
    by_collection = client.get(url, params)
    url, params = queue_url(moderation="pending")
    by_state = client.get(url, params)

    assert "Spielplatz im Park" in by_collection.text
    assert "Radweg am Fluss" not in by_collection.text
    assert "Radweg am Fluss" in by_state.text
    assert "Spielplatz im Park" not in by_state.text


def test_citizens_and_analysts_do_not_get_in(client, people, units):
    for who in ("citizen", "analyst"):
        client.force_login(people[who])
        url, params = queue_url()
        assert client.get(url, params).status_code in (302, 403)


def test_bulk_publish_publishes_own_units_only_and_logs_each(client, people, units):
    client.force_login(people["moderator"])

    page = client.get(bulk_url("publish_proposals", units["own"]))
    done = client.post(bulk_url("publish_proposals", units["own"], units["other"]), {})

    assert page.status_code == 200
    assert done.status_code == 302
    units["own"].refresh_from_db()
    units["other"].refresh_from_db()
    assert units["own"].moderation == Moderation.PUBLISHED
    assert units["other"].moderation == Moderation.PENDING
    (entry,) = ProposalModerationLogEntry.objects.all()
    assert (entry.proposal, entry.action, entry.moderator) == (
        units["own"],
        Action.PUBLISH,
        people["moderator"],
    )
    assert (entry.from_state, entry.to_state) == (Moderation.PENDING, Moderation.PUBLISHED)


def test_bulk_reject_needs_a_reason_which_the_author_is_told(client, people, units):
    client.force_login(people["moderator"])
    url = bulk_url("reject_proposals", units["own"])

    without = client.post(url, {"reason": ""})
    units["own"].refresh_from_db()
    assert without.status_code == 200
    assert units["own"].moderation == Moderation.PENDING

    client.post(url, {"reason": "Beleidigend"})

    units["own"].refresh_from_db()
    assert units["own"].moderation == Moderation.REJECTED
    assert units["own"].moderation_reason == "Beleidigend"
    entry = ProposalModerationLogEntry.objects.get()
    assert (entry.action, entry.reason) == (Action.REJECT, "Beleidigend")


def test_dismissing_reports_brings_a_hidden_proposal_back_and_closes_them(people, units):
    proposal = units["own"]
    proposal.moderation = Moderation.HIDDEN
    proposal.save()
    ProposalReport.objects.create(proposal=proposal, participant_key="a" * 64, reason="spam")

    result = moderation.moderate(participant(people["moderator"]), [proposal.pk], Action.DISMISS)

    proposal.refresh_from_db()
    assert result.changed == [proposal]
    assert proposal.moderation == Moderation.PUBLISHED
    assert not ProposalReport.objects.filter(resolved=False).exists()
    assert ProposalModerationLogEntry.objects.get().action == Action.DISMISS


def test_an_action_that_does_not_fit_is_skipped_in_bulk_and_refused_alone(people, units):
    moderator = participant(people["moderator"])

    skipped = moderation.moderate(moderator, [units["own"].pk], Action.RESTORE)
    with pytest.raises(Conflict) as refused:
        moderation.moderate_one(moderator, units["own"].pk, Action.DISMISS)

    assert skipped.skipped == [units["own"]] and not skipped.changed
    assert refused.value.code == "invalid_transition"
    assert not ProposalModerationLogEntry.objects.exists()


def test_removal_without_reason_is_refused_for_all(people, units):
    with pytest.raises(InvalidInput) as refused:
        moderation.moderate(participant(people["team"]), [units["own"].pk], Action.REMOVE)

    assert refused.value.code == "reason_required"


def test_a_removed_proposal_is_gone_for_the_public_but_its_author_reads_why(client, units):
    proposal = units["own"]
    proposal.moderation = Moderation.REMOVED
    proposal.moderation_reason = "Werbung"
    proposal.save()
    url = reverse("ideen:proposal", args=(proposal.pk,))

    public = client.get(url)
    client.force_login(proposal.author)
    own = client.get(url)

    assert public.status_code == 404
    assert own.status_code == 200
    assert "Werbung" in own.text


def test_the_moderation_page_shows_reports_and_the_log(client, people, units):
    moderator = participant(people["moderator"])
    moderation.moderate(moderator, [units["own"].pk], Action.PUBLISH, note="geprüft")
    ProposalReport.objects.create(
        proposal=units["own"], participant_key="b" * 64, reason="spam", details="Werbelink"
    )
    client.force_login(people["moderator"])

    page = client.get(reverse("proposal_moderation:inspect", args=(units["own"].pk,)))

    assert page.status_code == 200
    assert "Werbelink" in page.text
    assert "geprüft" in page.text


def test_one_action_from_the_moderation_page(client, people, units):
    client.force_login(people["moderator"])
    url = reverse("proposal_moderation:moderate", args=(units["own"].pk,))

    response = client.post(url, {"action": "publish"})
    other = client.post(
        reverse("proposal_moderation:moderate", args=(units["other"].pk,)), {"action": "publish"}
    )

    assert response.status_code == 302
    assert other.status_code == 404
    units["own"].refresh_from_db()
    assert units["own"].moderation == Moderation.PUBLISHED


def test_the_moderation_menu_holds_comments_and_proposals(client, people, units):
    client.force_login(people["moderator"])

    menu = client.get("/cms/").text

    assert reverse("comments_moderation:index") in menu
    assert reverse("proposal_moderation:index") in menu


def test_the_dashboard_counts_the_proposals_to_review(client, people, units):
    client.force_login(people["moderator"])

    dashboard = client.get("/cms/").text

    assert reverse("proposal_moderation:index") + "?queue=true" in dashboard
