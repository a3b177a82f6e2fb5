"""Reports on proposals: the comments' rules, one open report per account, hidden after N."""

import pytest
from django.urls import reverse

from participation.refusals import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    NotSignedIn,
    RateLimited,
)
from proposals import moderation
from proposals.models import (
    Moderation,
    ProposalModerationAction,
    ProposalModerationLogEntry,
    ProposalReport,
)
from tests.factories import UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def report_limits(settings):
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "proposal_report_per_account": "1000/m",
    }
    settings.PROPOSALS_REPORTS_TO_HIDE = 3


def report(user, proposal, reason="spam", details=""):
    return moderation.report_proposal(
        participant(user), proposal.pk, reason=reason, details=details
    )


def test_a_citizen_reports_a_proposal_with_a_reason(collection):
    proposal = make_proposal(collection)

    made = report(UserFactory(), proposal, "insult", "Beleidigt die Anwohner.")

    assert (made.reason, made.details, made.resolved) == (
        "insult",
        "Beleidigt die Anwohner.",
        False,
    )
    assert len(made.participant_key) == 64


def test_one_open_report_per_account_and_proposal(collection):
    proposal = make_proposal(collection)
    user = UserFactory()
    report(user, proposal)

    with pytest.raises(Conflict) as refused:
        report(user, proposal, "other")

    assert refused.value.code == "already_reported"
    assert ProposalReport.objects.count() == 1


def test_after_a_moderator_dealt_with_it_the_account_may_report_again(collection):
    proposal = make_proposal(collection)
    user = UserFactory()
    report(user, proposal)
    ProposalReport.objects.update(resolved=True)

    report(user, proposal)

    assert ProposalReport.objects.filter(resolved=False).count() == 1


@pytest.mark.parametrize(
    ("who", "refusal", "code"),
    [
        ("anonymous", NotSignedIn, "not_authenticated"),
        ("unverified", Forbidden, "email_not_verified"),
        ("author", Forbidden, "own_proposal"),
    ],
)
def test_who_may_not_report(collection, who, refusal, code):
    author = UserFactory()
    proposal = make_proposal(collection, author=author)
    user = {"anonymous": None, "unverified": UserFactory(verified=False), "author": author}[who]

    with pytest.raises(refusal) as refused:
        report(user, proposal)

    assert refused.value.code == code
    assert not ProposalReport.objects.exists()


def test_a_pending_proposal_cannot_be_reported_by_others(collection):
    proposal = make_proposal(collection, moderation=Moderation.PENDING)

    with pytest.raises(NotFound):
        report(UserFactory(), proposal)


def test_a_report_needs_a_known_reason(collection):
    proposal = make_proposal(collection)

    with pytest.raises(InvalidInput) as refused:
        report(UserFactory(), proposal, "boring")

    assert refused.value.code == "invalid_reason"


def test_reports_are_rate_limited_per_account(collection, settings):
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "proposal_report_per_account": "1/h",
    }
    user = UserFactory()
    report(user, make_proposal(collection, title="Erster"))

    with pytest.raises(RateLimited):
        report(user, make_proposal(collection, title="Zweiter"))


def test_the_third_report_hides_the_proposal_and_logs_it(collection):
    proposal = make_proposal(collection)
    for _ in range(2):
        report(UserFactory(), proposal)
    proposal.refresh_from_db()
    assert proposal.moderation == Moderation.PUBLISHED

    report(UserFactory(), proposal)

    proposal.refresh_from_db()
    assert proposal.moderation == Moderation.HIDDEN
    (entry,) = ProposalModerationLogEntry.objects.all()
    assert entry.action == ProposalModerationAction.AUTO_HIDE
    assert entry.moderator is None


def test_the_report_form_works_without_javascript(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())
    url = reverse("ideen:proposal", args=(proposal.pk,))

    page = client.get(url)
    sent = client.post(reverse("ideen:report", args=(proposal.pk,)), {"reason": "spam"})

    assert 'action="{}#melden"'.format(reverse("ideen:report", args=(proposal.pk,))) in page.text
    assert sent.status_code == 302
    assert ProposalReport.objects.get().reason == "spam"


def test_a_report_without_reason_shows_the_form_again_with_the_error(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())

    response = client.post(reverse("ideen:report", args=(proposal.pk,)), {"details": "x"})

    assert response.status_code == 400
    assert "Bitte wählen Sie einen Grund" in response.text
    assert "<details open>" in response.text
    assert not ProposalReport.objects.exists()


def test_a_second_report_in_html_answers_409_with_the_message(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())
    url = reverse("ideen:report", args=(proposal.pk,))
    client.post(url, {"reason": "spam"})

    again = client.post(url, {"reason": "spam"})

    assert again.status_code == 409
    assert "bereits gemeldet" in again.text


def test_visitors_are_offered_to_sign_in_to_report(client, collection):
    proposal = make_proposal(collection)

    page = client.get(reverse("ideen:proposal", args=(proposal.pk,)))

    assert 'id="melden"' in page.text
    assert "Melden Sie sich an, um diesen Vorschlag zu melden" in page.text
    assert 'action="{}'.format(reverse("ideen:report", args=(proposal.pk,))) not in page.text
