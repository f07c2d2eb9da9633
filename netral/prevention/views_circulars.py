"""The staff page that makes a circular: pick a template, the office in the heading (only one's
own agency or Bawaslu office), the election, the letter's number, date and signatory; get the
PDF or the DOCX. Staff who may issue no template get 404, like any forbidden page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.elections.models import Election
from netral.prevention import circulars
from netral.prevention.circular_text import TEMPLATES
from netral.web.views import staff_required, staff_user


class CircularForm(forms.Form):
    template = forms.ChoiceField(label=_("Templat"))
    issuer = forms.ChoiceField(
        label=_("Kop surat (instansi penerbit)"),
        help_text=_("Hanya instansi atau kantor Bawaslu tempat Anda bertugas."),
    )
    election = forms.ModelChoiceField(queryset=Election.objects.none(), label=_("Pemilihan"))
    number = forms.CharField(
        label=_("Nomor surat"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "800.1.6/123/BKPSDM/2024"}),
    )
    date = forms.DateField(
        label=_("Tanggal surat"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(
        label=_("Tempat penetapan"),
        max_length=80,
        required=False,
        help_text=_("Kosongkan untuk memakai nama daerah instansi."),
    )
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=150)
    signatory_title = forms.CharField(
        label=_("Jabatan penanda tangan"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Sekretaris Daerah"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.templates = circulars.templates_for(user)
        self.issuers = {t.code: circulars.issuers_for(user, t) for t in self.templates}
        every = [i for found in self.issuers.values() for i in found]
        self.by_key = {i.key: i for i in every}
        self.fields["template"].choices = [  # type: ignore[attr-defined]
            (t.code, t.label) for t in self.templates
        ]
        self.fields["issuer"].choices = [(i.key, i.name) for i in every]  # type: ignore[attr-defined]
        self.fields["election"].queryset = circulars.elections_for(every)  # type: ignore[attr-defined]
        self.initial.setdefault("date", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code, key = data.get("template"), data.get("issuer")
        if code and key and key not in {i.key for i in self.issuers.get(code, [])}:
            self.add_error("issuer", _("Kop surat ini tidak dapat dipakai untuk templat tersebut."))
        return data

    def request(self) -> circulars.Request:
        data = self.cleaned_data
        return circulars.Request(
            template=TEMPLATES[data["template"]],
            issuer=self.by_key[data["issuer"]],
            election=data["election"],
            number=data["number"].strip(),
            date=data["date"],
            place=data["place"].strip(),
            signatory_name=data["signatory_name"].strip(),
            signatory_title=data["signatory_title"].strip(),
        )


@staff_required
def circular_form(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = CircularForm(request.POST or None, user=user)
    if not form.templates:
        raise Http404("not found")
    if request.method == "POST" and form.is_valid():
        fmt = request.POST.get("format", "pdf")
        try:
            made = circulars.circular_generate(actor=user, req=form.request(), fmt=fmt)
        except circulars.CircularError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            response = HttpResponse(made.data, content_type=made.content_type)
            response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
            return response
    return render(
        request,
        "prevention/circular_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
