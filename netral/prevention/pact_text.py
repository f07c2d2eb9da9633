"""The default integrity pact (version 1 for every election that has none): the usual points
agencies have their ASN sign (SKB 2022; PP 94/2021 Pasal 5 huruf n)."""

from __future__ import annotations

from django.db import transaction

TITLE = "Pakta Integritas Netralitas Aparatur Sipil Negara"
OPENING = (
    "Saya yang bertanda tangan di bawah ini, Aparatur Sipil Negara, dalam penyelenggaraan "
    "{election}, menyatakan dengan sungguh-sungguh bahwa saya:"
)
POINTS = "\n".join(
    [
        "Menjaga netralitas dan tidak memihak kepada peserta pemilihan mana pun.",
        "Tidak ikut serta dalam kegiatan kampanye, baik sebagai pelaksana, peserta, maupun "
        "dengan menggunakan atribut peserta pemilihan.",
        "Tidak mengunggah, memberi tanda suka (like), mengomentari, atau membagikan konten peserta "
        "pemilihan di media sosial.",
        "Tidak membuat keputusan atau tindakan yang menguntungkan atau merugikan peserta "
        "pemilihan, serta tidak menggunakan fasilitas negara untuk kepentingan peserta pemilihan.",
        "Menolak tekanan atau ajakan dari atasan maupun pihak lain untuk mendukung peserta "
        "pemilihan, dan melaporkannya melalui kanal yang disediakan.",
        "Bersedia menerima sanksi sesuai ketentuan peraturan perundang-undangan apabila "
        "melanggar pakta integritas ini.",
    ]
)


@transaction.atomic
def pact_templates_load() -> str:
    from netral.elections.models import Election
    from netral.prevention.models import PactTemplate

    made = 0
    for election in Election.objects.exclude(pact_templates__isnull=False):
        PactTemplate.objects.create(
            election=election,
            version=1,
            title=TITLE,
            opening=OPENING.format(election=election.name),
            points=POINTS,
            created_by_label="sistem",
        )
        made += 1
    return f"{made} default integrity pacts"
