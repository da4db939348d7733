"""The full-text index of passages, made for the database in use.

SQLite: an FTS5 virtual table over `archive_passage.text` (external content,
Porter stemming) kept in step by three triggers. PostgreSQL: a stored
generated `tsvector` column (English configuration) with a GIN index, read
with ``websearch_to_tsquery``. Other databases get no full-text index (the
archive then ranks by meaning only).

Note: Django rebuilds a SQLite table to alter it, which drops its triggers; a
later migration that alters `archive_passage` must run this one's SQL again.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE archive_passage_fts USING fts5(text, content='archive_passage', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER archive_passage_fts_insert AFTER INSERT ON archive_passage BEGIN "
    "INSERT INTO archive_passage_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER archive_passage_fts_delete AFTER DELETE ON archive_passage BEGIN "
    "INSERT INTO archive_passage_fts(archive_passage_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER archive_passage_fts_update AFTER UPDATE OF text ON archive_passage BEGIN "
    "INSERT INTO archive_passage_fts(archive_passage_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO archive_passage_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO archive_passage_fts(archive_passage_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS archive_passage_fts_insert",
    "DROP TRIGGER IF EXISTS archive_passage_fts_delete",
    "DROP TRIGGER IF EXISTS archive_passage_fts_update",
    "DROP TABLE IF EXISTS archive_passage_fts",
]
POSTGRESQL = [
    "ALTER TABLE archive_passage ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(text, ''))) STORED",
    "CREATE INDEX archive_passage_search ON archive_passage USING GIN (search)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS archive_passage_search",
    "ALTER TABLE archive_passage DROP COLUMN IF EXISTS search",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
