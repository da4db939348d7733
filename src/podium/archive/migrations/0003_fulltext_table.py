"""PostgreSQL: a narrow full-text table beside the passages, and longer word statistics.

At ten million words, ranking straight from `archive_passage` read a wide row
(text, a 1.5 KB vector, the tsvector) for every candidate: most of the
query's time was the table's pages. `archive_passage_fulltext` holds only
what the lexical ranking reads (passage id, event, person, kind, public flag,
tsvector; about 300 bytes a row) with the GIN index, kept in step by
triggers on `archive_passage` (insert, update, delete, truncate) — so
Django's code, `bulk_create` and ``COPY`` all keep it true. The generated
``search`` column stays as the source; its GIN index moves to the new table.

The statistics target of the new ``search`` column is raised so ANALYZE keeps
about 10,000 most common lexemes (`pg_stats.most_common_elems`), which the
ranking reads to pick a query's rarest words. Nothing to do on other databases.
"""

from django.db import migrations

POSTGRESQL = [
    "CREATE TABLE archive_passage_fulltext ("
    " passage_id bigint PRIMARY KEY, event_id bigint NOT NULL, person_id bigint,"
    " kind varchar(20) NOT NULL, is_public boolean NOT NULL, search tsvector NOT NULL)",
    """CREATE FUNCTION archive_passage_fulltext_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE archive_passage_fulltext;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    DELETE FROM archive_passage_fulltext WHERE passage_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO archive_passage_fulltext (passage_id, event_id, person_id, kind, is_public, search)
  VALUES (NEW.id, NEW.event_id, NEW.person_id, NEW.kind, NEW.is_public, NEW.search)
  ON CONFLICT (passage_id) DO UPDATE SET event_id = EXCLUDED.event_id,
    person_id = EXCLUDED.person_id, kind = EXCLUDED.kind, is_public = EXCLUDED.is_public,
    search = EXCLUDED.search;
  RETURN NEW;
END
$$ LANGUAGE plpgsql""",
    "CREATE TRIGGER archive_passage_fulltext_row AFTER INSERT OR UPDATE OR DELETE "
    "ON archive_passage FOR EACH ROW EXECUTE FUNCTION archive_passage_fulltext_sync()",
    "CREATE TRIGGER archive_passage_fulltext_truncate AFTER TRUNCATE "
    "ON archive_passage FOR EACH STATEMENT EXECUTE FUNCTION archive_passage_fulltext_sync()",
    "INSERT INTO archive_passage_fulltext (passage_id, event_id, person_id, kind, is_public, search) "
    "SELECT id, event_id, person_id, kind, is_public, search FROM archive_passage",
    "CREATE INDEX archive_passage_fulltext_search ON archive_passage_fulltext USING GIN (search)",
    "ALTER TABLE archive_passage_fulltext ALTER COLUMN search SET STATISTICS 1000",
    "DROP INDEX IF EXISTS archive_passage_search",
    "ANALYZE archive_passage_fulltext",
]
POSTGRESQL_REVERSE = [
    "CREATE INDEX IF NOT EXISTS archive_passage_search ON archive_passage USING GIN (search)",
    "DROP TRIGGER IF EXISTS archive_passage_fulltext_truncate ON archive_passage",
    "DROP TRIGGER IF EXISTS archive_passage_fulltext_row ON archive_passage",
    "DROP FUNCTION IF EXISTS archive_passage_fulltext_sync()",
    "DROP TABLE IF EXISTS archive_passage_fulltext",
]


def _run(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_fulltext")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]
