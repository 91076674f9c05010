"""Lazy table model over the responsibility trail: pages of 200, newest first, fetched on scroll.

The trail grows for years; loading it whole would stall the window. The view asks
``canFetchMore``/``fetchMore`` as the user scrolls, and each page comes through the runner.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from app.audit import AuditEntry
from ui.labels import action_name, entity_name, outcome_name, role_names
from ui.ops import Runner

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


def summary_text(raw: str) -> str:
    """The JSON summary as short ``key: value`` text (the tooltip keeps the full JSON)."""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(data, dict):
        return raw
    return "; ".join(f"{k}: {v if not isinstance(v, (dict, list)) else json.dumps(v, ensure_ascii=False)}"
                     for k, v in data.items())


class AuditTableModel(QAbstractTableModel):
    SEQ, TIME, USER, ROLES, WORKSTATION, ACTION, ENTITY, OUTCOME, SUMMARY = range(9)
    COLUMNS = 9
    failed = Signal(object)

    def __init__(self, runner: Runner, count: Callable[[], int], page: Callable[[int, int], list[AuditEntry]],
                 zone: ZoneInfo, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._runner = runner
        self._count = count
        self._page = page
        self._zone = zone
        self.page_size = page_size
        self._rows: list[AuditEntry] = []
        self._total = 0
        self._fetching = False

    @property
    def total(self) -> int:
        return self._total

    def reload(self) -> None:
        """Start again from the newest entry (the count is re-read too)."""
        self._fetching = True
        count, page, size = self._count, self._page, self.page_size
        self._runner.run(lambda: (count(), page(0, size)), self._reloaded, self._failed, parent=self)

    def _reloaded(self, result: tuple[int, list[AuditEntry]]) -> None:
        self.beginResetModel()
        self._total, self._rows = result[0], list(result[1])
        self._fetching = False
        self.endResetModel()

    def _failed(self, exc: BaseException) -> None:
        self._fetching = False
        self.failed.emit(exc)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        page, offset, size = self._page, len(self._rows), self.page_size
        self._runner.run(lambda: page(offset, size), lambda rows: self._appended(offset, rows), self._failed,
                         parent=self)

    def _appended(self, offset: int, rows: list[AuditEntry]) -> None:
        self._fetching = False
        if offset != len(self._rows) or not rows:  # a reload happened meanwhile, or the end was reached
            if not rows:
                self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Roles"), self.tr("Workstation"),
                self.tr("Action"), self.tr("Record"), self.tr("Outcome"), self.tr("Details")][section]

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # cells are elided; the tooltip has it all
            return entry.summary if column == self.SUMMARY else self._display(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME and entry.outcome != "success":
            return Qt.GlobalColor.darkRed
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, e: AuditEntry, column: int) -> str:
        if column == self.SEQ:
            return str(e.seq)
        if column == self.TIME:
            return e.at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M:%S")
        if column == self.USER:
            return e.username
        if column == self.ROLES:
            return role_names(r for r in e.roles.split(",") if r)
        if column == self.WORKSTATION:
            return e.workstation
        if column == self.ACTION:
            return action_name(e.action)
        if column == self.ENTITY:
            return entity_name(e.entity) + (f" {e.entity_id}" if e.entity_id else "")
        if column == self.OUTCOME:
            return outcome_name(e.outcome)
        return summary_text(e.summary)
