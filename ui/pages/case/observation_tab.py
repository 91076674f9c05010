"""留观与检测: the observation room and bed, and the case's tests — ordered by the responsible doctor, a result
recorded by any doctor (the lab's answer does not wait for the one on duty)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.casework.records import LabTestRecord
from ui.pages.case.common import CaseView
from ui.pages.case_models import TestsModel
from ui.widgets.table import local, record_table

translate = QCoreApplication.translate  # the strings keep the context "CaseDialog" they were translated in


class ObservationTab(QWidget):
    """``observe_asked`` (room and bed typed), ``order_asked``, ``result_asked`` (the selected test)."""

    observe_asked = Signal()
    order_asked = Signal()
    result_asked = Signal()

    def __init__(self, view: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.room = QLineEdit()
        self.room.setMaxLength(32)
        self.bed = QLineEdit()
        self.bed.setMaxLength(32)
        self.bed.returnPressed.connect(self.observe_asked)
        self.room.returnPressed.connect(self.bed.setFocus)
        self.observe_button = QPushButton()
        self.observe_button.clicked.connect(self.observe_asked)
        self.room_label, self.bed_label = QLabel(), QLabel()
        self.room_label.setBuddy(self.room)
        self.bed_label.setBuddy(self.bed)
        self.observation_since = QLabel()
        obs_row = QHBoxLayout()
        for w in (self.room_label, self.room, self.bed_label, self.bed, self.observe_button):
            obs_row.addWidget(w)
        obs_row.addWidget(self.observation_since, 1)
        self.tests_model = TestsModel(view.zone, self)
        self.tests_view = record_table(self.tests_model, (50, 120, 130, 100, 90, 50, 100, 170))
        self.tests_view.selectionModel().selectionChanged.connect(lambda *_: self._enable_result())
        self.tests_view.doubleClicked.connect(lambda _i: self.result_asked.emit())
        self.order_button = QPushButton()
        self.order_button.clicked.connect(self.order_asked)
        self.result_button = QPushButton()
        self.result_button.clicked.connect(self.result_asked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.order_button)
        buttons.addWidget(self.result_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(obs_row)
        box.addWidget(self.tests_view, 1)
        box.addLayout(buttons)

    def selected_test(self) -> LabTestRecord | None:
        rows = self.tests_view.selectionModel().selectedRows()
        return self.tests_model.record_at(rows[0].row()) if rows else None

    def load(self, view: CaseView) -> None:
        """Show ``view``'s case; the selected test stays selected."""
        selected = self.selected_test()
        self.view = view
        c = view.case
        self.tests_model.set_rows(c.tests, view.now)
        if selected is not None:
            row = next((i for i, t in enumerate(c.tests) if t.id == selected.id), -1)
            if row >= 0:
                self.tests_view.selectRow(row)
        self.room.setText(c.observation_room or "")
        self.bed.setText(c.observation_bed or "")
        for w in (self.room, self.bed, self.observe_button):
            w.setEnabled(view.mine and view.is_open)
        self.order_button.setEnabled(view.mine and view.active)
        self._enable_result()
        self.refresh()

    def _enable_result(self) -> None:
        test = self.selected_test()
        self.result_button.setEnabled(self.view.casework and test is not None and test.result is None)

    def refresh(self) -> None:
        c = self.view.case
        self.observation_since.setText(translate("CaseDialog", "since {time}").format(
            time=local(c.observation_started_at, self.view.zone)) if c.observation_started_at else "")

    def tab_text(self) -> str:
        pending = len(self.view.case.pending_results)
        return (translate("CaseDialog", "Observation and tests ({count} pending)").format(count=pending) if pending
                else translate("CaseDialog", "Observation and tests"))

    def retranslate(self) -> None:
        self.room_label.setText(translate("CaseDialog", "Observation &room:"))
        self.bed_label.setText(translate("CaseDialog", "B&ed:"))
        self.observe_button.setText(translate("CaseDialog", "Set &observation"))
        self.order_button.setText(translate("CaseDialog", "Or&der test…"))
        self.result_button.setText(translate("CaseDialog", "Record res&ult…"))
        self.tests_model.retranslate()
        self.refresh()
