"""Daily fever-clinic registrations as a gap-free series, and the C1 alarm line drawn over it.

EARS needs one value per day, including the quiet days with no row at all, so the series is
zero-filled here rather than by every caller. Counts only: nothing here touches a patient.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import func, select

from app.db.engine import Database
from app.reporting.ears import C1_C2_THRESHOLD, DEFAULT_MIN_SD
from app.triage.tables import Visit

C1_BASELINE = 7  #: days before t that C1 compares against (see app.reporting.ears)
EARS_LEAD = 11  #: extra days before a chart's first day so every shown day has C1, C2 and C3


def fever_clinic_series(db: Database, end: date, days: int = 28) -> list[tuple[date, int]]:
    """Registrations (``Visit.clinic_day``) per clinic day for the ``days`` days ending on ``end``.

    One grouped query; a day without visits is 0, so the result always has ``days`` entries.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    start = end - timedelta(days=days - 1)
    with db.read() as s:
        rows = s.execute(select(Visit.clinic_day, func.count())
                         .where(Visit.clinic_day >= start, Visit.clinic_day <= end)
                         .group_by(Visit.clinic_day)).all()
    per_day = {day: int(n) for day, n in rows}
    return [(d, per_day.get(d, 0)) for d in (start + timedelta(days=i) for i in range(days))]


def c1_limits(counts: Sequence[int], min_sd: float = DEFAULT_MIN_SD) -> list[float | None]:
    """For each day, the count at which C1 reaches its threshold (mean + 3·sd of the 7 days before,
    sd floored like ``ears()``); a count above it raises the C1 alarm. None without a full baseline.

    ``ears()`` returns scores, not the line a reader can hold a bar against, hence this inverse.
    """
    limits: list[float | None] = []
    for t in range(len(counts)):
        if t < C1_BASELINE:
            limits.append(None)
            continue
        baseline = counts[t - C1_BASELINE:t]
        sd = max(statistics.stdev(baseline), min_sd)
        limits.append(statistics.fmean(baseline) + C1_C2_THRESHOLD * sd)
    return limits
