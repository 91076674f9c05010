"""Lazy table model over the screening/registration list: keyset pages of 200, newest first.

``canFetchMore``/``fetchMore`` ask ``lists.page(before_id=<last id shown>)`` through the runner, so a
list of 100 000 screenings opens as fast as one of ten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.triage.lists import ListRow
from app.vocabulary.severity import LEVEL, LEVEL_SHORT
from ui.labels import decision_name, handoff_state_name, say, source_name, symptom_names
from ui.ops import Runner
from ui.widgets import palette

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


class VisitListModel(QAbstractTableModel):
    TIME, VISIT, NAME, PHONE, TEMP, SYMPTOMS, DECISION, LEVEL, HANDOFF, NURSE, SOURCE = range(11)
    COLUMNS = 11
    failed = Signal(object)

    def __init__(self, runner: Runner, count: Callable[[], int], page: Callable[[int | None, int], list[ListRow]],
                 zone: ZoneInfo, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._runner = runner
        self._count = count
        self._page = page
        self._zone = zone
        self.page_size = page_size
        self._rows: list[ListRow] = []
        self._total = 0
        self._fetching = False
        self._generation = 0

    @property
    def total(self) -> int:
        return self._total

    def set_source(self, count: Callable[[], int], page: Callable[[int | None, int], list[ListRow]]) -> None:
        """New filter: the next reload reads with it."""
        self._count, self._page = count, page

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self._fetching = True
        count, page, size = self._count, self._page, self.page_size
        self._runner.run(lambda: (count(), page(None, size)), lambda r: self._reloaded(generation, r),
                         self._failed, parent=self)

    def _reloaded(self, generation: int, result: tuple[int, list[ListRow]]) -> None:
        if generation != self._generation:
            return  # an older filter's answer
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
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._fetching = True
        generation, page, size, before = self._generation, self._page, self.page_size, self._rows[-1].screening_id
        self._runner.run(lambda: page(before, size), lambda rows: self._appended(generation, before, rows),
                         self._failed, parent=self)

    def _appended(self, generation: int, before: int, rows: list[ListRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if not self._rows or self._rows[-1].screening_id != before:
            return
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_at(self, row: int) -> ListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
        return [self.tr("Time"), self.tr("Visit no."), self.tr("Name"), self.tr("Phone"), self.tr("°C"),
                self.tr("Symptoms"), self.tr("Decision"), self.tr("Level"), self.tr("Hand-off"), self.tr("Nurse"),
                self.tr("Source")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_at(index.row()) if index.isValid() else None
        if r is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.LEVEL and r.severity_level is not None:
            return f"{say(LEVEL[str(r.severity_level)])} · NEWS2 {r.news2}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(r, column)
        if role == Qt.ItemDataRole.UserRole:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DECISION:
            return QBrush(QColor(palette.DECISION_COLORS.get(r.decision, palette.TEXT)))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.LEVEL and r.severity_level is not None:
            return QBrush(QColor(palette.TRIAGE_LEVEL_COLORS.get(r.severity_level, palette.TEXT)))
        if role == Qt.ItemDataRole.BackgroundRole and column == self.LEVEL and r.urgent:
            return QBrush(QColor(palette.TRIAGE_LEVEL_BACKGROUNDS.get(r.severity_level or 1, palette.DANGER_BG)))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TEMP:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: ListRow, column: int) -> str:
        if column == self.TIME:
            return r.screened_at.astimezone(self._zone).strftime("%m-%d %H:%M")
        if column == self.VISIT:
            return r.visit_no or ""
        if column == self.NAME:
            return r.patient_name or ""
        if column == self.PHONE:
            return r.phone or ""
        if column == self.TEMP:
            return f"{r.temperature_c:.1f}"
        if column == self.SYMPTOMS:
            return symptom_names(r.symptoms)
        if column == self.DECISION:
            return decision_name(r.decision)
        if column == self.LEVEL:  # "Ⅳ级 非急症"; "Ⅱ级 · 立即" for a patient sent to a doctor at once
            if r.severity_level is None:
                return ""
            if r.urgent:
                return self.tr("{level} · at once").format(level=say(LEVEL_SHORT[str(r.severity_level)]))
            return say(LEVEL[str(r.severity_level)])
        if column == self.HANDOFF:
            return handoff_state_name(r.handoff_state)
        if column == self.NURSE:
            return r.nurse
        return source_name(r.source)
