import pytest

from participation.page_access import PageAccess
from participation.participants import Participant, TokenState
from tests.departments.conftest import people, tree  # noqa: F401 - fixtures
from tests.proposals.factories import make_collection


def participant(user=None) -> Participant:
    return Participant(
        user=user,
        anonymous_token=None,
        token_state=TokenState.MISSING,
        ip_hash="test",
        access=PageAccess(user=user),
    )


@pytest.fixture
def collection(project_index):
    return make_collection(project_index)
