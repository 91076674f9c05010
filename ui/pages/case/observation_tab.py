"""留观与检测: the observation room and bed, the observation round's vital signs (a set recorded by the responsible
doctor, the latest NEWS2 and level in words, the next round, the NEWS2 trend), and the case's tests — ordered by
the responsible doctor, a result recorded by any doctor (the lab's answer does not wait for the one on duty)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from app.casework.observation import continuous
from app.casework.records import LabTestRecord
from app.casework.vocab import ClockKind, ClockState
from app.severity.store import VitalSignsRecord
from ui.forms import error_label
from ui.pages.case.common import CaseView, clock_chip, open_clock
from ui.pages.case_models import TestsModel
from ui.widgets.sparkline import Sparkline
from ui.widgets.table import local, record_table
from ui.widgets.vitals import VitalsFields, level_text, news2_text, readings_text

translate = QCoreApplication.translate  # the strings keep the context "CaseDialog" they were translated in


class ObservationTab(QWidget):
    """``observe_asked`` (room and bed typed), ``vitals_asked`` (a set typed), ``order_asked``, ``result_asked``
    (the selected test)."""

    observe_asked = Signal()
    vitals_asked = Signal()
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
        self.sets: list[VitalSignsRecord] = []
        self.vitals = VitalsFields(with_scale=True)
        self.vitals.submitted.connect(self.vitals_asked)
        self.vitals_button = QPushButton()
        self.vitals_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.vitals_button.clicked.connect(self.vitals_asked)
        self.vitals_error = error_label()
        self.latest = QLabel()
        self.latest.setWordWrap(True)
        self.next_round = QLabel()
        self.next_round.setWordWrap(True)
        self.chart = Sparkline()
        self.chart_caption = QLabel()
        entry = QVBoxLayout()
        entry.addWidget(self.vitals)
        send = QHBoxLayout()
        send.addWidget(self.vitals_button, 0, Qt.AlignmentFlag.AlignLeft)
        send.addWidget(self.vitals_error, 1)
        entry.addLayout(send)
        shown = QVBoxLayout()
        shown.addWidget(self.latest)
        shown.addWidget(self.next_round)
        shown.addStretch(1)
        trend = QVBoxLayout()
        trend.addWidget(self.chart_caption)
        trend.addWidget(self.chart)
        self.vitals_box = QGroupBox()
        round_row = QHBoxLayout(self.vitals_box)
        round_row.addLayout(entry)
        round_row.addLayout(shown, 1)
        round_row.addLayout(trend)
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
        box.addWidget(self.vitals_box)
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
        self.vitals.setEnabled(view.mine and view.is_open)
        self.vitals_button.setEnabled(view.mine and view.is_open)
        self._enable_result()
        self.refresh()

    def show_trend(self, sets: list[VitalSignsRecord]) -> None:
        """The visit's sets, oldest first (the pre-triage one first): the latest in words, the chart."""
        self.sets = sets
        self.chart.set_points([v.news2 for v in sets], [v.news2_complete for v in sets])
        self.refresh()

    def vitals_failed(self, text: str) -> None:
        self.vitals_error.setText(text)
        self.vitals_error.setVisible(bool(text))

    def _enable_result(self) -> None:
        test = self.selected_test()
        self.result_button.setEnabled(self.view.casework and test is not None and test.result is None)

    def refresh(self) -> None:
        c = self.view.case
        self.observation_since.setText(translate("CaseDialog", "since {time}").format(
            time=local(c.observation_started_at, self.view.zone)) if c.observation_started_at else "")
        if self.sets:
            v = self.sets[-1]
            self.latest.setText(translate("CaseDialog", "Latest ({time}): {news2}, {level}\n{readings}").format(
                time=local(v.taken_at, self.view.zone), news2=news2_text(v), level=level_text(v.level),
                readings=readings_text(v)))
        else:
            self.latest.setText(translate("CaseDialog", "No vital signs recorded yet."))
        self.chart_caption.setText(translate("CaseDialog", "NEWS2 trend ({count} sets)").format(count=len(self.sets)))
        self.tick(self.view.now)

    def tick(self, now: datetime) -> None:
        """The next round: due by when, due now, overdue — or continuous monitoring with an urgent review."""
        clock = open_clock(self.view.case, ClockKind.OBSERVATION_ROUND)
        if clock is None:
            text = (translate("CaseDialog", "Observation round: starts when observation starts.")
                    if self.view.case.observation_started_at is None and self.view.is_open else "")
            clock_chip(self.next_round, text, None)
            self.next_round.setVisible(bool(text))
            return
        self.next_round.setVisible(True)
        if continuous(clock):
            clock_chip(self.next_round, translate("CaseDialog", "NEWS2 7 or more: continuous monitoring, urgent "
                                                                "review by the doctor now."), ClockState.OVERDUE)
            return
        state = clock.state(now)
        due = local(clock.due_at, self.view.zone, "%H:%M")
        text = (translate("CaseDialog", "Next vital signs overdue since {time}: take them now.")
                if state == ClockState.OVERDUE else
                translate("CaseDialog", "Next vital signs due by {time}.")).format(time=due)
        clock_chip(self.next_round, text, state)

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
        self.vitals_box.setTitle(translate("CaseDialog", "Vital signs (observation round)"))
        self.vitals_button.setText(translate("CaseDialog", "Record &vital signs"))
        self.vitals.retranslate()
        self.tests_model.retranslate()
        self.refresh()
