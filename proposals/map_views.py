"""The proposals of a collection as GeoJSON: for the collection's map and the city's own GIS.

``/ideen/<collection>/karte.geojson`` answers a FeatureCollection of the
located proposals the visitor may see, exactly as the listing shows them
(the project page visible to them; published proposals, and their own
pending ones), with the listing's filters (``kategorie``, ``status``,
``bezirk``) and ``?bbox=w,s,e,n`` (degrees, GeoJSON's order) as a range on
the indexed latitude/longitude columns in SQL. Faulty input answers a
problem body naming the parameter, never a guess. One query for the
collection, the page access check, one for all features (on PostgreSQL the
database writes the document, ``proposals.geojson``): the count does not
grow with the collection.

Anonymous visitors (the map on the page, the city's GIS polling) share one
document per collection and query, kept in the cache under a key that names
the located proposals' number and latest change (``updated_at`` moves with
every edit, support, answer, withdrawal and moderation decision): a change
makes a new key, so a cached document is never older than the data it shows.
Its hash is the ETag, so a poller that has it gets a 304 without a body.
Whether the visitor may see the project at all is checked on every request,
before the cache. Signed-in visitors (who may see their own pending
proposals) always get a fresh document.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.translation import gettext as _

from participation import geo
from participation.refusals import InvalidInput, NotFound
from proposals import rules
from proposals.forms import ProposalFilterForm
from proposals.geojson import feature_collection
from proposals.models import IdeaCollection, Proposal
from web.participants import participant_from_request
from web.problems import problem_response

GEOJSON_CONTENT_TYPE = "application/geo+json"


def _bbox_refusal(text: str) -> InvalidInput:
    message = _(
        "Please give the box as four numbers in degrees: west,south,east,north "
        "(e.g. 11.55,50.90,11.62,50.95)."
    )
    return InvalidInput(
        message, code="invalid_bbox", errors=[{"field": "bbox", "message": message}]
    )


def located_proposals(collection, user, query):
    """The visitor's proposals of the collection that have a point, filtered like the listing."""
    proposals = ProposalFilterForm(query or None, collection=collection).filter(
        Proposal.objects.filter(collection=collection, latitude__isnull=False).visible_to(user)
    )
    if "bbox" in query:
        box = geo.parse_bbox(query["bbox"])
        proposals = proposals.filter(
            latitude__range=(box.south, box.north), longitude__range=(box.west, box.east)
        )
    return proposals.order_by("id")


def collection_geojson(request, collection_id):
    participant = participant_from_request(request)
    collection = IdeaCollection.objects.select_related("page").filter(pk=collection_id).first()
    refusal = (
        rules.collection_refusal(participant, collection)
        if collection is not None
        else NotFound(_("There is no such idea collection."), code="collection_not_found")
    )
    if refusal:
        return problem_response(request, refusal)
    try:
        proposals = located_proposals(collection, participant.user, request.GET)
    except ValueError:
        return problem_response(request, _bbox_refusal(request.GET["bbox"]))
    # One reverse for all: the address of proposal 0, with each id put in.
    prefix = request.build_absolute_uri(reverse("ideen:proposal", args=(0,)))[:-2]
    if participant.user is not None and participant.user.is_authenticated:
        return HttpResponse(
            feature_collection(proposals, prefix), content_type=GEOJSON_CONTENT_TYPE
        )
    return _shared_document(request, collection, proposals, prefix)


CACHE_SECONDS = 600


def _shared_document(request, collection, proposals, prefix) -> HttpResponse:
    state = proposals.order_by().aggregate(count=Count("pk"), changed=Max("updated_at"))
    query = sorted((name, value) for name, value in request.GET.lists())
    version = repr((collection.pk, prefix, query, state["count"], state["changed"]))
    key = "proposals:geojson:" + hashlib.sha256(version.encode()).hexdigest()
    etag = f'"{key[-32:]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        body = cache.get(key)
        if body is None:
            body = feature_collection(proposals, prefix)
            cache.set(key, body, CACHE_SECONDS)
        response = HttpResponse(body, content_type=GEOJSON_CONTENT_TYPE)
    response["ETag"] = etag
    # Asked again each time (a restriction set on the project applies at
    # once), answered with a 304 while nothing changed; never in a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response
