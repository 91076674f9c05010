"""Table models of the transfers: the open transfers on the board (with their three clocks), the
history, and on the settings page the hospitals patients go to and the clinics trusted. A clock cell
shows the minutes taken so far against the target and turns amber when due soon and red when past its
target; the board's 1 s tick moves ``now``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.casework.records import ClockRecord
from app.casework.vocab import ClockState
from app.severity.news2 import HIGH_FROM, MEDIUM_FROM
from app.transfer.records import HospitalRecord, TransferRecord, TrustedClinicInfo
from app.transfer.vocab import TransferClock
from ui.durations import duration_text, taken_text
from ui.labels import condition_name, hospital_kind_name, transfer_state_name, yes_no
from ui.pages.case_models import clock_colours
from ui.widgets import palette
from ui.widgets.table import RecordModel, bold, local

CLOCK_KINDS = (TransferClock.REQUEST.value, TransferClock.DEPARTURE.value, TransferClock.HANDOVER.value)


def transfer_clock(t: TransferRecord, kind: str) -> ClockRecord | None:
    """The transfer's clock of ``kind`` (the request clock belongs to the case, the others to the transfer)."""
    found = [c for c in t.clocks if c.kind == kind and (kind == TransferClock.REQUEST or c.ref_id in (None, t.id))]
    return found[-1] if found else None


def clock_minutes(c: ClockRecord, now: datetime | None) -> int:
    end = c.met_at or now or c.started_at
    return max(0, int((end - c.started_at).total_seconds() // 60))


def state_colours(code: str, role: int) -> Any:
    fg, bg = palette.TRANSFER_STATE_COLORS.get(code, palette.UNKNOWN_STATE)
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(QColor(bg))
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(fg))
    if role == Qt.ItemDataRole.FontRole:
        return bold()
    return None


def news2_cell(r: TransferRecord) -> str:
    """The NEWS2 the request carried (the case's latest set then): "5", "≥ 5" when readings were missing, "—"
    with no set."""
    v = r.vital_signs
    if v is None:
        return "—"
    return str(v.news2) if v.news2_complete else f"≥ {v.news2}"


class TransferBoardModel(RecordModel[TransferRecord]):
    """The open transfers as the service orders them: the highest NEWS2 first, then by request time."""

    VISIT, PATIENT, NEWS2, STATE, DESTINATION, CLOCK_REQUEST, CLOCK_DEPART, CLOCK_HANDOVER = range(8)
    CLOCK_COLUMNS = {CLOCK_REQUEST: CLOCK_KINDS[0], CLOCK_DEPART: CLOCK_KINDS[1], CLOCK_HANDOVER: CLOCK_KINDS[2]}

    def key(self, r: TransferRecord) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Visit no."), self.tr("Patient"), self.tr("NEWS2"), self.tr("State"), self.tr("Destination"),
                self.tr("→ Request"), self.tr("→ Departure"), self.tr("→ Handover")]

    def row_of(self, transfer_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == transfer_id), -1)

    def clock_state(self, r: TransferRecord, column: int) -> ClockState | None:
        c = transfer_clock(r, self.CLOCK_COLUMNS[column])
        if c is None or self.now is None:
            return None
        if c.met_at is not None:
            return ClockState.OVERDUE if c.missed else ClockState.OK
        return c.state(self.now)

    def late(self, r: TransferRecord) -> bool:
        return any(self.clock_state(r, col) == ClockState.OVERDUE for col in self.CLOCK_COLUMNS)

    def display(self, r: TransferRecord, column: int) -> str:
        if column == self.VISIT:
            return r.visit_no
        if column == self.PATIENT:
            return r.patient_name
        if column == self.NEWS2:
            return news2_cell(r)
        if column == self.STATE:
            return transfer_state_name(r.state)
        if column == self.DESTINATION:
            return r.hospital_name
        c = transfer_clock(r, self.CLOCK_COLUMNS[column])
        if c is None:
            return "—"
        target = round((c.due_at - c.started_at).total_seconds() / 60)
        minutes = clock_minutes(c, self.now)
        if c.met_at is not None:  # done: how long it took ("用时 12 分钟"), a missed target marked
            return taken_text(minutes) if not c.missed else "⚠ " + taken_text(minutes)
        state = self.clock_state(r, column)
        text = duration_text(abs(target - minutes), minutes > target)  # "超时 85 小时" / "还剩 12 分钟"
        return ("⚠ " if state in (ClockState.OVERDUE, ClockState.WARNING) else "") + text

    def style(self, r: TransferRecord, column: int, role: int) -> Any:
        if column == self.STATE:
            return state_colours(r.state, role)
        if column in self.CLOCK_COLUMNS:
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            state = self.clock_state(r, column)
            c = transfer_clock(r, self.CLOCK_COLUMNS[column])
            if state is None or c is None:
                return None
            if c.met_at is not None and not c.missed:
                return QBrush(QColor(palette.OK)) if role == Qt.ItemDataRole.ForegroundRole else None
            return clock_colours(state, role)
        if column == self.NEWS2 and r.vital_signs is not None:
            return news2_style(r.vital_signs.news2, role)
        if role == Qt.ItemDataRole.FontRole and column == self.VISIT:
            return bold()
        return None


def news2_style(news2: int, role: int) -> Any:
    """Centred and bold; amber from 5 (an urgent response), red from 7 (continuous monitoring)."""
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignCenter)
    if role == Qt.ItemDataRole.FontRole:
        return bold()
    state = ClockState.OVERDUE if news2 >= HIGH_FROM else ClockState.WARNING if news2 >= MEDIUM_FROM else None
    return clock_colours(state, role) if state is not None else None


class TransferHistoryModel(RecordModel[TransferRecord]):
    VISIT, PATIENT, STATE, REQUESTED, DESTINATION, CONDITION, VEHICLE, DEPARTED, HANDED_OVER, CLOSED = range(10)

    def key(self, r: TransferRecord) -> object:
        return (r.id, r.version)

    def headers(self) -> list[str]:
        return [self.tr("Visit no."), self.tr("Patient"), self.tr("State"), self.tr("Requested at"),
                self.tr("Destination"), self.tr("Condition"), self.tr("Vehicle"), self.tr("Departed at"),
                self.tr("Handed over at"), self.tr("Closed at")]

    def display(self, r: TransferRecord, column: int) -> str:
        return [r.visit_no, r.patient_name, transfer_state_name(r.state), local(r.requested_at, self.zone),
                r.hospital_name, condition_name(r.condition), r.vehicle_plate or "", local(r.departed_at, self.zone),
                local(r.handed_over_at, self.zone), local(r.closed_at, self.zone)][column]

    def style(self, r: TransferRecord, column: int, role: int) -> Any:
        if column == self.STATE:
            return state_colours(r.state, role)
        if role == Qt.ItemDataRole.FontRole and column == self.VISIT:
            return bold()
        return None


class HospitalModel(RecordModel[HospitalRecord]):
    """The designated and backup hospitals (settings page); one not accepting patients says so in dark red."""

    NAME, KIND, ACCEPTING, ADDRESS, PHONE = range(5)

    def key(self, r: HospitalRecord) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Kind"), self.tr("Accepting"), self.tr("Address"), self.tr("Phone")]

    def display(self, r: HospitalRecord, column: int) -> str:
        return [r.name, hospital_kind_name(r.kind), yes_no(r.accepting), r.address, r.phone][column]

    def style(self, r: HospitalRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACCEPTING and not r.accepting:
            return QBrush(Qt.GlobalColor.darkRed)
        return None

    def row_of(self, hospital_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == hospital_id), -1)


class TrustedClinicModel(RecordModel[TrustedClinicInfo]):
    """The clinics whose signed QR codes this site accepts (settings page); added in clinic time, with the year:
    a trust lasts for years."""

    CODE, NAME, KEY_ID, ADDED = range(4)

    def key(self, r: TrustedClinicInfo) -> object:
        return (r.code, r.key_id, r.name)

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Clinic"), self.tr("Key id"), self.tr("Added")]

    def display(self, r: TrustedClinicInfo, column: int) -> str:
        return [r.code, r.name, r.key_id, local(r.added_at, self.zone, "%Y-%m-%d %H:%M")][column]

    def style(self, r: TrustedClinicInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == self.CODE:
            return bold()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.KEY_ID:
            return r.public_key
        return None

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.code == code), -1)
