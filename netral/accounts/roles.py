"""The staff roles. A user holds one or more, always inside their institution's jurisdiction."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INTAKE_OFFICER = "intake_officer", _("Petugas penerimaan laporan")
    INVESTIGATOR = "investigator", _("Pemeriksa (penanganan pelanggaran)")
    COMMISSIONER = "commissioner", _("Anggota/Komisioner Bawaslu")
    MONITOR = "monitor", _("Petugas pemantauan media sosial")
    AUTHORITY_VERIFIER = "authority_verifier", _("Verifikator BKN/Satgas")
    PPK_OFFICER = "ppk_officer", _("Petugas PPK (BKPSDM/BKD/Biro SDM)")
    SUPERVISOR = "supervisor", _("Pengawas (Inspektorat/Kemendagri/KemenPANRB)")
    ANALYST = "analyst", _("Analis (hanya baca)")
    ADMINISTRATOR = "administrator", _("Administrator")


ROLE_DESCRIPTIONS: dict[str, Promise] = {
    Role.INTAKE_OFFICER: _("Menerima laporan dan membuat kajian awal."),
    Role.INVESTIGATOR: _("Melakukan klarifikasi dan menyusun hasil pemeriksaan."),
    Role.COMMISSIONER: _("Memutus laporan dan menerbitkan rekomendasi."),
    Role.MONITOR: _("Menelaah temuan pemantauan media sosial."),
    Role.AUTHORITY_VERIFIER: _("Memverifikasi rekomendasi dan meneruskannya ke PPK."),
    Role.PPK_OFFICER: _("Mencatat keputusan (SK) sanksi PPK dan pelaksanaannya."),
    Role.SUPERVISOR: _("Memantau kepatuhan tindak lanjut dan sosialisasi."),
    Role.ANALYST: _("Membaca data dan dasbor tanpa mengubah apa pun."),
    Role.ADMINISTRATOR: _("Mengelola pemilu, katalog, lembaga dan pengguna."),
}

# Roles that only read: an analyst never changes anything, whatever else the code allows.
READ_ONLY_ROLES = frozenset({Role.ANALYST})

# The staff of a Bawaslu office: they act on the cases their office handles and enter findings.
BAWASLU_ROLES = frozenset({Role.INTAKE_OFFICER, Role.INVESTIGATOR, Role.COMMISSIONER, Role.MONITOR})
# Of them, those who handle public reports: they alone see the reporter's side (messages,
# evidence, identity-bearing documents) and may open what is sealed. A monitor does not.
HANDLING_ROLES = frozenset({Role.INTAKE_OFFICER, Role.INVESTIGATOR, Role.COMMISSIONER})
