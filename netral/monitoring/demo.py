"""Demo monitoring data: a few hundred posts written by the project from templates (never
corpus rows), across the demo's regions, some by accounts demo ASN declared, one cluster of a
copied caption. Idempotent: loaded once, recognised by its source's name.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from django.db import transaction

from netral.access.actors import SystemActor

DEMO_SOURCE = "demo-ekspor"
ACTOR = SystemActor("monitoring.demo")
# (NIP, name, kab/kota, position, declared handle on facebook or "")
DEMO_ASN = (
    (
        "198503122010011001",
        "Drs. Hendra Saputra, M.Si.",
        "16.01",
        "Kepala Bidang Dinas Pendidikan",
        "hendra.saputra",
    ),
    (
        "199007242015032002",
        "Rina Marlina, S.Pd.",
        "16.01",
        "Guru SMP Negeri 2 Baturaja",
        "rina.marlina",
    ),
    ("198811052012121001", "Ahmad Fauzi, S.T.", "16.01", "Kepala Seksi Dinas PUPR", "fauzi.oku"),
    ("197912202006041003", "Yusuf Effendi, S.Sos.", "16.01", "Sekretaris Kecamatan Lengkiti", ""),
    (
        "199203152019022001",
        "Dewi Lestari, S.Kep.",
        "16.71",
        "Perawat RSUD Palembang Bari",
        "dewi.lestari.plg",
    ),
    (
        "198601302011011002",
        "Teuku Rizal, S.H.",
        "11.74",
        "Kasubbag Umum Setda Kota Langsa",
        "teuku.rizal",
    ),
)
REGIONS = (("16.01", 0.55), ("16.71", 0.15), ("11.74", 0.12), ("35.78", 0.1), ("35.15", 0.08))
PLACES = {
    "16.01": "OKU",
    "16.71": "Palembang",
    "11.74": "Langsa",
    "35.78": "Surabaya",
    "35.15": "Sidoarjo",
}
CANDIDATES = {"16.01": [("Teddy Meilwansyah", 2), ("YPN", 1)]}
# Each post is three sentences, one from each pool, so that posts differ as real ones do and
# only the copied caption below forms a cluster.
# Each post is three sentences, one from each pool, with a village, a day, an office and a
# name drawn for it: posts differ as real ones do, and only the copied caption below forms a
# cluster.
PARTISAN = (
    (
        "Ayo warga {d} dukung pasangan nomor urut {n}!",
        "Hari {h} ini saya mengajak keluarga besar {k} memilih {c}.",
        "Foto bareng {c} di {d} hari {h} kemarin.",
        "Pak {w}, siapa lagi kalau bukan {c}?",
        "Teman-teman {k} se-{p}, mari kita menangkan {c}.",
        "Warga {d} jangan pilih calon yang cuma janji manis.",
    ),
    (
        "{c} pasti membawa {d} lebih maju.",
        "Jalan di {d} mulus sejak program beliau, kata {w}.",
        "Lawan {c} itu tidak pernah datang ke {d}.",
        "{w} dan kawan-kawan siap jadi relawan di {d}.",
        "Kata {w}, bupati yang merakyat hanya {c}.",
        "Saya ikut rapat tim pemenangan di {d} malam {h}.",
    ),
    (
        "Salam {n} jari dari {d}!",
        "Jangan lupa coblos nomor {n}, {w}!",
        "Sebarkan ke grup {k} ya.",
        "Mohon dukungannya warga {d}.",
        "{d} menang satu putaran!",
        "#{p}Hebat #Nomor{n} #{d}",
    ),
)
NEUTRAL = (
    (
        "Rapat koordinasi {k} hari {h} berjalan lancar.",
        "Jalan di {d} sedang diperbaiki sejak {h}.",
        "Mengingatkan seluruh ASN {k} untuk tetap netral selama masa kampanye.",
        "Selamat Hari Guru untuk para pendidik di {d}.",
        "Posyandu balita di {d} dibuka setiap {h} pagi.",
        "Hasil panen padi di {d} tahun ini lebih baik, kata {w}.",
    ),
    (
        "Terima kasih kepada {w} dan warga {d}.",
        "Mohon pengendara di {d} berhati-hati.",
        "Kegiatan {k} ini didanai anggaran tahun berjalan.",
        "Ajak anak-anak ke {d} ya.",
        "Semoga bermanfaat bagi warga {d}.",
        "Dokumentasi {k} ada di laman resmi.",
    ),
    (
        "Salam sehat dari {d}.",
        "Tetap semangat melayani, {w}.",
        "#ASNNetral #{d}",
        "Jangan lupa istirahat, rekan {k}.",
        "Sampai jumpa hari {h}.",
        "Info lebih lanjut di kantor {k}.",
    ),
)
VILLAGES = (
    "Sukaraya",
    "Tanjung Baru",
    "Air Paoh",
    "Kemelak",
    "Sekar Jaya",
    "Baturaja Lama",
    "Pusar",
    "Lubuk Batang",
    "Gunung Meraksa",
    "Tanjung Agung",
    "Kedaton",
    "Sukajadi",
    "Karang Agung",
    "Sumber Jaya",
    "Batu Putih",
    "Kurup",
    "Lengkiti",
    "Muara Dua",
    "Simpang Empat",
    "Bakung",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
OFFICES = (
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas PUPR",
    "Kecamatan",
    "Kelurahan",
    "Puskesmas",
    "Dinas Sosial",
    "Setda",
    "Dinas Pertanian",
    "BPBD",
)
NAMES = (
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rahmat",
    "Lina",
    "Joko",
    "Nur",
    "Hadi",
    "Wati",
    "Iwan",
    "Sri",
    "Bambang",
    "Yanti",
    "Dedi",
    "Rini",
    "Eko",
    "Ani",
    "Fajar",
    "Tuti",
)
COPIED = (
    "Bersama {c} kita wujudkan {p} maju, religius dan sejahtera. Pilih nomor {n} pada "
    "27 November 2024, jangan golput! #{p}Maju"
)


def demo_asn_list() -> list[Any]:
    """The demo ASN (with their declared accounts), made once."""
    from netral.registry.models import Agency, Asn, DeclaredAccount
    from netral.registry.services import asn_create

    out = []
    with transaction.atomic():
        for nip, name, regency, position, handle in DEMO_ASN:
            asn = Asn.objects.filter(nip=nip).first()
            if asn is None:
                asn = asn_create(
                    actor=ACTOR,
                    nip=nip,
                    name=name,
                    agency=Agency.objects.get(code=regency),
                    position=position,
                )
            if (
                handle
                and not DeclaredAccount.objects.filter(platform="facebook", handle=handle).exists()
            ):
                DeclaredAccount.objects.create(
                    asn=asn,
                    platform="facebook",
                    handle=handle,
                    url=f"https://www.facebook.com/{handle}",
                    declared_by_label="demo",
                )
            out.append(asn)
    return out


def _region(rng: random.Random) -> str:
    return rng.choices([r for r, _ in REGIONS], weights=[w for _, w in REGIONS])[0]


def demo_records(n: int = 300, seed: int = 14) -> list[dict[str, Any]]:
    """n posts as JSON-ready dicts in the documented layout."""
    rng = random.Random(seed)  # noqa: S311  (reproducible demo text, not a secret)
    handles = [h for *_rest, h in DEMO_ASN if h]
    start = dt.datetime(2024, 9, 26, 7, 0, tzinfo=dt.UTC)
    rows = []
    for i in range(n):
        region = _region(rng)
        place = PLACES[region]
        candidate, number = rng.choice(CANDIDATES.get(region, [("paslon nomor 2", 2)]))
        partisan = rng.random() < 0.4
        pools = PARTISAN if partisan else NEUTRAL
        text = " ".join(rng.choice(pool) for pool in pools).format(
            c=candidate,
            n=number,
            p=place,
            d=rng.choice(VILLAGES),
            h=rng.choice(DAYS),
            k=rng.choice(OFFICES),
            w=rng.choice(NAMES),
        )
        handle = (
            rng.choice(handles)
            if rng.random() < 0.12
            else f"warga.{place.lower()}{rng.randrange(40)}"
        )
        platform = rng.choice(["facebook", "facebook", "instagram", "x", "tiktok"])
        if handle in handles:
            platform, region = "facebook", ""
        when = start + dt.timedelta(minutes=rng.randrange(60 * 24 * 55))
        ext = f"demo-{i:04d}"
        rows.append(
            {
                "platform": platform,
                "external_id": ext,
                "url": f"https://www.{platform}.com/{handle}/posts/{ext}",
                "author_handle": handle,
                "author_name": handle.replace(".", " ").title(),
                "text": text,
                "posted_at": when.isoformat(),
                "likes": rng.randrange(500),
                "shares": rng.randrange(60),
                "region": region,
            }
        )
    for j in range(5):  # one copied campaign caption: a cluster to triage once
        rows.append(
            {
                "platform": "facebook",
                "external_id": f"demo-copy-{j}",
                "url": f"https://www.facebook.com/relawan.oku{j}/posts/{j}",
                "author_handle": f"relawan.oku{j}",
                "author_name": f"Relawan OKU {j}",
                "text": COPIED.format(c="Teddy Meilwansyah", n=2, p="OKU")
                + ("" if j == 0 else f" {'!' * j} Salam dari desa {j}"),
                "posted_at": (start + dt.timedelta(days=20, hours=j)).isoformat(),
                "region": "16.01",
            }
        )
    return rows


def load_demo() -> str:
    from netral.monitoring.formats import Problem, build
    from netral.monitoring.ingest import items_ingest
    from netral.monitoring.models import Source, SourceKind

    if Source.objects.filter(name=DEMO_SOURCE).exists():
        return "monitoring demo already loaded"
    demo_asn_list()
    with transaction.atomic():
        source = Source.objects.create(
            name=DEMO_SOURCE,
            kind=SourceKind.FILE,
            demo=True,
            description="Data demo (ditulis oleh proyek)",
        )
    records = []
    for line, row in enumerate(demo_records(), start=1):
        raw = json.dumps(row, ensure_ascii=False)
        record = build(line, raw, row)
        assert not isinstance(record, Problem), record
        records.append(record)
    outcome = items_ingest(source=source, records=records, actor=ACTOR)
    promoted = _triage_some()
    return f"{len(outcome.created)} monitoring demo items, finding {promoted}"


def _triage_some() -> str:
    """A few marks by monitor_oku, and the top tied post promoted to a finding."""
    from netral.accounts.models import User
    from netral.monitoring.models import Item, State
    from netral.monitoring.promotion import item_promote
    from netral.monitoring.triage import items_mark

    monitor = User.objects.filter(username="monitor_oku").first()
    if monitor is None:
        return "none (no monitor_oku)"
    demo = Item.objects.filter(source__name=DEMO_SOURCE, regency_id="16.01", primary=True)
    neutral = list(
        demo.filter(label="not_partisan").order_by("pk").values_list("pk", flat=True)[:8]
    )
    if neutral:
        items_mark(actor=monitor, item_ids=neutral, state=State.NOT_RELEVANT)
    head = demo.filter(cluster__isnull=False).order_by("pk").first()
    if head is not None:
        items_mark(actor=monitor, item_ids=[head.pk], state=State.RELEVANT, tags=["salinan"])
    top = demo.filter(tied=True, state=State.NEW).order_by("-score", "pk").first()
    if top is None:
        return "none"
    items_mark(
        actor=monitor,
        item_ids=[top.pk],
        state=State.RELEVANT,
        veracity="confirmed",
        tags=["kampanye"],
        note="Akun dideklarasikan ASN.",
    )
    return item_promote(actor=monitor, item_id=top.pk).number
