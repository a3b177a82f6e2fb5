import pytest

from tests.comments.factories import CommentFactory
from tests.comments.helpers import logged_in, make_moderator, open_project
from tests.factories import UserFactory


@pytest.fixture
def project(project_index):
    return open_project(project_index, title="Radverkehr Innenstadt", slug="radverkehr")


@pytest.fixture
def other_project(project_index):
    return open_project(project_index, title="Spielplatz Lobeda", slug="spielplatz")


@pytest.fixture
def other_citizen(db):
    return UserFactory(display_name="Fussgaenger")


@pytest.fixture
def unverified(db):
    return UserFactory(display_name="Neuling", verified=False)


@pytest.fixture
def moderator(db):
    """Staff with admin access and the moderation permission, not a superuser."""
    return make_moderator()


@pytest.fixture
def comment(project, other_citizen):
    return CommentFactory(page=project, author=other_citizen, body="Mehr Radwege bitte!")


@pytest.fixture
def citizen_client(citizen):
    return logged_in(citizen)


@pytest.fixture
def other_client(other_citizen):
    return logged_in(other_citizen)


@pytest.fixture(autouse=True)
def relaxed_rate_limits(settings):
    """Tests write many comments quickly; tests/comments/test_rate_limits.py sets real limits."""
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "comment_per_account": "1000/m",
        "comment_per_account_daily": "1000/d",
        "comment_per_ip": "1000/m",
        "comment_report_per_account": "1000/m",
        "comment_support_per_account": "1000/m",
    }
