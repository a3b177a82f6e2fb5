"""The index: German analyzers, the mapping, and each document's source.

``portal_german`` analyses text like ``search.analysis`` does for the other
backends: the Snowball German stemmer sees the words as written (umlauts,
and ae/oe/ue read as umlauts), and only its stems are folded
(``german_normalization``, then ``asciifolding``). Stemming after folding,
as this index did before, cannot undo umlaut plurals (Städte → stadt).

Changing the analysis needs a new index: existing indices keep the old
analyzers until ``search_rebuild`` fills a new one and moves the alias.
"""

from collections.abc import Iterable

from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from search.documents import SearchDocument
from search.indexing import fingerprint

NGRAM_MIN, NGRAM_MAX = 4, 8

german_stop = token_filter("portal_german_stop", "stop", stopwords="_german_")
# Snowball German, the stemmer search.analysis uses (``stemmer`` filter, language "german").
german_stemmer = token_filter("portal_german_stemmer", "stemmer", language="german")
compound_ngram = token_filter(
    "portal_compound_ngram", "ngram", min_gram=NGRAM_MIN, max_gram=NGRAM_MAX
)
query_truncate = token_filter("portal_ngram_truncate", "truncate", length=NGRAM_MAX)

portal_german = analyzer(
    "portal_german",
    tokenizer="standard",
    # Stem first, then fold: the order matters (see the module's docstring).
    filter=["lowercase", german_stop, german_stemmer, "german_normalization", "asciifolding"],
)
portal_folded = analyzer(
    "portal_folded",
    tokenizer="standard",
    filter=["lowercase", "german_normalization", "asciifolding"],
)
portal_ngram = analyzer(
    "portal_ngram",
    tokenizer="standard",
    filter=["lowercase", "german_normalization", "asciifolding", compound_ngram],
)
portal_ngram_query = analyzer(
    "portal_ngram_query",
    tokenizer="standard",
    filter=["lowercase", "german_normalization", "asciifolding", query_truncate],
)


# Every word of title, subtitle and body, folded but not stemmed: the term
# suggester learns from it which words of a query nobody wrote, and the
# closest words somebody did ("winzrela" -> "winzerla").
SPELLING_FIELD = "spelling"


def german_text(ngram=True):
    """Stemmed text with a ``folded`` sub-field (surface forms, prefixes) and ``ngram`` parts."""
    fields = {"folded": Text(analyzer=portal_folded)}
    if ngram:
        fields["ngram"] = Text(analyzer=portal_ngram, search_analyzer=portal_ngram_query)
    return Text(analyzer=portal_german, fields=fields, copy_to=SPELLING_FIELD)


class EntryDocument(Document):
    key = Keyword()
    kind = Keyword()
    title = german_text()
    subtitle = german_text()
    body = german_text()
    spelling = Text(analyzer=portal_folded, index_options="docs", norms=False)
    author = Text(analyzer=portal_folded)
    url = Keyword(index=False)
    project_id = Integer()
    project_title = Text(analyzer=portal_german)
    department_id = Integer()
    district_id = Integer()
    topic_ids = Integer(multi=True)
    year = Integer()
    published_at = Date()
    audience = Keyword()
    group_ids = Integer(multi=True)
    page_path = Keyword()
    state = Keyword()
    fingerprint = Keyword(index=False)


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_ngram_diff=NGRAM_MAX - NGRAM_MIN)
    index.document(EntryDocument)
    return index


def document_source(document: SearchDocument) -> dict:
    return {
        "key": document.key,
        "kind": document.kind,
        "title": document.title,
        "subtitle": document.subtitle,
        "body": document.body,
        "author": document.author,
        "url": document.url,
        "project_id": document.project_id,
        "project_title": document.project_title,
        "department_id": document.department_id,
        "district_id": document.district_id,
        "topic_ids": sorted(document.topic_ids),
        "year": document.year,
        "published_at": document.published_at.isoformat(),
        "audience": document.audience,
        "group_ids": sorted(document.group_ids),
        "page_path": document.page_path,
        # Missing rather than empty: the state facet counts only documents with one.
        "state": document.state or None,
        "fingerprint": fingerprint(document),
    }


def index_actions(index: str, documents: Iterable[SearchDocument]):
    for document in documents:
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": document.key,
            "_source": document_source(document),
        }
