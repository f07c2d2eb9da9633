from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netral.selfcheck.engine import MAX_TEXT, election_choices


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Teks unggahan"),
        max_length=MAX_TEXT,
        strip=True,
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "placeholder": _("Tempel teks yang ingin Anda periksa sebelum diunggah…"),
            }
        ),
    )
    election = forms.ChoiceField(label=_("Pemilihan"), required=False)
    posted_at = forms.DateField(
        label=_("Tanggal unggah (opsional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Menentukan apakah berlaku kode etik (sebelum penetapan calon) atau "
            "hukuman disiplin (sesudahnya). Kosong = hari ini."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        election = self.fields["election"]
        assert isinstance(election, forms.ChoiceField)
        election.choices = [("", _("Semua pemilihan yang dikenal")), *election_choices()]
