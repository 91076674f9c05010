"""Durations as people say them (issue 15): "超时 85 小时", "超时 40 分钟", "还剩 12 分钟", "还剩 2 小时 5 分".

Under an hour in minutes; under ten hours in hours and minutes; beyond that in whole hours, since nobody
counts the minutes of a result 85 hours late."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def amount_text(minutes: int) -> str:
    minutes = max(0, int(minutes))
    if minutes < 60:
        return translate("Durations", "{minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    if hours >= 10 or rest == 0:
        return translate("Durations", "{hours} h").format(hours=hours)
    return translate("Durations", "{hours} h {minutes} min").format(hours=hours, minutes=rest)


def duration_text(minutes: int, overdue: bool) -> str:
    """``minutes`` past the deadline (``overdue``) or still left before it, in words."""
    if overdue:
        return translate("Durations", "Overdue by {time}").format(time=amount_text(minutes))
    return translate("Durations", "{time} left").format(time=amount_text(minutes))


def seconds_text(seconds: float) -> str:
    """A deadline ``seconds`` away (negative: past it), in words."""
    overdue = seconds < 0
    minutes = int(abs(seconds) // 60) if overdue else int(seconds // 60)
    return duration_text(max(1, minutes) if overdue else minutes, overdue)


def taken_text(minutes: int) -> str:
    """How long a finished step took."""
    return translate("Durations", "took {time}").format(time=amount_text(minutes))
