from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from netral import access


def netral_context(request: HttpRequest) -> dict[str, Any]:
    return {"is_staff_member": access.is_staff_member(getattr(request, "user", None))}
