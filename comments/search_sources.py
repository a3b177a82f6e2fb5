"""Published comments in the portal search.

Only comments in the state "published", on live pages, are indexed; a
comment that is moderated away, hidden after reports or deleted by its
author leaves the index with the change that caused it. A comment on a
subject (a proposal) has its page's audience, links to the subject's page
and is left out while the subject is not public (``discussion_public``).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction

from comments.models import Comment
from search.documents import Kind, SearchDocument
from search.page_audience import audience_for, relative_url
from search.registry import register
from search.sources import SearchSource

TITLE_LENGTH = 90


def comment_title(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + " …"


def subjects_of(comments) -> dict[tuple[int, int], object]:
    """The subjects the comments are about, one query per subject type."""
    wanted: dict[int, set[int]] = {}
    for comment in comments:
        if comment.subject_type_id is not None:
            wanted.setdefault(comment.subject_type_id, set()).add(comment.subject_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for pk, subject in model._default_manager.in_bulk(list(ids)).items():
            found[(type_id, pk)] = subject
    return found


def place_of(comment, page, subjects) -> str | None:
    """Where the hit links to; None when the comment's subject is gone or not public."""
    if comment.subject_type_id is None:
        return relative_url(page)
    subject = subjects.get((comment.subject_type_id, comment.subject_id))
    if subject is None or not getattr(subject, "discussion_public", True):
        return None
    return subject.get_url()


class CommentSource(SearchSource):
    name = "comment"
    batch_size = 2000

    def visible(self):
        return Comment.objects.published().filter(page__live=True)

    def all_ids(self):
        return self.visible().values_list("pk", flat=True).iterator()

    def shown_on_pages(self, ids):
        # A comment on a subject is shown while its subject is public: its document knows.
        return (
            self.visible()
            .filter(pk__in=ids)
            .annotate(
                search_page_path=F("page__path"),
                search_needs_document=ExpressionWrapper(
                    Q(subject_type__isnull=False), output_field=BooleanField()
                ),
            )
        )

    def documents(self, ids):
        comments = list(self.visible().filter(pk__in=list(ids)).select_related("author").order_by())
        pages = {
            page.pk: page
            for page in Page.objects.filter(pk__in={c.page_id for c in comments}).specific()
        }
        restrictions = list(
            PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        )
        subjects = subjects_of(comments)
        documents = {}
        for comment in comments:
            page = pages.get(comment.page_id)
            audience = audience_for(page, restrictions) if page else None
            place = place_of(comment, page, subjects) if audience is not None else None
            if place is None:
                continue
            documents[comment.pk] = SearchDocument(
                key=self.key(comment.pk),
                kind=Kind.COMMENT,
                title=comment_title(comment.body),
                body=comment.body,
                author=comment.author_name,
                url=f"{place}#comment-{comment.pk}",
                published_at=comment.created_at,
                project_id=page.pk,
                project_title=page.title,
                department_id=getattr(page, "department_id", None),
                district_id=getattr(page, "district_id", None),
                topic_ids=[topic.pk for topic in page.topics.all()]
                if hasattr(page, "topics")
                else [],
                audience=audience[0],
                group_ids=audience[1],
                page_path=page.path,
            )
        return documents

    def ids_on_pages(self, page_ids):
        # Whether the page is live or not: unpublishing must take them out.
        return Comment.objects.published().filter(page_id__in=page_ids).values_list("pk", flat=True)

    def connect(self, mark_dirty) -> None:
        def comment_changed(sender, instance, **kwargs):
            mark_dirty(self.name, [instance.pk])

        def author_changed(sender, instance, update_fields=None, **kwargs):
            if update_fields is not None and set(update_fields) <= {"last_login"}:
                return
            mark_dirty(
                self.name, Comment.objects.filter(author=instance).values_list("pk", flat=True)
            )

        post_save.connect(
            comment_changed, sender=Comment, weak=False, dispatch_uid="search-comment-saved"
        )
        post_delete.connect(
            comment_changed, sender=Comment, weak=False, dispatch_uid="search-comment-deleted"
        )
        user = get_user_model()
        post_save.connect(
            author_changed, sender=user, weak=False, dispatch_uid="search-comment-author-saved"
        )
        # Before the account is gone: its comments stay, shown as "deleted account".
        pre_delete.connect(
            author_changed, sender=user, weak=False, dispatch_uid="search-comment-author-deleted"
        )


register(CommentSource())
