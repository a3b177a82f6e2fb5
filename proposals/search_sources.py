"""Published proposals in the portal search, with their project's audience.

A proposal is found exactly where it may be seen (``proposals.rules``):
published, in a collection whose project page is live, with the page's
view restrictions as its audience (``search.page_audience``). A pending,
hidden, rejected or removed proposal is not indexed and leaves the index
with the change that made it so; a withdrawn one stays, marked as such in
its title. Title weighs most, the description next, category, district
and state least; the state is also a facet of its own. The author is not
named (the proposal page does not name them either). Proposals register
their own result type ("proposal", suggested while typing) and the state
facet; search imports nothing of proposals.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from wagtail.models import PageViewRestriction

from comments.models import Comment
from proposals.models import IdeaCollection, Proposal, ProposalState
from search.documents import Kind, SearchDocument
from search.facets import Facet, register_facet
from search.page_audience import audience_for
from search.registry import register
from search.sources import SearchSource

PROPOSAL = Kind.register(
    "proposal", pgettext_lazy("search result type", "Proposal"), suggested=True
)


def discussion_comment_ids(proposal_id: int):
    """The published comments of a proposal's discussion (the comments source decides on each)."""
    return (
        Comment.objects.published()
        .filter(subject_type=ContentType.objects.get_for_model(Proposal), subject_id=proposal_id)
        .values_list("pk", flat=True)
    )


def proposal_title(proposal: Proposal) -> str:
    if not proposal.withdrawn:
        return proposal.title
    with translation.override(settings.LANGUAGE_CODE):
        return f"{proposal.title} ({gettext('withdrawn')})"


def proposal_facts(proposal: Proposal) -> str:
    """Category, district and state: the words a visitor may add to narrow a search."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = [
            proposal.category.name if proposal.category else "",
            proposal.district.name if proposal.district else "",
            str(proposal.get_state_display()),
        ]
    return " ".join(part for part in parts if part)


class ProposalSource(SearchSource):
    name = "proposal"
    batch_size = 1000

    def visible(self):
        return Proposal.objects.published().filter(collection__page__live=True)

    def all_ids(self):
        return self.visible().values_list("pk", flat=True).iterator()

    def shown_on_pages(self, ids):
        return (
            self.visible().filter(pk__in=ids).annotate(search_page_path=F("collection__page__path"))
        )

    def documents(self, ids):
        proposals = (
            self.visible()
            .filter(pk__in=list(ids))
            .select_related("collection__page", "category", "district")
            .order_by()
        )
        restrictions = list(
            PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        )
        documents = {}
        for proposal in proposals:
            page = proposal.collection.page
            audience = audience_for(page, restrictions)
            if audience is None:
                continue
            documents[proposal.pk] = SearchDocument(
                key=self.key(proposal.pk),
                kind=PROPOSAL,
                title=proposal_title(proposal),
                subtitle=proposal.description,
                body=proposal_facts(proposal),
                url=reverse("ideen:proposal", args=(proposal.pk,)),
                published_at=proposal.created_at,
                project_id=page.pk,
                project_title=page.title,
                department_id=page.department_id,
                district_id=proposal.district_id or page.district_id,
                topic_ids=[proposal.category_id] if proposal.category_id else [],
                audience=audience[0],
                group_ids=audience[1],
                page_path=page.path,
                state=proposal.state,
            )
        return documents

    def ids_on_pages(self, page_ids):
        # Whether the page is live or not: unpublishing must take them out.
        return (
            Proposal.objects.published()
            .filter(collection__page_id__in=page_ids)
            .values_list("pk", flat=True)
        )

    def connect(self, mark_dirty) -> None:
        def proposal_changed(sender, instance, **kwargs):
            mark_dirty(self.name, [instance.pk])
            # Its discussion's hits follow it: in the index only while the
            # proposal is public (comments.search_sources.place_of).
            mark_dirty("comment", discussion_comment_ids(instance.pk))

        def collection_changed(sender, instance, **kwargs):
            # A collection moved to another project takes its proposals along.
            mark_dirty(self.name, instance.proposals.values_list("pk", flat=True))

        post_save.connect(
            proposal_changed, sender=Proposal, weak=False, dispatch_uid="search-proposal-saved"
        )
        post_delete.connect(
            proposal_changed, sender=Proposal, weak=False, dispatch_uid="search-proposal-deleted"
        )
        post_save.connect(
            collection_changed,
            sender=IdeaCollection,
            weak=False,
            dispatch_uid="search-idea-collection-saved",
        )


register(ProposalSource())

# A proposal's state (eingereicht, in Prüfung, umsetzbar, ...): a fixed list, not rows.
register_facet(
    Facet(
        name="state",
        label=pgettext_lazy("search facet", "Proposal state"),
        choices=None,
        label_field="",
        filters=lambda state: {"state": state},
        options=lambda: list(ProposalState.choices),
    )
)
