"""Elasticsearch 8 backend, through elasticsearch-dsl (``elasticsearch.dsl``).

* Analysis: ``portal_german`` lower-cases, drops German stop words,
  normalises umlauts and ß (``german_normalization``: Bürger, Buerger ->
  burger), stems lightly (``light_german``) and folds other accents. A
  ``folded`` sub-field (no stemming) serves prefixes, an ``ngram`` sub-field
  finds words inside compounds (Radweg in Fahrradwegenetz).
* Zero-downtime rebuilds: searches and updates go through the alias
  ``PORTAL_ELASTICSEARCH_INDEX``; a rebuild fills a new index, then moves
  the alias in one atomic ``update_aliases`` call (updates arriving during
  the rebuild wait in the outbox, see ``search.indexing``).
* Highlighting and facet aggregations come from Elasticsearch itself.
* Outages (no answer, a timeout, 429 or 5xx) raise ``SearchUnavailable``;
  a document Elasticsearch rejects keeps its own error.

Modules:

* ``mapping``: the analyzers, the index mapping and the documents' source;
* ``query``: the request bodies (visibility, filters, scoring, facets);
* ``backend``: the backend class, writing and rebuilding, reading.
"""

from .backend import ElasticsearchSearchBackend, IndexNameWriter, outage_guarded
from .mapping import EntryDocument, document_source, index_actions, index_definition
from .query import search_body, visibility_filter

__all__ = [
    "ElasticsearchSearchBackend",
    "EntryDocument",
    "IndexNameWriter",
    "document_source",
    "index_actions",
    "index_definition",
    "outage_guarded",
    "search_body",
    "visibility_filter",
]
