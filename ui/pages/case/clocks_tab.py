"""时限: the case's clocks, open and met, with the time left ticking (amber when due soon, red when overdue)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.pages.case.common import CaseView
from ui.pages.case_models import ClocksModel
from ui.widgets.table import record_table

translate = QCoreApplication.translate  # the strings keep the context "CaseDialog" they were translated in


class ClocksTab(QWidget):
    """时限: the case's clocks, open and met, with the time left ticking."""

    def __init__(self, view: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.clocks_model = ClocksModel(view.zone, self)
        self.clocks_view = record_table(self.clocks_model, (260, 120, 120, 120))
        QVBoxLayout(self).addWidget(self.clocks_view)

    def load(self, view: CaseView) -> None:
        self.view = view
        self.clocks_model.set_rows(view.case.clocks, view.now)

    def tick(self, now: datetime) -> None:
        self.clocks_model.set_now(now)

    def tab_text(self) -> str:
        open_clocks = sum(1 for k in self.view.case.clocks if k.met_at is None)
        return (translate("CaseDialog", "Time limits ({count} open)").format(count=open_clocks) if open_clocks
                else translate("CaseDialog", "Time limits"))

    def retranslate(self) -> None:
        self.clocks_model.retranslate()
