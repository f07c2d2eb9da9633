"""Social-media monitoring: sources, the posts they bring (items), authors (accounts),
near-duplicate clusters, scoring chunks and triage batches.

An item keeps what came in byte for byte (`raw`, hashed in `sha256`) beside the fields Netral
reads from it, so that a promoted post can be shown exactly as it was captured.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.regions.models import Province, Regency


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    THREADS = "threads", "Threads"
    WEB = "web", _("Situs berita/web")
    OTHER = "other", _("Lainnya")


class SourceKind(models.TextChoices):
    FILE = "file", _("Berkas ekspor")
    FEED = "feed", _("Umpan RSS/Atom")
    API = "api", _("API")
    MANUAL = "manual", _("Tangkapan manual")


class Source(models.Model):
    """Where items come from. A file source may carry a mapping (its tool's column names to
    Netral's fields) so that a new tool's export needs a mapping, not code."""

    name = models.SlugField(_("nama"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=8, choices=SourceKind.choices)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    # {"their column": "netral field"}; see docs/monitoring-format.md.
    mapping = models.JSONField(_("pemetaan kolom"), default=dict, blank=True)
    # The platform assumed when a row does not say (a tool that exports one platform).
    default_platform = models.CharField(max_length=12, choices=Platform.choices, blank=True)
    # Region assumed for items from this source until an ASN tie places them.
    province = models.ForeignKey(
        Province, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Feeds: the address, and the validators of the last answer (conditional requests).
    feed_url = models.URLField(_("alamat umpan"), max_length=500, blank=True)
    feed_etag = models.CharField(max_length=200, blank=True)
    feed_modified = models.CharField(max_length=100, blank=True)
    polled_at = models.DateTimeField(null=True, blank=True)
    poll_status = models.CharField(max_length=200, blank=True)
    # API sources: only a hash of the token is kept (shown once at creation).
    token_digest = models.CharField(max_length=64, blank=True, db_index=True)
    token_prefix = models.CharField(max_length=8, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    # The demo's posts are dated in 2024's elections: retention would delete them at once.
    demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sumber pemantauan")
        verbose_name_plural = _("sumber pemantauan")

    def __str__(self) -> str:
        return self.name


class Account(models.Model):
    """A post's author on one platform; tied to an ASN when the ASN declared it or a person
    confirmed a suggestion."""

    class Tie(models.TextChoices):
        NONE = "", _("Belum terhubung")
        DECLARED = "declared", _("Dideklarasikan ASN")
        CONFIRMED = "confirmed", _("Dikonfirmasi petugas")

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    handle = models.CharField(_("nama akun"), max_length=100)  # lower case, no "@"
    name = models.CharField(_("nama tampilan"), max_length=200, blank=True)
    external_id = models.CharField(_("id akun"), max_length=100, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    asn = models.ForeignKey(
        "registry.Asn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitored_accounts",
        verbose_name=_("ASN"),
    )
    tie = models.CharField(_("dasar keterhubungan"), max_length=10, choices=Tie.choices, blank=True)
    tied_at = models.DateTimeField(null=True, blank=True)
    tied_by_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["platform", "handle"]
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="monitoring_account_unique")
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}"


class Cluster(models.Model):
    """Near-duplicates (a copied caption, a reposted campaign text): triaged once, through
    its head item."""

    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kelompok unggahan mirip")
        verbose_name_plural = _("kelompok unggahan mirip")

    def __str__(self) -> str:
        return f"cluster {self.pk}"


class State(models.TextChoices):
    NEW = "new", _("Belum ditelaah")
    NOT_RELEVANT = "not_relevant", _("Tidak relevan")
    RELEVANT = "relevant", _("Relevan")
    ESCALATED = "escalated", _("Dieskalasi")
    DUPLICATE = "duplicate", _("Duplikat")


class Veracity(models.TextChoices):
    UNKNOWN = "", _("Belum diverifikasi")
    CONFIRMED = "confirmed", _("Terverifikasi benar")
    UNCONFIRMED = "unconfirmed", _("Belum dapat dipastikan")
    FALSE = "false", _("Tidak benar / rekayasa")


class TriageBatch(models.Model):
    """Up to 25 items locked to one monitor; free again after 10 minutes without a mark."""

    monitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    touched_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    filters = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("paket telaah")
        verbose_name_plural = _("paket telaah")

    def __str__(self) -> str:
        return f"batch {self.pk}"


class Item(models.Model):
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="items", verbose_name=_("sumber")
    )
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    external_id = models.CharField(_("id unggahan"), max_length=200, blank=True)
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    canonical_url = models.CharField(max_length=1000, blank=True)
    account = models.ForeignKey(
        Account,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("akun"),
    )
    author_handle = models.CharField(_("akun penulis"), max_length=100, blank=True)
    author_name = models.CharField(_("nama penulis"), max_length=200, blank=True)
    author_id = models.CharField(max_length=100, blank=True)
    text = models.TextField(_("teks"), blank=True)
    posted_at = models.DateTimeField(_("waktu unggah"), null=True, blank=True)
    # posted_at, or the capture time when the post's own time is unknown: the queue's recency.
    seen_at = models.DateTimeField(default=timezone.now)
    media = models.JSONField(_("tautan media"), default=list, blank=True)
    counts = models.JSONField(_("angka interaksi"), default=dict, blank=True)
    # What came in, as it came (one JSON line, a CSV row as JSON, a feed entry), and its hash.
    raw = models.TextField()
    sha256 = models.CharField(max_length=64)
    captured_at = models.DateTimeField(_("waktu tangkap"), default=timezone.now)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # partial index below
    )
    captured_by_label = models.CharField(_("penangkap"), max_length=150)
    # Jurisdiction (netral.access): the tied ASN's work unit, else the region set at capture.
    # No single-column indexes: the (region, state) indexes below lead with these columns
    # (every index is one more write per item taken in and per score stored).
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provinsi"),
        db_index=False,
    )
    regency = models.ForeignKey(
        Regency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kabupaten/kota"),
        db_index=False,
    )
    election = models.ForeignKey(
        "elections.Election",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pemilihan"),
    )
    tied = models.BooleanField(_("terhubung ke ASN"), default=False)  # account.asn, kept here
    # Near-duplicates: members point at their cluster; only its head (and single items) queue.
    cluster = models.ForeignKey(
        Cluster,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        db_index=False,  # the clusters page's covering index below leads with it
    )
    primary = models.BooleanField(default=True)
    unclustered = models.BooleanField(default=False)  # taken out by a person: never regrouped
    # Scoring (netral.detection).
    label = models.CharField(_("label"), max_length=16, blank=True)
    # 0 until scored (scored_at says whether it was): a NOT NULL score keeps the queue's
    # index usable on both SQLite and PostgreSQL (no NULLS LAST).
    score = models.FloatField(_("skor"), default=0.0)
    subtype = models.CharField(max_length=20, blank=True)
    violations = models.JSONField(default=list, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    scored_version = models.CharField(max_length=40, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    alerted_at = models.DateTimeField(null=True, blank=True)
    # Triage.
    state = models.CharField(
        _("status telaah"), max_length=14, choices=State.choices, default=State.NEW
    )
    veracity = models.CharField(_("kebenaran"), max_length=12, choices=Veracity.choices, blank=True)
    tags = models.JSONField(_("label telaah"), default=list, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    batch = models.ForeignKey(
        TriageBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        db_index=False,  # partial index below
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by_label = models.CharField(max_length=150, blank=True)
    # Promotion to a finding: the case and the seal (SHA-256 of the evidence snapshot).
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_items",
        verbose_name=_("perkara"),
        db_index=False,  # partial index below
    )
    sealed_evidence = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("unggahan pantauan")
        verbose_name_plural = _("unggahan pantauan")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "external_id"],
                condition=~models.Q(external_id=""),
                name="monitoring_item_external_id",
            ),
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~models.Q(canonical_url=""),
                name="monitoring_item_canonical_url",
            ),
        ]
        indexes = [
            # The triage queue's first page as an ordered index walk, nationally, per province
            # and per kab/kota: partial on what the queue shows (new items, cluster heads), with
            # its whole order (tied to an ASN, score, recency, id) so no sort is needed.
            models.Index(
                models.F("tied").desc(),
                models.F("score").desc(),
                models.F("seen_at").desc(),
                models.F("id").desc(),
                condition=models.Q(state="new", primary=True),
                name="monitoring_queue",
            ),
            models.Index(
                "province",
                models.F("tied").desc(),
                models.F("score").desc(),
                models.F("seen_at").desc(),
                models.F("id").desc(),
                condition=models.Q(state="new", primary=True),
                name="monitoring_queue_province",
            ),
            models.Index(
                "regency",
                models.F("tied").desc(),
                models.F("score").desc(),
                models.F("seen_at").desc(),
                models.F("id").desc(),
                condition=models.Q(state="new", primary=True),
                name="monitoring_queue_regency",
            ),
            # Counts per state within a jurisdiction (the queue page's tabs, the API's counts).
            models.Index(fields=["regency", "state"], name="monitoring_item_regency_state"),
            models.Index(fields=["province", "state"], name="monitoring_item_province_state"),
            models.Index(fields=["scored_version", "id"], name="monitoring_item_scored"),
            # The dashboards' incremental refresh (measures.py) finds the items captured,
            # scored or triaged since its last run, then recounts each touched kab/kota and day
            # by a `seen_at` range: without these, each refresh read every item four times
            # (10 s at 10 M items).
            models.Index(fields=["captured_at"], name="monitoring_item_captured"),
            models.Index(fields=["scored_at"], name="monitoring_item_scored_at"),
            models.Index(
                fields=["triaged_at"],
                condition=models.Q(triaged_at__isnull=False),
                name="monitoring_item_triaged_set",
            ),
            # Columns empty for nearly every item (capture by hand, a triage batch taken, a
            # promotion) are indexed only where set: a full index took an entry for every
            # item taken in and again for every score stored (a score moves the row). Every
            # query by them names a value (`batch = 7`, `case_id IN (...)`, "is set"), which
            # PostgreSQL proves implies the condition.
            models.Index(
                fields=["captured_by"],
                condition=models.Q(captured_by__isnull=False),
                name="monitoring_item_captured_by",
            ),
            models.Index(
                fields=["batch"],
                condition=models.Q(batch__isnull=False),
                name="monitoring_item_batch",
            ),
            models.Index(
                fields=["case"],
                condition=models.Q(case__isnull=False),
                name="monitoring_item_case",
            ),
            models.Index(fields=["regency", "seen_at"], name="monitoring_item_seen"),
            # Each cluster's head (its oldest primary item) is one probe of this index when a
            # batch joins stored clusters; through the plain cluster index, every member of
            # each touched cluster was read, more per batch as clusters grew.
            models.Index(
                fields=["cluster", "id"],
                condition=models.Q(primary=True, cluster__isnull=False),
                name="monitoring_item_cluster_head",
            ),
            # The clusters page ranks every cluster in reach by size and last sighting, then
            # sums up the 50 it shows (accounts, ASN posts, top score, first sighting, head):
            # both read from this index alone on PostgreSQL (an index-only scan), not from the
            # table. At a million items, 946,292 of them clustered, the national page went
            # from 715 to 286 ms (bench/monitoring.py), and the import took the same time. Only
            # clustered items have an entry; it replaces the plain cluster index, so taking an
            # item in writes no more index entries than before.
            models.Index(
                fields=["cluster", "seen_at"],
                include=["account", "tied", "score", "primary", "id"],
                condition=models.Q(cluster__isnull=False),
                name="monitoring_item_clustered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_id or self.pk}"


class ItemBand(models.Model):
    """One LSH band key of an item's MinHash: two items sharing a key are near-duplicate
    candidates (see dedup.py)."""

    key = models.BigIntegerField()
    # No foreign-key constraint in the database: band rows are written only with their item,
    # in the same transaction (clusters.settle), and deleted with it by Django's cascade. The
    # constraint's check was one trigger query per row, eight per item taken in.
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", db_constraint=False)

    class Meta:
        # A key's oldest item is one index probe, however many items share the key.
        indexes = [models.Index(fields=["key", "item"], name="monitoring_band_key_item")]

    def __str__(self) -> str:
        return f"{self.key}"


class Screenshot(models.Model):
    """A screenshot attached at capture: the original sealed, a stripped copy to show."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="screenshots")
    original = models.CharField(max_length=300)  # storage name, sealed
    stripped = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.sha256


class ScanChunk(models.Model):
    """A range of item ids scored by one job. Idempotent: a chunk picked up again (a killed
    worker) scores only the items still without this model version."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"

    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    version = models.CharField(max_length=40)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    scored = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "id"], name="monitoring_chunk_status")]

    def __str__(self) -> str:
        return f"{self.first_id}-{self.last_id}"
