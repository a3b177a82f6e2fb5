"""Turning a parsed query into a tsquery, with the lexicon's help."""

from search.backends.base import SearchQuery, Viewer
from search.text import edit_distance

from .schema import CONFIG

EXPANSIONS_PER_TERM = 12
MIN_EXPANSION_LENGTH = 4
MIN_PREFIX_LENGTH = 4
TYPO_CANDIDATES = 30
TYPO_VARIANTS = 3


def quote_lexeme(lexeme: str) -> str:
    """A lexeme as a tsquery operand; quoting makes every character literal."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def visibility_sql(viewer: Viewer, alias: str = "") -> tuple[str, list]:
    """The WHERE clause for what ``viewer`` may see: their site, then their audiences."""
    prefix = f"{alias}." if alias else ""
    site_clause, params = "", []
    if viewer.site_root_path is not None:
        site_clause = f"starts_with({prefix}page_path, %s) AND "
        params.append(viewer.site_root_path)
    if viewer.superuser:
        return f"({site_clause}TRUE)", params
    clauses = [f"{prefix}audience = 'public'"]
    if viewer.authenticated:
        clauses.append(f"{prefix}audience = 'login'")
        if viewer.group_ids:
            clauses.append(
                f"({prefix}audience = 'groups' AND EXISTS (SELECT 1 FROM "
                f"jsonb_array_elements_text({prefix}group_ids) g WHERE g::bigint = ANY(%s)))"
            )
            params.append(list(viewer.group_ids))
    return f"({site_clause}(" + " OR ".join(clauses) + "))", params


class QueryPlan:
    """The tsquery for one search, built from the parsed query and the lexicon."""

    def __init__(self, query: SearchQuery):
        self.query = query
        self.stems: dict[str, str] = {}
        self.alternatives: dict[str, list[str]] = {}
        self.known: set[str] = set()
        # Documents per stem and its compounds, from the lexicon (counted at
        # the last rebuild); None when a word is unknown or being typed.
        self.group_documents: dict[str, int | None] = {}
        self.phrase_documents: int | None = None

    @classmethod
    def build(cls, cursor, query: SearchQuery) -> "QueryPlan | None":
        plan = cls(query)
        phrase_words = [word for phrase in query.parsed.phrases for word in phrase]
        if query.parsed.terms or phrase_words:
            plan.read_lexicon(cursor, query.parsed.terms, phrase_words)
        if not plan.stems and not query.parsed.phrases:
            return None
        return plan

    def read_lexicon(self, cursor, terms: list[str], phrase_words: list[str]) -> None:
        """Stems, whether they are known words, their compounds and counts: one round trip.

        A stop word stems to nothing (it cannot narrow a search) and is dropped.
        Phrase words only contribute their counts: a phrase cannot match more
        documents than its rarest word.
        """
        if phrase_words:
            cursor.execute(
                f"SELECT min(ndoc) FROM search_lexeme WHERE lexeme = ANY(ARRAY(SELECT "
                f"(ts_lexize('{CONFIG}_stem', word))[1] FROM unnest(%s::text[]) AS word))",
                [phrase_words],
            )
            self.phrase_documents = cursor.fetchone()[0]
        if not terms:
            return
        cursor.execute(
            "SELECT t.term, s.stem, x.lexeme, x.ndoc FROM unnest(%s::text[]) AS t(term) "
            f"CROSS JOIN LATERAL (SELECT (ts_lexize('{CONFIG}_stem', t.term))[1] AS stem) s "
            "LEFT JOIN LATERAL (SELECT lexeme, ndoc FROM search_lexeme "
            "WHERE lexeme = s.stem "
            "OR (length(s.stem) >= %s AND lexeme LIKE '%%' || s.stem || '%%') "
            "ORDER BY lexeme = s.stem DESC, ndoc DESC LIMIT %s) x ON TRUE "
            "WHERE s.stem IS NOT NULL",
            [terms, MIN_EXPANSION_LENGTH, EXPANSIONS_PER_TERM + 1],
        )
        documents: dict[str, int] = {}
        for term, stem, lexeme, ndoc in cursor.fetchall():
            self.stems[term] = stem
            self.alternatives.setdefault(stem, [])
            documents.setdefault(stem, 0)
            if lexeme == stem:
                self.known.add(stem)
            elif lexeme is not None and len(self.alternatives[stem]) < EXPANSIONS_PER_TERM:
                self.alternatives[stem].append(lexeme)
            documents[stem] += ndoc or 0
        self.group_documents = {
            stem: (count if stem in self.known else None) for stem, count in documents.items()
        }

    @property
    def estimated_matches(self) -> int | None:
        """An upper bound of the matches from the lexicon, or None if it cannot tell.

        All groups must match, so the smallest known count bounds the result;
        words being typed (prefixes) have no count of their own.
        """
        bounds = [count for count in self.group_documents.values() if count is not None]
        if self.phrase_documents is not None:
            bounds.append(self.phrase_documents)
        return min(bounds) if bounds else None

    def add_typo_variants(self, cursor) -> list[str]:
        """Adds stems from the lexicon within a small edit distance; returns them.

        Trigrams find candidates fast (GIN index); the edit distance then
        keeps real typos, swapped letters included ("winzrela" -> "winzerla").
        """
        found = []
        for stem in self.stems.values():
            if len(stem) < MIN_EXPANSION_LENGTH:
                continue
            cursor.execute(
                "SELECT lexeme FROM search_lexeme WHERE lexeme %% %s "
                "ORDER BY similarity(lexeme, %s) DESC, ndoc DESC LIMIT %s",
                [stem, stem, TYPO_CANDIDATES],
            )
            allowed = 1 if len(stem) < 6 else 2
            candidates = [
                lexeme
                for (lexeme,) in cursor.fetchall()
                if lexeme != stem and edit_distance(lexeme, stem) <= allowed
            ]
            variants = self.visible_lexemes(cursor, candidates)[:TYPO_VARIANTS]
            self.alternatives[stem].extend(variants)
            found.extend(variants)
        return found

    def visible_lexemes(self, cursor, lexemes: list[str]) -> list[str]:
        """The lexemes, in order, that occur in something this viewer may see.

        The lexicon holds the words of everything indexed, restricted pages
        included: a suggestion must not reveal a word only others can read.
        """
        if not lexemes:
            return []
        visibility, params = visibility_sql(self.query.viewer, alias="d")
        cursor.execute(
            "SELECT c.lexeme FROM unnest(%s::text[]) WITH ORDINALITY AS c(lexeme, position) "
            "WHERE EXISTS (SELECT 1 FROM search_searchentry d "
            f"WHERE d.search_vector @@ CAST(quote_literal(c.lexeme) AS tsquery) AND {visibility}) "
            "ORDER BY c.position",
            [lexemes, *params],
        )
        return [row[0] for row in cursor.fetchall()]

    @property
    def highlight_terms(self) -> list[str]:
        terms = list(self.stems.values())
        for alternatives in self.alternatives.values():
            terms.extend(alternatives)
        terms.extend(word for phrase in self.query.parsed.phrases for word in phrase)
        return terms

    def term_groups(self) -> str:
        groups = []
        for stem in self.stems.values():
            operands = [quote_lexeme(stem)]
            # A word nobody wrote is probably being typed: match it as a prefix.
            # Known words match exactly (plus their compounds): a prefix on a
            # common word would widen an already large result for nothing.
            if stem not in self.known and len(stem) >= MIN_PREFIX_LENGTH:
                operands[0] += ":*"
            operands += [quote_lexeme(lexeme) for lexeme in self.alternatives.get(stem, [])]
            groups.append("(" + " | ".join(operands) + ")")
        return " & ".join(groups)

    @property
    def tsquery_sql(self) -> str:
        parts = []
        if self.stems:
            parts.append("CAST(%s AS tsquery)")
        parts += [f"phraseto_tsquery('{CONFIG}', %s)"] * len(self.query.parsed.phrases)
        parts += [f"!! plainto_tsquery('{CONFIG}', %s)"] * len(self.query.parsed.excluded)
        parts += [f"!! phraseto_tsquery('{CONFIG}', %s)"] * len(self.query.parsed.excluded_phrases)
        return "(" + " && ".join(parts) + ")"

    @property
    def tsquery_params(self) -> list[str]:
        parsed = self.query.parsed
        params = [self.term_groups()] if self.stems else []
        params += [" ".join(phrase) for phrase in parsed.phrases]
        params += list(parsed.excluded)
        params += [" ".join(phrase) for phrase in parsed.excluded_phrases]
        return params

    def where(self, query: SearchQuery) -> tuple[str, list]:
        clauses = [f"d.search_vector @@ {self.tsquery_sql}"]
        params = list(self.tsquery_params)
        visibility, visibility_params = visibility_sql(query.viewer, alias="d")
        params += visibility_params
        clauses.append(visibility)
        filters = query.filters
        if filters.kinds:
            clauses.append("d.kind = ANY(%s)")
            params.append(list(filters.kinds))
        if filters.project_id is not None:
            clauses.append("d.project_id = %s")
            params.append(filters.project_id)
        if filters.department_ids:
            clauses.append("d.department_id = ANY(%s)")
            params.append(list(filters.department_ids))
        if filters.district_id is not None:
            clauses.append("d.district_id = %s")
            params.append(filters.district_id)
        if filters.topic_id is not None:
            clauses.append("d.topic_array @> ARRAY[%s]::integer[]")
            params.append(filters.topic_id)
        if filters.year is not None:
            clauses.append("d.year = %s")
            params.append(filters.year)
        if filters.state:
            clauses.append("d.state = %s")
            params.append(filters.state)
        return " AND ".join(clauses), params
