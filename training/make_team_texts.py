# ruff: noqa: E501  (one hand-written sentence per line reads better than wrapped ones)
"""Writes training/team_texts.csv: news and neutrality-education texts written by the team.

Why a script: the ~400 texts are hand-written sentences, varied by region and institution so the
model does not learn one place name; running it again gives the same file. Every fourth text
(by position) is held out from training to measure false positives on text the model never saw.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from team_contrast import contrast_rows

REGIONS = ["Kabupaten Ogan Komering Ulu", "Kota Surabaya", "Provinsi Jawa Timur", "Kota Medan",
           "Kabupaten Bogor", "Kota Makassar", "Kabupaten Sleman", "Provinsi DKI Jakarta"]
ELECTIONS = ["Pemilu 2024", "Pilkada 2024", "Pilkada Jatim 2024", "Pilpres 2019", "Pilkada serentak"]

EDUCATION = [
    "ASN harus netral! Jangan like, komentar, atau share unggahan peserta {e}. Netralitas ASN adalah kewajiban.",
    "Webinar Netralitas ASN menjelang {e} akan digelar BKPSDM {r} hari Kamis pukul 09.00 WIB via Zoom.",
    "Surat Edaran Bupati tentang netralitas ASN dalam {e}: pegawai dilarang ikut kampanye dan memasang alat peraga.",
    "Bawaslu {r} mengimbau seluruh ASN menjaga netralitas selama masa kampanye {e}.",
    "Sosialisasi pakta integritas netralitas ASN di lingkungan Pemda {r} diikuti 350 pegawai.",
    "Ingat, ASN dilarang berfoto bersama calon dengan pose jari yang menunjukkan keberpihakan. Sanksinya bisa berat.",
    "Pelanggaran netralitas ASN paling banyak terjadi di media sosial. Bijaklah bermedsos selama {e}.",
    "Menurut SKB lima lembaga, ASN yang memberi like pada postingan calon dapat dijatuhi hukuman disiplin berat.",
    "Kepala BKD {r}: ASN yang terbukti tidak netral di {e} akan diproses sesuai PP 94 Tahun 2021.",
    "Mari jaga netralitas ASN. Layani masyarakat tanpa memihak paslon mana pun.",
    "Apel pagi hari ini diisi pembacaan ikrar netralitas ASN menjelang {e} di {r}.",
    "Netralitas ASN bukan berarti tidak memilih. ASN tetap menggunakan hak pilih di TPS, tetapi tidak boleh berkampanye.",
    "Infografis: 20 bentuk pelanggaran netralitas ASN menurut SKB 2022, dari memasang baliho sampai ikut deklarasi.",
    "Kemenpan RB menerbitkan surat edaran tentang netralitas pegawai ASN pada {e}. Simak poin-poinnya.",
    "Satgas netralitas ASN {r} membuka kanal pengaduan bagi masyarakat yang menemukan ASN berpolitik praktis.",
    "ASN boleh hadir di acara debat publik sebagai pemilih, tetapi dilarang memakai atribut pasangan calon.",
    "Camat mengingatkan kepala desa dan perangkat desa untuk tidak terlibat dalam tim pemenangan calon mana pun.",
    "Bimtek pengawasan netralitas ASN untuk Panwascam se-{r} resmi dibuka hari ini.",
    "Jangan sampai karier hancur karena satu postingan. ASN wajib netral di {e}.",
    "Pegawai yang menjadi anggota partai politik dapat diberhentikan tidak dengan hormat. Jaga netralitas!",
    "Larangan bagi ASN: membuat keputusan yang menguntungkan atau merugikan salah satu pasangan calon.",
    "Himbauan Sekda {r}: seluruh ASN diminta tidak mengunggah dukungan kepada peserta {e} di media sosial.",
    "BKN mengingatkan PPK untuk segera menindaklanjuti rekomendasi pelanggaran netralitas ASN.",
    "Pelatihan literasi digital bagi ASN: cara mengenali hoaks politik menjelang {e}.",
    "ASN netral, pemilu berintegritas. Ayo wujudkan {e} yang jujur dan adil.",
    "Kuis netralitas ASN: bolehkah PNS menjadi tim sukses? Jawabannya tidak boleh.",
    "Podcast Bawaslu episode 12: kenapa ASN tidak boleh like postingan capres dan caleg?",
    "Dinas Kominfo {r} menggelar diskusi tentang etika ASN bermedia sosial selama tahun politik.",
    "Salam dua jari dan salam satu jari di foto dinas bisa dianggap simbol keberpihakan. ASN harus berhati-hati.",
    "Pakta integritas: saya berjanji menjaga netralitas, tidak memihak calon, dan menolak politik uang.",
    "Seminar nasional 'Menjaga Netralitas ASN di Era Media Sosial' menghadirkan narasumber dari Bawaslu dan BKN.",
    "PPPK juga wajib netral. Aturan netralitas ASN berlaku bagi PNS maupun PPPK.",
    "Gubernur menginstruksikan seluruh kepala OPD mengawasi netralitas bawahannya selama {e}.",
    "Bawaslu {r} menerima 14 laporan dugaan pelanggaran netralitas ASN sepanjang masa kampanye.",
    "Tanya jawab netralitas: bolehkah ASN hadir saat kampanye akbar? Boleh sebagai warga, asal tanpa atribut dan tidak memberi dukungan.",
    "Lurah dan staf kelurahan {r} menandatangani komitmen netralitas menjelang {e}.",
    "Bawaslu: ASN yang mengikuti grup WhatsApp pemenangan calon termasuk pelanggaran netralitas.",
    "Modul pembelajaran mandiri netralitas ASN kini tersedia di aplikasi ASN Belajar.",
    "Kadis Pendidikan {r} meminta guru PNS dan PPPK tidak mengarahkan wali murid memilih calon tertentu.",
    "Sebelum posting, cek dulu: apakah unggahan ini bisa dianggap mendukung peserta {e}? Kalau ragu, jangan diunggah.",
    "Rapat koordinasi pengawasan netralitas ASN antara Bawaslu, BKN, dan Inspektorat {r}.",
    "ASN yang suami atau istrinya menjadi calon wajib mengambil cuti di luar tanggungan negara bila ikut kampanye.",
    "Poster imbauan: ASN dilarang menggunakan fasilitas negara untuk kegiatan kampanye {e}.",
    "Hasil pengawasan Bawaslu: pelanggaran netralitas ASN terbanyak berupa unggahan dukungan di media sosial.",
    "Dengar pendapat DPRD {r} membahas tindak lanjut rekomendasi pelanggaran netralitas ASN.",
    "Inspektorat {r} memeriksa tiga ASN yang diduga ikut deklarasi dukungan bakal calon.",
]
CIVIC = [
    "Ayo gunakan hak pilihmu pada {e}. Datang ke TPS, satu suara menentukan masa depan.",
    "Tolak politik uang! Laporkan ke Bawaslu jika menemukan serangan fajar menjelang {e}.",
    "Jaga persatuan, jangan mudah terprovokasi hoaks selama {e}. Beda pilihan tetap saudara.",
    "Cek nama kamu di DPT online sebelum hari pemungutan suara {e}.",
    "KPU {r} mengajak pemilih pemula datang ke TPS dan tidak golput.",
    "Pemilu damai itu tanggung jawab kita semua. Saring sebelum sharing.",
    "Siapa pun pilihanmu, hormati pilihan orang lain. Mari sukseskan {e} yang aman dan damai.",
    "Relawan demokrasi KPU menggelar sosialisasi tata cara mencoblos surat suara di pasar tradisional.",
    "Jangan lupa bawa KTP elektronik saat datang ke TPS, ya.",
    "Bagi pemilih disabilitas, petugas KPPS siap membantu di TPS. Hak pilihmu dijamin undang-undang.",
]
NEWS = [
    "KPU menetapkan pasangan Prabowo Subianto-Gibran Rakabuming Raka sebagai pasangan calon nomor urut 2 pada Pilpres 2024.",
    "Calon gubernur nomor urut 2 Khofifah Indar Parawansa menegaskan komitmennya terhadap pendidikan gratis di Jawa Timur.",
    "Debat ketiga Pilkada Jatim: Luluk, Khofifah, dan Risma adu gagasan soal kesehatan dan pendidikan.",
    "Survei terbaru: elektabilitas Anies-Muhaimin 24 persen, Prabowo-Gibran 42 persen, dan Ganjar-Mahfud 21 persen. URL",
    "Bawaslu menemukan 12 ASN diduga tidak netral karena memberi like pada unggahan paslon nomor urut 2.",
    "Tri Rismaharini resmi mendaftar ke KPU Jatim bersama Gus Hans sebagai bakal calon gubernur dan wakil gubernur.",
    "Hasil hitung cepat Pilkada DKI 2017 menunjukkan Anies-Sandi unggul atas Ahok-Djarot. URL",
    "Jokowi dan Prabowo bertemu di MRT usai Pilpres 2019, keduanya sepakat menjaga persatuan.",
    "Paslon nomor urut 1 Luluk Nur Hamidah berkampanye di Kabupaten Jember, menyapa petani tembakau.",
    "Mahkamah Konstitusi menolak gugatan sengketa hasil Pilpres yang diajukan pasangan nomor urut 01 dan 03.",
    "Ganjar Pranowo menyampaikan visi misi di hadapan mahasiswa Universitas Gadjah Mada. URL",
    "Anies Baswedan menjawab pertanyaan panelis soal pemerataan pembangunan dalam debat capres pertama.",
    "KPU {r} menggelar rapat pleno rekapitulasi suara {e} tingkat kabupaten hari ini.",
    "Calon wakil gubernur Emil Dardak mengunjungi pasar tradisional di Madiun, Rabu (6/11/2024). URL",
    "Prabowo-Sandi menyampaikan keberatan atas hasil rekapitulasi KPU, Senin (20/5/2019).",
    "Polisi menjamin keamanan kampanye akbar pasangan calon nomor urut 3 di Stadion Gelora Bung Tomo.",
    "Pengamat: debat cagub Jatim masih minim adu data, ketiga paslon lebih banyak normatif.",
    "Khofifah dan Emil ditetapkan sebagai gubernur dan wakil gubernur Jatim terpilih dalam rapat pleno KPU.",
    "Tim kampanye nasional melaporkan dana kampanye tahap pertama ke KPU sesuai jadwal.",
    "Bawaslu {r} menertibkan 1.200 alat peraga kampanye yang dipasang di pohon dan tiang listrik.",
    "Sandiaga Uno mengundurkan diri dari jabatan Wakil Gubernur DKI setelah ditetapkan sebagai cawapres.",
    "Ahok-Djarot dan Anies-Sandi lolos ke putaran kedua Pilkada DKI 2017, menurut rekapitulasi KPU DKI.",
    "Muhaimin Iskandar mengatakan PKB siap menerima hasil pemilu apa pun keputusannya. URL",
    "Seorang camat di {r} dijatuhi sanksi karena mengunggah foto bersama calon bupati dengan pose dua jari.",
    "Paslon 02 dan paslon 03 sama-sama menjanjikan program makan gratis, kata pengamat kebijakan publik.",
    "Elektabilitas Risma naik setelah debat kedua, menurut survei lembaga independen. URL",
    "Rekapitulasi nasional: PDIP meraih suara terbanyak pada Pemilu Legislatif 2024, disusul Golkar dan Gerindra.",
    "Gerindra resmi mengusung Khofifah-Emil di Pilgub Jatim 2024, kata sekjen partai dalam konferensi pers.",
    "Jadwal debat pilpres: debat keempat membahas energi, pangan, dan lingkungan hidup.",
    "Agus Harimurti Yudhoyono mengakui kekalahan dan mengucapkan selamat kepada dua paslon lain di Pilkada DKI.",
    "KPU menggelar pengundian nomor urut: Luluk-Lukman nomor 1, Khofifah-Emil nomor 2, Risma-Gus Hans nomor 3.",
    "Quick count Pilpres 2019: Jokowi-Ma'ruf 54 persen, Prabowo-Sandi 46 persen. Hasil resmi menunggu KPU.",
    "Capres nomor urut 1 Anies Baswedan berkunjung ke Aceh dan berdialog dengan ulama setempat. URL",
    "Dalam debat, Mahfud MD menyoroti penegakan hukum dan pemberantasan korupsi.",
    "Pendukung ketiga pasangan calon diminta tidak melakukan konvoi setelah pemungutan suara.",
    "Pasangan Anies-Muhaimin mendaftar ke KPU RI diantar ribuan pendukung, Kamis (19/10/2023).",
    "Ganjar-Mahfud mendapat nomor urut 3 dalam pengundian di kantor KPU RI.",
    "Prabowo mengunjungi korban banjir di Demak sebagai Menteri Pertahanan. URL",
    "Jokowi meresmikan bendungan di Jawa Tengah dan meninjau harga beras di pasar. URL",
    "Khofifah hadir dalam peringatan Hari Santri di Surabaya bersama para kiai.",
    "Risma mengaku siap menjalani debat publik kedua yang digelar KPU Jatim di Surabaya.",
    "Ahok menjalani sidang lanjutan di Kementerian Pertanian, Jakarta Selatan. URL",
    "Luluk Nur Hamidah memaparkan program pertanian dalam dialog dengan kelompok tani di Bojonegoro.",
    "Gibran Rakabuming Raka mengikuti debat cawapres kedua yang membahas ekonomi digital.",
    "KPU Jatim menetapkan tiga pasangan calon gubernur pada 22 September 2024.",
    "Hasil rekapitulasi KPU: Prabowo-Gibran memperoleh 58,6 persen suara sah nasional.",
    "Bawaslu memanggil tim kampanye paslon 01 terkait dugaan pelanggaran jadwal kampanye.",
    "Survei Litbang: mayoritas pemilih muda belum menentukan pilihan di Pilkada Jatim.",
    "Tiga paslon Pilkada OKU menandatangani deklarasi kampanye damai di kantor KPU setempat.",
    "Sandiaga Uno menghadiri pameran UMKM di Jakarta Convention Center, Sabtu (12/1/2019).",
    "Emil Dardak: pembangunan infrastruktur desa akan dilanjutkan, katanya saat wawancara dengan wartawan.",
    "Mahfud MD mundur dari kabinet setelah resmi menjadi cawapres, kata juru bicaranya.",
    "Partai Gerindra dan PKB membahas koalisi untuk Pilpres 2024 di kantor DPP.",
    "Prabowo Subianto menghadiri rapat terbatas di Istana Negara bersama para menteri, Senin pagi.",
    "Gibran Rakabuming Raka meninjau proyek drainase di Solo sebagai wali kota. URL",
    "Anies Baswedan memaparkan gagasan soal transportasi publik dalam diskusi di kampus UI.",
    "Ganjar Pranowo menjawab pertanyaan wartawan seusai menghadiri acara partai di Semarang.",
    "Muhaimin Iskandar mengikuti debat cawapres yang membahas pembangunan desa dan pertanian.",
    "Mahfud MD memberikan kuliah umum tentang konstitusi di Universitas Airlangga.",
    "Khofifah Indar Parawansa menghadiri rapat paripurna DPRD Jatim sebagai gubernur.",
    "Emil Dardak menjelaskan program kerja di hadapan pengusaha muda dalam forum ekonomi.",
    "Tri Rismaharini mengikuti tes kesehatan calon kepala daerah di RSUD dr Soetomo.",
    "Luluk Nur Hamidah menyampaikan visi misi dalam debat publik pertama Pilgub Jatim.",
    "Jokowi menyampaikan pidato kenegaraan di Gedung DPR pada 16 Agustus. URL",
    "Sandiaga Uno menanggapi pertanyaan panelis tentang lapangan kerja dalam debat cawapres.",
    "Ma'ruf Amin menghadiri peringatan Maulid Nabi di Masjid Istiqlal, Jakarta.",
    "Ahok dan Djarot mengikuti debat kandidat kedua yang digelar KPU DKI Jakarta.",
    "Agus Harimurti Yudhoyono menyampaikan program kerja di depan warga Jakarta Utara.",
    "Calon bupati nomor urut 1 menyampaikan visi misi dalam debat publik di gedung kesenian.",
    "Capres nomor urut 3 Ganjar Pranowo menjawab pertanyaan tentang pendidikan dalam debat.",
    "Cawapres Gibran menjawab pertanyaan soal hilirisasi dalam debat yang disiarkan televisi.",
    "Calon gubernur Risma mengunjungi korban banjir di Sidoarjo, didampingi relawan PMI.",
    "Wakil presiden terpilih dilantik dalam sidang paripurna MPR di Jakarta. URL",
]


def build() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for category, texts, variants in (("education", EDUCATION, 3), ("civic", CIVIC, 2),
                                      ("news", NEWS, 1)):
        for i, template in enumerate(texts):
            seen = set()
            for v in range(variants):
                text = template.format(r=REGIONS[(i + v * 3) % len(REGIONS)],
                                       e=ELECTIONS[(i + v) % len(ELECTIONS)])
                if text in seen:
                    continue
                seen.add(text)
                rows.append({"category": category, "label": "not_partisan", "subtype": "",
                             "text": text})
    # Appended after the first texts so their ids and held-out split stay as they were.
    rows += contrast_rows()
    for n, row in enumerate(rows):
        row["id"] = f"team-{n:04d}"
        row["split"] = "heldout" if n % 4 == 3 else "train"
    return rows


def main() -> None:
    out = Path(__file__).resolve().parent / "team_texts.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["id", "label", "subtype", "category", "split", "text"])
        writer.writeheader()
        writer.writerows(build())
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
