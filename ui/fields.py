"""Input fields for the triage desk: a keyboard-first date field, the temperature field, debouncing.

Dates are typed, not picked: "2026-03-05", "3-5", or a number of days ago ("0" today, "3"),
which is what a nurse hears ("three days ago"). An empty field means "not given".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QObject, QRegularExpression, QTime, QTimer
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QDateTimeEdit, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.triage.rules import MAX_TEMPERATURE_C, MIN_TEMPERATURE_C, TriageRules
from ui.widgets import palette

translate = QCoreApplication.translate
READ_STYLE = f"font-size: 13pt; color: {palette.INFO};"
WARNING_STYLE = f"font-size: 13pt; font-weight: bold; color: {palette.WARNING};"
REFUSED_STYLE = f"font-size: 13pt; font-weight: bold; color: {palette.DANGER};"

_FULL = re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$")
_SHORT = re.compile(r"^(\d{1,2})[-./月](\d{1,2})日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(text: str, today: date, field: str) -> date | None:
    """``""`` → None; ISO, month-day (this year, or last year if that would be in the future),
    8 digits, or N days ago. Raises ValidationError('date_format', field=field)."""
    raw = "".join(text.split())
    if not raw:
        return None
    try:
        if raw.isdigit() and len(raw) <= 3:
            return today - timedelta(days=int(raw))
        m = _FULL.match(raw) or _COMPACT.match(raw)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _SHORT.match(raw)
        if m:
            day = date(today.year, int(m[1]), int(m[2]))
            return day if day <= today else date(today.year - 1, int(m[1]), int(m[2]))
    except ValueError:
        pass
    raise ValidationError("date_format", field=field)


class DateField(QLineEdit):
    """A date typed as text; shown back as YYYY-MM-DD when the field loses focus."""

    def __init__(self, today: Callable[[], date], field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._field = field
        self.setMaxLength(12)
        self.setClearButtonEnabled(True)

    def value(self) -> date | None:
        """The date, or None when empty; raises ValidationError when it cannot be read."""
        return parse_date(self.text(), self._today(), self._field)

    def set_value(self, day: date | None) -> None:
        self.setText(day.isoformat() if day else "")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        try:
            day = self.value()
        except ValidationError:
            day = None
        else:
            if day is not None:
                self.set_value(day)
        super().focusOutEvent(event)


class TemperatureEdit(QLineEdit):
    """°C with one decimal; "365" is read as 36.5 (thermometer style, no dot needed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,3}([.,]\d?)?$"), self))
        self.setMaxLength(5)

    def value(self) -> float | None:
        text = self.text().strip().replace(",", ".")
        if not text or text == ".":
            return None
        if "." not in text and len(text) == 3:
            text = text[:2] + "." + text[2]
        return round(float(text), 1)


class TemperatureHint(QLabel):
    """What the temperature field has read, while the nurse types: "386" → "38.6 °C" (``TemperatureEdit.value``,
    the reading that is saved). A value the service refuses (outside ``MIN_TEMPERATURE_C``–``MAX_TEMPERATURE_C``)
    or warns about (the clinic's ``implausible_below_c``/``implausible_above_c``) says so at once, in words.
    Nothing is shown before two digits: "3" is the start of a reading, not 3 °C."""

    def __init__(self, edit: TemperatureEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.rules = TriageRules()
        self.setWordWrap(True)
        edit.textChanged.connect(self.refresh)
        self.refresh()

    def set_rules(self, rules: TriageRules) -> None:
        self.rules = rules
        self.refresh()

    def retranslate(self) -> None:
        """A warning shown when the desk switches language reads in the new one (ui/i18n.retranslate_widgets)."""
        self.refresh()

    def refresh(self) -> None:
        text, style = self._reading()
        self.setText(text)
        self.setStyleSheet(style)

    def _reading(self) -> tuple[str, str]:
        if sum(ch.isdigit() for ch in self.edit.text()) < 2:
            return "", ""
        value = self.edit.value()
        if value is None:
            return "", ""
        shown = f"{value:.1f} °C"
        if not MIN_TEMPERATURE_C <= value <= MAX_TEMPERATURE_C:
            return translate("TemperatureHint", "{value}: not a body temperature (possible: {low}–{high} °C). "
                             "Check the thermometer and measure again.").format(
                value=shown, low=f"{MIN_TEMPERATURE_C:.0f}", high=f"{MAX_TEMPERATURE_C:.0f}"), REFUSED_STYLE
        if value < self.rules.implausible_below_c:
            return translate("TemperatureHint", "{value}: unusually low, measure again").format(value=shown), \
                WARNING_STYLE
        if value > self.rules.implausible_above_c:
            return translate("TemperatureHint", "{value}: unusually high, measure again").format(value=shown), \
                WARNING_STYLE
        return shown, READ_STYLE


def debouncer(parent: QObject, msecs: int, slot: Callable[[], None]) -> QTimer:
    """A single-shot timer restarted by each call to ``start()``: ``slot`` runs once typing pauses."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(slot)
    return timer


class TimeField(QDateTimeEdit):
    """A moment in the clinic's time zone, typed to the minute ("2026-03-10 14:05").

    ``set_value`` remembers the exact moment (with seconds): while the minute shown is unchanged,
    ``value`` returns it, so "now" stays exactly now and is never earlier than a step a few
    seconds before it. Values are aware datetimes in the clinic's zone.
    """

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._exact: datetime | None = None
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setCalendarPopup(True)
        self.setCurrentSection(QDateTimeEdit.Section.HourSection)

    def set_value(self, at: datetime) -> None:
        local = at.astimezone(self._zone)
        self._exact = local
        self.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                   QTime(local.hour, local.minute, 0)))

    def value(self) -> datetime:
        qd, qt = self.date(), self.time()
        shown = datetime(qd.year(), qd.month(), qd.day(), qt.hour(), qt.minute(), tzinfo=self._zone)
        if self._exact is not None and self._exact.replace(second=0, microsecond=0) == shown:
            return self._exact
        return shown
