"""A comment and its search index update are stored together or not at all.

Found by ``make bench-faults``: with database connections terminated during
a comment storm, comments were stored whose outbox entry was not (the
connection died between the two writes), so search never learnt of them.
Here PostgreSQL itself refuses the outbox write (a trigger), as a terminated
connection would at that moment.
"""

import pytest
from django.db import DatabaseError, connection

from comments import services
from comments.models import Comment
from tests.comments.helpers import open_project
from web.participants import participant_from_request

# Committed transactions: the comment must not survive the failed outbox write.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def project(project_index):
    return open_project(project_index, slug="atomar")


@pytest.fixture
def outbox_refusing_writes(project):
    """From here on PostgreSQL refuses every new search outbox entry."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'outbox refuses writes'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_outbox BEFORE INSERT ON search_outboxentry "
            "FOR EACH ROW EXECUTE FUNCTION refuse_outbox()"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER refuse_outbox ON search_outboxentry")
        cursor.execute("DROP FUNCTION refuse_outbox()")


def test_a_failed_outbox_write_leaves_no_comment_behind(
    project, citizen, rf, outbox_refusing_writes
):
    request = rf.post("/", REMOTE_ADDR="192.0.2.7")
    request.user = citizen

    with pytest.raises(DatabaseError):
        services.post_comment(
            project, participant_from_request(request), body="Mehr Bäume am Markt"
        )

    assert not Comment.objects.exists()
