"""A backup restores into a fresh database with the same rows, tallies, search hits and media.

The backup runs in-process against the test database; the restore runs as an
operator would, ``manage.py restore`` with production settings pointing at
a new database on the same server (dropped afterwards) and a new media folder.
"""

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from psycopg import sql
from wagtail.test.utils import wagtail_factories

from comments import services as comment_services
from pages.models import StandardPage
from polls.services import cast_ballot
from search.tasks import process_outbox
from tests.comments.helpers import open_project
from tests.factories import UserFactory
from tests.polls.factories import anonymous, inputs, make_poll, valid_answers
from web.participants import participant_from_request

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
WORD = "Zauberwaldweg"

CHECK = """
import json
from django.test import Client
from wagtail.images import get_image_model
from comments.models import Comment
from pages.models import ProjectPage
from polls import tallies
from polls.models import Ballot, Poll
poll = Poll.objects.get()
hits = Client().get("/api/v1/search/", {"q": "WORD"}).json()
print(json.dumps({
    "ballots": Ballot.objects.count(),
    "comments": Comment.objects.count(),
    "projects": ProjectPage.objects.count(),
    "images": [image.file.name for image in get_image_model().objects.all()],
    "tallies_exact": {k: v for k, v in tallies.read(poll.pk).items() if v}
        == tallies.recount(poll.pk),
    "hits": [hit["type"] for hit in hits["hits"]],
}))
""".replace("WORD", WORD)


def server_url(name: str) -> str:
    current = connection.settings_dict
    password = f":{current['PASSWORD']}" if current.get("PASSWORD") else ""
    return (
        f"postgres://{current['USER'] or 'postgres'}{password}@"
        f"{current['HOST'] or '127.0.0.1'}:{current['PORT'] or 5432}/{name}"
    )


@pytest.fixture
def fresh_database():
    """A new, empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def content(settings, tmp_path, project_index):
    """A project with an image, a poll with ballots and published comments."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "ballot_per_ip": "100000/h",
        "ballot_per_participant": "100000/h",
    }
    image = wagtail_factories.ImageFactory(title="Waldweg")
    project = open_project(project_index, title="Waldwege", slug="waldwege")
    now = timezone.now()
    poll = make_poll(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=1)
    )
    # Published as an editor would (the page builder only saves it).
    StandardPage.objects.get(slug=f"umfrage-{poll.pk}").save_revision().publish()
    for index in range(12):
        answers = valid_answers(poll, first=index % 2, second=(index % 3,), rating=1 + index % 5)
        cast_ballot(poll, anonymous(f"browser-{index}"), inputs(answers))
    for index, body in enumerate([f"Der {WORD} braucht Licht.", "Mehr Bänke", "Bitte Schatten"]):
        request = RequestFactory().post("/", REMOTE_ADDR=f"192.0.2.{index + 1}")
        request.user = UserFactory()
        comment_services.post_comment(project, participant_from_request(request), body=body)
    process_outbox()
    return {"image": image.file.name}


def run_backup(output: Path) -> Path:
    out = io.StringIO()
    call_command("backup", output=output, stdout=out, verbosity=0)
    return Path(out.getvalue().strip())


def manage(database: str, media: Path, *args) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "restore-test-" + "x" * 50,
        "DATABASE_URL": server_url(database),
        "ALLOWED_HOSTS": "testserver,localhost",
        "REDIS_URL": django_settings.CACHES["default"]["LOCATION"],
        "CACHE_KEY_PREFIX": "restore-test",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SEARCH_BACKEND": "postgres",
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_backup_restores_into_a_fresh_database_with_counts_tallies_search_and_media(
    content, fresh_database, tmp_path
):
    backup = run_backup(tmp_path / "backups")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["row_counts"]["polls_ballot"] == 12
    assert manifest["database"]["row_counts"]["comments_comment"] == 3
    assert manifest["media"]["files"] >= 1
    media = tmp_path / "restored-media"

    restored = manage(fresh_database, media, "restore", str(backup))

    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "row counts match the manifest" in restored.stdout
    assert "The search index matches the database." in restored.stdout
    check = manage(fresh_database, media, "shell", "--no-imports", "-c", CHECK)
    assert check.returncode == 0, check.stderr
    found = json.loads(check.stdout.strip().splitlines()[-1])
    assert found["ballots"] == 12
    assert found["comments"] == 3
    assert found["projects"] == 1
    assert found["tallies_exact"]
    assert found["hits"] == ["comment"]
    assert found["images"] == [content["image"]]
    assert (media / content["image"]).is_file()


def test_restore_refuses_a_database_that_is_not_empty(content, tmp_path):
    backup = run_backup(tmp_path / "backups")

    refused = manage(connection.settings_dict["NAME"], tmp_path / "m", "restore", str(backup))

    assert refused.returncode == 1
    assert "Refusing to overwrite the database" in refused.stderr
    assert "--force" in refused.stderr


def test_restore_refuses_a_damaged_backup(content, fresh_database, tmp_path):
    backup = run_backup(tmp_path / "backups")
    with (backup / "database.dump").open("ab") as dump:
        dump.write(b"x")

    refused = manage(fresh_database, tmp_path / "m", "restore", str(backup))

    assert refused.returncode == 1
    assert "does not match its checksum" in refused.stderr
