"""Which staff pages a user may open, asked of the rules that guard them.

A link or button is shown only to those whose request would not answer 404 or 403. The rule
itself lives once, in the app's `policies.py` (or netral.access), and the view that guards the
page calls the same function: this table only names, for each page (its URL name), the function
to ask. Templates ask through the `may` tag (netral/web/templatetags/abilities.py).
"""

from __future__ import annotations

from collections.abc import Callable

from netral import access
from netral.access import AnyUser
from netral.audit.policies import reads_trail
from netral.cases.policies import may_enter_findings
from netral.monitoring.policies import may_open_queue, may_triage
from netral.registry.policies import may_import

ABILITIES: dict[str, Callable[[AnyUser], bool]] = {
    "web:audit-log": reads_trail,
    "cases:finding-new": may_enter_findings,
    "intake:staff-list": access.handles_reports,
    "monitoring:queue": may_open_queue,
    "monitoring:accounts": may_open_queue,
    "monitoring:capture": may_triage,
    "registry:import": may_import,
}


def may(user: AnyUser, page: str) -> bool:
    """Whether `user` may open the staff page named `page` (a URL name in ABILITIES)."""
    try:
        rule = ABILITIES[page]
    except KeyError:
        raise ValueError(f"no rule names who may open {page!r}: add it to ABILITIES") from None
    return bool(access.is_staff_member(user) and rule(user))
