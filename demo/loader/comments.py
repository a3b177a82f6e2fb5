"""A demo discussion (demo/data/discussion.yaml); left alone once the project has comments."""

from django.contrib.auth import get_user_model

from comments.models import Comment, CommentState
from pages.models import ProjectPage

from .data import read

DISCUSSION = read("discussion")
PENDING = (DISCUSSION["pending"]["author"], DISCUSSION["pending"]["body"])


def load_demo_discussion(official_author_name: str) -> None:
    page = ProjectPage.objects.get(slug=DISCUSSION["project"])
    if Comment.objects.filter(page=page).exists():
        return
    users = {user.display_name: user for user in get_user_model().objects.all()}
    for thread in DISCUSSION["threads"]:
        root = Comment.objects.create(
            page=page,
            author=users[thread["author"]],
            body=thread["body"],
            reply_count=len(thread["replies"]),
        )
        for reply in thread["replies"]:
            Comment.objects.create(
                page=page,
                parent=root,
                root=root,
                depth=2,
                author=users[reply["author"]],
                body=reply["body"],
            )
    Comment.objects.create(
        page=page,
        author=users[official_author_name],
        body=DISCUSSION["official"],
        is_official=True,
        is_pinned=True,
    )
    author, body = PENDING
    Comment.objects.create(page=page, author=users[author], body=body, state=CommentState.PENDING)
