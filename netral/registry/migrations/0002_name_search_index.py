"""The name search index: pg_trgm's GIN index on PostgreSQL; an FTS5 table with the trigram
tokenizer on SQLite, kept in step with registry_asn by triggers (see `search.py`)."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS registry_asn_name_trgm ON registry_asn "
    "USING gin (name_key gin_trgm_ops)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS registry_asn_name_trgm"]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE registry_asn_fts USING fts5(name_key, content='registry_asn', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER registry_asn_fts_insert AFTER INSERT ON registry_asn BEGIN "
    "INSERT INTO registry_asn_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
    "CREATE TRIGGER registry_asn_fts_delete AFTER DELETE ON registry_asn BEGIN "
    "INSERT INTO registry_asn_fts(registry_asn_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); END",
    "CREATE TRIGGER registry_asn_fts_update AFTER UPDATE OF name_key ON registry_asn BEGIN "
    "INSERT INTO registry_asn_fts(registry_asn_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); "
    "INSERT INTO registry_asn_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_asn_fts_update",
    "DROP TRIGGER IF EXISTS registry_asn_fts_delete",
    "DROP TRIGGER IF EXISTS registry_asn_fts_insert",
    "DROP TABLE IF EXISTS registry_asn_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
