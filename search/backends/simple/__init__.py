"""A simple backend for SQLite, the zero-setup development database.

It speaks German like the PostgreSQL backend: the same analysis
(``search.analysis``: Snowball stems, then folded), the same query syntax
(``search.text.parse_query``) and the same plan (``plan``: compounds,
derivations, prefixes of a word being typed, typo corrections from the
lexicon, partial matches when few documents match every word). Each entry's
analysed text is stored in ``SearchEntry.search_text`` (``storage``); a
search loads the visible entries' analysed texts and matches whole lexemes
in Python. Fine for a demo's few thousand documents; production runs on
PostgreSQL or Elasticsearch.
"""

from .backend import SimpleSearchBackend

__all__ = ["SimpleSearchBackend"]
