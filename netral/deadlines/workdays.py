"""The Indonesian working-day calendar.

A working day is Monday to Friday that is neither a national holiday (from the `holidays`
package, which follows the yearly decree and includes election days such as 14 Feb 2024) nor a
cuti bersama day (joint leave: data in `CutiBersama`, editable, with shipped defaults).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from netral.deadlines.models import CutiBersama

_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@lru_cache(maxsize=32)
def _national(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("ID", years=[year], language="id").items())


def weekday_name(day: date) -> str:
    return _WEEKDAY_NAMES[day.weekday()]


class WorkingCalendar:
    """Answers "is this a working day, and if not, why" for a span of dates, reading the cuti
    bersama table once for the whole span."""

    def __init__(self, start: date, end: date) -> None:
        self.cuti = dict(
            CutiBersama.objects.filter(date__range=(start, end)).values_list("date", "name")
        )

    def closed_reason(self, day: date) -> str | None:
        """Why `day` is not a working day, or None when it is one."""
        national = _national(day.year).get(day)
        if national:
            return f"libur nasional: {national}"
        if day in self.cuti:
            return f"cuti bersama: {self.cuti[day]}"
        if day.weekday() >= 5:
            return f"akhir pekan ({weekday_name(day)})"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.closed_reason(day) is None


def add_working_days(start: date, amount: int) -> tuple[date, list[tuple[date, str]]]:
    """The `amount`-th working day after `start`, and every day skipped on the way (why)."""
    # Even the longest Idul Fitri break leaves a working week within three calendar weeks.
    calendar = WorkingCalendar(start, start + timedelta(days=amount * 3 + 30))
    day, counted, skipped = start, 0, []
    while counted < amount:
        day += timedelta(days=1)
        reason = calendar.closed_reason(day)
        if reason is None:
            counted += 1
        else:
            skipped.append((day, reason))
    return day, skipped


def is_working_day(day: date) -> bool:
    return WorkingCalendar(day, day).is_working_day(day)
