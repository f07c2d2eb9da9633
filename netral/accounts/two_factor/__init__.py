"""The second factor at login: a TOTP app, and one-time backup codes for when the phone is lost.

Who must use it is one rule in the access layer (`netral.access.requires_two_factor`: whoever
administers or opens what is sealed); anyone else may turn it on. The devices are django-otp's
(TOTP and static tokens); what Netral adds:

- `services`: enrol, verify, show new backup codes, turn off; each audited. Backup codes are
  kept as keyed digests, never in clear, and shown once.
- `throttle`: failed codes counted per user, apart from passwords (django-axes never sees them).
- `middleware`: a logged-in session that owes its second factor reaches nothing but the code
  page (or, for a required role without a device, the enrolment page), /admin/ included.

A verified session holds the user's `two_factor_stamp` under `SESSION_KEY`: a page costs no
query to check it, and a new stamp (the factor turned off or reset) ends every such session.
"""

from __future__ import annotations

SESSION_KEY = "netral_2fa"
