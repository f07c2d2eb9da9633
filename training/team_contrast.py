# ruff: noqa: E501  (one hand-written sentence per line reads better than wrapped ones)
"""Contrast pairs written by the team: news that names a candidate, and posts that take a side.

Why: the labelled corpus holds many promotional headlines marked `support`, so a model learns
"a name plus any verb" as partisan. These texts put the same names, numbers and topics in two
voices: reported ("kata", "menurut", a headline with a link, a question, an undecided voter) and
endorsed ("saya pilih", "ayo coblos", a campaign hashtag, an attack). Each template is filled
with a few candidates in turn, so no name is tied to one voice.
"""

from __future__ import annotations

# (name, ballot number, office word, campaign hashtag, place)
CANDIDATES = [
    ("Prabowo", 2, "capres", "#PrabowoGibran2024", "Indonesia"),
    ("Anies Baswedan", 1, "capres", "#AMIN", "Indonesia"),
    ("Ganjar Pranowo", 3, "capres", "#GanjarMahfud", "Indonesia"),
    ("Gibran", 2, "cawapres", "#PrabowoGibran", "Indonesia"),
    ("Cak Imin", 1, "cawapres", "#AniesMuhaimin", "Indonesia"),
    ("Mahfud MD", 3, "cawapres", "#GanjarMahfud2024", "Indonesia"),
    ("Khofifah", 2, "cagub", "#KhofifahEmil", "Jatim"),
    ("Risma", 3, "cagub", "#RismaGusHans", "Jatim"),
    ("Luluk Nur Hamidah", 1, "cagub", "#LulukLukman", "Jatim"),
    ("Emil Dardak", 2, "cawagub", "#KhofifahEmil2024", "Jatim"),
    ("Jokowi", 1, "capres", "#JokowiLagi", "Indonesia"),
    ("Sandiaga Uno", 2, "cawapres", "#PrabowoSandi", "Indonesia"),
    ("Ahok", 2, "cagub", "#AhokDjarot", "Jakarta"),
    ("Anies-Sandi", 3, "cagub", "#AniesSandi", "Jakarta"),
    ("Herman Deru", 1, "cagub", "#HDCU", "Sumsel"),
    ("Mawardi Yahya", 3, "cagub", "#Matahati", "Sumsel"),
]
CITIES = ["Surabaya", "Malang", "Palembang", "Bekasi", "Jember", "Makassar", "Solo", "Kediri", "Medan"]
TOPICS = ["pendidikan gratis", "harga pangan", "lapangan kerja", "kesehatan ibu dan anak",
          "infrastruktur desa", "pemberantasan korupsi", "ekonomi digital", "pertanian"]
POLLSTERS = ["Litbang Kompas", "Indikator", "LSI", "Poltracking", "Charta Politika"]

NEWS_NAMED = [
    "{c} mengikuti debat {o} yang membahas {t} di {k}.",
    "{O} nomor urut {n} {c} menyampaikan visi misi soal {t} dalam debat kedua.",
    "KPU menetapkan nomor urut {n} untuk {c} dalam rapat pleno terbuka, Senin (23/9).",
    "Menurut survei {p}, elektabilitas {c} mencapai {pc} persen. URL",
    '"Kami akan fokus pada {t}," kata {c} kepada wartawan di {k}.',
    "{c} mengatakan program {t} akan menjadi prioritas jika terpilih, ujarnya di {k}.",
    "Paslon {nn} menyampaikan visi misi dalam debat di {k}. URL",
    "{c} berkampanye di {k} dan berdialog dengan pedagang pasar. URL",
    "Tim kampanye {c} melaporkan dana kampanye tahap kedua ke KPU, Jumat (1/11/2024).",
    "{c} tiba di lokasi debat pukul 18.30 WIB didampingi keluarga.",
    "{c} menggunakan hak pilihnya di TPS 05 {k}, Rabu pagi.",
    "Bawaslu memeriksa dugaan pelanggaran jadwal kampanye oleh tim {c} di {k}.",
    "Pengamat menilai jawaban {c} soal {t} dalam debat masih normatif dan minim data.",
    "Jadwal kampanye hari ini: {c} dijadwalkan mengunjungi {k} dan bertemu tokoh masyarakat.",
    "{c} Sampaikan Program {T} di Depan Mahasiswa {k} URL",
    "{c} Tanggapi Kritik soal {T} Usai Debat URL",
    "{c} resmi mendaftar ke KPU bersama pasangannya, Kamis (19/10). URL",
    "Ratusan warga menghadiri kampanye terbuka {c} di lapangan {k}, polisi mengerahkan 300 personel.",
    "Survei {p}: {c} unggul tipis, selisih masih dalam margin of error. URL",
    "Relawan {c} menggelar deklarasi dukungan di {k}, kata koordinator acara kepada wartawan.",
    "{c} mengaku siap menerima apa pun hasil rekapitulasi KPU, ujarnya dalam konferensi pers.",
    "Pak {c}, bagaimana rencana bapak soal {t}? Mohon dijawab dalam debat nanti.",
    "Masih bingung antara {c} dan yang lain, nonton debat dulu lah malam ini.",
    "Hasil hitung cepat sementara: {c} meraih {pc} persen suara dengan data masuk 80 persen.",
    "Debat {o} malam ini: {c} dan dua pasangan lain akan menjawab pertanyaan panelis soal {t}.",
    "{c} menghadiri pengundian nomor urut di kantor KPU, didampingi ketua partai pengusung.",
    "KPU {k} mencetak surat suara bergambar {c} dan pasangan calon lainnya.",
    "Dilansir dari laman resmi KPU, {c} melaporkan harta kekayaan sebesar Rp 20 miliar.",
    "Video: {c} blusukan ke pasar tradisional di {k} dan mengecek harga beras. URL",
    "Apakah {c} akan hadir dalam debat besok? KPU {k} belum menerima konfirmasi.",
]
PARTISAN_NAMED = [
    ("support", "Saya pilih {c}, sudah terbukti kerjanya! {h}"),
    ("campaign_call", "Ayo coblos nomor {n}, {c} untuk {w} yang lebih baik!"),
    ("support", "{c} memang pantas memimpin {w}. Lanjutkan!"),
    ("support", "Bangga punya calon seperti {c}, debat tadi malam keren banget 🔥"),
    ("campaign_call", "Jangan pilih {c}, janjinya soal {t} cuma pencitraan."),
    ("campaign_call", "Tanggal 27 jangan lupa coblos {c} ya gaes, satukan suara!"),
    ("campaign_call", "{c} menyampaikan visi misi soal {t} dengan mantap. Pilihan kita sudah jelas, menangkan {c}!"),
    ("support", "Debat tadi malam {c} menjawab dengan tegas, fix aku dukung {c} sampai menang"),
    ("support", "Menurut saya {c} paling layak memimpin, yang lain cuma omong doang."),
    ("attack", "Kalau {c} menang, habis {w}. Jangan sampai terjadi!"),
    ("campaign_call", "Warga {k} satukan suara untuk {c}, menang satu putaran!"),
    ("support", "Kami relawan {c} siap bergerak sampai TPS. {h}"),
    ("support", "{c} pilihanku, {c} pemimpinku. {h}"),
    ("attack", "Nonton debat: {c} gagap, gak ngerti soal {t}. Mending cari calon lain."),
    ("support", "{c} Sampaikan Program {T} di Depan Mahasiswa {k} URL {h}"),
    ("support", "Hasil survei {p} makin yakin, {c} menang! {h}"),
    ("attack", "{c} itu boneka partai, cuma bisa pencitraan di {k}."),
    ("campaign_call", "Yuk dukung {c} nomor urut {n}, demi {t} yang lebih baik."),
    ("support", "Salut sama {c}, kerja nyata bukan janji. Insyaallah menang di {w} 💪"),
    ("attack", "Pendukung {c} kok bodoh semua ya, dikasih data tetap ngeyel."),
]


def _fill(template: str, i: int, j: int) -> str:
    c, n, office, tag, where = CANDIDATES[(i * 5 + j * 7) % len(CANDIDATES)]
    topic = TOPICS[(i + j) % len(TOPICS)]
    return template.format(c=c, n=n, nn=f"0{n}", o=office, O=office.capitalize(), h=tag, w=where,
                           k=CITIES[(i * 3 + j) % len(CITIES)], t=topic, T=topic.title(),
                           p=POLLSTERS[(i + 2 * j) % len(POLLSTERS)], pc=38 + (i * 7 + j * 3) % 20)


def contrast_rows(variants: int = 3) -> list[dict[str, str]]:
    """News rows (not_partisan) then partisan rows, each template with `variants` candidates."""
    rows: list[dict[str, str]] = []
    for i, template in enumerate(NEWS_NAMED):
        for text in dict.fromkeys(_fill(template, i, j) for j in range(variants)):
            rows.append({"category": "news_named", "label": "not_partisan", "subtype": "", "text": text})
    for i, (subtype, template) in enumerate(PARTISAN_NAMED):
        for text in dict.fromkeys(_fill(template, i, j) for j in range(variants)):
            rows.append({"category": "partisan", "label": "partisan", "subtype": subtype, "text": text})
    return rows
