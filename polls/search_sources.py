"""Polls and published free-text answers in the portal search.

A poll is found through the live page it is embedded in (its hits link
there); a poll in no live page, and every staff-only poll, is not indexed.
A free-text answer is indexed only while everyone may read it on the page:
the editor published the poll's free-text answers and its results are
visible (live, or after the poll closed).
"""

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.models import Page, PageViewRestriction

from polls import rules
from polls.events import answers_stored, placements_changed
from polls.models import Answer, Choice, Poll, PollPlacement, Question
from polls.models.choices import Audience as PollAudience
from polls.models.choices import PollApproval, QuestionKind, ResultsVisibility
from search.documents import Kind, SearchDocument
from search.indexing import mark_dirty
from search.page_audience import audience_for, relative_url
from search.registry import register
from search.sources import SearchSource


def host_pages(poll_ids) -> dict[int, Page]:
    """The first live page (project pages first) showing each poll, if any."""
    placements = (
        PollPlacement.objects.filter(poll_id__in=list(poll_ids), page__live=True)
        .select_related("page")
        .order_by("page__content_type", "page__pk")
    )
    pages = {}
    for placement in placements:
        pages.setdefault(placement.page_id, placement.page)
    specific = {page.pk: page for page in Page.objects.filter(pk__in=pages).specific()}
    hosts: dict[int, Page] = {}
    for placement in placements:
        if placement.page_id in specific:
            hosts.setdefault(placement.poll_id, specific[placement.page_id])
    return hosts


def first_host_path(poll_id):
    """The path of the live page ``host_pages`` picks for the poll (a subquery)."""
    return Subquery(
        PollPlacement.objects.filter(poll_id=poll_id, page__live=True)
        .order_by("page__content_type", "page__pk")
        .values("page__path")[:1]
    )


def polls_on_pages(page_ids) -> list[int]:
    return list(
        PollPlacement.objects.filter(page_id__in=list(page_ids))
        .values_list("poll_id", flat=True)
        .distinct()
    )


class HostedSource(SearchSource):
    """What polls and answers share: the page that shows them decides the rest."""

    def context(self, poll: Poll, host: Page, restrictions) -> dict | None:
        audience = audience_for(host, restrictions)
        if audience is None:
            return None
        project = host if host.specific_class.__name__ == "ProjectPage" else None
        return {
            "url": f"{relative_url(host)}#poll-{poll.pk}",
            "project_id": project.pk if project else None,
            "project_title": project.title if project else "",
            "department_id": getattr(project, "department_id", None),
            "district_id": getattr(project, "district_id", None),
            "topic_ids": [topic.pk for topic in project.topics.all()] if project else [],
            "audience": audience[0],
            "group_ids": audience[1],
            "page_path": host.path,
        }


class PollSource(HostedSource):
    name = "poll"

    def all_ids(self):
        return self.searchable().values_list("pk", flat=True)

    def searchable(self):
        """Approved polls for everyone: staff-only and unapproved polls are never indexed."""
        return Poll.objects.filter(approval=PollApproval.APPROVED).exclude(
            audience=PollAudience.STAFF
        )

    def shown_on_pages(self, ids):
        return (
            self.searchable()
            .filter(pk__in=ids)
            .annotate(search_page_path=first_host_path(OuterRef("pk")))
            .filter(search_page_path__isnull=False)
        )

    def documents(self, ids):
        polls = self.searchable().filter(pk__in=list(ids))
        polls = polls.prefetch_related("questions__choices")
        hosts = host_pages([poll.pk for poll in polls])
        restrictions = list(
            PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        )
        documents = {}
        for poll in polls:
            if poll.pk not in hosts:
                continue
            context = self.context(poll, hosts[poll.pk], restrictions)
            if context is None:
                continue
            questions = [
                " ".join(
                    [question.text, question.help_text, *(c.label for c in question.choices.all())]
                )
                for question in poll.questions.all()
            ]
            documents[poll.pk] = SearchDocument(
                key=self.key(poll.pk),
                kind=Kind.POLL,
                title=poll.title,
                subtitle=poll.description,
                body=" ".join(questions),
                published_at=poll.opens_at,
                **context,
            )
        return documents

    def connect(self, mark_dirty) -> None:
        def poll_changed(sender, instance, **kwargs):
            poll_id = instance.pk if isinstance(instance, Poll) else poll_id_of(instance)
            if poll_id:
                mark_dirty(self.name, [poll_id])
                mark_dirty("answer", answer_ids([poll_id]))
            if isinstance(instance, Poll) and kwargs.get("created") is not None:
                schedule_answers_at_close(instance)

        def placements_moved(sender, poll_ids, **kwargs):
            # A poll appeared on or left a live page: its hits link there.
            mark_dirty(self.name, poll_ids)
            mark_dirty("answer", answer_ids(poll_ids))

        for model in (Poll, Question, Choice):
            uid = f"search-{model.__name__}"
            post_save.connect(poll_changed, sender=model, weak=False, dispatch_uid=f"{uid}-saved")
            post_delete.connect(
                poll_changed, sender=model, weak=False, dispatch_uid=f"{uid}-deleted"
            )
        placements_changed.connect(
            placements_moved, weak=False, dispatch_uid="search-poll-placements-changed"
        )

    def ids_on_pages(self, page_ids):
        return polls_on_pages(page_ids)


def answer_ids(poll_ids):
    return (
        Answer.objects.filter(ballot__poll_id__in=list(poll_ids))
        .exclude(text="")
        .values_list("pk", flat=True)
    )


@task()
def index_answers_of_closed_poll(poll_id: int) -> None:
    """Runs when a poll closes: its answers may have become public."""
    with transaction.atomic():
        mark_dirty("answer", answer_ids([poll_id]))


def schedule_answers_at_close(poll: Poll) -> None:
    """Answers shown "after close" enter the index when the poll closes.

    Needs a task backend that can run tasks later (the database queue in
    production); elsewhere ``search_check --fix`` catches up.
    """
    if not (poll.publish_free_text and poll.results_visibility == ResultsVisibility.AFTER_CLOSE):
        return
    if poll.closes_at <= timezone.now() or not default_task_backend.supports_defer:
        return
    transaction.on_commit(
        lambda: index_answers_of_closed_poll.using(run_after=poll.closes_at).enqueue(poll.pk)
    )


def poll_id_of(instance) -> int | None:
    if isinstance(instance, Question):
        return instance.poll_id
    if isinstance(instance, Choice):
        question = Question.objects.filter(pk=instance.question_id).values_list(
            "poll_id", flat=True
        )
        return question.first()
    return None


class AnswerSource(HostedSource):
    """Free-text answers, pseudonymous: no author is shown."""

    name = "answer"

    def published(self):
        return (
            Answer.objects.exclude(text="")
            .filter(question__kind=QuestionKind.TEXT, ballot__poll__publish_free_text=True)
            .exclude(ballot__poll__audience=PollAudience.STAFF)
            .exclude(ballot__poll__results_visibility=ResultsVisibility.EDITORS)
        )

    def all_ids(self):
        return self.published().values_list("pk", flat=True).iterator()

    def shown_on_pages(self, ids):
        # The results are public (rules.results_public): live, or after the poll closed.
        now = timezone.now()
        public = Q(ballot__poll__results_visibility=ResultsVisibility.LIVE) | Q(
            ballot__poll__results_visibility=ResultsVisibility.AFTER_CLOSE,
            ballot__poll__closes_at__lte=now,
        )
        return (
            self.published()
            .filter(public, pk__in=ids)
            .annotate(search_page_path=first_host_path(OuterRef("ballot__poll_id")))
            .filter(search_page_path__isnull=False)
        )

    def documents(self, ids):
        answers = list(
            self.published().filter(pk__in=list(ids)).select_related("question", "ballot__poll")
        )
        now = timezone.now()
        answers = [a for a in answers if rules.results_public(a.ballot.poll, now)]
        hosts = host_pages({answer.ballot.poll_id for answer in answers})
        restrictions = list(
            PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        )
        contexts = {}
        documents = {}
        for answer in answers:
            poll = answer.ballot.poll
            if poll.pk not in hosts:
                continue
            if poll.pk not in contexts:
                contexts[poll.pk] = self.context(poll, hosts[poll.pk], restrictions)
            if contexts[poll.pk] is None:
                continue
            documents[answer.pk] = SearchDocument(
                key=self.key(answer.pk),
                kind=Kind.ANSWER,
                # Not the poll's title: every answer would then match its words,
                # and a poll with many answers would bury the hits that say them.
                title=answer.question.text,
                body=answer.text,
                published_at=answer.ballot.created_at,
                **contexts[poll.pk],
            )
        return documents

    def connect(self, mark_dirty) -> None:
        def answers_changed(answers):
            # Only free text can be published; choices and ratings never are.
            ids = [answer.pk for answer in answers if answer.text]
            if ids and any(
                answer.ballot.poll.publish_free_text for answer in answers if answer.text
            ):
                mark_dirty(self.name, ids)

        def stored(sender, answers, **kwargs):
            answers_changed(answers)

        def deleted(sender, instance, **kwargs):
            if instance.text:
                mark_dirty(self.name, [instance.pk])

        answers_stored.connect(stored, weak=False, dispatch_uid="search-answers-stored")
        post_delete.connect(
            deleted, sender=Answer, weak=False, dispatch_uid="search-answer-deleted"
        )

    def ids_on_pages(self, page_ids):
        return answer_ids(polls_on_pages(page_ids))


register(PollSource())
register(AnswerSource())
