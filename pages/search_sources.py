"""Project pages and standard pages in the portal search.

Only live pages are indexed. A page behind a password is never indexed; a
page restricted to signed-in users or to groups is indexed with that
audience, and the search shows it only to those who may open it.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from departments.models import Department
from pages.events import news_published
from pages.models import District, ProjectPage, StandardPage, Topic
from search.documents import Kind, SearchDocument
from search.facets import Facet, register_facet
from search.page_audience import audience_for, relative_url
from search.registry import register
from search.sources import SearchSource

INDEXED_PAGE_TYPES = (ProjectPage, StandardPage)


def streamfield_text(value) -> str:
    if not value:
        return ""
    return " ".join(value.stream_block.get_searchable_content(value))


def news_text(project: ProjectPage) -> str:
    """Titles and texts of the news posts whose date has come (future ones stay unfound)."""
    return " ".join(f"{post.title} {strip_tags(post.body)}" for post in project.public_news)


def published_at(page: Page):
    """When the page's current version went live (pages made in code may lack it)."""
    return page.last_published_at or page.first_published_at or timezone.now()


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
            .prefetch_related("topics", "news")
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
                news_text(project),
            ]
        )
        return SearchDocument(
            key=self.key(project.pk),
            kind=Kind.PROJECT,
            title=project.title,
            subtitle=project.teaser,
            body=body,
            url=relative_url(project),
            published_at=published_at(project),
            project_id=project.pk,
            project_title=project.title,
            department_id=project.department_id,
            district_id=project.district_id,
            topic_ids=[topic.pk for topic in project.topics.all()],
            audience=audience[0],
            group_ids=audience[1],
            page_path=project.path,
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
            url=relative_url(page),
            published_at=published_at(page),
            audience=audience[0],
            group_ids=audience[1],
            page_path=page.path,
        )

    def shown_on_pages(self, ids):
        return (
            Page.objects.live()
            .type(*INDEXED_PAGE_TYPES)
            .filter(pk__in=ids)
            .annotate(search_page_path=F("path"))
        )

    def ids_on_pages(self, page_ids):
        return [
            pk
            for model in INDEXED_PAGE_TYPES
            for pk in model.objects.filter(pk__in=page_ids).values_list("pk", flat=True)
        ]

    def connect(self, mark_dirty) -> None:
        """Publication, moves, restrictions and deletions of pages reach every source
        through search.page_changes. A news post whose date came after the page was
        published joins the project's text when it is announced."""

        def news_announced(sender, page, **kwargs):
            mark_dirty(self.name, [page.pk])

        news_published.connect(news_announced, weak=False, dispatch_uid="search-news-announced")


register(PageSource())


# The facets of the reference data pages own; the order is the search form's.
register_facet(
    Facet(
        name="project",
        label=_("Project"),
        choices=lambda: ProjectPage.objects.live(),
        label_field="title",
        filters=lambda project: {"project_id": project.pk},
        pages=True,
    )
)
register_facet(
    Facet(
        name="department",
        label=_("Department"),
        choices=lambda: Department.objects.all(),
        label_field="name",
        # A Dezernat also finds what its Fachbereiche and teams are responsible for.
        filters=lambda department: {"department_ids": Department.objects.family_ids(department)},
    )
)
register_facet(
    Facet(
        name="topic",
        label=_("Topic"),
        choices=lambda: Topic.objects.all(),
        label_field="name",
        filters=lambda topic: {"topic_id": topic.pk},
    )
)
register_facet(
    Facet(
        name="district",
        label=_("District"),
        choices=lambda: District.objects.all(),
        label_field="name",
        filters=lambda district: {"district_id": district.pk},
    )
)
