"""Access rules for the calendar and deadline rules (see netral.access): public; admins edit."""

from __future__ import annotations

from netral import access
from netral.deadlines.models import CutiBersama, DeadlineRule

for _model in (CutiBersama, DeadlineRule):
    access.register(_model, visible=access.everyone, writable=access.administrators)
