"""The audit trail: append-only, kept as several hash chains ("shards") that run side by side.

Entries are written only by `netral.audit.services.log_action`. Each entry carries an HMAC of
its content and of the entry before it in its shard, keyed with NETRAL_AUDIT_KEY (a secret
outside the database), so an edit, a deletion or a re-hashed rewrite made behind the
application's back is detectable by `netral audit verify`. Each shard's `AuditHead` remembers
its last entry, so that cutting entries off the end is detected too; moving a head back is
caught by the signed checkpoints written outside the database (`netral.audit.anchors`).

Why shards: a writer locks only its shard's head, so unrelated writes no longer queue behind
one global lock. `seq` still orders the whole trail (it is unique and rises), but it is handed
out without a lock: readers that need "everything since" use `netral.audit.cursor`.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64

# How an entry's hash was made: plain SHA-256 (entries written before the chain had a key,
# kept in shard 0 by the migration) or HMAC-SHA256 with the audit key.
SCHEME_LEGACY = 1
SCHEME_HMAC = 2


class AppendOnlyError(RuntimeError):
    pass


class AuditEntry(models.Model):
    seq = models.BigIntegerField(_("nomor urut"), unique=True)
    # The chain this entry belongs to, and its place in it (1, 2, 3… without gaps).
    shard = models.PositiveSmallIntegerField(_("rantai"), default=0)
    shard_seq = models.BigIntegerField(_("nomor dalam rantai"))
    scheme = models.PositiveSmallIntegerField(default=SCHEME_HMAC)
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    # Who acted, in words: a username, "pelapor" (a public reporter) or "sistem".
    actor_label = models.CharField(_("pelaku"), max_length=150)
    action = models.CharField(_("tindakan"), max_length=64, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=64, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True, db_index=True)
    # The region the entry concerns, for scoping who may read it (codes, not foreign keys,
    # so that the row never changes after it is written).
    province_code = models.CharField(max_length=2, blank=True)
    regency_code = models.CharField(max_length=5, blank=True)
    # Canonical JSON text, hashed exactly as stored (a JSON column may reorder or reformat).
    data_json = models.TextField(_("data"), default="{}")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("entri audit")
        verbose_name_plural = _("entri audit")
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["shard", "shard_seq"], name="audit_entry_shard_seq")
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit entries cannot be deleted")

    @property
    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.data_json)
        return loaded


class AuditHead(models.Model):
    """One row per shard (`id` is the shard number): its last entry's number and hash.
    Locked while an entry is appended to that shard, and only that shard."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=0)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("ujung rantai audit")

    def __str__(self) -> str:
        return f"{self.id}: #{self.last_seq} {self.last_hash[:12]}"
