"""Table model over hand-off records: the open ones (running minutes, overdue rows red) or today's arrivals."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.privacy import mask_name
from app.triage.records import HandoffRecord
from ui.widgets import palette

Index = QModelIndex | QPersistentModelIndex
OVERDUE_BG = QColor(palette.OVERDUE_ROW_BG)
OVERDUE_FG = QColor(palette.OVERDUE)


class HandoffTableModel(QAbstractTableModel):
    VISIT, PATIENT, ESCORT, SENT, MINUTES, FROM = range(6)
    COLUMNS = 6

    def __init__(self, zone: ZoneInfo, *, arrived: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._arrived = arrived
        self._rows: list[HandoffRecord] = []
        self._now: datetime | None = None

    def set_rows(self, rows: list[HandoffRecord], now: datetime) -> None:
        same = [r.id for r in rows] == [r.id for r in self._rows]
        self._now = now
        if same:  # keep the selection: only the running minutes change
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record_at(self, row: int) -> HandoffRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, visit_no: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.visit_no == visit_no), -1)

    def visit_numbers(self) -> list[str]:
        return [r.visit_no for r in self._rows]

    def is_overdue(self, record: HandoffRecord) -> bool:
        return not self._arrived and self._now is not None and record.due_at <= self._now

    def minutes(self, record: HandoffRecord) -> int:
        end = record.received_at if self._arrived and record.received_at else self._now
        if end is None:
            return 0
        return max(0, int((end - record.sent_at).total_seconds() // 60))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if self._arrived:
            names = [self.tr("Visit no."), self.tr("Patient"), self.tr("Escort"), self.tr("Arrived at"),
                     self.tr("Minutes taken"), self.tr("Received by")]
        else:
            names = [self.tr("Visit no."), self.tr("Patient"), self.tr("Escort"), self.tr("Sent at"),
                     self.tr("Minutes on the way"), self.tr("Sent from")]
        return names[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.record_at(index.row()) if index.isValid() else None
        if r is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.UserRole:
            return r
        overdue = self.is_overdue(r)
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(OVERDUE_FG)
        if role == Qt.ItemDataRole.FontRole and (overdue or column == self.VISIT):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.MINUTES:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and overdue:
            return self.tr("Overdue: expected by {time}").format(time=self._time(r.due_at))
        return None

    def _time(self, at: datetime | None) -> str:
        return at.astimezone(self._zone).strftime("%H:%M") if at else ""

    def _display(self, r: HandoffRecord, column: int) -> str:
        if column == self.VISIT:
            return r.visit_no
        if column == self.PATIENT:
            return mask_name(r.patient_name)
        if column == self.ESCORT:
            return r.escort
        if column == self.SENT:
            return self._time(r.received_at if self._arrived else r.sent_at)
        if column == self.MINUTES:
            minutes = self.minutes(r)
            if self.is_overdue(r):
                return self.tr("{minutes} min — OVERDUE").format(minutes=minutes)
            return self.tr("{minutes} min").format(minutes=minutes)
        if self._arrived:
            return r.received_by_name or r.received_by or ""
        return r.sent_workstation
