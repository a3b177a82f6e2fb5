"""The proposals API under /api/v1/proposals/: collections, their proposals, supports.

Reading is open to everyone (auth=None, GET only); public answers carry an
ETag (portal.api.caching). Writing needs a signed-in session
(``signed_in_session``, which checks CSRF) and goes through the same
services as the HTML forms (``proposals.services``), so rules, limits and
error codes are the same; refusals become problem+json (web.problems).
Visibility is the HTML's (``proposals.rules``): a collection of a project
the visitor may not see, and someone else's pending proposal, answer 404
exactly as one that does not exist.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from participation.refusals import InvalidInput, NotFound
from proposals import listing, rules, services
from proposals.api_output import collection_out, proposal_out, summary_out
from proposals.models import IdeaCollection, Proposal
from proposals.schemas import (
    IdeaCollectionListOut,
    IdeaCollectionOut,
    IdeaCollectionQuery,
    ProposalEditIn,
    ProposalIn,
    ProposalListOut,
    ProposalListQuery,
    ProposalOut,
    ProposalSupportOut,
)
from web.auth import signed_in_session
from web.participants import participant_from_request
from web.schemas import problem_responses

router = Router(tags=["proposals"])

READ_ERRORS = problem_responses(400, 404)
WRITE_ERRORS = problem_responses(400, 401, 403, 404, 409, 413, 415)

# The API's order names -> the listing's (the HTML's German query values).
SORTS = {
    "random": listing.Sort.RANDOM,
    "newest": listing.Sort.NEWEST,
    "most_supported": listing.Sort.SUPPORTED,
    "most_discussed": listing.Sort.DISCUSSED,
}


def no_collection() -> NotFound:
    return NotFound(_("There is no such idea collection."), code="collection_not_found")


def no_proposal() -> NotFound:
    return NotFound(_("There is no such proposal."), code="proposal_not_found")


def visible_collection(participant, collection_id: int) -> IdeaCollection:
    collection = IdeaCollection.objects.select_related("page").filter(pk=collection_id).first()
    if collection is None or rules.collection_refusal(participant, collection):
        raise no_collection()
    return collection


def visible_proposal(participant, proposal_id: int) -> Proposal:
    """The proposal if the visitor may see it; else the same 404 whatever the reason."""
    proposal = (
        Proposal.objects.select_related("collection__page", "category", "district")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or rules.view_refusal(participant, proposal):
        raise no_proposal()
    return proposal


def _choice(queryset, field: str, slug: str | None):
    """The category or district named by ``slug`` among ``queryset``; 400 naming the field."""
    if slug is None:
        return None
    found = queryset.filter(slug=slug).first()
    if found is None:
        message = _("There is no such choice: %(value)s.") % {"value": slug}
        raise InvalidInput(
            message, code="unknown_choice", errors=[{"field": field, "message": message}]
        )
    return found


def _categories(collection):
    return collection.topics.all()


def _districts():
    return Proposal._meta.get_field("district").related_model.objects.all()


def _listing_args(query: ProposalListQuery) -> tuple[str, str | None, str]:
    """(listing sort, seed, cursor) of a query; a cursor it cannot continue is a 400."""
    sort = SORTS[query.sort]
    cursor = query.cursor or ""
    seed = None
    if sort == listing.Sort.RANDOM:
        if cursor and not query.seed:
            message = _("Send the seed of the first page with its next_cursor.")
            raise InvalidInput(
                message, code="seed_required", errors=[{"field": "seed", "message": message}]
            )
        seed = query.seed or listing.new_seed()
    if cursor and not listing.valid_cursor(sort, cursor):
        message = _("This cursor is not one of this listing's.")
        raise InvalidInput(
            message, code="invalid_cursor", errors=[{"field": "cursor", "message": message}]
        )
    return sort, seed, cursor


@router.get("/collections", response={200: IdeaCollectionListOut, **READ_ERRORS}, auth=None)
def list_collections(request, query: Query[IdeaCollectionQuery]):
    """The idea collections the visitor may see (of one project with ``project``), newest first."""
    participant = participant_from_request(request)
    collections = IdeaCollection.objects.select_related("page").prefetch_related("topics")
    if query.project is not None:
        collections = collections.filter(page_id=query.project)
    collections = list(collections)
    visible = {page.pk for page in participant.page_access.visible({c.page for c in collections})}
    districts = list(_districts())
    return {
        "collections": [
            collection_out(request, participant, collection, districts)
            for collection in collections
            if collection.page_id in visible
        ]
    }


@router.get(
    "/collections/{collection_id}", response={200: IdeaCollectionOut, **READ_ERRORS}, auth=None
)
def read_collection(request, collection_id: int):
    """An idea collection: its dates, whether it is open, its categories and districts."""
    participant = participant_from_request(request)
    collection = visible_collection(participant, collection_id)
    return collection_out(request, participant, collection, _districts())


@router.get(
    "/collections/{collection_id}/proposals",
    response={200: ProposalListOut, **READ_ERRORS},
    auth=None,
)
def list_proposals(request, collection_id: int, query: Query[ProposalListQuery]):
    """A page of a collection's proposals, filtered and in one of the HTML's orders.

    ``sort`` is random (the default), newest or most_supported. The random
    order depends on ``seed``: without one the answer brings a fresh seed;
    send it with ``next_cursor`` as ``cursor`` for the next page (the other
    orders need only the cursor). Filters: ``category`` and ``district``
    (slugs), ``state``. The visitor's own pending proposals are included.
    """
    participant = participant_from_request(request)
    collection = visible_collection(participant, collection_id)
    sort, seed, cursor = _listing_args(query)
    proposals = (
        Proposal.objects.filter(collection=collection)
        .visible_to(participant.user)
        .select_related("category", "district")
    )
    category = _choice(_categories(collection), "category", query.category)
    if category is not None:
        proposals = proposals.filter(category=category)
    district = _choice(_districts(), "district", query.district)
    if district is not None:
        proposals = proposals.filter(district=district)
    if query.state:
        proposals = proposals.filter(state=query.state)
    page = listing.listing_page(proposals, sort=sort, seed=seed or "", cursor=cursor)
    return {
        "collection_id": collection.pk,
        "sort": query.sort,
        "seed": seed,
        "proposals": [summary_out(request, proposal, collection) for proposal in page.proposals],
        "next_cursor": page.next_cursor,
    }


@router.post(
    "/collections/{collection_id}/proposals",
    response={201: ProposalOut, **WRITE_ERRORS},
    auth=signed_in_session,
)
def create_proposal(request, collection_id: int, payload: ProposalIn):
    """Submits a proposal. Its ``moderation`` says whether it awaits moderation."""
    participant = participant_from_request(request)
    collection = visible_collection(participant, collection_id)
    proposal = services.submit_proposal(
        participant,
        collection,
        title=payload.title,
        description=payload.description,
        category=_choice(_categories(collection), "category", payload.category),
        district=_choice(_districts(), "district", payload.district),
        latitude=payload.latitude,
        longitude=payload.longitude,
        address=payload.address or "",
    )
    return Status(201, _detail(request, participant, proposal.pk))


def _detail(request, participant, proposal_id: int) -> dict:
    return proposal_out(request, participant, visible_proposal(participant, proposal_id))


@router.get("/{proposal_id}", response={200: ProposalOut, **READ_ERRORS}, auth=None)
def read_proposal(request, proposal_id: int):
    """A proposal, its latest official answer, the answers' history and what the visitor may do."""
    participant = participant_from_request(request)
    return _detail(request, participant, proposal_id)


@router.patch("/{proposal_id}", response={200: ProposalOut, **WRITE_ERRORS}, auth=signed_in_session)
def edit_proposal(request, proposal_id: int, payload: ProposalEditIn):
    """Changes one's own proposal while nobody supports it (409 after the first support)."""
    participant = participant_from_request(request)
    proposal = visible_proposal(participant, proposal_id)
    sent = payload.model_fields_set
    collection = proposal.collection
    values = {
        "title": payload.title if "title" in sent else proposal.title,
        "description": payload.description if "description" in sent else proposal.description,
        "category": (
            _choice(_categories(collection), "category", payload.category)
            if "category" in sent
            else proposal.category
        ),
        "district": (
            _choice(_districts(), "district", payload.district)
            if "district" in sent
            else proposal.district
        ),
        "latitude": payload.latitude if "latitude" in sent else proposal.latitude,
        "longitude": payload.longitude if "longitude" in sent else proposal.longitude,
        "address": (payload.address or "") if "address" in sent else proposal.address,
    }
    services.edit_proposal(participant, proposal.pk, **values)
    return _detail(request, participant, proposal.pk)


@router.post(
    "/{proposal_id}/withdraw", response={200: ProposalOut, **WRITE_ERRORS}, auth=signed_in_session
)
def withdraw_proposal(request, proposal_id: int):
    """Withdraws one's own proposal: it stays, marked withdrawn, and takes no more supports."""
    participant = participant_from_request(request)
    proposal = visible_proposal(participant, proposal_id)
    services.withdraw_proposal(participant, proposal.pk)
    return _detail(request, participant, proposal.pk)


def _support_out(proposal: Proposal, count: int, supported: bool) -> dict:
    return {
        "proposal_id": proposal.pk,
        "support_count": count,
        "supported_by_me": supported,
        "reached": count >= proposal.collection.support_threshold,
    }


@router.put(
    "/{proposal_id}/support",
    response={200: ProposalSupportOut, **WRITE_ERRORS},
    auth=signed_in_session,
)
def support_proposal(request, proposal_id: int):
    """Supports a proposal (once per account; 409 if already)."""
    participant = participant_from_request(request)
    proposal = visible_proposal(participant, proposal_id)
    count = services.support(participant, proposal.pk)
    return _support_out(proposal, count, True)


@router.delete(
    "/{proposal_id}/support",
    response={200: ProposalSupportOut, **WRITE_ERRORS},
    auth=signed_in_session,
)
def unsupport_proposal(request, proposal_id: int):
    """Takes one's support back while supports are open (409 if there was none)."""
    participant = participant_from_request(request)
    proposal = visible_proposal(participant, proposal_id)
    count = services.unsupport(participant, proposal.pk)
    return _support_out(proposal, count, False)
