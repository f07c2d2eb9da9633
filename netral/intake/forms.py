"""The public report form, the ASN rows (one incident may name many ASN), and the status page's
forms. Validation messages name the field and stay next to it; nothing typed is thrown away."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.intake import evidence as ev
from netral.intake.nip import nip_problem
from netral.regions.models import District, Province, Regency

MAX_DESCRIPTION = 10_000


class AriaInvalid:
    """Marks fields with errors aria-invalid, so Pico shows them and screen readers say so."""

    fields: dict[str, Any]

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        names = [field] if field else []
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            names = list(error.error_dict)
        for name in names:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content in the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={
                    "accept": "image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,"
                    "video/mp4,video/quicktime"
                }
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _election_choices() -> list[tuple[str, Any]]:
    from netral.elections.models import Election

    # Elections are public reference data (names and dates), offered to anyone who reports.
    rows = Election.objects.order_by("-voting_day", "name").values_list("code", "name")
    empty: list[tuple[str, Any]] = [("", _("Tidak tahu / tidak terkait pemilihan tertentu"))]
    return empty + list(rows)


class ReportForm(AriaInvalid, forms.Form):
    violations = forms.MultipleChoiceField(
        label=_("Apa yang dilakukan ASN?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_violation = forms.BooleanField(
        label=_("Lainnya / saya tidak yakin jenisnya"), required=False
    )
    description = forms.CharField(
        label=_("Ceritakan kejadiannya"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Apa yang dilakukan, oleh siapa, bagaimana Anda mengetahuinya."),
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    discovered_date = forms.DateField(
        label=_("Tanggal Anda mengetahuinya"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Laporan disampaikan paling lama 7 hari sejak diketahui."),
    )
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    regency = forms.CharField(label=_("Kabupaten/kota"), required=False, widget=forms.Select())
    district = forms.CharField(label=_("Kecamatan"), required=False, widget=forms.Select())
    place = forms.CharField(
        label=_("Tempat (alamat, nama gedung, atau akun media sosial)"),
        required=False,
        max_length=300,
    )
    election = forms.ChoiceField(label=_("Pemilihan yang terkait"), required=False)
    attachments = MultipleFileField(
        label=_("Foto, video, atau dokumen"),
        help_text=_("Sampai %(n)d berkas, %(mb)d MB per berkas: %(t)s.")
        % {
            "n": ev.MAX_FILES_PER_REPORT,
            "mb": ev.MAX_FILE_BYTES // 1_048_576,
            "t": ev.ALLOWED_LABEL,
        },
    )
    links = forms.CharField(
        label=_("Tautan unggahan (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://"}),
    )
    anonymous = forms.TypedChoiceField(
        label=_("Cara melapor"),
        coerce=lambda v: v == "1",
        initial="0",
        choices=[("0", _("Dengan identitas")), ("1", _("Tanpa nama (anonim)"))],
        widget=forms.RadioSelect,
    )
    reporter_name = forms.CharField(label=_("Nama Anda"), required=False, max_length=200)
    reporter_address = forms.CharField(
        label=_("Alamat Anda"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reporter_contact = forms.CharField(
        label=_("Nomor HP atau surel"), required=False, max_length=200
    )
    # Honeypot: hidden from people by CSS; a bot that fills every field gives itself away.
    website = forms.CharField(required=False, label=_("Situs web (kosongkan)"))

    def __init__(
        self, *args: Any, violations: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["violations"].choices = violations or []
        provinces: list[tuple[str, Any]] = [("", _("— pilih provinsi —"))]
        self.fields["province"].choices = provinces + [
            (p.code, p.name) for p in Province.objects.all()
        ]
        self.fields["election"].choices = _election_choices()

    def clean_website(self) -> str:
        value = self.cleaned_data.get("website") or ""
        if value:
            raise ValidationError(
                _("Kolom ini harus kosong. Jika Anda manusia, kosongkan lalu kirim lagi.")
            )
        return value

    def clean_regency(self) -> str:
        code = self.cleaned_data.get("regency") or ""
        province = self.cleaned_data.get("province") or ""
        if code and not Regency.objects.filter(code=code, province_id=province).exists():
            raise ValidationError(_("Pilih kabupaten/kota dari daftar provinsi yang dipilih."))
        return code

    def clean_district(self) -> str:
        code = self.cleaned_data.get("district") or ""
        regency = self.cleaned_data.get("regency") or ""
        if code and not District.objects.filter(code=code, regency_id=regency).exists():
            raise ValidationError(_("Pilih kecamatan dari daftar kabupaten/kota yang dipilih."))
        return code

    def _check_dates(self, data: dict[str, Any]) -> None:
        today = timezone.localdate()
        for name in ("incident_date", "discovered_date"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("Tanggal tidak boleh di masa depan."))
        incident, known = data.get("incident_date"), data.get("discovered_date")
        if incident and known and known < incident:
            self.add_error(
                "discovered_date", _("Tanggal diketahui tidak boleh sebelum tanggal kejadian.")
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_dates(data)
        if not data.get("anonymous"):
            for name in ("reporter_name", "reporter_address"):
                if not (data.get(name) or "").strip():
                    self.add_error(
                        name,
                        _(
                            "Wajib diisi untuk laporan dengan identitas. Jika "
                            "tidak ingin, pilih “Tanpa nama”."
                        ),
                    )
        return data

    def links_list(self) -> list[str]:
        return [
            line.strip()
            for line in (self.cleaned_data.get("links") or "").splitlines()
            if line.strip()
        ]


class AsnForm(AriaInvalid, forms.Form):
    name = forms.CharField(
        label=_("Nama ASN"),
        max_length=200,
        help_text=_("Jika tidak tahu namanya, tulis ciri atau jabatannya."),
    )
    agency_name = forms.CharField(label=_("Instansi"), required=False, max_length=200)
    position = forms.CharField(label=_("Jabatan"), required=False, max_length=200)
    employment_type = forms.ChoiceField(
        label=_("Status"),
        required=False,
        initial="pns",
        choices=[("pns", _("PNS")), ("pppk", _("PPPK")), ("", _("Tidak tahu"))],
    )
    regency = forms.CharField(label=_("Wilayah instansi"), required=False, widget=forms.Select())
    nip = forms.CharField(
        label=_("NIP (jika tahu)"),
        required=False,
        max_length=40,
        help_text=_("Boleh dikosongkan: laporan tetap diterima tanpa NIP."),
    )

    def clean_nip(self) -> str:
        value = self.cleaned_data.get("nip") or ""
        problem = nip_problem(value)
        if problem:
            raise ValidationError(problem + " " + str(_("Periksa lagi, atau kosongkan.")))
        return value

    def clean_regency(self) -> str:
        code = self.cleaned_data.get("regency") or ""
        if code and not Regency.objects.filter(code=code).exists():
            raise ValidationError(_("Pilih wilayah dari daftar."))
        return code


AsnFormSet = formset_factory(
    AsnForm, extra=0, min_num=1, validate_min=True, max_num=50, validate_max=True
)


class ReceiptForm(AriaInvalid, forms.Form):
    receipt = forms.CharField(
        label=_("Kode tanda terima"),
        max_length=60,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
            }
        ),
    )


class ReporterMessageForm(AriaInvalid, forms.Form):
    body = forms.CharField(
        label=_("Pesan untuk petugas"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReporterEvidenceForm(AriaInvalid, forms.Form):
    attachments = MultipleFileField(label=_("Tambah berkas bukti"))
    links = forms.CharField(
        label=_("Tambah tautan (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StaffMessageForm(AriaInvalid, forms.Form):
    body = forms.CharField(
        label=_("Pesan untuk pelapor"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SealedOpenForm(AriaInvalid, forms.Form):
    reason = forms.CharField(label=_("Alasan membuka"), min_length=5, max_length=300)


class MergeForm(forms.Form):
    """Merge the report `other` into the case of the report whose page holds the form."""

    other = forms.IntegerField(
        label=_("Laporan yang digabung"),
        min_value=1,
        error_messages={
            "required": _("Pilih laporan yang akan digabung."),
            "invalid": _("Nomor laporan yang digabung tidak dikenal."),
            "min_value": _("Nomor laporan yang digabung tidak dikenal."),
        },
    )
