"""Where a large file import's reading process starts (see `pipeline`).

A new process imports its target's module before anything else, and Django's models cannot
be imported before `django.setup()`: so this module imports nothing of Django's, and the plan
comes pickled, to be read once Django is set up.
"""

from __future__ import annotations

import pickle
from typing import Any


def run(plan: bytes, to_main: Any, to_reader: Any) -> None:
    import django

    django.setup()
    from netral.monitoring.pipeline import read

    read(pickle.loads(plan), to_main, to_reader)  # noqa: S301 (pickled by the importing process itself)
