"""Circulars: a Sekda or PPK officer (for their own agency) or a Bawaslu office (for itself)
picks a template and an election and gets a surat edaran / himbauan filled from the database:
the election's stage dates, the forbidden acts and sanctions of the legal catalogue, and the
reporting channel (this site's report form and the Bawaslu office of the place).

Nothing is stored: the letter is made on request, as PDF or DOCX (`circular_render.py`), and
its making is written to the audit trail (who, which office, which election, which number).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netral import access
from netral.accounts.models import BAWASLU_KINDS, PPK_KINDS, Institution, InstitutionKind
from netral.accounts.roles import Role
from netral.audit.services import log_action
from netral.catalogue.models import (
    Regulation,
    Sanction,
    SanctionCategory,
    SanctionLevel,
    Violation,
    ViolationKind,
)
from netral.elections.models import STAGES, Election
from netral.prevention import circular_text as text
from netral.prevention.circular_text import AGENCY, BAWASLU, TEMPLATES, CircularTemplate
from netral.registry.models import Agency
from netral.registry.policies import employer_of

# Without these the letter cannot tell ASN when to be careful (voting day is always set).
REQUIRED_STAGES = ("campaign_start", "campaign_end")
SKB_LIST = "SKB 2022"


class CircularError(ValueError):
    """The letter cannot be made; `field` names the form field to blame."""

    def __init__(self, message: str, field: str = "election") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Issuer:
    """The office in the letter's heading: an agency (for a PPK) or a Bawaslu institution."""

    key: str
    name: str
    province_id: str | None
    regency_id: str | None
    region_name: str
    obj: Agency | Institution


@dataclass(frozen=True)
class Point:
    """One numbered point of the letter: a sentence, then a list, lettered groups of lists, or
    a two-column table."""

    text: str
    items: tuple[str, ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rows: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Circular:
    template: CircularTemplate
    heading: str
    title: str
    number: str
    subject: str
    addressees: tuple[str, ...]
    opening: str
    points: tuple[Point, ...]
    closing: str
    place: str
    date: dt.date
    date_text: str
    signatory_title: str
    signatory_name: str
    notes: tuple[str, ...] = field(default=())

    @property
    def filename_stem(self) -> str:
        return f"{self.template.code}-{self.date:%Y%m%d}"


def _region_name(province: Any, regency: Any) -> str:
    if regency is not None:
        return str(regency.name)
    if province is not None:
        return f"Provinsi {province.name}"
    return "Indonesia"


def _issuer(kind: str, holder: Agency | Institution) -> Issuer:
    """The heading of a circular: an agency (surat edaran) or a Bawaslu office (himbauan)."""
    return Issuer(
        f"{kind}:{holder.pk}",
        holder.name,
        holder.province_id,
        holder.regency_id,
        _region_name(holder.province, holder.regency),
        holder,
    )


def issues_for_agency(user: Any) -> bool:
    """A PPK officer (BKPSDM/BKD) or the staff of a PPK government itself (the Sekda's
    office) who may write; their agency is their PPK's."""
    if not access.can_write(user) or employer_of(user) is None:
        return False
    inst = user.institution
    return bool(user.has_role(Role.PPK_OFFICER) or (inst is not None and inst.kind in PPK_KINDS))


def issuers_for(user: Any, template: CircularTemplate) -> list[Issuer]:
    """The offices this user may put in the heading of this template (empty: not allowed)."""
    if not access.is_staff_member(user):
        return []
    admin = access.is_administrator(user)
    if template.issuer == AGENCY:
        if admin:
            agencies = Agency.objects.all()
        elif issues_for_agency(user):
            agencies = Agency.objects.filter(ppk=employer_of(user))
        else:
            return []
        return [
            _issuer(AGENCY, a)
            for a in agencies.select_related("province", "regency").order_by("name")
        ]
    if admin:
        offices = Institution.objects.filter(kind__in=BAWASLU_KINDS).select_related(
            "province", "regency"
        )
        return [_issuer(BAWASLU, i) for i in offices.order_by("name")]
    office = access.bawaslu_office(user) if access.can_write(user) else None
    return [_issuer(BAWASLU, office)] if office is not None else []


def templates_for(user: Any) -> list[CircularTemplate]:
    return [t for t in TEMPLATES.values() if issuers_for(user, t)]


def elections_for(issuers: list[Issuer]) -> QuerySet[Election]:
    """Elections held where any of these offices works: national ones, their province's and
    their kab/kota's (a provincial or national office: every election below it)."""
    q = Q(province__isnull=True)
    for issuer in issuers:
        if issuer.province_id is None:
            return Election.objects.order_by("-voting_day", "name")
        if issuer.regency_id is None:
            q |= Q(province_id=issuer.province_id)
        else:
            q |= Q(province_id=issuer.province_id, regency__isnull=True)
            q |= Q(regency_id=issuer.regency_id)
    return Election.objects.filter(q).order_by("-voting_day", "name")


def _when(day: dt.date | None) -> str:
    return date_format(day, "j F Y") if day else ""


def missing_stages(election: Election) -> list[str]:
    return [
        str(Election._meta.get_field(stage).verbose_name)  # type: ignore[union-attr]
        for stage in REQUIRED_STAGES
        if getattr(election, stage) is None
    ]


def _stage_rows(election: Election) -> tuple[tuple[str, str], ...]:
    rows = []
    for stage in STAGES:
        day = getattr(election, stage)
        if day is not None:
            label = str(Election._meta.get_field(stage).verbose_name)  # type: ignore[union-attr]
            rows.append((label[:1].upper() + label[1:], _when(day)))
    return tuple(rows)


def _mark(title: str, confirmed: bool) -> str:
    return title if confirmed else f"{title} *"


def _forbidden(election: Election) -> Point:
    acts = (
        Violation.objects.filter(source_list__startswith=SKB_LIST)
        .exclude(default_sanction__category=SanctionCategory.DECIDED_BY_SATGAS)
        .order_by("order", "code")
    )
    determined = _when(election.candidate_determination)
    groups = (
        (
            text.ETHICS_GROUP.format(when=f" pada {determined}" if determined else ""),
            tuple(_mark(v.title, v.is_confirmed()) for v in acts if v.kind == ViolationKind.ETHICS),
        ),
        (
            text.DISCIPLINE_GROUP.format(when=f", sejak {determined}" if determined else ""),
            tuple(
                _mark(v.title, v.is_confirmed()) for v in acts if v.kind == ViolationKind.DISCIPLINE
            ),
        ),
    )
    return Point(text.FORBIDDEN_INTRO, groups=tuple(g for g in groups if g[1]))


def _sanctions() -> Point:
    sanctions = list(
        Sanction.objects.filter(
            category__in=[
                SanctionCategory.MORAL,
                SanctionCategory.DISCIPLINE,
                SanctionCategory.DISMISSAL,
            ]
        ).order_by("order", "code")
    )
    groups: list[tuple[str, tuple[str, ...]]] = []
    moral = [s for s in sanctions if s.category == SanctionCategory.MORAL]
    if moral:
        groups.append((text.MORAL_GROUP, tuple(_mark(s.name, s.is_confirmed()) for s in moral)))
    for level in (SanctionLevel.RINGAN, SanctionLevel.SEDANG, SanctionLevel.BERAT):
        rung = [
            s for s in sanctions if s.category == SanctionCategory.DISCIPLINE and s.level == level
        ]
        if rung:
            article = rung[0].article.split(" huruf")[0]
            groups.append(
                (
                    text.DISCIPLINE_LEVEL.format(level=level.value, article=article),
                    tuple(_mark(s.name, s.is_confirmed()) for s in rung),
                )
            )
    dismissal = [s for s in sanctions if s.category == SanctionCategory.DISMISSAL]
    if dismissal:
        groups.append(
            (
                text.DISMISSAL_GROUP,
                tuple(
                    _mark(
                        f"{s.name}: {s.description}" if s.description else s.name, s.is_confirmed()
                    )
                    for s in dismissal
                ),
            )
        )
    return Point(text.SANCTIONS_INTRO, groups=tuple(groups))


def bawaslu_for(issuer: Issuer) -> Institution | None:
    """The Bawaslu office that hears reports where the issuer works: itself for a Bawaslu
    issuer; else the kab/kota's, the province's, then Bawaslu RI."""
    if isinstance(issuer.obj, Institution):
        return issuer.obj
    offices = Institution.objects.filter(kind__in=BAWASLU_KINDS)
    if issuer.regency_id:
        found = offices.filter(regency_id=issuer.regency_id).first()
        if found is not None:
            return found
    if issuer.province_id:
        found = offices.filter(province_id=issuer.province_id, regency__isnull=True).first()
        if found is not None:
            return found
    return offices.filter(kind=InstitutionKind.BAWASLU_RI).first()


def _channel(issuer: Issuer) -> Point:
    items = [
        text.REPORT_SITE.format(url=f"{settings.SITE_URL}{reverse('intake:form')}"),
        text.REPORT_PRESSURE.format(
            url=f"{settings.SITE_URL}{reverse('prevention:pressure-form')}"
        ),
    ]
    office = bawaslu_for(issuer)
    if office is not None:
        email = f" (surel: {office.email})" if office.email else ""
        items.append(text.REPORT_BAWASLU.format(name=office.name, email=email))
    return Point(text.REPORT_INTRO, items=tuple(items))


def _basis(template: CircularTemplate, election: Election) -> Point:
    codes = list(template.basis)
    law = text.ELECTION_LAW.get(election.kind)
    if law:
        codes.insert(1, law)
    found = {r.code: r for r in Regulation.objects.filter(code__in=codes)}
    return Point(text.BASIS_INTRO, items=tuple(found[c].title for c in codes if c in found))


@dataclass(frozen=True)
class Request:
    """What the form asks: the template, the office, the election, and the letter's own
    particulars."""

    template: CircularTemplate
    issuer: Issuer
    election: Election
    number: str
    date: dt.date
    place: str
    signatory_name: str
    signatory_title: str


def default_place(issuer: Issuer) -> str:
    name = issuer.region_name
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        name = name.removeprefix(prefix)
    return "Jakarta" if name == "Indonesia" else name


def circular_build(req: Request) -> Circular:
    """The letter's content (always in Bahasa Indonesia). CircularError when the election's
    stage dates are missing."""
    election = req.election
    missing = missing_stages(election)
    if missing:
        raise CircularError(
            _(
                "Tanggal tahapan %(election)s belum lengkap (%(missing)s), jadi surat tidak "
                "dapat menyebut kapan ASN wajib berhati-hati. Minta administrator melengkapinya "
                "di data pemilihan."
            )
            % {"election": election.name, "missing": ", ".join(missing)}
        )
    t = req.template
    names = {"issuer": req.issuer.name, "region": req.issuer.region_name, "election": election.name}
    with translation.override("id"):
        points = (
            _basis(t, election),
            Point(text.STAGES_INTRO.format(**names), rows=_stage_rows(election)),
            _forbidden(election),
            _sanctions(),
            _channel(req.issuer),
            Point(t.duty.format(**names)),
        )
        date_text = _when(req.date)
    marked = any(i.endswith(" *") for p in points for _g, items in p.groups for i in items)
    return Circular(
        template=t,
        heading=req.issuer.name.upper(),
        title=t.title,
        number=req.number,
        subject=text.SUBJECT.format(**names),
        addressees=tuple(a.format(**names) for a in t.addressees),
        opening=t.opening.format(**names),
        points=points,
        closing=t.closing,
        place=req.place or default_place(req.issuer),
        date=req.date,
        date_text=date_text,
        signatory_title=req.signatory_title,
        signatory_name=req.signatory_name,
        notes=(text.UNCONFIRMED_NOTE,) if marked else (),
    )


FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Made:
    filename: str
    content_type: str
    data: bytes


@transaction.atomic
def circular_generate(*, actor: Any, req: Request, fmt: str) -> Made:
    """Make the letter and record who made it. The office must be one the actor may issue
    for (404 otherwise, as everywhere), and the election one held where the office works."""
    from netral.prevention import circular_render

    if req.issuer.key not in {i.key for i in issuers_for(actor, req.template)}:
        raise Http404("not found")
    if not elections_for([req.issuer]).filter(pk=req.election.pk).exists():
        raise CircularError(
            _("%(election)s tidak diselenggarakan di wilayah %(issuer)s.")
            % {"election": req.election.name, "issuer": req.issuer.name}
        )
    if fmt not in FORMATS:
        raise CircularError(_("Format harus PDF atau DOCX."), field="format")
    circular = circular_build(req)
    data = circular_render.pdf(circular) if fmt == "pdf" else circular_render.docx(circular)
    log_action(
        actor,
        "circular.generate",
        req.issuer.obj,
        {
            "template": req.template.code,
            "election": req.election.code,
            "number": req.number[:100],
            "date": req.date.isoformat(),
            "signatory": req.signatory_name[:150],
            "format": fmt,
        },
        region=(req.issuer.province_id or "", req.issuer.regency_id or ""),
    )
    return Made(f"{circular.filename_stem}.{fmt}", FORMATS[fmt], data)
