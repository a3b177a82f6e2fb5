"""A demo discussion: threads with a reply, a pinned official answer, one pending comment.

Called by ``manage.py load_demo_content``; left alone once the project has comments.
"""

# German typography (en dashes) on purpose.
# ruff: noqa: RUF001

from django.contrib.auth import get_user_model

from comments.models import Comment, CommentState

PROJECT = "radverkehrskonzept-innenstadt"
THREADS = [
    {
        "author": "Radfahrerin_Jena",
        "body": "Auf der Löbderstraße wird es zwischen Bussen und parkenden Autos sehr eng. "
        "Ein durchgehender Radfahrstreifen würde viel helfen.",
        "replies": [
            (
                "Saale-Papa",
                "Sehe ich genauso – mit dem Kinderanhänger fahre ich dort inzwischen lieber "
                "über den Gehweg, und das ist auch nicht gut.",
            )
        ],
    },
    {
        "author": "Lobedaer",
        "body": "Bitte auch an sichere Abstellplätze am Bahnhof Paradies denken, "
        "siehe https://example.org/fahrradparken.",
        "replies": [],
    },
]
OFFICIAL = (
    "Vielen Dank für die vielen Hinweise! Alle Gefahrenstellen aus der Diskussion fließen in die "
    "Bestandsanalyse ein. Die Ergebnisse stellen wir im Frühjahr hier vor. Ihr Team Verkehrsplanung"
)
PENDING = ("Kulturfan 07743", "Warum wird nicht einfach die ganze Innenstadt autofrei?")


def load_demo_discussion(official_author_name: str) -> None:
    from pages.models import ProjectPage

    page = ProjectPage.objects.get(slug=PROJECT)
    if Comment.objects.filter(page=page).exists():
        return
    users = {user.display_name: user for user in get_user_model().objects.all()}
    for thread in THREADS:
        root = Comment.objects.create(
            page=page,
            author=users[thread["author"]],
            body=thread["body"],
            reply_count=len(thread["replies"]),
        )
        for author, body in thread["replies"]:
            Comment.objects.create(
                page=page, parent=root, root=root, depth=2, author=users[author], body=body
            )
    Comment.objects.create(
        page=page,
        author=users[official_author_name],
        body=OFFICIAL,
        is_official=True,
        is_pinned=True,
    )
    author, body = PENDING
    Comment.objects.create(page=page, author=users[author], body=body, state=CommentState.PENDING)
