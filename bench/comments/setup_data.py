"""Loads the benchmark project: 10,000 comments (1,000 threads), then counts queries.

Run by bench/comments/run.py with the benchmark's environment (production
settings, the bench_comments database). Prints one JSON line: the URLs to
measure and the SQL queries each one takes, counted in-process with
Django's test client.
"""

import datetime
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from comments import threads  # noqa: E402
from comments.models import Comment  # noqa: E402
from departments.models import Department  # noqa: E402
from pages.models import HomePage, ProjectIndexPage, ProjectPage, ProjectPhase  # noqa: E402

THREADS = int(os.environ.get("BENCH_THREADS", "1000"))
REPLIES = int(os.environ.get("BENCH_REPLIES_PER_THREAD", "9"))
AUTHORS = 200
WORDS = [
    *("Radweg", "Kreuzung", "Ampel", "Schulweg", "Bäume", "Parkplätze", "Bushaltestelle"),
    *("Gehweg", "Beleuchtung", "Spielplatz", "Markt", "Innenstadt", "sicher", "breiter"),
    *("langsamer", "grüner", "Vorschlag", "Idee", "Sorge"),
]


def text(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
    if rng.random() < 0.1:
        body += "\nMehr dazu: https://example.org/radverkehr?seite=2"
    return body


def build_site():
    root = Page.get_first_root_node()
    home = HomePage(title="Mitreden in Jena", slug="mitreden", intro="Benchmark")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    index = ProjectIndexPage(title="Projekte", slug="projekte")
    home.add_child(instance=index)
    department = Department.objects.create(name="Fachbereich Mobilität")
    project = ProjectPage(
        title="Radverkehrskonzept",
        slug="radverkehr",
        teaser="Wo fehlen Radwege?",
        department=department,
    )
    index.add_child(instance=project)
    today = timezone.localdate()
    ProjectPhase.objects.create(
        page=project,
        title="Online-Dialog",
        start_date=today - datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=20),
    )
    project.save_revision().publish()
    return project


def build_comments(project):
    rng = random.Random(2026)
    User = get_user_model()
    authors = User.objects.bulk_create(
        User(username=f"bench-{n}", email=f"bench{n}@example.org", display_name=f"Bürgerin {n}")
        for n in range(AUTHORS)
    )
    start = timezone.now() - datetime.timedelta(days=20)
    step = datetime.timedelta(seconds=30)
    roots = Comment.objects.bulk_create(
        Comment(
            page_id=project.pk,
            author=rng.choice(authors),
            body=text(rng, rng.randint(15, 60)),
            created_at=start + index * (REPLIES + 1) * step,
            support_count=rng.randint(0, 40),
            reply_count=REPLIES,
        )
        for index in range(THREADS)
    )
    # Replies: the first half answer the thread, the rest answer the first reply (depth 3).
    direct = REPLIES // 2 + 1
    firsts = Comment.objects.bulk_create(
        Comment(
            page_id=project.pk,
            parent_id=root.pk,
            root_id=root.pk,
            depth=2,
            author=rng.choice(authors),
            body=text(rng, rng.randint(5, 40)),
            created_at=root.created_at + step,
            reply_count=REPLIES - direct,
        )
        for root in roots
    )
    replies = []
    for root, first in zip(roots, firsts, strict=True):
        for number in range(1, REPLIES):
            nested = number >= direct
            replies.append(
                Comment(
                    page_id=project.pk,
                    parent_id=first.pk if nested else root.pk,
                    root_id=root.pk,
                    depth=3 if nested else 2,
                    author=rng.choice(authors),
                    body=text(rng, rng.randint(5, 40)),
                    created_at=root.created_at + (number + 1) * step,
                    support_count=rng.randint(0, 5),
                )
            )
    Comment.objects.bulk_create(replies, batch_size=2000)
    return roots


def count_queries(client, url) -> dict:
    """Queries of one request: served from the thread cache, and rendered afresh."""
    counts = {}
    for name, seconds in (("cached", 300), ("uncached", 0)):
        with override_settings(COMMENTS_THREAD_CACHE_SECONDS=seconds):
            client.get(url)  # warm the per-process caches (and the thread cache)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(queries)
    return counts


def main():
    cache.clear()
    project = build_site()
    roots = build_comments(project)
    total = Comment.objects.for_page(project).count()
    by_newest = sorted(roots, key=lambda c: (c.created_at, c.pk), reverse=True)
    deep = threads.encode_cursor(
        threads.page_scope(project), "newest", by_newest[len(by_newest) * 9 // 10]
    )
    api = f"/api/v1/comments/pages/{project.pk}"
    urls = {
        "thread page (HTML)": project.url,
        "thread API, first page": api,
        "thread API, deep page": f"{api}?cursor={deep}",
        "thread page (HTML), deep": f"{project.url}?comments_after={deep}",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    queries = {name: count_queries(client, url) for name, url in urls.items()}
    # A signed-in citizen with a confirmed address: sees their own supports,
    # so the thread's shared part comes from the cache, the rest per request.
    reader = get_user_model().objects.create_user(
        username="leserin", email="leserin@example.org", display_name="Leserin"
    )
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    signed_in = Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(reader)
    name = settings.SESSION_COOKIE_NAME
    session = f"{name}={signed_in.cookies[name].value}"
    urls["thread API, first page, signed in"] = api
    queries["thread API, first page, signed in"] = count_queries(signed_in, api)
    cookies = {"thread API, first page, signed in": session}
    print(
        json.dumps(
            {
                "comments": total,
                "threads": len(roots),
                "urls": urls,
                "queries": queries,
                "cookies": cookies,
            }
        )
    )


if __name__ == "__main__":
    main()
