"""Access rules for elections (see netral.access): public facts; administrators edit."""

from __future__ import annotations

from netral import access
from netral.elections.models import Contestant, Election, ElectionParty, Party

for _model in (Election, Party, ElectionParty, Contestant):
    access.register(_model, visible=access.everyone, writable=access.administrators)
