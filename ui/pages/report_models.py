"""Table models of the daily report page: the day's counts (named, the key in the tooltip) and the
day's submitted versions, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.reporting.daily import SubmittedReport
from ui.labels import report_count_name
from ui.pages.case_models import RecordModel, local

Count = tuple[str, int]  # (count key, number)


class ReportCountsModel(RecordModel[Count]):
    ITEM, COUNT = range(2)

    def key(self, r: Count) -> object:
        return r[0]

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Count")]

    def display(self, r: Count, column: int) -> str:
        return report_count_name(r[0]) if column == self.ITEM else str(r[1])

    def style(self, r: Count, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ITEM:
            return r[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


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
