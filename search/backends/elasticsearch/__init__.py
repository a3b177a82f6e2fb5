"""Elasticsearch 8 backend, through elasticsearch-dsl (``elasticsearch.dsl``).

* Analysis, the same as ``search.analysis`` for the other backends:
  ``portal_german`` lower-cases, drops German stop words, stems with
  Snowball German (which sees the umlauts: Städte -> stadt), and only then
  normalises umlauts and ß (``german_normalization``) and folds other
  accents. A ``folded`` sub-field (no stemming) serves prefixes, an
  ``ngram`` sub-field finds words inside compounds (Radweg in
  Fahrradwegenetz), and the ``spelling`` field (all words, folded) feeds the
  term suggester.
* Queries: one named clause per query group (words joined by OR), all
  required; with two or more groups and too few full matches, a partial
  search (at least half of the groups) ranks documents by how many groups
  they match, then by the words' rarity. Only words nobody wrote (the term
  suggester says so) match with typos, and the correction is told.
* Zero-downtime rebuilds: searches and updates go through the alias
  ``PORTAL_ELASTICSEARCH_INDEX``; a rebuild fills a new index, then moves
  the alias in one atomic ``update_aliases`` call (updates arriving during
  the rebuild wait in the outbox, see ``search.indexing``).
* Highlighting and facet aggregations come from Elasticsearch itself.
* Outages (no answer, a timeout, 429 or 5xx) raise ``SearchUnavailable``;
  a document Elasticsearch rejects keeps its own error.

Modules:

* ``mapping``: the analyzers, the index mapping and the documents' source;
* ``query``: the request bodies (visibility, filters, groups, scoring, facets);
* ``reading``: totals, matched groups and term suggestions from a response;
* ``backend``: the backend class, writing and rebuilding, searching.
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
