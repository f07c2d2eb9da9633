"""Access rules for the catalogue (see netral.access): the law is public; administrators edit."""

from __future__ import annotations

from netral import access
from netral.catalogue.models import (
    Authority,
    CriminalProvision,
    LegalBasis,
    Regulation,
    Sanction,
    Violation,
)

for _model in (Regulation, Sanction, CriminalProvision, Violation, LegalBasis, Authority):
    access.register(_model, visible=access.everyone, writable=access.administrators)
