"""PostgreSQL-only parts of the search table: tsvector, GIN, lexicon with trigrams.

On other databases (SQLite in development) this migration does nothing and
the simple backend searches ``search_text`` instead.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector",
    # The title alone, to rank "title matches first" without ts_rank.
    "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector",
    # topic_ids as a native array: unnesting it for the topic facet is about
    # ten times faster than jsonb_array_elements.
    "ALTER TABLE search_searchentry ADD COLUMN topic_array integer[]",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (search_vector)",
    # Title matches of a common word come first; this finds them without a walk.
    "CREATE INDEX search_entry_title_vector ON search_searchentry USING gin (title_vector)",
    "CREATE TABLE search_lexeme (lexeme text PRIMARY KEY, ndoc integer NOT NULL)",
    "CREATE INDEX search_lexeme_trigram ON search_lexeme USING gin (lexeme gin_trgm_ops)",
]
BACKWARD = [
    "DROP TABLE IF EXISTS search_lexeme",
    "DROP INDEX IF EXISTS search_entry_title_vector",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS topic_array",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
