"""Small formatting helpers shared by the printed documents."""

from __future__ import annotations

from datetime import date, datetime, timezone
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

DATETIME_FORMAT = "%Y-%m-%d %H:%M"
SECONDS_FORMAT = "%Y-%m-%d %H:%M:%S"  # the audit trail's precision: who acted first matters
DATE_FORMAT = "%Y-%m-%d"
EMPTY = "—"  # printed for a field with no value, so a blank is never mistaken for a forgotten field


def local_time(moment: datetime | None, tz: str | ZoneInfo, fmt: str = DATETIME_FORMAT) -> str:
    """``YYYY-MM-DD HH:MM`` in the clinic's zone. Naive datetimes are taken as UTC (the app's convention)."""
    if moment is None:
        return EMPTY
    return _in_zone(moment, tz).strftime(fmt)


def local_date(moment: datetime, tz: str | ZoneInfo) -> date:
    """The calendar day of ``moment`` at the clinic (ages are counted on it)."""
    return _in_zone(moment, tz).date()


def _in_zone(moment: datetime, tz: str | ZoneInfo) -> datetime:
    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone)


def fmt_date(day: date | None) -> str:
    return day.strftime(DATE_FORMAT) if day else EMPTY


def markup(text: str | None) -> str:
    """Escape user text for Paragraph markup (a ``<`` or ``&`` in an address must not break the form)."""
    if text is None or not str(text).strip():
        return EMPTY
    return escape(str(text).strip()).replace("\n", "<br/>")
