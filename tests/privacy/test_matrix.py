"""The privacy matrix: every surface x every kind of hidden content x every viewer.

Each kind of hidden content carries a word of its own. For each viewer,
every surface is read and must not contain the words of anything that
viewer may not see: not in a hit, a count, a facet, a suggestion, a page,
a feed or an export. Search answers for a hidden word must be the answer
for a word that exists nowhere. The words a viewer may see are checked to
appear, so that a surface that shows nothing cannot pass by accident.
"""

import datetime
import difflib
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from comments.models import CommentState
from search.tasks import process_outbox
from tests.comments.factories import CommentFactory
from tests.comments.helpers import logged_in
from tests.factories import HomePageFactory, ProjectIndexPageFactory, StaffUserFactory, UserFactory
from tests.privacy.conftest import poll_for, project_with, restrict, vote_with_text

WORDS = {
    "public": "Apfelallee",
    "draft": "Birnenweg",
    "unpublished": "Kirschgasse",
    "login": "Pflaumenhof",
    "group": "Quittenplatz",
    "password": "Mispelstieg",
    "restricted_later": "Holunderring",
    "staff_poll": "Schlehenrain",
    "editor_results": "Ebereschenpfad",
    "pending": "Vogelbeerstrauch",
    "hidden": "Sanddornhecke",
    "rejected": "Wacholderbusch",
    "other_site": "Maulbeerhain",
}
NOWHERE = "Zitronenfalterwiese"

# What each viewer may meet. Their own pending and rejected comments are shown
# to authors above the discussion; the editor (a superuser) passes group
# restrictions and sees staff polls and editor-only results in the poll API.
SEES = {
    "anonymous": {"public"},
    "citizen": {"public", "login", "pending", "rejected"},
    "other_citizen": {"public", "login"},
    "editor": {"public", "login", "group", "staff_poll", "editor_results"},
}


@pytest.fixture
def world(project_index, settings):
    """Everything the matrix reads, with a word in each hidden thing."""
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    settings.PORTAL_RATE_LIMITS = dict.fromkeys(settings.PORTAL_RATE_LIMITS, "100000/h")
    citizen = UserFactory(display_name="Autorin")
    made = {"citizen": citizen, "projects": {}, "polls": {}, "comments": []}

    def project(kind, live=True, **poll_fields):
        word = WORDS[kind]
        poll = poll_for(f"Umfrage {word}", **poll_fields)
        page = project_with(project_index, kind.replace("_", "-"), f"Projekt {word}", poll, live)
        comment = CommentFactory(page=page, body=f"Beitrag {word}", state="published")
        made["projects"][kind], made["polls"][kind] = page, poll
        made["comments"].append(comment)
        if live:
            vote_with_text(poll, f"{kind}-voter", f"Antwort {word}")
        return page

    public = project("public")
    project("draft", live=False)
    project("unpublished").unpublish()
    restrict(project("login"), PageViewRestriction.LOGIN)
    restrict(
        project("group"), PageViewRestriction.GROUPS, groups=[Group.objects.create(name="Rat")]
    )
    restrict(project("password"), PageViewRestriction.PASSWORD, password="geheim")
    later = project("restricted_later")
    process_outbox()
    restrict(later, PageViewRestriction.PASSWORD, password="geheim")

    staff_poll = poll_for(f"Umfrage {WORDS['staff_poll']}", audience="staff")
    # The poll is public; only its results (with the free-text answer) are for editors.
    editor_poll = poll_for("Umfrage mit Auswertung", results_visibility="editors")
    public.body.append(("poll", {"poll": staff_poll}))
    public.body.append(("poll", {"poll": editor_poll}))
    public.save_revision().publish()
    vote_with_text(editor_poll, "editor-voter", f"Antwort {WORDS['editor_results']}")
    made["polls"]["staff_poll"], made["polls"]["editor_results"] = staff_poll, editor_poll
    for state in ("pending", "hidden", "rejected"):
        made["comments"].append(
            CommentFactory(page=public, author=citizen, body=f"Beitrag {WORDS[state]}", state=state)
        )

    other_home = HomePageFactory(parent=Page.get_first_root_node(), title="Weimar", slug="weimar")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=other_home)
    other_index = ProjectIndexPageFactory(parent=other_home, slug="projekte")
    word = WORDS["other_site"]
    other = project_with(other_index, "weimar", f"Projekt {word}", poll_for(f"Umfrage {word}"))
    made["projects"]["other_site"] = other
    made["comments"].append(CommentFactory(page=other, body=f"Beitrag {word}", state="published"))
    process_outbox()
    return made


def surfaces(world) -> list[str]:
    """Every address the matrix reads (GET), on the first site."""
    urls = ["/", "/projekte/", "/sitemap.xml", "/api/v2/pages/?fields=*"]
    urls += ["/feeds/projekte.rss", "/feeds/projekte.atom", "/kalender/projekte.ics"]
    urls.append("/api/v2/pages/?type=pages.ProjectPage&fields=*&limit=100")
    for page in world["projects"].values():
        path = "/projekte/" + page.slug + "/"
        urls += [
            path,
            f"/api/v2/pages/{page.pk}/",
            f"/api/v2/pages/find/?html_path={path}",
            f"/api/v1/comments/pages/{page.pk}",
            f"/kalender/projekte/{page.pk}.ics",
            f"/feeds/projekte/{page.pk}/neuigkeiten.rss",
            f"/feeds/projekte/{page.pk}/neuigkeiten.atom",
        ]
    urls += [f"/api/v1/polls/{poll.pk}" for poll in world["polls"].values()]
    urls += [f"/api/v1/comments/{comment.pk}/replies" for comment in world["comments"]]
    return urls


def exports(world) -> list[str]:
    """The admin's exports: everything for editors (pseudonymised), nothing for anyone else."""
    urls = [
        reverse("wagtailsnippets_polls_poll:export", args=(poll.pk, dataset, "csv"))
        for poll in world["polls"].values()
        for dataset in ("results", "ballots")
    ]
    urls.append(reverse("comments_moderation:index") + "?export=csv")
    return urls


def read(client, url) -> str:
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


VOLATILE = [
    re.compile(r'nonce="[^"]*"'),
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'"csrfToken": "[^"]*"'),
]


def normalised(text: str, word: str) -> str:
    text = text.replace(word, NOWHERE).replace(word.lower(), NOWHERE.lower())
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return text


def search_surfaces(client, word):
    """(name, body) of every search answer for ``word``, and the same for a word found nowhere."""
    for path in ("/api/v1/search/?q={}", "/api/v1/search/autocomplete?q={}", "/search/?q={}"):
        answer = client.get(path.format(word))
        nowhere = client.get(path.format(NOWHERE))
        yield path, answer, nowhere
    for path in ("/api/v2/pages/?search={}",):
        yield path, client.get(path.format(word)), client.get(path.format(NOWHERE))


def viewers(world):
    return {
        "anonymous": Client(),
        "citizen": logged_in(world["citizen"]),
        "other_citizen": logged_in(UserFactory(display_name="Nachbar")),
        "editor": logged_in(StaffUserFactory()),
    }


@pytest.mark.parametrize("viewer", list(SEES))
def test_nothing_leaks_on_any_surface(world, viewer):
    client = viewers(world)[viewer]
    allowed = SEES[viewer]
    forbidden = {kind: word for kind, word in WORDS.items() if kind not in allowed}
    leaks = []
    texts = {}
    for url in surfaces(world):
        texts[url] = read(client, url)
        for kind, word in forbidden.items():
            if word in texts[url]:
                leaks.append(f"{url}: {kind} ({word})")
    for kind, word in forbidden.items():
        for path, answer, nowhere in search_surfaces(client, word):
            said = normalised(answer.content.decode(), word).splitlines()
            expected = normalised(nowhere.content.decode(), NOWHERE).splitlines()
            if said != expected:
                difference = "\n".join(list(difflib.unified_diff(expected, said, lineterm=""))[:12])
                leaks.append(f"{path.format(word)}: {kind} answers otherwise:\n{difference}")
    # Last: refused admin pages leave a message for the next page they show.
    for url in exports(world):
        text = read(client, url)
        if viewer == "editor":
            assert "@example.org" not in text, f"{url}: exports are pseudonymised"
            continue
        leaks += [f"{url}: {kind}" for kind, word in forbidden.items() if word in text]
    assert leaks == [], "\n".join(leaks)

    everything = "\n".join(texts.values())
    for kind in allowed:
        assert WORDS[kind] in everything, f"{viewer} should meet {kind} somewhere"
    search = json.loads(client.get(f"/api/v1/search/?q={WORDS['public']}").content)
    assert search["total"] >= 3  # the project, its poll and its comment (answers: see below)
    if "login" in allowed:
        search = json.loads(client.get(f"/api/v1/search/?q={WORDS['login']}").content)
        assert search["total"] >= 3


def test_the_world_is_what_the_matrix_thinks(world):
    """Guards the matrix itself: the hidden things exist and are what they claim."""
    projects = world["projects"]
    assert not projects["draft"].live
    projects["unpublished"].refresh_from_db()
    assert not projects["unpublished"].live
    for kind in ("login", "group", "password", "restricted_later"):
        assert projects[kind].get_view_restrictions().exists(), kind
    assert world["polls"]["staff_poll"].audience == "staff"
    assert {c.state for c in world["comments"]} >= {
        CommentState.PENDING,
        CommentState.HIDDEN,
        CommentState.REJECTED,
    }
    assert timezone.now() - projects["public"].first_published_at < datetime.timedelta(hours=1)


def test_the_feeds_and_calendars_the_matrix_reads_show_the_public_project(world):
    """So that an empty feed cannot pass the matrix: the public project is in each of them."""
    client = Client()
    public = world["projects"]["public"]
    news_feeds = [f"/feeds/projekte/{public.pk}/neuigkeiten.{kind}" for kind in ("rss", "atom")]
    for url in ("/feeds/projekte.rss", "/feeds/projekte.atom", *news_feeds):
        assert WORDS["public"] in read(client, url), url
    assert world["projects"]["public"].phases.exists()
    assert WORDS["public"] in read(client, "/kalender/projekte.ics")
