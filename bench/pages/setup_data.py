"""After ``load_demo_content``: the addresses to measure, an open poll and a signed-in reader.

Run by bench/pages/run.py with the benchmark's environment (the
bench_pages database, ``bench.pages.settings``). Prints one JSON line.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.pages.settings")

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Site  # noqa: E402

from accounts.consent import record_consents  # noqa: E402
from comments.models import Comment  # noqa: E402
from pages.models import ProjectIndexPage, ProjectPage  # noqa: E402
from polls.models import Poll  # noqa: E402
from polls.models.choices import AnonymousBallots  # noqa: E402

PROJECT_TITLE = "Radverkehrskonzept Innenstadt"
OPEN_POLL_TITLE = "Wo fehlen sichere Radwege?"
SEARCH_WORD = os.environ.get("BENCH_SEARCH_WORD", "Radweg")


def signed_in_cookie() -> str:
    """A citizen with a confirmed address who agreed to the documents in force."""
    reader, _created = get_user_model().objects.get_or_create(
        username="bench-leserin",
        defaults={"email": "bench-leserin@example.org", "display_name": "Bench-Leserin"},
    )
    EmailAddress.objects.get_or_create(
        user=reader, email=reader.email, defaults={"verified": True, "primary": True}
    )
    record_consents(reader)
    client = Client()
    client.force_login(reader)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def main():
    project = ProjectPage.objects.live().get(title=PROJECT_TITLE)
    home = Site.objects.get(is_default_site=True).root_page
    projects = ProjectIndexPage.objects.live().first()
    poll = Poll.objects.get(title=OPEN_POLL_TITLE)
    # Every ballot of the benchmark comes from 127.0.0.1: one per browser, no network limit.
    Poll.objects.filter(pk=poll.pk).update(anonymous_ballots=AnonymousBallots.PER_BROWSER)
    urls = {
        "project": project.url,
        "home": home.url,
        "projects": projects.url,
        "api_page": f"/api/v2/pages/{project.pk}/",
        "thread": f"/api/v1/comments/pages/{project.pk}",
        "search": f"/api/v1/search/?q={SEARCH_WORD}",
    }
    print(
        json.dumps(
            {
                "urls": urls,
                "poll": poll.pk,
                "comments": Comment.objects.filter(page=project).count(),
                "session_cookie": signed_in_cookie(),
            }
        )
    )


if __name__ == "__main__":
    main()
