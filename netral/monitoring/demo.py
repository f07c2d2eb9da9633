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
PARTISAN = (
    "Ayo dukung pasangan nomor urut {n}, {c} pasti membawa {p} lebih maju! Jangan lupa coblos "
    "tanggal 27 November.",
    "Sebagai abdi negara saya mengajak keluarga besar kantor kami memilih {c} di Pilkada nanti.",
    "Foto bareng {c} di acara kampanye tadi sore. Salam {n} jari untuk {p}!",
    "Siapa lagi kalau bukan {c}? Pilih nomor {n} untuk {p} yang sejahtera.",
    "Jangan pilih calon yang cuma janji manis, lawan {c} itu tidak pernah peduli rakyat kecil.",
    "Teman-teman guru se-{p}, mari kita menangkan {c} nomor {n}, demi kesejahteraan kita semua.",
)
NEUTRAL = (
    "Rapat koordinasi dinas membahas penyaluran bantuan sosial bulan ini di {p} berjalan lancar.",
    "Jalan di kecamatan sedang diperbaiki, mohon pengendara di {p} berhati-hati.",
    "Mengingatkan seluruh ASN {p} untuk tetap netral selama masa kampanye Pilkada 2024.",
    "Selamat Hari Guru, terima kasih untuk para pendidik di {p} atas pengabdiannya.",
    "Posyandu balita di kelurahan kami dibuka setiap Selasa pagi, ajak anak-anak ya.",
    "Hasil panen padi tahun ini di {p} lebih baik, alhamdulillah.",
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
        text = rng.choice(PARTISAN if partisan else NEUTRAL).format(c=candidate, n=number, p=place)
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
            name=DEMO_SOURCE, kind=SourceKind.FILE, description="Data demo (ditulis oleh proyek)"
        )
    records = []
    for line, row in enumerate(demo_records(), start=1):
        raw = json.dumps(row, ensure_ascii=False)
        record = build(line, raw, row)
        assert not isinstance(record, Problem), record
        records.append(record)
    outcome = items_ingest(source=source, records=records, actor=ACTOR)
    return f"{len(outcome.created)} monitoring demo items"
