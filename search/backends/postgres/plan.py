"""Turning a parsed query into tsqueries, with the lexicon's help.

Each query group (a word, or words joined by OR) becomes one tsquery of
alternatives: the word's lexeme (``search.analysis``), the compounds and
derivations in the lexicon that contain it (``radweg`` → ``fahrradwegenetz``,
``saniert`` → ``sanierung``), a prefix while the word is still being typed,
and, for a word nobody wrote, the similar words that somebody did (typo
correction, shown as "Meinten Sie ...?").
"""

import itertools

from search.analysis import (
    compound_splits,
    derivation_bases,
    lexeme,
    phrase_pattern,
    positioned_lexemes,
    prefix_lexemes,
    quote_lexeme,
)
from search.backends.base import SearchQuery, Viewer
from search.backends.planning import (
    EXPANSIONS_PER_TERM,
    MIN_BASE_CONTAINED_LENGTH,
    MIN_EXPANSION_LENGTH,
    MIN_HEAD_LENGTH,
    MIN_PREFIX_LENGTH,
    TYPO_CANDIDATES,
    TYPO_VARIANTS,
    Group,
    add_corrections,
)
from search.text import edit_distance


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


def like_literal(value: str) -> str:
    """``value`` as a LIKE pattern matching only itself."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def containing(value: str, minimum: int = MIN_EXPANSION_LENGTH) -> str:
    """The LIKE pattern for the lexemes a value stands for: compounds containing it (from
    ``minimum`` letters), those ending in it (three letters), else only itself."""
    literal = like_literal(value)
    if len(value) >= minimum:
        return f"%{literal}%"
    if len(value) == MIN_HEAD_LENGTH:
        return f"%{literal}"
    return literal


def phrase_tsquery(words: list[str]) -> str:
    """'a' <-> 'b' <2> 'c' for a phrase, keeping the gaps of its stop words."""
    found, _last = positioned_lexemes(" ".join(words))
    if not found:
        return ""
    parts = [quote_lexeme(found[0][1])]
    for (previous, _), (position, value) in itertools.pairwise(found):
        parts.append(f"<{position - previous}> {quote_lexeme(value)}")
    return "(" + " ".join(parts) + ")"


# The GIN index is always the way in: otherwise the planner may scan the whole
# table for a common word, evaluating @@ on every vector. JIT compiling these
# short queries costs more than it saves. Local to the search's transaction.
PLANNER_SETTINGS = "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"


class QueryPlan:
    """The tsqueries for one search, built from the parsed query and the lexicon."""

    def __init__(self, query: SearchQuery):
        self.query = query
        self.groups: list[Group] = []
        parsed = query.parsed
        self.phrases = [tsq for phrase in parsed.phrases if (tsq := phrase_tsquery(phrase))]
        self.excluded = [
            quote_lexeme(value) for word in parsed.excluded if (value := lexeme(word)) is not None
        ]
        # Phrases with stop words are checked on the text as well (phrase_pattern).
        self.phrase_patterns = [p for phrase in parsed.phrases if (p := phrase_pattern(phrase))]
        self.excluded_patterns = [
            pattern for phrase in parsed.excluded_phrases if (pattern := phrase_pattern(phrase))
        ]
        self.excluded += [
            tsq
            for phrase in parsed.excluded_phrases
            if not phrase_pattern(phrase) and (tsq := phrase_tsquery(phrase))
        ]
        self.phrase_documents: int | None = None
        # Each stem's rows in the lexicon (itself, compounds containing it).
        self._found: dict[str, list[str]] = {}
        # Known but very rare words and the more common word they may mean.
        self.suggestions: dict[str, str] = {}

    @classmethod
    def build(cls, cursor, query: SearchQuery) -> "QueryPlan | None":
        plan = cls(query)
        for words in query.parsed.groups:
            if group := Group.of(words):
                plan.groups.append(group)
        if not plan.groups and not plan.phrases:
            return None
        plan.read_lexicon(cursor)
        plan.add_corrections(cursor)
        return plan

    def read_lexicon(self, cursor) -> None:
        """Known stems, their compounds and derivations, prefixes and counts: one round trip.

        One pattern per value, made here, so each costs one trigram index scan:
        containment from MIN_EXPANSION_LENGTH letters, compounds ending in the
        value at MIN_HEAD_LENGTH, otherwise (and for phrase words) the value alone.
        """
        items = []  # (group index, role, value, LIKE pattern)
        for index, group in enumerate(self.groups):
            for stem in group.stems:
                items.append((index, "stem", stem, containing(stem)))
                items += [
                    (index, "base", base, containing(base, MIN_BASE_CONTAINED_LENGTH))
                    for base in derivation_bases(stem)
                ]
        phrase_words = [
            value
            for phrase in self.query.parsed.phrases
            for word in phrase
            if (value := lexeme(word)) is not None
        ]
        items += [(-1, "phrase", value, like_literal(value)) for value in phrase_words]
        if not items:
            cursor.execute(f"SELECT {PLANNER_SETTINGS}")
            return
        cursor.execute(
            # The settings are columns of every row (one at least per value: LEFT
            # JOIN), so they are set for the queries after this one without a
            # round trip of their own.
            f"SELECT t.position, x.lexeme, x.ndoc, s.* FROM (SELECT {PLANNER_SETTINGS}) s "
            "CROSS JOIN unnest(%s::text[], %s::text[]) "
            "WITH ORDINALITY AS t(value, pattern, position) "
            "LEFT JOIN LATERAL (SELECT lexeme, ndoc FROM search_lexeme "
            "WHERE lexeme = t.value OR lexeme LIKE t.pattern "
            "ORDER BY lexeme = t.value DESC, ndoc DESC LIMIT %s) x ON true",
            [
                [item[2] for item in items],
                [item[3] for item in items],
                EXPANSIONS_PER_TERM + 1,
            ],
        )
        rows: dict[int, list[tuple[str, int]]] = {}
        for position, found, ndoc, *_settings in cursor.fetchall():
            rows.setdefault(position - 1, [])
            if found is not None:
                rows[position - 1].append((found, ndoc))
        phrase_counts = []
        for number, (index, role, value, _pattern) in enumerate(items):
            matches = rows.get(number, [])
            exact = [ndoc for found, ndoc in matches if found == value]
            if role == "phrase":
                phrase_counts.append(exact[0] if exact else 0)
                continue
            group = self.groups[index]
            if role == "stem":
                if exact:
                    group.known[value] = exact[0]
                group.expand([found for found, _ in matches if found != value])
                group.documents = (group.documents or 0) + sum(n for _, n in matches)
                self._found[value] = [found for found, _ in matches]
            elif role == "base" and exact:
                group.expand([found for found, _ in matches])
                group.documents = (group.documents or 0) + sum(n for _, n in matches)
        if phrase_counts:
            self.phrase_documents = min(phrase_counts)
        for group in self.groups:
            if not group.known:
                self._add_prefixes(group)
            # A word being typed (a prefix) has no count of its own.
            if group.prefixes and not group.known:
                group.documents = None

    def _add_prefixes(self, group: Group) -> None:
        """A word nobody wrote that begins words somebody did is being typed: a prefix.

        Whatever begins with the word contains its stem, so the stem's own
        lexicon rows tell (no second round trip).
        """
        found = [value for stem in group.stems for value in self._found.get(stem, [])]
        for word in group.words:
            for value in prefix_lexemes(word):
                if len(value) >= MIN_PREFIX_LENGTH and any(f.startswith(value) for f in found):
                    group.prefixes.append(value)

    def add_corrections(self, cursor) -> None:
        """Words nobody wrote: compounds of known words, or corrections (``planning``).

        Trigrams find correction candidates fast (GIN index); the edit
        distance then keeps real typos, swapped letters included ("winzrela"
        → "winzerla").
        """
        self.suggestions = add_corrections(
            self.groups,
            lambda word: self._known_parts(cursor, word),
            lambda stem, minimum: self._similar(cursor, stem, minimum),
        )

    def _known_parts(self, cursor, word: str) -> tuple[str, str] | None:
        """The first reading of ``word`` as two words the lexicon knows, if any."""
        splits = compound_splits(word)
        if not splits:
            return None
        cursor.execute(
            "SELECT lexeme FROM search_lexeme WHERE lexeme = ANY(%s)",
            [list({part for pair in splits for part in pair})],
        )
        known = {row[0] for row in cursor.fetchall()}
        return next((pair for pair in splits if set(pair) <= known), None)

    def _similar(self, cursor, stem: str, minimum: int) -> list[str]:
        cursor.execute(
            "SELECT lexeme FROM search_lexeme WHERE lexeme %% %s AND ndoc >= %s "
            "ORDER BY similarity(lexeme, %s) DESC, ndoc DESC LIMIT %s",
            [stem, minimum, stem, TYPO_CANDIDATES],
        )
        allowed = 1 if len(stem) < 6 else 2
        candidates = [
            found
            for (found,) in cursor.fetchall()
            if found != stem and edit_distance(found, stem) <= allowed
        ]
        return self.visible_lexemes(cursor, candidates)[:TYPO_VARIANTS]

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
    def corrections(self) -> dict[str, str]:
        """word typed -> lexeme it was corrected to."""
        return {word: value for group in self.groups for word, value in group.corrections.items()}

    @property
    def estimated_matches(self) -> int | None:
        """An upper bound of the full matches from the lexicon, or None if it cannot tell.

        All groups must match, so the smallest known count bounds the result;
        words being typed (prefixes) have no count of their own.
        """
        bounds = [group.documents for group in self.groups if group.documents is not None]
        if self.phrase_documents is not None:
            bounds.append(self.phrase_documents)
        return min(bounds) if bounds else None

    @property
    def highlight_terms(self) -> list[str]:
        terms = [term for group in self.groups for term in group.highlight_terms]
        for phrase in self.query.parsed.phrases:
            terms += [value for word in phrase if (value := lexeme(word)) is not None]
        return list(dict.fromkeys(terms))

    def tsquery(self, groups: list[Group] | None = None) -> str:
        """All of ``groups`` (default: every group), the phrases, none of the exclusions."""
        groups = self.groups if groups is None else groups
        parts = [group.tsquery for group in groups] + self.phrases
        parts += [f"!{excluded}" for excluded in self.excluded]
        return " & ".join(parts)

    def any_group_tsquery(self, groups: list[Group]) -> str:
        """At least one of ``groups``, all phrases, none of the exclusions."""
        parts = ["(" + " | ".join(group.tsquery for group in groups) + ")", *self.phrases]
        parts += [f"!{excluded}" for excluded in self.excluded]
        return " & ".join(parts)

    @property
    def tsquery_sql(self) -> str:
        return "CAST(%s AS tsquery)"

    @property
    def tsquery_params(self) -> list[str]:
        return [self.tsquery()]

    def where(self, query: SearchQuery, tsquery: str | None = None) -> tuple[str, list]:
        clauses = ["d.search_vector @@ CAST(%s AS tsquery)"]
        params: list = [tsquery if tsquery is not None else self.tsquery()]
        visibility, visibility_params = visibility_sql(query.viewer, alias="d")
        params += visibility_params
        clauses.append(visibility)
        text = "(d.title || ' ' || d.subtitle || ' ' || d.body)"
        for pattern in self.phrase_patterns:
            clauses.append(f"{text} ~* %s")
            params.append(pattern)
        for pattern in self.excluded_patterns:
            clauses.append(f"NOT {text} ~* %s")
            params.append(pattern)
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
