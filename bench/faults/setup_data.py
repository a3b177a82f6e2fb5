"""The storms' targets: two polls, each on a published page, and an open project.

Run by bench/faults/run.py inside ``manage.py shell``; prints their ids as JSON.
"""

import datetime
import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from departments.models import Department
from pages.models import (
    HomePage,
    ProjectIndexPage,
    ProjectPage,
    ProjectPhase,
    StandardPage,
)
from polls.models import Choice, Poll, Question


def setup():
    now = timezone.now()
    polls = []
    for number in range(2):
        poll = Poll.objects.create(
            title=f"Sturm {number}",
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=1),
            audience="public",
            results_visibility="live",
        )
        single = Question.objects.create(
            poll=poll, text="Ja oder nein?", kind="single", sort_order=0
        )
        multiple = Question.objects.create(
            poll=poll, text="Was?", kind="multiple", min_choices=1, max_choices=2, sort_order=1
        )
        Question.objects.create(
            poll=poll, text="Wie wichtig?", kind="rating", scale_min=1, scale_max=5, sort_order=2
        )
        for q, labels in ((single, ["Ja", "Nein"]), (multiple, ["Bäume", "Bänke", "Brunnen"])):
            for i, label in enumerate(labels):
                Choice.objects.create(question=q, label=label, sort_order=i)
        polls.append(poll.pk)
    # A clone of a test database that a transactional test emptied lacks
    # what Wagtail's migrations create.
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = HomePage(title="Mitreden", slug="mitreden-sturm", intro="Sturm")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    # Citizens meet polls only on pages: each poll on a published page of its own.
    for poll_id in polls:
        page = home.add_child(
            instance=StandardPage(
                title=f"Umfrage {poll_id}",
                slug=f"umfrage-{poll_id}",
                body=[("poll", {"poll": Poll.objects.get(pk=poll_id)})],
            )
        )
        page.save_revision().publish()
    index = ProjectIndexPage(title="Projekte", slug="projekte")
    home.add_child(instance=index)
    project = ProjectPage(
        title="Sturmprojekt",
        slug="sturm",
        teaser="Sturm",
        department=Department.objects.create(name="Fachbereich Sturm"),
        comments_enabled=True,
        comments_allow_anonymous=True,
    )
    index.add_child(instance=project)
    today = timezone.localdate()
    ProjectPhase.objects.create(
        page=project,
        title="Dialog",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    project.save_revision().publish()
    return {"polls": polls, "page": project.pk}


# One transaction: a failed setup leaves nothing behind.
with transaction.atomic():
    ids = setup()
print(json.dumps(ids))
