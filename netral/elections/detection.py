"""The detector fed from the database's elections: the one adapter between the election
tables and `netral.detection` (which stays plain Python).

An election imported with `netral election import` or edited in `/admin/` changes what
`/cek/`, `POST /api/v1/detect` and monitoring say about its contestants. Each process keeps
the elections and its detectors in memory, keyed by a stamp in the shared cache that every
change to an election, its parties or its contestants replaces (at once and again on commit,
so a process that reloaded between the two does not keep what the commit changed).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.cache import cache as shared_cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from netral.detection import elections as plain
from netral.elections.models import Contestant, Election, ElectionParty, Party
from netral.elections.services import election_spec

if TYPE_CHECKING:  # the detector loads numpy and the model: only when first asked for
    from netral.detection.detector import Detector
    from netral.detection.model import LinearModel

log = logging.getLogger(__name__)
STAMP_KEY = "netral:elections:detection-stamp"
# Without the shared cache, each process reloads the elections this often (seconds).
RELOAD_UNSHARED = 300


@dataclass
class _Loaded:
    stamp: str
    elections: tuple[plain.Election, ...]
    detectors: dict[str | None, Detector] = field(default_factory=dict)


_loaded: _Loaded | None = None


def detection_election(election: Election) -> plain.Election | None:
    """What the detector knows of a stored election (its document form, read without Django);
    None for one it cannot use (no contestant entered yet: nobody to recognise)."""
    try:
        return plain.election_from_dict(election_spec(election), source=f"election {election.code}")
    except plain.ElectionFileError as exc:
        log.info("election left out of the detector: %s", exc)
        return None


def _stamp() -> str:
    try:
        stamp = shared_cache.get(STAMP_KEY)
        if stamp is None:
            shared_cache.add(STAMP_KEY, uuid.uuid4().hex, timeout=None)
            stamp = shared_cache.get(STAMP_KEY) or ""
        return str(stamp)
    except Exception:  # Redis or the cache table unreachable: /cek/ must still answer
        log.warning("shared cache unreachable: elections reloaded every %s s", RELOAD_UNSHARED)
        return f"unshared-{int(time.monotonic() // RELOAD_UNSHARED)}"


def _current() -> _Loaded:
    global _loaded
    stamp = _stamp()
    if _loaded is None or _loaded.stamp != stamp:
        rows = Election.objects.order_by("voting_day", "code")
        found = (detection_election(e) for e in rows)
        _loaded = _Loaded(stamp, tuple(e for e in found if e is not None))
    return _loaded


def detection_elections() -> tuple[plain.Election, ...]:
    """Every stored election, oldest first."""
    return _current().elections


@cache
def _model() -> LinearModel:
    from netral.detection.model import load_model

    return load_model()


def detector_for(code: str | None = None) -> Detector:
    """A detector over every stored election (None) or the one with this code; the model is
    loaded once per process and shared."""
    loaded = _current()
    return detector_among(loaded.elections, loaded.detectors, code, _model())


def detector_among(
    elections: Sequence[plain.Election],
    made: dict[str | None, Detector],
    code: str | None,
    model: LinearModel,
) -> Detector:
    """The detector over `elections` (None) or the one of them with this code, made once and
    kept in `made` (a file import's reading process has its elections and model of its own)."""
    from netral.detection.detector import Detector

    if code not in made:
        chosen = [e for e in elections if code is None or e.code == code]
        made[code] = Detector(elections=chosen, model=model)
    return made[code]


def elections_changed(**_: Any) -> None:
    """Make every process reload the elections (now, and once the change commits)."""

    def renew() -> None:
        try:
            shared_cache.set(STAMP_KEY, uuid.uuid4().hex, timeout=None)
        except Exception:  # an import must not fail because the cache is down (see _stamp)
            log.warning(
                "shared cache unreachable: the elections change is seen within %s s",
                RELOAD_UNSHARED,
            )

    renew()
    transaction.on_commit(renew)


def connect() -> None:
    for model in (Election, Contestant, Party, ElectionParty):
        post_save.connect(elections_changed, sender=model, dispatch_uid=f"detect-{model.__name__}")
        post_delete.connect(
            elections_changed, sender=model, dispatch_uid=f"detect-del-{model.__name__}"
        )
    m2m_changed.connect(
        elections_changed,
        sender=Contestant.parties.through,
        dispatch_uid="detect-contestant-parties",
    )
