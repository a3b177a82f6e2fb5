""" "Meine Daten": everything about the citizen, nothing about anyone else (issue 11, item 12).

Two citizens with one of every kind of record each; the export of one
holds all of theirs (profile, addresses, consents, comments in every state,
supports, reports, ballots with answers, two-factor setup) and no trace of
the other, on the page, in the JSON and ZIP downloads and in the API.
"""

import io
import json
import zipfile

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone

from accounts.models import Consent
from comments.models import (
    CommentState,
    ModerationAction,
    ModerationLogEntry,
    Report,
    ReportReason,
    Support,
)
from notifications.models import Event, EventKind, Follow, FollowTarget, Notification
from participation.participants import Participant, TokenState
from polls.models import Answer, Ballot, VoterKind
from tests.api.conftest import call
from tests.comments.factories import CommentFactory, reply_to
from tests.factories import TEST_PASSWORD, ProjectPageFactory, UserFactory
from tests.polls.factories import make_poll, questions

TOTP_SECRET = "JBSWY3DPEHPK3PXPGEHEIMNIS"


def key_of(user) -> str:
    return Participant(user, None, TokenState.MISSING, "").key


def everything_of(user, project, poll, other_comment, tag):
    """One record of every kind for ``user``; ``tag`` marks every text of theirs."""
    Consent.objects.create(user=user, document="privacy", version="1")
    Consent.objects.create(user=user, document="terms", version="1")
    user.emailaddress_set.create(email=f"zweit-{tag}@example.org", verified=False, primary=False)
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": f"{TOTP_SECRET}{tag.upper()}"}
    )
    comments = {
        state: CommentFactory(
            page=project, author=user, body=f"{tag} schreibt im Zustand {state}", state=state
        )
        for state in CommentState.values
    }
    removed = comments[CommentState.REMOVED]
    removed.removal_reason = f"Beleidigend ({tag})"
    removed.save()
    reply_to(other_comment, author=user, body=f"{tag} antwortet")
    Support.objects.create(comment=other_comment, participant_key=key_of(user))
    Report.objects.create(
        comment=other_comment,
        participant_key=key_of(user),
        reason=ReportReason.OFF_TOPIC,
        details=f"{tag} meldet das",
    )
    single, multiple, scale, free = questions(poll)
    ballot = Ballot.objects.create(
        poll=poll, participant_key=key_of(user), user=user, voter_kind=VoterKind.REGISTERED
    )
    Answer.objects.create(ballot=ballot, question=single, choice=single.choices.first())
    for choice in multiple.choices.all()[:2]:
        Answer.objects.create(ballot=ballot, question=multiple, choice=choice)
    Answer.objects.create(ballot=ballot, question=scale, rating=4)
    Answer.objects.create(ballot=ballot, question=free, text=f"{tag} wünscht sich Schatten")
    ModerationLogEntry.objects.create(
        comment=other_comment,
        moderator=user,
        action=ModerationAction.NOTE,
        from_state=CommentState.PUBLISHED,
        note=f"{tag} notiert",
    )
    Follow.objects.create(user=user, target=FollowTarget.PROJECT, target_id=project.pk)
    event = Event.objects.create(
        kind=EventKind.NEWS,
        key=f"test:{tag}",
        page=project,
        title=f"{tag} liest Neuigkeiten",
        occurred_at=timezone.now(),
    )
    Notification.objects.create(event=event, user=user)
    return ballot


@pytest.fixture
def two_citizens(project_index):
    project = ProjectPageFactory(parent=project_index, title="Grüner Marktplatz")
    poll = make_poll(title="Wie grün soll der Markt werden?")
    someone = UserFactory(display_name="Dritte Person")
    other_comment = CommentFactory(page=project, author=someone, body="Text einer Dritten")
    anna = UserFactory(display_name="Anna Apfel", email="anna@example.org")
    bert = UserFactory(display_name="Bert Birne", email="bert@example.org")
    ballots = {
        "anna": everything_of(anna, project, poll, other_comment, "anna"),
        "bert": everything_of(bert, project, poll, other_comment, "bert"),
    }
    return anna, bert, ballots


def assert_all_of_anna_and_nothing_of_bert(text: str, ballots):
    for expected in [
        "Anna Apfel",
        "anna@example.org",
        "zweit-anna@example.org",
        *(f"anna schreibt im Zustand {state}" for state in CommentState.values),
        "Beleidigend (anna)",
        "anna antwortet",
        "anna meldet das",
        "anna wünscht sich Schatten",
        "anna notiert",
        "anna liest Neuigkeiten",
        str(ballots["anna"].public_id),
        "Wie grün soll der Markt werden?",
        "Soll der Platz grüner werden?",
        "Grüner Marktplatz",
    ]:
        assert expected in text, expected
    for foreign in [
        "bert",
        "Bert",
        "Birne",
        str(ballots["bert"].public_id),
        "Dritte Person",
        "Text einer Dritten",
        TOTP_SECRET,
        "user-",  # no internal usernames
    ]:
        assert foreign not in text, foreign


def test_page_shows_everything_of_the_citizen_and_nothing_else(client, two_citizens):
    anna, _bert, ballots = two_citizens
    client.force_login(anna)

    response = client.get("/accounts/data/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert_all_of_anna_and_nothing_of_bert(html, ballots)
    for title in ["Profil", "E-Mail-Adressen", "Zustimmungen", "Beiträge", "Unterstützungen"]:
        assert f">{title} <span" in html
    assert "Meldungen" in html and "Stimmabgaben" in html and "Zwei-Faktor" in html
    assert 'href="/accounts/data/download/zip/"' in html


def test_json_download_holds_every_kind_of_record(client, two_citizens):
    anna, _bert, ballots = two_citizens
    client.force_login(anna)

    response = client.get("/accounts/data/download/json/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="meine-daten-')
    text = response.content.decode()
    assert_all_of_anna_and_nothing_of_bert(text, ballots)
    document = json.loads(text)
    sections = {section["key"]: section for section in document["sections"]}
    counts = {key: len(section["items"]) for key, section in sections.items()}
    assert counts == {
        "profile": 1,
        "email_addresses": 2,
        "consents": 2,
        "two_factor_authentication": 1,
        "comments": len(CommentState.values) + 1,
        "supports": 1,
        "reports": 1,
        "moderation_actions": 1,
        "ballots": 1,
        "proposals": 0,
        "proposal_supports": 0,
        "follows": 1,
        "notification_settings": 1,
        "notifications": 1,
    }
    assert sections["follows"]["items"][0]["name"] == "Grüner Marktplatz"
    comments = {item["text"]: item for item in sections["comments"]["items"]}
    removed = comments["anna schreibt im Zustand removed"]
    assert removed["state"] == "von der Moderation entfernt"
    assert removed["removal_reason"] == "Beleidigend (anna)"
    assert comments["anna schreibt im Zustand published"]["removal_reason"] == ""
    answers = sections["ballots"]["items"][0]["answers"]
    assert {"label": "Wie wichtig ist Ihnen das?", "value": "4"} in answers
    assert len(answers) == 5  # single, two ticked choices, rating, text
    verified = {item["email"]: item["verified"] for item in sections["email_addresses"]["items"]}
    assert verified == {"anna@example.org": True, "zweit-anna@example.org": False}


def test_zip_opens_and_holds_both_files(client, two_citizens):
    anna, _bert, ballots = two_citizens
    client.force_login(anna)

    response = client.get("/accounts/data/download/zip/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == ["meine-daten.html", "meine-daten.json"]
        document = json.loads(archive.read("meine-daten.json"))
        page = archive.read("meine-daten.html").decode()
    assert document["portal"] == "Beteiligungsportal"
    assert_all_of_anna_and_nothing_of_bert(page, ballots)
    # Readable offline: styles inline, nothing loaded from the portal.
    assert "<style>" in page and "<link" not in page and "src=" not in page


def test_anonymous_visitors_get_nothing(client, two_citizens):
    response = client.get("/accounts/data/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/data/download/json/").status_code == 302

    response, body = call(client, "get", "/api/v1/me/data")
    assert (response.status_code, body["code"]) == (401, "not_authenticated")


def test_unknown_format_is_404(client, citizen):
    client.force_login(citizen)
    assert client.get("/accounts/data/download/exe/").status_code == 404


def test_api_returns_the_same_export_with_a_session(client, two_citizens):
    anna, _bert, ballots = two_citizens
    client.force_login(anna)

    response, body = call(client, "get", "/api/v1/me/data")

    assert response.status_code == 200, body
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    assert_all_of_anna_and_nothing_of_bert(json.dumps(body, ensure_ascii=False), ballots)
    assert [section["key"] for section in body["sections"]][:3] == [
        "profile",
        "email_addresses",
        "consents",
    ]


def test_api_returns_the_export_with_an_app_token(two_citizens):
    anna, _bert, _ballots = two_citizens
    anna_totp = Authenticator.objects.get(user=anna)
    anna_totp.delete()  # signing in with a second factor is accounts/test_mfa.py's subject
    app = Client(enforce_csrf_checks=True)
    credentials = {"email": anna.email, "password": TEST_PASSWORD}
    response, body = call(app, "post", "/_allauth/app/v1/auth/login", credentials)
    token = body["meta"]["session_token"]

    response, body = call(app, "get", "/api/v1/me/data", HTTP_X_SESSION_TOKEN=token)

    assert response.status_code == 200, body
    text = json.dumps(body, ensure_ascii=False)
    assert "anna schreibt im Zustand pending" in text and "Bert" not in text


def test_export_is_rate_limited(client, citizen, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "data_export_per_account": "2/h"}
    client.force_login(citizen)
    assert client.get("/accounts/data/").status_code == 200
    assert client.get("/accounts/data/download/json/").status_code == 200

    response = client.get("/accounts/data/download/zip/")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Bitte versuchen Sie es in" in response.content.decode()
    response, body = call(client, "get", "/api/v1/me/data")
    assert (response.status_code, body["code"]) == (429, "rate_limited")
    # Another citizen is not affected.
    client.force_login(UserFactory())
    assert client.get("/accounts/data/").status_code == 200


def test_profile_links_the_export(client, citizen):
    client.force_login(citizen)
    html = client.get("/accounts/profile/").content.decode()
    assert 'href="/accounts/data/"' in html


def test_times_are_shown_in_local_time(client, citizen):
    client.force_login(citizen)
    html = client.get("/accounts/data/").content.decode()
    year = str(timezone.localtime().year)
    assert year in html
