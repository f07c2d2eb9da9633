"""Likely duplicates of a report, flagged to the intake officer: the same evidence file, the
same ASN in the same region of the same election, or nearly the same text.

Only reports the officer may see are compared (netral.access), and never those already in the
same case. A flag is a hint, not a decision: the officer reads both reports and merges them
(services.merge) or not. Names are compared folded and without titles (registry.names), so
"Drs. Budi Santoso, M.Si." and "budi santoso" are one ASN; two different NIPs are two people
whatever their names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process, utils

from netral import access
from netral.access import AnyUser
from netral.cases.models import CaseSubject
from netral.intake.models import Evidence, Report, ReportedAsn
from netral.registry.identifiers import normalize as nip_normalize
from netral.registry.names import search_key

SAME_EVIDENCE, SAME_ASN, SIMILAR_TEXT = "evidence", "asn", "text"
REASONS = (SAME_EVIDENCE, SAME_ASN, SIMILAR_TEXT)

# rapidfuzz token_sort_ratio (0–100) on folded, title-free names: spelling variants
# ("Achmad"/"Ahmad") fold to one key already; the margin takes a typo in a long name.
NAME_MIN = 90
# token_sort_ratio on the texts: a copy with small edits, not merely another report on the
# same topic (those share words but not sentences).
TEXT_MIN = 90
TEXT_MIN_CHARS = 40  # a shorter text says too little to call two reports the same
TEXT_WINDOW = 1000  # the most recent reports compared by text (a page view stays fast)


@dataclass
class Flag:
    report: Report
    reasons: set[str] = field(default_factory=set)
    image: bool = False  # the shared evidence is a photo
    problem: str | None = None  # why these two cannot be merged (None: they can)
    may_merge: bool = False

    @property
    def labels(self) -> list[str]:
        words = {
            SAME_EVIDENCE: _("foto sama") if self.image else _("berkas bukti sama"),
            SAME_ASN: _("ASN dan wilayah sama"),
            SIMILAR_TEXT: _("teks hampir sama"),
        }
        return [words[r] for r in REASONS if r in self.reasons]


def same_asn(a: CaseSubject, b: CaseSubject) -> bool:
    """Whether two subjects are one ASN: the same registry entry, the same NIP, or (when a NIP
    is missing) nearly the same folded name."""
    if a.asn_id is not None and a.asn_id == b.asn_id:
        return True
    nip_a, nip_b = nip_normalize(a.nip), nip_normalize(b.nip)
    if nip_a and nip_b:
        return nip_a == nip_b
    key_a, key_b = search_key(a.name), search_key(b.name)
    return bool(key_a and key_b) and fuzz.token_sort_ratio(key_a, key_b) >= NAME_MIN


def likely_duplicates(user: AnyUser, report: Report) -> list[Flag]:
    """The reports this user sees that look like `report`, most reasons first."""
    others = access.visible_to(user, Report).exclude(case_id=report.case_id)
    flags: dict[int, Flag] = defaultdict(lambda: Flag(report=report))
    for pk, image in _same_evidence(report, others):
        flags[pk].reasons.add(SAME_EVIDENCE)
        flags[pk].image |= image
    for pk in _same_asn(report, others):
        flags[pk].reasons.add(SAME_ASN)
    for pk in _similar_text(report, others):
        flags[pk].reasons.add(SIMILAR_TEXT)
    if not flags:
        return []
    rows = others.filter(pk__in=list(flags)).select_related(
        "case__handling_institution", "merged_from"
    )
    found = []
    for row in rows:
        flag = flags[row.pk]
        flag.report = row
        found.append(flag)
    found.sort(key=lambda f: (-len(f.reasons), -f.report.created_at.timestamp(), -f.report.pk))
    return found


def _same_evidence(report: Report, others: QuerySet[Report]) -> Iterable[tuple[int, bool]]:
    """(report id, is a photo) for each file of another report identical to one of this one's:
    the same original bytes, or the same picture once its metadata is stripped."""
    own = report.evidence.filter(kind=Evidence.Kind.FILE).values_list("sha256", "stripped_sha256")
    originals = {a for a, _b in own if a}
    stripped = {b for _a, b in own if b}
    if not originals and not stripped:
        return []
    return (
        (pk, bool(image))
        for pk, image in Evidence.objects.filter(
            report__in=others.values("pk"), kind=Evidence.Kind.FILE
        )
        .filter(Q(sha256__in=originals) | Q(stripped_sha256__in=stripped))
        .values_list("report_id", "stripped")
    )


def _region_q(regions: set[str]) -> Q:
    """An ASN is placed where their agency is, or, when the reporter did not say, where the
    incident happened (in the case the report was filed under)."""
    incident = Q(report__merged_from__isnull=True, report__case__incident_regency_id__in=regions)
    incident |= Q(report__merged_from__incident_regency_id__in=regions)
    return Q(regency_id__in=regions) | (Q(regency__isnull=True) & incident)


def _election_q(election_id: int | None) -> Q:
    filed_here = Q(report__merged_from__isnull=True)
    if election_id is None:
        return (filed_here & Q(report__case__election__isnull=True)) | Q(
            report__merged_from__isnull=False, report__merged_from__election__isnull=True
        )
    return (filed_here & Q(report__case__election_id=election_id)) | Q(
        report__merged_from__election_id=election_id
    )


def _region(row: ReportedAsn, filed: Report) -> str | None:
    return row.regency_id or filed.own_case.incident_regency_id


def _same_asn(report: Report, others: QuerySet[Report]) -> set[int]:
    own_case = report.own_case
    mine = [(row.subject, _region(row, report)) for row in report.asn.select_related("subject")]
    regions = {region for _s, region in mine if region}
    if not regions:
        return set()
    candidates = (
        ReportedAsn.objects.filter(report__in=others.values("pk"))
        .filter(_region_q(regions), _election_q(own_case.election_id))
        .select_related("subject", "report__case", "report__merged_from")
    )
    found = set()
    for row in candidates:
        region = _region(row, row.report)
        if any(r == region and same_asn(s, row.subject) for s, r in mine):
            found.add(row.report_id)
    return found


def _similar_text(report: Report, others: QuerySet[Report]) -> set[int]:
    text = report.own_case.summary
    if len(utils.default_process(text)) < TEXT_MIN_CHARS:
        return set()
    recent = others.order_by("-created_at", "-pk").values_list(
        "pk", Coalesce("merged_from__summary", "case__summary")
    )[:TEXT_WINDOW]
    hits = process.extract(
        text,
        dict(recent),
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=TEXT_MIN,
        limit=None,
    )
    return {key for _choice, _score, key in hits}


def sharing_evidence(user: AnyUser, reports: Iterable[Report]) -> set[int]:
    """Which of these reports share an evidence file with a report in another case that the
    user sees: the cheap flag of the report list (two queries a page; the report page gives
    every reason)."""
    ids = [r.pk for r in reports]
    own = list(
        Evidence.objects.filter(report_id__in=ids, kind=Evidence.Kind.FILE)
        .exclude(sha256="")
        .values_list("report_id", "report__case_id", "sha256")
    )
    if not own:
        return set()
    cases: dict[str, set[int]] = defaultdict(set)
    for case_id, digest in Evidence.objects.filter(
        report__in=access.visible_to(user, Report).values("pk"),
        kind=Evidence.Kind.FILE,
        sha256__in={digest for _r, _c, digest in own},
    ).values_list("report__case_id", "sha256"):
        cases[digest].add(case_id)
    return {report_id for report_id, case_id, digest in own if cases[digest] - {case_id}}
