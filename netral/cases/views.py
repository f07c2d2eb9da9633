"""Staff pages: the inbox, the register with search and filters, the case page, its moves,
documents and findings. Reads go through netral.access; writes through the services."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from netral import access
from netral.cases.forms import DocumentForm, FindingForm, SubjectCorrectionForm, move_data
from netral.cases.models import Case, CaseDocument
from netral.cases.policies import kinds_to_file, may_correct_subjects, may_enter_findings
from netral.cases.queries import CaseFilter, case_list, inbox
from netral.cases.schemas import allowed_moves
from netral.cases.services.documents import case_document_add
from netral.cases.services.findings import finding_open
from netral.cases.services.subjects import case_subject_correct
from netral.cases.services.transition import TransitionRefused, VersionConflict, case_transition
from netral.cases.states import SanctionLevel, State
from netral.cases.violations import decidable_violations, suggest
from netral.catalogue.models import Phase
from netral.deadlines.models import Stage
from netral.web.views import staff_required, staff_user

# What a register row shows besides the case: its ASN, the reported and the proven items.
ROW_PREFETCH = ("subjects__proven_violations", "violations")


# Why no clock runs, by state: the card must not be empty after "Terbukti" or the execution.
NO_CLOCK_NOTE: dict[str, Any] = {
    State.PROVEN: _l(
        "Langkah berikutnya: Bawaslu mengirim rekomendasi ke BKN; peraturan tidak "
        "menetapkan batas waktunya."
    ),
    State.PPK_DECIDED: _l(
        "SK sudah tercatat; langkah berikutnya: PPK mencatat pelaksanaan "
        "sanksi (tanpa batas waktu dalam peraturan)."
    ),
    State.EXECUTED: _l("Sanksi sudah dilaksanakan; tinggal BKN atau Bawaslu menutup perkara."),
    State.NOT_REGISTERED: _l("Perkara selesai."),
    State.FORWARDED: _l("Perkara selesai."),
    State.NOT_PROVEN: _l("Perkara selesai."),
    State.CLOSED: _l("Perkara selesai."),
}


RULE_KEY = re.compile(r"^[a-z_]+/[a-z_]+:\s*")


def stage_label(code: str) -> str:
    return str(Stage(code).label) if code in Stage.values else code


@staff_required
def case_inbox(request: HttpRequest) -> HttpResponse:
    rows = list(inbox(request.user).prefetch_related(*ROW_PREFETCH)[:200])
    return render(request, "cases/inbox.html", {"cases": rows, "today": timezone.localdate()})


@staff_required
def case_register(request: HttpRequest) -> HttpResponse:
    fs = CaseFilter(request.GET or None, queryset=case_list(request.user))
    qs = fs.qs if fs.is_bound and fs.is_valid() else case_list(request.user)
    page = Paginator(
        qs.prefetch_related(*ROW_PREFETCH).order_by("-created_at", "-id"), 50
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/register.html",
        {
            "filter": fs,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            # Actions only for those who may take them (the rule lives in policies, not here).
            "may_find": may_enter_findings(request.user),
        },
    )


def _detail_context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    stages = list(case.stages.select_related("responsible"))
    for s in stages:
        s.days_left = (s.due - today).days  # type: ignore[attr-defined]
        s.is_overdue = s.completed_at is None and s.due < today  # type: ignore[attr-defined]
        s.label = stage_label(s.stage)  # type: ignore[attr-defined]
        # The rule's text without its internal key ("pilkada/preliminary_review: ").
        s.rule_text = RULE_KEY.sub("", s.rule)  # type: ignore[attr-defined]
    subjects = list(
        case.subjects.select_related("ppk_institution", "decision_institution").prefetch_related(
            "proven_violations__default_sanction__regulation"
        )
    )
    correcting = extra.pop("correction", None)
    correctable = may_correct_subjects(request.user, case)
    for subject in subjects:
        subject.suggestion = suggest(  # type: ignore[attr-defined]
            subject.proven_violations.all()
        )
        if correctable:
            subject.correction_form = (  # type: ignore[attr-defined]
                correcting
                if correcting is not None and correcting.prefix == f"s{subject.pk}"
                else SubjectCorrectionForm.for_subject(subject)
            )
    open_stages = [s for s in stages if s.completed_at is None]
    phase_label = str(Phase(case.phase).label) if case.phase in Phase.values else case.phase
    return {
        "case": case,
        "today": today,
        "stages": stages,
        "subjects": subjects,
        "open_stages": open_stages,
        "phase_label": phase_label,
        "no_clock_note": "" if open_stages else NO_CLOCK_NOTE.get(case.state, ""),
        "without_ppk": [
            x for x in subjects if x.ppk_institution_id is None or x.decision_institution_id is None
        ],
        "documents": list(
            access.visible_to(request.user, CaseDocument)
            .filter(case=case)
            .select_related("subject")
        ),
        "timeline": list(case.transitions.select_related("actor")),
        "recommendations": list(case.recommendations.select_related("addressee")),
        "escalations": list(case.escalations.select_related("ppk_institution")),
        "moves": allowed_moves(case, request.user),
        "levels": SanctionLevel.choices,
        "reported": list(case.violations.order_by("order", "code")),
        "violation_choices": decidable_violations(case),
        "document_form": DocumentForm(kinds=kinds_to_file(request.user)),
        "posted": {},
        **extra,
    }


def _get_case(request: HttpRequest, pk: int) -> Case:
    return access.get_for_user(request.user, case_list(request.user), pk)


@staff_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get_case(request, pk)
    return render(request, "cases/detail.html", _detail_context(request, case))


@staff_required
@require_POST
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get_case(request, pk)
    to = request.POST.get("to", "")
    data = move_data(request.POST, case)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        case_transition(
            case_id=case.pk, actor=staff_user(request), to=to, version=version, data=data
        )
    except VersionConflict as exc:
        # Re-render with what the officer typed and the case as it is now: nothing is lost.
        fresh = _get_case(request, pk)
        return render(
            request,
            "cases/detail.html",
            _detail_context(
                request,
                fresh,
                conflict=str(exc),
                posted=request.POST,
                posted_to=to,
                stale_version=version,
            ),
            status=409,
        )
    except (TransitionRefused, ValidationError, PermissionDenied) as exc:
        errors = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        return render(
            request,
            "cases/detail.html",
            _detail_context(request, case, move_errors=errors, posted=request.POST, posted_to=to),
            status=422,
        )
    messages.success(request, _("Perkara %(n)s diperbarui.") % {"n": case.number})
    return redirect("cases:detail", pk=case.pk)


@staff_required
@require_POST
def case_subject_correction(request: HttpRequest, pk: int, subject_pk: int) -> HttpResponse:
    case = _get_case(request, pk)
    subject = get_object_or_404(case.subjects.all(), pk=subject_pk)
    form = SubjectCorrectionForm.for_subject(subject, request.POST)
    if form.is_valid():
        try:
            case_subject_correct(
                case_id=case.pk,
                subject_id=subject.pk,
                actor=staff_user(request),
                data=form.cleaned_data,
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                for err in errs:
                    form.add_error(field if field in form.fields else None, err)
        else:
            messages.success(request, _("Data ASN %(n)s disimpan.") % {"n": subject.name})
            return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/detail.html", _detail_context(request, case, correction=form), status=422
    )


@staff_required
@require_POST
def case_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get_case(request, pk)
    form = DocumentForm(request.POST, request.FILES, kinds=kinds_to_file(request.user))
    if form.is_valid():
        try:
            case_document_add(
                case_id=case.pk,
                actor=staff_user(request),
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except (ValidationError, PermissionDenied) as exc:
            msgs = (
                exc.messages
                if isinstance(exc, ValidationError)
                else [_("Anda tidak berwenang mengunggah dokumen perkara ini.")]
            )
            for m in msgs:
                form.add_error(None, m)
        else:
            messages.success(request, _("Dokumen diunggah."))
            return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/detail.html", _detail_context(request, case, document_form=form), status=422
    )


@staff_required
def case_document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    case = _get_case(request, pk)
    doc = access.get_for_user(request.user, CaseDocument.objects.filter(case=case), doc_pk)
    return FileResponse(
        doc.file.open("rb"),
        content_type=doc.content_type,
        as_attachment=True,
        filename=f"{case.pk}-{doc.kind}-{doc.pk}",
    )


@staff_required
def finding_new(request: HttpRequest) -> HttpResponse:
    if not may_enter_findings(request.user):
        raise Http404("not found")
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = finding_open(actor=staff_user(request), data=form.payload())
        except PermissionDenied as exc:
            raise Http404("not found") from exc
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                target = field if field in form.fields else None
                for err in errs:
                    form.add_error(target, err)
        else:
            messages.success(request, _("Temuan dicatat sebagai %(n)s.") % {"n": case.number})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/finding_form.html", {"form": form})
