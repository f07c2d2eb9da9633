from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netral.monitoring.models import Platform, State, Veracity


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class CaptureForm(forms.Form):
    url = forms.URLField(label=_("Tautan unggahan"), max_length=1000, assume_scheme="https")
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    author_handle = forms.CharField(
        label=_("Akun penulis"),
        max_length=100,
        required=False,
        help_text=_("tanpa @, mis. budi.santoso"),
    )
    author_name = forms.CharField(label=_("Nama penulis"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Teks unggahan"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000
    )
    posted_at = forms.DateTimeField(
        label=_("Waktu unggah"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    region = forms.ChoiceField(label=_("Kab/kota"))
    screenshots = MultipleFileField(label=_("Tangkapan layar"), required=False)

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = regions
        if len(regions) == 1:
            self.initial.setdefault("region", regions[0][0])


class MarkForm(forms.Form):
    items = forms.TypedMultipleChoiceField(coerce=int, choices=[], label=_("Unggahan"))
    state = forms.ChoiceField(
        choices=[(s.value, s.label) for s in State if s != State.NEW], label=_("Tandai")
    )
    veracity = forms.ChoiceField(choices=Veracity.choices, required=False, label=_("Kebenaran"))
    tags = forms.CharField(required=False, max_length=300, label=_("Label (pisahkan koma)"))
    note = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Catatan"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, item_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items_field = self.fields["items"]
        assert isinstance(items_field, forms.TypedMultipleChoiceField)
        items_field.choices = [(i, str(i)) for i in item_ids]


class TieForm(forms.Form):
    nip = forms.CharField(label=_("NIP ASN"), max_length=30)


class PromoteForm(forms.Form):
    summary = forms.CharField(
        label=_("Uraian temuan (boleh dikosongkan)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
