from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netral.elections.models import Election
from netral.prevention.models import Event, PactRound, PressureReport, Quiz
from netral.regions.models import Regency
from netral.registry.models import Agency, DeclaredAccount, WorkUnit

ACCOUNT_ROWS = 3
PLATFORMS = [("", _("— pilih platform —")), *DeclaredAccount.Platform.choices]


class PactEntryForm(forms.Form):
    code = forms.CharField(
        label=_("Kode pribadi"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tulis tanggal lahir lengkap (hari, bulan, tahun).")},
    )


class PactSignForm(forms.Form):
    agree = forms.BooleanField(
        label=_("Saya telah membaca pakta integritas ini dan menyetujuinya."), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ACCOUNT_ROWS + 1):
            self.fields[f"platform_{n}"] = forms.ChoiceField(
                label=_("Platform akun %(n)d") % {"n": n}, choices=PLATFORMS, required=False
            )
            self.fields[f"handle_{n}"] = forms.CharField(
                label=_("Nama akun %(n)d") % {"n": n},
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"placeholder": "@nama.akun", "autocomplete": "off"}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, ACCOUNT_ROWS + 1):
            if data.get(f"handle_{n}") and not data.get(f"platform_{n}"):
                self.add_error(f"platform_{n}", _("Pilih platform untuk akun ini."))
        return data

    def account_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"platform_{n}"], self[f"handle_{n}"]) for n in range(1, ACCOUNT_ROWS + 1)]


class RoundStartForm(forms.Form):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Agency.objects.none()
    )
    election: forms.ModelChoiceField[Election] = forms.ModelChoiceField(
        label=_("Pemilihan"), queryset=Election.objects.none()
    )
    scope = forms.ChoiceField(label=_("Cakupan"), choices=PactRound.Scope.choices)
    work_unit: forms.ModelChoiceField[WorkUnit] = forms.ModelChoiceField(
        label=_("Unit kerja (untuk cakupan satu unit)"),
        queryset=WorkUnit.objects.none(),
        required=False,
    )

    def __init__(
        self, *args: Any, agencies: Any, elections: Any, units: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["election"].queryset = elections  # type: ignore[attr-defined]
        self.fields["work_unit"].queryset = units  # type: ignore[attr-defined]
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


class PaperForm(forms.Form):
    scan = forms.FileField(label=_("Pindaian lembar bertanda tangan (PDF, JPEG, PNG)"))
    signed_on = forms.DateField(
        label=_("Tanggal penandatanganan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    nips = forms.CharField(
        label=_("NIP yang menandatangani (satu per baris)"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pencabutan"), max_length=300)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Kode verifikasi"), max_length=40)


class PressureForm(forms.Form):
    regency = forms.ModelChoiceField(
        label=_("Kabupaten/kota tempat Anda bekerja"),
        queryset=Regency.objects.order_by("name"),
        empty_label=_("— pilih kabupaten/kota —"),
    )
    source = forms.ChoiceField(
        label=_("Siapa yang menekan Anda?"),
        choices=PressureReport.Source.choices,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Apa yang terjadi?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Kapan, di mana, apa yang diminta, dan apa akibatnya bila Anda menolak."),
    )
    anonymous = forms.BooleanField(label=_("Lapor tanpa nama"), required=False)
    name = forms.CharField(label=_("Nama"), max_length=200, required=False)
    nip = forms.CharField(label=_("NIP (tidak wajib)"), max_length=30, required=False)
    agency = forms.CharField(label=_("Instansi (tidak wajib)"), max_length=200, required=False)
    contact = forms.CharField(
        label=_("Nomor telepon atau surel untuk dihubungi"), max_length=200, required=False
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Kode tanda terima"), max_length=60)


class PressureUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PressureReport.Status.choices)
    note = forms.CharField(
        label=_("Pesan untuk pelapor"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EventForm(forms.ModelForm):
    recording_url = forms.URLField(label=_("Tautan rekaman"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "organisers",
            "speakers",
            "date",
            "regency",
            "election",
            "audience",
            "materials",
            "recording_url",
            "public",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "speakers": forms.Textarea(attrs={"rows": 2}),
            "materials": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regency"].required = True


class AttendanceFileForm(forms.Form):
    file = forms.FileField(
        label=_("Ekspor peserta Zoom, Google Forms atau lembar kerja (CSV, XLSX)")
    )


class CheckinForm(forms.Form):
    nip = forms.CharField(label=_("NIP / NI PPPK"), max_length=30)


class QuizForm(forms.Form):
    title = forms.CharField(label=_("Judul kuis"), max_length=300)
    mode = forms.ChoiceField(label=_("Peserta"), choices=Quiz.Mode.choices)
    event: forms.ModelChoiceField[Event] = forms.ModelChoiceField(
        label=_("Sesudah kegiatan (tidak wajib)"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("— kuis mandiri —"),
    )
    election: forms.ModelChoiceField[Election] = forms.ModelChoiceField(
        label=_("Pemilihan (tidak wajib)"),
        queryset=Election.objects.order_by("-voting_day"),
        required=False,
    )
    question_count = forms.IntegerField(label=_("Jumlah soal per peserta"), initial=10)
    time_limit_minutes = forms.IntegerField(
        label=_("Batas waktu dalam menit (kosongkan bila tanpa batas)"), required=False
    )

    def __init__(self, *args: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]
