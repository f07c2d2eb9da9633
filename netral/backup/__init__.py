"""`netral backup create` and `netral backup restore`: the database as engine-neutral JSON lines
(SQLite ↔ PostgreSQL), the uploaded files through the storage API, a manifest of SHA-256
hashes, and, only when asked, the local keys encrypted with a passphrase.

Keys and other secrets that live outside the database are listed in `SECRETS` (settings name,
file name in the data folder): the identity key that opens sealed reporter identities, the
secret key; the audit key once the audit trail has one. Files kept next to the database (the
audit trail's checkpoint anchors) are listed in `side_files()`.
"""

FORMAT = "netral-backup/1"
