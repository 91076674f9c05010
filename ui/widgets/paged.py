"""A record model over a list too long to read at once: it holds the rows read so far and the list's true
length, and the view asks for the next page as the user scrolls (``canFetchMore``/``fetchMore``), read
through the runner after the last row held (a keyset page: the service is told that row, never an offset).

A fresh read (``set_page``) replaces what is held; a page still on its way from before it is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Signal

from ui.ops import Runner
from ui.widgets.table import RecordModel

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
#: the rows after a given one (the last held), at most so many: runs off the GUI thread
NextPage = Callable[[R, int], Sequence[R]]


class PagedRecordModel(RecordModel[R]):
    failed = Signal(object)

    def __init__(self, runner: Runner, zone: ZoneInfo, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(zone, parent)
        self._runner = runner
        self.page_size = page_size
        self._next: NextPage[R] | None = None
        self._total = 0
        self._fetching = False
        self._generation = 0

    @property
    def total(self) -> int:
        """How many rows the whole list has (as last counted), not how many are held."""
        return self._total

    def set_page(self, rows: Sequence[R], total: int, next_page: NextPage[R], now: datetime | None = None) -> None:
        """A fresh read: its first rows, the list's length, and how to read on from a row."""
        self._generation += 1
        self._fetching = False
        self._next, self._total = next_page, max(total, len(rows))
        self.set_rows(rows, now)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return (not parent.isValid() and not self._fetching and self._next is not None
                and 0 < len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._next is None:
            return
        self._fetching = True
        generation, next_page, size, last = self._generation, self._next, self.page_size, self._rows[-1]
        self._runner.run(lambda: next_page(last, size), lambda rows: self._appended(generation, rows),
                         self._failed, parent=self)

    def _appended(self, generation: int, rows: Sequence[R]) -> None:
        if generation != self._generation:
            return  # a fresh read replaced the rows this page follows
        self._fetching = False
        if not rows:
            self._total = len(self._rows)  # fewer than counted (closed meanwhile): the end is here
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self._total = max(self._total, len(self._rows))  # opened since the count: still shown

    def _failed(self, exc: BaseException) -> None:
        self._fetching = False
        self.failed.emit(exc)
