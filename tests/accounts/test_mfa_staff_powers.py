"""Staff powers in participation need the second factor where staff must use one.

Before, MFA guarded only the admin: an editor's password alone signed in
through the headless API and spoke for the city there (official answers,
staff-only polls).
"""

import pytest

from participation.participants import Participant, TokenState
from tests.accounts.test_mfa import with_totp
from tests.comments.helpers import api, logged_in, open_project
from tests.factories import StaffUserFactory


@pytest.fixture
def required(settings):
    settings.PORTAL_REQUIRE_ADMIN_MFA = True


def participant(user):
    return Participant(user=user, anonymous_token=None, token_state=TokenState.MISSING, ip_hash="")


def test_an_editor_without_a_second_factor_is_no_staff_in_participation(db, required):
    editor = StaffUserFactory()
    assert not participant(editor).is_staff
    with_totp(editor)
    assert participant(editor).is_staff


def test_without_the_requirement_staff_stay_staff(db, settings):
    settings.PORTAL_REQUIRE_ADMIN_MFA = False
    assert participant(StaffUserFactory()).is_staff


def test_an_official_answer_needs_the_second_factor(project_index, required):
    page = open_project(project_index, comments_enabled=True)
    editor = StaffUserFactory()
    client = logged_in(editor)
    url = f"/api/v1/comments/pages/{page.pk}"
    response, body = api(client, "post", url, {"body": "Antwort der Stadt", "official": True})
    assert (response.status_code, body["code"]) == (403, "not_staff")
    with_totp(editor)
    response, body = api(client, "post", url, {"body": "Antwort der Stadt", "official": True})
    assert response.status_code == 201
    assert body["is_official"] is True
