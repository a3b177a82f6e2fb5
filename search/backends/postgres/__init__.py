"""PostgreSQL full-text search over the denormalised ``search_searchentry`` table.

Every row carries a weighted ``tsvector`` (title A, subtitle B, body C) of
the lexemes ``search.analysis`` makes (Snowball German stem, then folded),
built in Python and indexed with GIN, plus a title-only vector and the
topic ids as an array (migration 0002). Around that:

* the lexicon ``search_lexeme`` (every stem in the index with its number of
  documents, and a trigram index) expands a query word to the compounds
  that contain it (``radweg`` -> ``fahrradwegenetz``), tells known words
  from words being typed (those are matched as prefixes), estimates how
  many documents a query matches (which picks the strategy in
  ``reading``) and weighs partial matches, and offers similarly spelt
  words for words nobody wrote ("Meinten Sie ...?");
* ``writing`` keeps the table current from the outbox and rebuilds it
  beside the live table, swapping it in at the end;
* ``reading`` counts, facets and ranks.
"""

from .backend import PostgresSearchBackend

__all__ = ["PostgresSearchBackend"]
