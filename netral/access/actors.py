"""Who acts in Netral: not only staff users.

A staff user logs in; an ASN acts through a personal link (5.6 million people get no
passwords); a public reporter holds only a receipt; a monitoring source pushes through the API
with its own token; the system's jobs (the sweep, loaders, checkpoints) act on their own. The
access layer and the audit trail name each of them with one of the types below, so nothing
has to pretend that every actor is a staff user with an institution.

Every actor has a `kind` (an `ActorKind`), a `ref` (a stable id within that kind: the user's
pk, the ASN's registry id, the job's name; empty for an anonymous reporter) and a `label`
(what a person reading the audit trail sees). Only a staff actor has a `user`.

`actor_of(x)` turns what callers already pass around (a request's user, None) into an actor,
so `log_action(request.user, ...)` and `log_action(None, ...)` keep working unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from netral.accounts.models import User

# The words the audit trail has always shown for actors without an account.
SYSTEM_LABEL = "sistem"
REPORTER_LABEL = "pelapor"


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staf")
    ASN = "asn", _("ASN")
    REPORTER = "reporter", _("Pelapor")
    API_SOURCE = "api_source", _("Sumber API")
    SYSTEM = "system", _("Sistem")


@dataclass(frozen=True)
class StaffActor:
    """A logged-in staff user (pages, or the API with the user's own token)."""

    user: User
    kind: ClassVar[ActorKind] = ActorKind.STAFF

    @property
    def ref(self) -> str:
        # The pk, not the username: a username can be changed in /admin/, the pk cannot.
        return str(self.user.pk)

    @property
    def label(self) -> str:
        return self.user.get_username()


@dataclass(frozen=True)
class AsnActor:
    """An ASN acting through a personal link (signing a pact, taking the quiz, reporting
    pressure). `registry_id` is the id of the ASN's record in the registry, not the NIP, so
    the audit trail does not spread a personal number."""

    registry_id: str
    name: str = ""
    kind: ClassVar[ActorKind] = ActorKind.ASN
    user: ClassVar[None] = None

    @property
    def ref(self) -> str:
        return self.registry_id

    @property
    def label(self) -> str:
        return self.name or f"ASN {self.registry_id}"


@dataclass(frozen=True)
class ReporterActor:
    """A public reporter. Deliberately carries nothing that identifies them: the identity is
    sealed, and the report the entry is about is already its object."""

    kind: ClassVar[ActorKind] = ActorKind.REPORTER
    user: ClassVar[None] = None

    @property
    def ref(self) -> str:
        return ""

    @property
    def label(self) -> str:
        return REPORTER_LABEL


@dataclass(frozen=True)
class ApiSourceActor:
    """A machine source calling the API with its own token (a monitoring feed, a partner
    system). `source` is the source's id; `token_prefix` the shown part of its token."""

    source: str
    token_prefix: str = ""
    kind: ClassVar[ActorKind] = ActorKind.API_SOURCE
    user: ClassVar[None] = None

    @property
    def ref(self) -> str:
        return self.source

    @property
    def label(self) -> str:
        return f"api:{self.source}"


@dataclass(frozen=True)
class SystemActor:
    """The system's own work: a scheduled job, a loader, a migration. `job` names it
    ("cases.sweep", "audit.checkpoint"); empty when the caller did not say."""

    job: str = ""
    kind: ClassVar[ActorKind] = ActorKind.SYSTEM
    user: ClassVar[None] = None

    @property
    def ref(self) -> str:
        return self.job

    @property
    def label(self) -> str:
        return SYSTEM_LABEL


Actor = StaffActor | AsnActor | ReporterActor | ApiSourceActor | SystemActor
ACTOR_TYPES = (StaffActor, AsnActor, ReporterActor, ApiSourceActor, SystemActor)

SYSTEM = SystemActor()
REPORTER = ReporterActor()


def actor_of(who: Actor | User | Any | None, *, label: str | None = None) -> Actor:
    """The actor behind `who`: an actor as it is, an authenticated user as a staff actor, and
    anyone else (None, an anonymous request) as the system, or as the public reporter when the
    caller labels them so (the way `log_action(None, ..., actor_label="pelapor")` always has)."""
    if isinstance(who, ACTOR_TYPES):
        return who
    if getattr(who, "is_authenticated", False):
        return StaffActor(cast("User", who))
    if label == REPORTER_LABEL:
        return REPORTER
    return SYSTEM
