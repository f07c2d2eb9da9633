from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netral.registry.models import Agency, ImportRun
from netral.registry.vocab import PositionKind

MAX_UPLOAD = 200 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("NIP atau nama"), required=False, max_length=200)
    agency = forms.CharField(label=_("Kode instansi"), required=False, max_length=20)
    region = forms.RegexField(
        label=_("Kode wilayah (16 atau 16.01)"), required=False, regex=r"^\d{2}(\.\d{2})?$"
    )
    kind = forms.ChoiceField(
        label=_("Jenis jabatan"), required=False, choices=[("", _("Semua")), *PositionKind.choices]
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=ImportRun.Mode.choices,
        initial=ImportRun.Mode.ATOMIC,
        widget=forms.RadioSelect,
    )
    agency = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Agency.objects.none(),
        required=False,
        to_field_name="code",
        help_text=_("Wajib untuk impor penuh."),
    )
    full = forms.BooleanField(
        label=_(
            "Impor penuh: berkas memuat semua ASN instansi ini "
            "(yang tidak tercantum ditandai tidak aktif, tidak "
            "dihapus)"
        ),
        required=False,
    )
    dry_run = forms.BooleanField(label=_("Uji coba saja (tidak ada yang disimpan)"), required=False)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies if agencies is not None else Agency.objects.none()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("Berkas lebih dari 200 MB; bagi menjadi beberapa berkas.")
            )
        head = upload.read(2048)
        upload.seek(0)
        name = upload.name.lower()
        if head.startswith(XLSX_MAGIC) and name.endswith(".xlsx"):
            return upload
        if name.endswith((".csv", ".txt")) and b"\x00" not in head:
            return upload
        raise forms.ValidationError(
            _("Berkas harus CSV atau XLSX (isinya diperiksa, bukan hanya namanya).")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("full") and not data.get("agency"):
            self.add_error("agency", _("Pilih instansi untuk impor penuh."))
        return data
