"""Project pages and standard pages in the portal search.

Only live pages are indexed. A page behind a password is never indexed; a
page restricted to signed-in users or to groups is indexed with that
audience, and the search shows it only to those who may open it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.models import ProjectPage, StandardPage
from search.documents import Audience, Kind, SearchDocument
from search.registry import register
from search.sources import SearchSource

INDEXED_PAGE_TYPES = (ProjectPage, StandardPage)


def streamfield_text(value) -> str:
    if not value:
        return ""
    return " ".join(value.stream_block.get_searchable_content(value))


def published_at(page: Page):
    """When the page's current version went live (pages made in code may lack it)."""
    return page.last_published_at or page.first_published_at or timezone.now()


def audience_for(page: Page, restrictions: list[PageViewRestriction]) -> tuple[str, list] | None:
    """(audience, group ids) for a page, or None if it must not be indexed."""
    applying = [r for r in restrictions if page.path.startswith(r.page.path)]
    if not applying:
        return Audience.PUBLIC, []
    if any(r.restriction_type == PageViewRestriction.PASSWORD for r in applying):
        return None
    group_restrictions = [
        {group.pk for group in r.groups.all()}
        for r in applying
        if r.restriction_type == PageViewRestriction.GROUPS
    ]
    if group_restrictions:
        # Several restrictions must all be passed; the intersection never shows too much.
        return Audience.GROUPS, sorted(set.intersection(*group_restrictions))
    return Audience.LOGIN, []


class PageSource(SearchSource):
    name = "page"

    def all_ids(self):
        for model in INDEXED_PAGE_TYPES:
            yield from model.objects.live().values_list("pk", flat=True).iterator()

    def documents(self, ids) -> dict[int, SearchDocument]:
        ids = list(ids)
        restrictions = list(
            PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        )
        documents = {}
        projects = (
            ProjectPage.objects.live()
            .filter(pk__in=ids)
            .select_related("department", "district")
            .prefetch_related("topics")
        )
        for project in projects:
            documents[project.pk] = self.project_document(project, restrictions)
        for page in StandardPage.objects.live().filter(pk__in=ids):
            documents[page.pk] = self.standard_document(page, restrictions)
        return {pk: document for pk, document in documents.items() if document is not None}

    def project_document(self, project: ProjectPage, restrictions) -> SearchDocument | None:
        audience = audience_for(project, restrictions)
        if audience is None:
            return None
        body = " ".join(
            [
                streamfield_text(project.body),
                project.results_intro,
                streamfield_text(project.results),
            ]
        )
        return SearchDocument(
            key=self.key(project.pk),
            kind=Kind.PROJECT,
            title=project.title,
            subtitle=project.teaser,
            body=body,
            url=project.get_url() or "",
            published_at=published_at(project),
            project_id=project.pk,
            project_title=project.title,
            department_id=project.department_id,
            district_id=project.district_id,
            topic_ids=[topic.pk for topic in project.topics.all()],
            audience=audience[0],
            group_ids=audience[1],
        )

    def standard_document(self, page: StandardPage, restrictions) -> SearchDocument | None:
        audience = audience_for(page, restrictions)
        if audience is None:
            return None
        return SearchDocument(
            key=self.key(page.pk),
            kind=Kind.PAGE,
            title=page.title,
            subtitle=page.intro,
            body=streamfield_text(page.body),
            url=page.get_url() or "",
            published_at=published_at(page),
            audience=audience[0],
            group_ids=audience[1],
        )

    def connect(self, mark_dirty) -> None:
        def page_changed(sender, instance, **kwargs):
            mark_dirty(self.name, [instance.pk])

        def subtree_changed(sender, instance, **kwargs):
            # A moved page or a changed restriction affects every page below.
            page = instance.page if isinstance(instance, PageViewRestriction) else instance
            mark_dirty(
                self.name,
                Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True),
            )

        page_published.connect(page_changed, weak=False, dispatch_uid="search-page-published")
        page_unpublished.connect(page_changed, weak=False, dispatch_uid="search-page-unpublished")
        for model in INDEXED_PAGE_TYPES:
            post_delete.connect(
                page_changed,
                sender=model,
                weak=False,
                dispatch_uid=f"search-{model.__name__}-deleted",
            )
        post_page_move.connect(subtree_changed, weak=False, dispatch_uid="search-page-moved")
        post_save.connect(
            subtree_changed,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid="search-restriction-saved",
        )
        post_delete.connect(
            subtree_changed,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid="search-restriction-deleted",
        )
        m2m_changed.connect(
            subtree_changed,
            sender=PageViewRestriction.groups.through,
            weak=False,
            dispatch_uid="search-restriction-groups",
        )


register(PageSource())
