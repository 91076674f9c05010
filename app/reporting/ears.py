"""Aberration detection for daily counts with the CDC's Early Aberration Reporting System (EARS)
C1, C2 and C3 methods.

Source: Hutwagner L, Thompson W, Seeman GM, Treadwell T. "The bioterrorism preparedness and
response Early Aberration Reporting System (EARS)". J Urban Health 2003;80(2 Suppl 1):i89-96;
and Fricker RD et al., "Comparing syndromic surveillance detection methods: EARS' versus a
CUSUM-based methodology", Stat Med 2008;27:3407-29.

For day t with count Y_t:

    C1_t = (Y_t - mean(Y_{t-7..t-1})) / sd(Y_{t-7..t-1})       seven-day baseline, no lag
    C2_t = (Y_t - mean(Y_{t-9..t-3})) / sd(Y_{t-9..t-3})       seven-day baseline, two-day guard band
    C3_t = sum over i = 0, 1, 2 of max(0, C2_{t-i} - 1)

sd is the sample standard deviation (divisor n - 1), floored at ``min_sd`` (default 0.5) so a flat
baseline does not divide by zero. An alarm is raised when C1 > 3, C2 > 3 or C3 > 2 (strictly
greater). A day without the full baseline has no value (None) for that method: C1 from the 8th
day of the series, C2 from the 10th, C3 from the 12th.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import ValidationError

C1_C2_THRESHOLD = 3.0
C3_THRESHOLD = 2.0
DEFAULT_MIN_SD = 0.5


@dataclass(frozen=True)
class EarsDay:
    day: date
    count: int
    c1: float | None
    c2: float | None
    c3: float | None

    @property
    def c1_alarm(self) -> bool:
        return self.c1 is not None and self.c1 > C1_C2_THRESHOLD

    @property
    def c2_alarm(self) -> bool:
        return self.c2 is not None and self.c2 > C1_C2_THRESHOLD

    @property
    def c3_alarm(self) -> bool:
        return self.c3 is not None and self.c3 > C3_THRESHOLD

    @property
    def alarm(self) -> bool:
        return self.c1_alarm or self.c2_alarm or self.c3_alarm

    def as_json(self) -> dict[str, object]:
        return {"date": self.day.isoformat(), "count": self.count, "c1": self.c1, "c2": self.c2, "c3": self.c3,
                "c1_alarm": self.c1_alarm, "c2_alarm": self.c2_alarm, "c3_alarm": self.c3_alarm}


def _score(value: int, baseline: Sequence[int], min_sd: float) -> float:
    sd = max(statistics.stdev(baseline), min_sd)
    return (value - statistics.fmean(baseline)) / sd


def ears(days: Sequence[date], counts: Sequence[int], min_sd: float = DEFAULT_MIN_SD) -> list[EarsDay]:
    """C1, C2, C3 for every day of a gap-free daily series."""
    if len(days) != len(counts):
        raise ValueError("days and counts differ in length")
    if min_sd <= 0:
        raise ValidationError("min_sd", field="min_sd")
    c1: list[float | None] = []
    c2: list[float | None] = []
    for t, y in enumerate(counts):
        c1.append(_score(y, counts[t - 7:t], min_sd) if t >= 7 else None)
        c2.append(_score(y, counts[t - 9:t - 2], min_sd) if t >= 9 else None)
    result = []
    for t, (d, y) in enumerate(zip(days, counts)):
        window = c2[t - 2:t + 1] if t >= 2 else []
        known = [v for v in window if v is not None]
        c3 = sum(max(0.0, v - 1.0) for v in known) if len(known) == 3 else None
        result.append(EarsDay(d, y, c1[t], c2[t], c3))
    return result


def read_series(data: bytes) -> tuple[list[date], list[int]]:
    """A ``date,count`` CSV, one row per day, no gaps (UTF-8, with or without BOM)."""
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    except UnicodeDecodeError as exc:
        raise ValidationError("file_encoding", field="file") from exc
    if not reader.fieldnames or not {"date", "count"} <= set(reader.fieldnames):
        raise ValidationError("csv_header", field="file", missing=["date", "count"])
    days: list[date] = []
    counts: list[int] = []
    for line, row in enumerate(reader, start=2):
        try:
            d = date.fromisoformat((row["date"] or "").strip())
            n = int((row["count"] or "").strip())
        except ValueError as exc:
            raise ValidationError("series_row", field="file", row=line) from exc
        if n < 0:
            raise ValidationError("series_row", field="file", row=line)
        if days and d != days[-1] + timedelta(days=1):
            raise ValidationError("series_gap", field="file", row=line)
        days.append(d)
        counts.append(n)
    return days, counts
