"""Table models of the daily report page: the day's counts (named, the key in the tooltip), two
label/count pairs a row like the printed report, so every count fits a 1366×768 screen; and the day's
submitted versions, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.reporting.daily import SubmittedReport
from app.vocabulary.stock import item_number_text
from ui.i18n import current_language
from ui.labels import report_count_name
from ui.widgets.table import RecordModel, local

Count = tuple[str, int]  # (count key, number)
CountPair = tuple[Count, Count | None]  # a row: the left column's count and the right column's (or none)


LOWEST_DAYS, LOWEST_ITEM = "stock_lowest_cover_days", "stock_lowest_item"  # issue 18


def count_pairs(counts: list[Count]) -> list[CountPair]:
    """The first half of the counts down the left, the rest down the right (the paper's order). The lowest
    days of cover carries its item in its key ("stock_lowest_cover_days:4"), shown in its name, not a row."""
    item = next((n for key, n in counts if key == LOWEST_ITEM), None)
    counts = [(f"{key}:{item}" if key == LOWEST_DAYS and item is not None else key, n)
              for key, n in counts if key != LOWEST_ITEM]
    half = (len(counts) + 1) // 2
    right: list[Count | None] = [*counts[half:], None]
    return [(left, right[i]) for i, left in enumerate(counts[:half])]


class ReportCountsModel(RecordModel[CountPair]):
    ITEM, COUNT, ITEM_2, COUNT_2 = range(4)

    def key(self, r: CountPair) -> object:
        return (r[0][0], r[1][0] if r[1] else None)

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Count")] * 2

    def _count(self, r: CountPair, column: int) -> Count | None:
        return r[0] if column in (self.ITEM, self.COUNT) else r[1]

    def display(self, r: CountPair, column: int) -> str:
        item = self._count(r, column)
        if item is None:
            return ""
        if column not in (self.ITEM, self.ITEM_2):
            return str(item[1])
        key, _, number = item[0].partition(":")
        if number:  # the lowest days of cover, with its item
            return self.tr("{row} ({item})").format(row=report_count_name(key),
                                                    item=item_number_text(int(number), current_language()))
        return report_count_name(key)

    def style(self, r: CountPair, column: int, role: int) -> Any:
        item = self._count(r, column)
        if item is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.ITEM, self.ITEM_2):
            return item[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COUNT, self.COUNT_2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def items(self) -> list[tuple[str, str]]:
        """Every (name, number) shown, in reading order (down the left, then down the right)."""
        rows = self.rows()
        column = [[(self.display(r, self.ITEM), self.display(r, self.COUNT)) for r in rows],
                  [(self.display(r, self.ITEM_2), self.display(r, self.COUNT_2)) for r in rows if r[1]]]
        return column[0] + column[1]


class ReportVersionsModel(RecordModel[SubmittedReport]):
    VERSION, SUBMITTED, BY, HOW, NOTE = range(5)

    def key(self, r: SubmittedReport) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Version"), self.tr("Submitted at"), self.tr("By"), self.tr("How"), self.tr("Note")]

    def display(self, r: SubmittedReport, column: int) -> str:
        if column == self.HOW:
            how = (self.tr("automatic") if r.automatic else self.tr("correction") if r.supersedes
                   else self.tr("submitted"))
            return self.tr("{how}, zero report").format(how=how) if r.zero_report else how
        return [f"v{r.version}", local(r.submitted_at, self.zone), r.submitted_by, "", r.note][column]
