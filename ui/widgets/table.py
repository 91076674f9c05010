"""The one read-only record table: a model over a list of records, and the view every page shows it in.

A model names its columns either by overriding ``headers()``/``display()``/``style()`` (the casework and
transfer boards, which colour cells by state) or by passing ``columns`` as (header, cell text) functions
(the ward tables); headers are functions so they translate at call time. Times show in the clinic's zone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
Column = tuple[Callable[[], str], Callable[[Any], str]]  # (header, cell text)
Colour = Callable[[Any], QColor | None]
DAY_TIME = "%m-%d %H:%M"
ROW_HEIGHT = 26


def local(at: datetime | None, zone: ZoneInfo, fmt: str = DAY_TIME) -> str:
    """``at`` as the clinic reads it (its own zone); nothing for no time."""
    return at.astimezone(zone).strftime(fmt) if at is not None else ""


def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class RecordModel(QAbstractTableModel, Generic[R]):
    """A read-only list of records; columns from ``columns`` or from a subclass's ``headers``/``display``."""

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None, *, columns: Sequence[Column] = (),
                 color: Colour | None = None, background: Colour | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.now: datetime | None = None
        self._rows: list[R] = []
        self._columns = list(columns)
        self._color = color
        self._background = background

    # subclasses may override
    def headers(self) -> list[str]:
        return [header() for header, _cell in self._columns]

    def display(self, r: R, column: int) -> str:
        return self._columns[column][1](r)

    def style(self, r: R, column: int, role: int) -> Any:
        """Colours of a whole row from the ``color``/``background`` functions; subclasses colour by cell."""
        if role == Qt.ItemDataRole.ForegroundRole:
            colour_of = self._color
        elif role == Qt.ItemDataRole.BackgroundRole:
            colour_of = self._background
        else:
            return None
        colour = colour_of(r) if colour_of is not None else None
        return QBrush(colour) if colour is not None else None

    def key(self, r: R) -> object:
        """Rows with the same keys in the same order are refreshed in place (the selection stays)."""
        return id(r)

    # API
    def set_rows(self, rows: Sequence[R], now: datetime | None = None) -> None:
        self.now = now or self.now
        if [self.key(r) for r in rows] == [self.key(r) for r in self._rows]:
            self._rows = list(rows)  # same rows: keep the selection, refresh the cells
            self._refresh_cells()
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        self.now = now
        self._refresh_cells()

    def rows(self) -> list[R]:
        return list(self._rows)

    def record_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self._refresh_cells()  # cells may be translated words too

    def _refresh_cells(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    # Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.record_at(index.row()) if index.isValid() else None
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return r
        return self.style(r, index.column(), role)


def record_table(model: QAbstractItemModel, widths: Sequence[int] = (), *, focus: bool = True,
                 striped: bool = False, row_height: int | None = ROW_HEIGHT, wrap: bool = False,
                 fit: bool = False, stretch: Sequence[int] = (), fixed: Sequence[int] = (),
                 selectable: bool = True) -> QTableView:
    """The view of a record model: whole rows selected one at a time, nothing editable, columns resizable.

    Any model fits, a lazy one too (Qt asks it for more rows as the view scrolls, as the responsibility trail
    and the visit list do). Tab leaves the table rather than walking its cells, so a form below a table (a
    closed case, a settings page) stays reachable from the keyboard; arrows move between rows.
    ``focus=False`` keeps it out of the Tab chain (a board glanced at, not worked in); ``row_height=None``
    leaves Qt's height, for tables shown in a larger font or whose rows grow to their wrapped text
    (``wrap``). ``fit`` sizes every column to its contents; ``stretch`` columns share the spare width (else the last
    column takes it),
    ``fixed`` ones keep their width; ``selectable=False`` for a list only read.
    """
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if selectable
                          else QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(wrap)
    view.setAlternatingRowColors(striped)
    view.verticalHeader().hide()
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    if not focus:
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(not stretch)  # named columns take the spare width, else the last one
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for column in fixed:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    for column, width in enumerate(widths):
        if width:
            view.setColumnWidth(column, width)
    return view
