import pytest

from participation.page_access import PageAccess
from participation.participants import Participant, TokenState
from proposals import storage
from tests.departments.conftest import people, shared_tree, tree  # noqa: F401 - fixtures
from tests.proposals.factories import make_collection, make_proposal


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


@pytest.fixture
def relaxed_comment_limits(settings):
    """For the discussion tests, which post many comments from one account."""
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "comment_per_account": "1000/m",
        "comment_per_account_daily": "1000/d",
        "comment_per_ip": "1000/m",
        "comment_report_per_account": "1000/m",
        "comment_support_per_account": "1000/m",
    }


@pytest.fixture
def proposal(collection):
    """A published proposal of ``collection`` (the discussion tests' subject)."""
    return make_proposal(collection, title="Trinkbrunnen am Markt")
