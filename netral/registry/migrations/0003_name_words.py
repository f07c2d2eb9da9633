"""Word-level name search: the vocabulary of name words (`registry_nameword`), kept by triggers,
and on PostgreSQL a GIN index on the array of a name's words.

At millions of ASN the trigram index alone is slow for common names: every trigram of "ahmad"
is shared by a large share of the register. Matching whole words (each query word widened to the
vocabulary's spellings of it) is an intersection of short posting lists (see `search.py`)."""

from django.db import migrations

WORDS = "string_to_array(name_key, ' ')"

PG_FORWARD = [
    "CREATE TABLE IF NOT EXISTS registry_nameword (word varchar(200) PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS registry_nameword_trgm ON registry_nameword "
    "USING gin (word gin_trgm_ops)",
    f"CREATE INDEX IF NOT EXISTS registry_asn_name_words ON registry_asn USING gin ({WORDS})",
    f"INSERT INTO registry_nameword (word) SELECT DISTINCT unnest({WORDS}) FROM registry_asn "
    "ON CONFLICT DO NOTHING",
    # One statement-level trigger per write, with the written rows as a table: an import of
    # millions adds its words in one INSERT, not one per row.
    "CREATE OR REPLACE FUNCTION registry_nameword_add() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN INSERT INTO registry_nameword (word) SELECT DISTINCT w FROM written, "
    "unnest(string_to_array(written.name_key, ' ')) AS w WHERE w <> '' "
    "ON CONFLICT DO NOTHING; RETURN NULL; END $$",
    "CREATE TRIGGER registry_nameword_insert AFTER INSERT ON registry_asn "
    "REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION registry_nameword_add()",
    "CREATE TRIGGER registry_nameword_update AFTER UPDATE ON registry_asn "
    "REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION registry_nameword_add()",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_nameword_update ON registry_asn",
    "DROP TRIGGER IF EXISTS registry_nameword_insert ON registry_asn",
    "DROP FUNCTION IF EXISTS registry_nameword_add()",
    "DROP INDEX IF EXISTS registry_asn_name_words",
    "DROP TABLE IF EXISTS registry_nameword",
]

# name_key holds only lower-case ASCII letters and single spaces, so it splits safely as JSON.
_SQLITE_ADD = (
    "INSERT OR IGNORE INTO registry_nameword (word) SELECT value FROM "
    "json_each('[\"' || replace(new.name_key, ' ', '\",\"') || '\"]') WHERE value <> ''"
)
SQLITE_FORWARD = [
    "CREATE TABLE IF NOT EXISTS registry_nameword (word TEXT PRIMARY KEY) WITHOUT ROWID",
    "INSERT OR IGNORE INTO registry_nameword (word) SELECT value FROM registry_asn, "
    "json_each('[\"' || replace(registry_asn.name_key, ' ', '\",\"') || '\"]') WHERE value <> ''",
    f"CREATE TRIGGER registry_nameword_insert AFTER INSERT ON registry_asn BEGIN {_SQLITE_ADD}; END",
    "CREATE TRIGGER registry_nameword_update AFTER UPDATE OF name_key ON registry_asn "
    f"BEGIN {_SQLITE_ADD}; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_nameword_update",
    "DROP TRIGGER IF EXISTS registry_nameword_insert",
    "DROP TABLE IF EXISTS registry_nameword",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_name_search_index")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
