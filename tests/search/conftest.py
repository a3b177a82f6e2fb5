import datetime
import itertools
import os
import uuid

import pytest
from django.utils import timezone

from search.backends import _backend, get_backend
from search.documents import Kind, SearchDocument
from search.tasks import process_outbox

_keys = itertools.count(1)

# Elasticsearch cannot run on the development machines; the conformance
# cases run against it whenever ELASTICSEARCH_URL points at a live server.
LIVE_ELASTICSEARCH = os.environ.get("ELASTICSEARCH_URL")
BACKENDS = ["postgres", "simple"] + (["elasticsearch"] if LIVE_ELASTICSEARCH else [])


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    settings.PORTAL_SEARCH_BACKEND = request.param
    if request.param != "elasticsearch":
        yield get_backend()
        return
    settings.ELASTICSEARCH_URL = LIVE_ELASTICSEARCH
    settings.PORTAL_ELASTICSEARCH_INDEX = f"portal-test-{uuid.uuid4().hex[:12]}"
    _backend.cache_clear()
    backend = get_backend()
    yield backend
    backend.client.indices.delete(
        index=f"{settings.PORTAL_ELASTICSEARCH_INDEX}*", ignore_unavailable=True
    )
    _backend.cache_clear()


def make_document(title, body="", *, kind=Kind.COMMENT, days_ago=0, **fields) -> SearchDocument:
    number = next(_keys)
    return SearchDocument(
        key=f"test:{number}",
        kind=kind,
        title=title,
        body=body,
        url=f"/test/{number}/",
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def indexed(backend):
    """Indexes documents built with make_document's arguments; returns them."""

    def index(*documents):
        backend.upsert(list(documents))
        return documents

    return index


@pytest.fixture
def process_index_updates(settings):
    """Runs the outbox like the worker would, on the PostgreSQL backend."""
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    return process_outbox
