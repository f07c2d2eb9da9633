"""Turning a posted move form into the `data` a transition takes (and back, to re-fill it)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from netral.accounts.models import PPK_KINDS, Institution
from netral.cases.models import Case, CaseSubject
from netral.cases.states import DocumentKind, EmploymentType
from netral.catalogue.models import Violation
from netral.elections.models import Election


def move_data(post: QueryDict, case: Case) -> dict[str, Any]:
    """Flat form fields → the nested data of a move (per-ASN fields are named `f-<id>`)."""
    data: dict[str, Any] = {}
    for key in ("note", "forwarded_to", "letter_number", "ppk_due", "executed_date", "date"):
        if post.get(key):
            data[key] = post[key]
    if post.get("criminal_track"):
        data["criminal_track"] = True
    ids = [s.pk for s in case.subjects.all()]
    outcomes = {
        str(i): {
            "outcome": post.get(f"outcome-{i}", ""),
            "violations": post.getlist(f"violations-{i}"),
        }
        for i in ids
        if post.get(f"outcome-{i}")
    }
    if outcomes:
        data["outcomes"] = outcomes
    sanctions = {
        str(i): {"level": post.get(f"level-{i}", ""), "sanction": post.get(f"sanction-{i}", "")}
        for i in ids
        if post.get(f"level-{i}") or post.get(f"sanction-{i}")
    }
    if sanctions:
        data["sanctions"] = sanctions
    decisions = {
        str(i): {
            "sk_number": post.get(f"sk_number-{i}", ""),
            "sk_date": post.get(f"sk_date-{i}", ""),
            "punishment": post.get(f"punishment-{i}", ""),
        }
        for i in ids
        if post.get(f"sk_number-{i}")
    }
    if decisions:
        data["decisions"] = decisions
    return data


class SubjectCorrectionForm(forms.Form):
    """One ASN's agency, PPK, NIP, position and status, set or corrected by Bawaslu or BKN."""

    ppk_institution = forms.ModelChoiceField(
        label=_("Instansi PPK (Pemkab/Pemkot/Pemprov/Kementerian)"),
        queryset=Institution.objects.filter(kind__in=PPK_KINDS).order_by("name"),
        error_messages={"required": _("Pilih instansi PPK: tanpa PPK sanksi tidak dapat diputus.")},
    )
    agency_name = forms.CharField(label=_("Instansi ASN"), required=False, max_length=200)
    nip = forms.CharField(label=_("NIP (boleh kosong)"), required=False, max_length=40)
    position = forms.CharField(label=_("Jabatan"), required=False, max_length=200)
    employment_type = forms.ChoiceField(
        label=_("Status kepegawaian"), choices=EmploymentType.choices
    )

    @classmethod
    def for_subject(cls, subject: CaseSubject, data: Any = None) -> SubjectCorrectionForm:
        return cls(
            data,
            prefix=f"s{subject.pk}",
            initial={
                "ppk_institution": subject.ppk_institution_id,
                "agency_name": subject.agency_name,
                "nip": subject.nip,
                "position": subject.position,
                "employment_type": subject.employment_type,
            },
        )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200, required=False)
    file = forms.FileField(label=_("Berkas (PDF, PNG, JPEG, Office)"))

    def __init__(self, *args: Any, kinds: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:  # only the kinds this user may file (policies.kinds_to_file)
            field = cast(forms.ChoiceField, self.fields["kind"])
            field.choices = [(k, label) for k, label in DocumentKind.choices if k in kinds]


class FindingForm(forms.Form):
    summary = forms.CharField(label=_("Uraian kejadian"), widget=forms.Textarea(attrs={"rows": 3}))
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Tempat kejadian"), required=False, max_length=300)
    regency = forms.CharField(
        label=_("Kode kab/kota kejadian (mis. 16.01)"), required=False, max_length=5
    )
    election = forms.ModelChoiceField(
        label=_("Pemilihan"),
        required=False,
        to_field_name="code",
        queryset=Election.objects.order_by("-voting_day", "code"),
    )
    # A picker, not free text: an officer chooses the items in their wording; the phase
    # resolver then refuses an ethics item after candidate determination (and the reverse).
    violations = forms.ModelMultipleChoiceField(
        label=_("Jenis pelanggaran"),
        required=False,
        to_field_name="code",
        queryset=Violation.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Dicek terhadap tahapan pemilihan pada tanggal kejadian: kode etik sebelum "
            "penetapan calon, disiplin sesudahnya."
        ),
    )
    subject_name = forms.CharField(label=_("Nama ASN"), max_length=200)
    subject_nip = forms.CharField(label=_("NIP (boleh kosong)"), required=False, max_length=18)
    subject_agency = forms.CharField(label=_("Instansi ASN"), required=False, max_length=200)
    subject_position = forms.CharField(label=_("Jabatan"), required=False, max_length=200)
    subject_ppk = forms.ModelChoiceField(
        label=_("Instansi PPK (Pemkab/Pemkot/Pemprov/Kementerian)"),
        required=False,
        queryset=Institution.objects.filter(kind__in=PPK_KINDS),
    )

    def payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "summary": d["summary"],
            "incident_date": d.get("incident_date"),
            "place": d.get("place", ""),
            "regency": d.get("regency") or None,
            "election": d["election"].code if d.get("election") else None,
            "violations": [v.code for v in d.get("violations") or []],
            "subjects": [
                {
                    "name": d["subject_name"],
                    "nip": d.get("subject_nip", ""),
                    "agency_name": d.get("subject_agency", ""),
                    "position": d.get("subject_position", ""),
                    "ppk_institution": d.get("subject_ppk"),
                }
            ],
        }
