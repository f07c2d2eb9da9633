"""API schemas of the public channel: strict input (unknown fields are errors), separate output."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool, field_validator

from netral.api.schemas import StrictInput
from netral.intake.nip import nip_problem

Text200 = Annotated[str, Field(max_length=200)]


class ReportSubjectIn(StrictInput):
    name: Annotated[
        str,
        Field(min_length=1, max_length=200, description="name, or a description such as 'Camat X'"),
    ]
    nip: Annotated[str, Field(max_length=40, description="optional; checked for structure")] = ""
    agency: Text200 = ""
    position: Text200 = ""
    employment_type: Literal["pns", "pppk", ""] = "pns"
    regency: Annotated[
        str | None, Field(pattern=r"^\d{2}\.\d{2}$", description="kab/kota of the ASN's agency")
    ] = None

    @field_validator("nip")
    @classmethod
    def _nip_structure(cls, value: str) -> str:
        problem = nip_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class ReporterIn(StrictInput):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    address: Annotated[str, Field(min_length=1, max_length=500)]
    contact: Text200 = ""


class ReportIn(StrictInput):
    description: Annotated[str, Field(min_length=1, max_length=10_000)]
    subjects: Annotated[list[ReportSubjectIn], Field(min_length=1, max_length=200)]
    violations: Annotated[
        list[str], Field(max_length=30, description="catalogue codes, e.g. E2, D5")
    ] = []
    other_violation: bool = False
    incident_date: dt.date | None = None
    discovered_date: dt.date | None = None
    province: Annotated[str | None, Field(pattern=r"^\d{2}$")] = None
    regency: Annotated[str | None, Field(pattern=r"^\d{2}\.\d{2}$")] = None
    district: Annotated[str | None, Field(pattern=r"^\d{2}\.\d{2}\.\d{2}$")] = None
    place: Annotated[str, Field(max_length=300)] = ""
    election: Annotated[str | None, Field(max_length=60, description="election code")] = None
    links: Annotated[list[Annotated[str, Field(max_length=1000)]], Field(max_length=10)] = []
    # Strict: the anonymity switch must be a JSON true/false, never a coerced "yes" or 1.
    anonymous: StrictBool
    reporter: ReporterIn | None = Field(
        default=None, description="required unless anonymous is true; left out if it is"
    )


class MessageIn(StrictInput):
    body: Annotated[str, Field(min_length=1, max_length=5000)]


class RequirementOut(Schema):
    key: str
    kind: str
    label: str
    met: bool
    note: str


class ReportCreatedOut(Schema):
    number: str
    receipt: str | None = Field(description="shown once; null on a late retry")
    replayed: bool
    anonymous: bool
    state: str
    handling_office: str
    status_url: str
    api_status_url: str
    requirements: list[RequirementOut]


class MessageOut(Schema):
    direction: str
    body: str
    at: dt.datetime


class EvidenceOut(Schema):
    kind: str
    content_type: str
    size: int
    sha256: str
    url: str
    added_by: str
    at: dt.datetime


class StatusOut(Schema):
    number: str
    state: str
    state_label: str
    handling_office: str
    anonymous: bool
    submitted_at: dt.datetime
    messages: list[MessageOut]
    evidence: list[EvidenceOut]
    requirements: list[RequirementOut]
