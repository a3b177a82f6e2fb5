import pytest

from participation.page_access import PageAccess
from participation.participants import Participant, TokenState
from proposals import storage
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


@pytest.fixture(autouse=True)
def proposal_files(settings, tmp_path):
    """Each test's proposal files in a folder of its own, so a test sees only its files."""
    location = tmp_path / "proposal-media"
    settings.PROPOSALS_MEDIA_ROOT = location
    proposals = {**settings.STORAGES["proposals"]}
    proposals["OPTIONS"] = {**proposals["OPTIONS"], "location": location}
    settings.STORAGES = {**settings.STORAGES, "proposals": proposals}
    storage.files.reset()
    yield location
    storage.files.reset()
