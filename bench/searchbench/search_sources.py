"""The benchmark's contributions as a portal search source."""

from bench.searchbench.models import Contribution
from search.documents import SearchDocument
from search.registry import register
from search.sources import SearchSource


def document_for(contribution) -> SearchDocument:
    return SearchDocument(
        key=f"bench:{contribution.pk}",
        kind=contribution.kind,
        title=contribution.title,
        body=contribution.body,
        author=contribution.author,
        url=f"/bench/{contribution.pk}/",
        published_at=contribution.published_at,
        project_id=contribution.project_id,
        project_title=contribution.project_title,
        department_id=contribution.department_id,
        district_id=contribution.district_id,
        topic_ids=contribution.topic_ids,
    )


class ContributionSource(SearchSource):
    name = "bench"
    batch_size = 5000

    def all_ids(self):
        return (
            Contribution.objects.order_by("pk")
            .values_list("pk", flat=True)
            .iterator(chunk_size=20_000)
        )

    def documents(self, ids):
        return {c.pk: document_for(c) for c in Contribution.objects.filter(pk__in=list(ids))}

    def visible_ids(self, ids, viewer):
        """All public: the benchmark's contributions have no page that could hide them."""
        return set(Contribution.objects.filter(pk__in=list(ids)).values_list("pk", flat=True))

    def connect(self, mark_dirty):
        """Benchmark data is loaded in bulk and indexed with reindex."""


register(ContributionSource())
