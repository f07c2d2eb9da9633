"""What each audit action means, in words, for the audit page (the code stays beside it)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "case.open": _("Perkara dibuka"),
    "case.transition": _("Status perkara diubah"),
    "case.document_add": _("Dokumen perkara diunggah"),
    "case.subject_add": _("ASN ditambahkan ke perkara"),
    "case.merge": _("Perkara digabung ke perkara lain (laporan ganda)"),
    "case.subject_correct": _("Data ASN dikoreksi"),
    "case.subject_decision": _("SK PPK dicatat"),
    "case.stage_overdue": _("Tahap ditandai lewat waktu"),
    "case.stage_reminder": _("Pengingat batas waktu dikirim"),
    "case.register_export": _("Register perkara diekspor"),
    "case.escalation.reminder": _("Eskalasi: teguran kepada PPK"),
    "case.escalation.block_request": _("Eskalasi: permintaan blokir data kepegawaian"),
    "case.escalation.noncompliant": _("Eskalasi: PPK masuk daftar tidak patuh"),
    "report.submit": _("Laporan masyarakat diterima"),
    "report.identity_reveal": _("Identitas pelapor dibuka"),
    "report.identity_erase": _("Identitas pelapor dihapus"),
    "report.evidence_add": _("Bukti tambahan diterima"),
    "report.merge": _("Laporan digabung ke perkara lain"),
    "evidence.original_open": _("Berkas bukti asli dibuka"),
    "seal.files": _("Berkas lama disegel (dienkripsi)"),
    "seal.rotate": _("Kunci identitas dirotasi: data tersegel dienkripsi ulang"),
    "user.create": _("Pengguna dibuat"),
    "login.unlock": _("Kunci masuk akun dibuka oleh pemiliknya"),
    "institution.create": _("Instansi dibuat"),
    "token.create": _("Token API dibuat"),
    "token.revoke": _("Token API dicabut"),
    "two_factor.enable": _("Verifikasi dua langkah diaktifkan"),
    "two_factor.disable": _("Verifikasi dua langkah dimatikan"),
    "two_factor.reset": _("Verifikasi dua langkah diatur ulang"),
    "two_factor.code_fail": _("Kode verifikasi salah"),
    "two_factor.password_fail": _("Kata sandi konfirmasi salah"),
    "two_factor.locked": _("Verifikasi dua langkah ditahan sementara"),
    "two_factor.backup_used": _("Kode cadangan dipakai"),
    "two_factor.backup_regenerate": _("Kode cadangan baru dibuat"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
