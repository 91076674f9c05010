"""病例: one fever-clinic case. The header says who the patient is, who is responsible and how the
case is classified; tabs hold the epidemiological interview and findings, classification and the
reports it triggers, observation and tests, and the case's time limits. Only the responsible doctor's
actions are enabled (any doctor may record a lab result); everyone else reads, and sees who is
responsible. Every write goes through the runner and answers with the fresh case record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.casework.records import CaseExceptionRecord, CaseRecord, ClockRecord, LabTestRecord
from app.casework.vocab import FORWARD, REPORTABLE, Classification, ClockKind, ClockState
from app.errors import FeverSentinelError, StaleEdit
from app.permissions import Perm
from app.services.users import ColleagueInfo
from app.triage.vocab import Occupation
from ui.fields import TimeField, parse_date
from ui.forms import Dialog, describe, tidy_form
from ui.messages import error_title
from ui.labels import (
    CLASSIFICATION_BACKGROUNDS,
    CLASSIFICATION_COLORS,
    CLOCK_BACKGROUNDS,
    CLOCK_COLORS,
    age_text,
    classification_name,
    disposition_name,
    occupation_name,
    sex_name,
    test_kind_name,
)
from ui.pages.case_dialogs import (
    ClassificationExceptionDialog,
    DispositionDialog,
    FormDialog,
    HandoverDialog,
    OrderTestDialog,
    ResultDialog,
)
from ui.pages.case_models import ClocksModel, TestsModel, clock_label, clock_status, local
from ui.session import Session

translate = QCoreApplication.translate  # lupdate extracts translate("Labels", ...)
OK_STYLE = "color: #1b6e20; font-weight: bold;"
BAD_STYLE = "color: #b3261e; font-weight: bold;"
BANNER_STYLE = "background: #fff0d6; color: #6b3a00; padding: 6px 10px; border-radius: 4px; font-weight: bold;"
CLOSED_STYLE = "background: #eceff1; color: #263238; padding: 6px 10px; border-radius: 4px; font-weight: bold;"
POSITIVE_FRAME = "QFrame#positive { background: #b3261e; border-radius: 6px; }"
INCIDENT_FRAME = "QFrame#incident { background: #fde3e1; border: 1px solid #b3261e; border-radius: 6px; }"
REPORTED_FRAME = "QFrame#incident { background: #eceff1; border-radius: 6px; }"
EXCEPTION_STYLE = "color: #1b4f9c; font-weight: bold;"
# the refusals of a classification change that a second person's exception may stand in for (特殊情况)
EXCEPTION_CODES = ("classification_forward_only", "exclusion_needs_two_negative_nat")


def positive_tests(case: CaseRecord) -> tuple[LabTestRecord, ...]:
    """The results the service counts as positive (逢阳必报: nucleic acid or antigen), in test order."""
    ids = set(case.positive_test_ids)
    return tuple(t for t in case.tests if t.id in ids)


def table_view(model: Any, widths: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


def needs_exception(before: str, after: str) -> bool:
    """Whether the rules may refuse ``before → after`` so that only an approved exception lets it through: a
    move that is not forward, or a suspected case excluded (two negative results far enough apart, or an
    exception). The service decides; this only says when a waiting exception is worth handing it."""
    if after == before:
        return False
    return after not in FORWARD.get(before, frozenset()) or (
        before == Classification.SUSPECTED and after == Classification.EXCLUDED)


WINDOW_FRAME = QSize(16, 39)  # a Windows 10/11 title bar and borders at 100 %


def screen_area(widget: QWidget) -> QRect:
    """The part of the screen a window may use (the desktop less the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def clock_chip(label: QLabel, text: str, state: ClockState | None) -> None:
    """A coloured status line: amber when due soon, red when overdue, green when met in time."""
    label.setText(text)
    if state is None:
        label.setStyleSheet("color: #1b6e20; font-weight: bold;")
    else:
        label.setStyleSheet(f"background: {CLOCK_BACKGROUNDS[state.value]}; color: {CLOCK_COLORS[state.value]}; "
                            "font-weight: bold; padding: 3px 8px; border-radius: 4px;")


class FittingTabs(QTabWidget):
    """Tabs that take the height they are given (at least their minimum) rather than asking for the height
    their wrapped labels would like: the header above them keeps its height, the tabs shrink first."""

    def hasHeightForWidth(self) -> bool:
        return False


class CaseDialog(Dialog):
    """Emits ``changed(record)`` after every successful write, so lists can refresh."""

    changed = Signal(object)

    def __init__(self, session: Session, case: CaseRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case = case
        self.sub: Dialog | None = None
        self.timeline_dialog: QWidget | None = None
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1180, 700)
        self.setMinimumSize(980, 600)

        # ----- header ---------------------------------------------------------------------------
        self.visit_label = QLabel()
        self.visit_label.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.visit_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label = QLabel()
        self.name_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.facts_label = QLabel()
        self.class_badge = QLabel()
        self.doctor_label = QLabel()
        self.doctor_label.setStyleSheet("font-size: 11pt;")
        self.observation_label = QLabel()
        self.urgent_label = QLabel()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        # 逢阳必报、逢阳即报: a positive result asks for classification and the report, at the top, in red
        self.positive_frame = QFrame()
        self.positive_frame.setObjectName("positive")
        self.positive_frame.setStyleSheet(POSITIVE_FRAME)
        self.positive_badge = QLabel()
        self.positive_badge.setStyleSheet("background: white; color: #b3261e; font-size: 18pt; font-weight: bold; "
                                          "padding: 2px 12px; border-radius: 4px;")
        self.positive_text = QLabel()
        self.positive_text.setWordWrap(True)
        self.positive_text.setStyleSheet("color: white; font-size: 11pt; font-weight: bold;")
        self.positive_classify_button = QPushButton()
        self.positive_classify_button.clicked.connect(self.go_classify)
        self.positive_report_button = QPushButton()
        self.positive_report_button.clicked.connect(self.go_report)
        for b in (self.positive_classify_button, self.positive_report_button):
            b.setStyleSheet("QPushButton { background: white; color: #b3261e; font-weight: bold; padding: 4px 14px; "
                            "border-radius: 4px; } QPushButton:disabled { color: #9e9e9e; }")
        positive_row = QHBoxLayout(self.positive_frame)
        positive_row.addWidget(self.positive_badge)
        positive_row.addWidget(self.positive_text, 1)
        positive_row.addWidget(self.positive_classify_button)
        positive_row.addWidget(self.positive_report_button)
        self.positive_frame.hide()
        # a suspected or positive patient who left without permission: report the incident within 2 h
        self.incident_frame = QFrame()
        self.incident_frame.setObjectName("incident")
        self.incident_text = QLabel()
        self.incident_text.setWordWrap(True)
        self.incident_text.setStyleSheet("color: #8c1d18; font-weight: bold;")
        self.incident_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.incident_to = QLineEdit()
        self.incident_to.setMaxLength(64)
        self.incident_at = TimeField(session.zone)
        self.incident_button = QPushButton()
        self.incident_button.clicked.connect(self.record_incident)
        self.incident_to.returnPressed.connect(self.record_incident)
        self.incident_to_label, self.incident_at_label = QLabel(), QLabel()
        self.incident_to_label.setBuddy(self.incident_to)
        self.incident_at_label.setBuddy(self.incident_at)
        self.incident_inputs = QWidget()
        incident_row = QHBoxLayout(self.incident_inputs)
        incident_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.incident_to_label, self.incident_to, self.incident_at_label, self.incident_at,
                  self.incident_button):
            incident_row.addWidget(w)
        incident_row.setStretch(1, 1)
        incident_box = QVBoxLayout(self.incident_frame)
        incident_box.addWidget(self.incident_text)
        incident_box.addWidget(self.incident_inputs)
        self.incident_frame.hide()
        top = QHBoxLayout()
        top.addWidget(self.visit_label)
        top.addSpacing(12)
        top.addWidget(self.name_label)
        top.addSpacing(8)
        top.addWidget(self.facts_label)
        top.addStretch(1)
        top.addWidget(self.class_badge)
        second = QHBoxLayout()
        second.addWidget(self.doctor_label)
        second.addSpacing(18)
        second.addWidget(self.observation_label)
        second.addStretch(1)
        second.addWidget(self.urgent_label)

        # ----- interview tab --------------------------------------------------------------------
        self.travel = QTableWidget(0, 2)
        self.travel.verticalHeader().hide()
        self.travel.horizontalHeader().setStretchLastSection(True)
        self.travel.setColumnWidth(0, 230)
        self.travel.setMinimumHeight(90)
        self.add_travel_button = QPushButton()
        self.add_travel_button.clicked.connect(self.add_travel_row)
        self.remove_travel_button = QPushButton()
        self.remove_travel_button.clicked.connect(self.remove_travel_row)
        self.contacts = QLineEdit()
        self.contacts.setMaxLength(300)
        self.cluster = QCheckBox()
        self.occupation = QComboBox()
        for occ in Occupation:
            self.occupation.addItem("", occ.value)
        self.other_exposures = QLineEdit()
        self.other_exposures.setMaxLength(300)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.findings = QPlainTextEdit()
        self.findings.setTabChangesFocus(True)
        self.save_interview_button = QPushButton()
        self.save_interview_button.clicked.connect(self.save_interview)
        self.interview_labels = {k: QLabel() for k in ("travel", "contacts", "exposures", "occupation", "other",
                                                        "notes", "findings")}
        for key, widget in (("travel", self.travel), ("contacts", self.contacts), ("occupation", self.occupation),
                            ("other", self.other_exposures), ("notes", self.notes), ("findings", self.findings)):
            self.interview_labels[key].setBuddy(widget)
        travel_buttons = QHBoxLayout()
        travel_buttons.addWidget(self.add_travel_button)
        travel_buttons.addWidget(self.remove_travel_button)
        travel_buttons.addStretch(1)
        epi = QFormLayout()
        tidy_form(epi)
        travel_box = QVBoxLayout()
        travel_box.addWidget(self.travel)
        travel_box.addLayout(travel_buttons)
        epi.addRow(self.interview_labels["travel"], travel_box)
        epi.addRow(self.interview_labels["contacts"], self.contacts)
        epi.addRow(self.interview_labels["exposures"], self.cluster)
        epi.addRow(self.interview_labels["occupation"], self.occupation)
        epi.addRow(self.interview_labels["other"], self.other_exposures)
        epi.addRow(self.interview_labels["notes"], self.notes)
        self.epi_group = QGroupBox()
        self.epi_group.setLayout(epi)
        self.findings_group = QGroupBox()
        findings_box = QVBoxLayout(self.findings_group)
        findings_box.addWidget(self.interview_labels["findings"])
        findings_box.addWidget(self.findings, 1)
        interview = QWidget()
        grid = QGridLayout(interview)
        grid.addWidget(self.epi_group, 0, 0)
        grid.addWidget(self.findings_group, 0, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_interview_button)
        grid.addLayout(save_row, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

        # ----- classification and reports tab ---------------------------------------------------
        self.classification = QComboBox()
        for cls in Classification:
            self.classification.addItem("", cls.value)
        self.other_pathogen = QLineEdit()
        self.other_pathogen.setMaxLength(100)
        self.other_pathogen.returnPressed.connect(self.classify)
        self.classify_button = QPushButton()
        self.classify_button.clicked.connect(self.classify)
        self.classified_label = QLabel()
        self.class_labels = {k: QLabel() for k in ("classification", "other")}
        self.class_labels["classification"].setBuddy(self.classification)
        self.class_labels["other"].setBuddy(self.other_pathogen)
        self.class_group = QGroupBox()
        cf = QFormLayout(self.class_group)
        tidy_form(cf)
        cf.addRow(self.class_labels["classification"], self.classification)
        cf.addRow(self.class_labels["other"], self.other_pathogen)
        self.exception_button = QPushButton()  # 特殊情况: a second person approves a change the rules refuse
        self.exception_button.clicked.connect(self.approve_exception)
        self.exception_button.hide()
        self.exceptions_label = QLabel()  # approved exceptions for this visit, not used yet
        self.exceptions_label.setWordWrap(True)
        self.exceptions_label.setStyleSheet(EXCEPTION_STYLE)
        self.exceptions_label.hide()
        self.refused_to: str | None = None  # the classification last refused where an exception may stand in
        self.refusal = ""
        self.exception_dialog: ClassificationExceptionDialog | None = None
        self.classification.currentIndexChanged.connect(lambda _i: self._show_exceptions())
        class_row = QHBoxLayout()
        class_row.addWidget(self.classified_label, 1)
        class_row.addWidget(self.exception_button)
        class_row.addWidget(self.classify_button)
        cf.addRow(class_row)
        cf.addRow(self.exceptions_label)

        self.report_status = QLabel()
        self.card_no = QLineEdit()
        self.card_no.setMaxLength(40)
        self.card_no.returnPressed.connect(self.record_report)
        self.reported_at = TimeField(session.zone)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.record_report)
        self.report_labels = {k: QLabel() for k in ("card", "at")}
        self.report_labels["card"].setBuddy(self.card_no)
        self.report_labels["at"].setBuddy(self.reported_at)
        self.report_group = QGroupBox()
        rf = QFormLayout(self.report_group)
        tidy_form(rf)
        rf.addRow(self.report_status)
        rf.addRow(self.report_labels["card"], self.card_no)
        rf.addRow(self.report_labels["at"], self.reported_at)
        rf.addRow(self.report_button)

        self.epi_status = QLabel()
        self.epi_done_at = TimeField(session.zone)
        self.epi_button = QPushButton()
        self.epi_button.clicked.connect(self.record_investigation)
        self.epi_at_label = QLabel()
        self.epi_at_label.setBuddy(self.epi_done_at)
        self.epi_done_group = QGroupBox()
        ef = QFormLayout(self.epi_done_group)
        tidy_form(ef)
        ef.addRow(self.epi_status)
        ef.addRow(self.epi_at_label, self.epi_done_at)
        ef.addRow(self.epi_button)
        classify_tab = QWidget()
        ct = QGridLayout(classify_tab)
        ct.addWidget(self.class_group, 0, 0, 1, 2)
        ct.addWidget(self.report_group, 1, 0)
        ct.addWidget(self.epi_done_group, 1, 1)
        ct.setRowStretch(2, 1)

        # ----- observation and tests tab --------------------------------------------------------
        self.room = QLineEdit()
        self.room.setMaxLength(32)
        self.bed = QLineEdit()
        self.bed.setMaxLength(32)
        self.bed.returnPressed.connect(self.start_observation)
        self.room.returnPressed.connect(self.bed.setFocus)
        self.observe_button = QPushButton()
        self.observe_button.clicked.connect(self.start_observation)
        self.room_label, self.bed_label = QLabel(), QLabel()
        self.room_label.setBuddy(self.room)
        self.bed_label.setBuddy(self.bed)
        self.observation_since = QLabel()
        obs_row = QHBoxLayout()
        for w in (self.room_label, self.room, self.bed_label, self.bed, self.observe_button):
            obs_row.addWidget(w)
        obs_row.addWidget(self.observation_since, 1)
        self.tests_model = TestsModel(session.zone, self)
        self.tests_view = table_view(self.tests_model, (50, 120, 130, 100, 90, 50, 100, 170))
        self.tests_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.tests_view.doubleClicked.connect(lambda _i: self.record_result())
        self.order_button = QPushButton()
        self.order_button.clicked.connect(self.order_test)
        self.result_button = QPushButton()
        self.result_button.clicked.connect(self.record_result)
        test_buttons = QHBoxLayout()
        test_buttons.addWidget(self.order_button)
        test_buttons.addWidget(self.result_button)
        test_buttons.addStretch(1)
        tests_tab = QWidget()
        tt = QVBoxLayout(tests_tab)
        tt.addLayout(obs_row)
        tt.addWidget(self.tests_view, 1)
        tt.addLayout(test_buttons)

        # ----- clocks tab -----------------------------------------------------------------------
        self.clocks_model = ClocksModel(session.zone, self)
        self.clocks_view = table_view(self.clocks_model, (260, 120, 120, 120))
        clocks_tab = QWidget()
        QVBoxLayout(clocks_tab).addWidget(self.clocks_view)

        self.tabs = FittingTabs()
        self.tabs.addTab(interview, "")
        self.tabs.addTab(classify_tab, "")
        self.tabs.addTab(tests_tab, "")
        self.tabs.addTab(clocks_tab, "")

        # ----- bottom ---------------------------------------------------------------------------
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.handover_button = QPushButton()
        self.handover_button.clicked.connect(self.request_handover)
        self.dispose_button = QPushButton()
        self.dispose_button.clicked.connect(self.dispose)
        self.transfer_button = QPushButton()
        self.transfer_button.clicked.connect(self.request_transfer)
        self.print_dialog: QWidget | None = None
        self.timeline_button = QPushButton()
        self.timeline_button.clicked.connect(self.show_timeline)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for b in (self.handover_button, self.dispose_button, self.transfer_button, self.timeline_button,
                  self.refresh_button, self.close_button):
            bottom.addWidget(b)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)  # Enter belongs to the field's own action, not to a random button

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        # everything but the action row scrolls, so the window fits a 1366×768 screen (less the taskbar)
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.positive_frame)
        content.addLayout(top)
        content.addLayout(second)
        content.addWidget(self.banner)
        content.addWidget(self.incident_frame)
        content.addWidget(line)
        content.addWidget(self.tabs, 1)
        # the tabs take the room left under the header (at least what their pages need): on a short screen they
        # shrink before anything scrolls
        self.tabs.setSizePolicy(self.tabs.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Ignored)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        self.bottom = bottom
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        self._fitted = False
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_interview)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)

        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()
        self.retranslate()
        self.show_case(case, fill=True)

    # ----- window size ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()

    def natural_height(self) -> int:
        """The height the whole case needs without scrolling (content with the tabs at their preferred height,
        action row, margins)."""
        fitted = self.tabs.sizePolicy()
        self.tabs.setSizePolicy(fitted.horizontalPolicy(), QSizePolicy.Policy.Preferred)
        self.content.layout().invalidate()
        content = self.content.sizeHint().height()
        self.tabs.setSizePolicy(fitted)
        self.content.layout().invalidate()
        layout = self.layout()
        margins = layout.contentsMargins()
        return content + self.bottom.sizeHint().height() + layout.spacing() + margins.top() + margins.bottom()

    def fit_to_screen(self) -> None:
        """As tall as the case needs, but never taller (or wider) than the screen less the taskbar: the
        content scrolls and the action row stays in view."""
        self.tabs.setMinimumHeight(self.tabs.minimumSizeHint().height())
        area = screen_area(self)
        # title bar and borders: before the window manager has framed the window (the first show) Qt reports none,
        # so at least a Windows title bar is kept free, else the action row ends behind the taskbar
        extra_h = max(WINDOW_FRAME.height(), self.frameGeometry().height() - self.height())
        extra_w = max(WINDOW_FRAME.width(), self.frameGeometry().width() - self.width())
        height = min(max(self.height(), self.natural_height()), area.height() - extra_h)
        width = min(self.width(), area.width() - extra_w)
        self.setMinimumSize(min(self.minimumWidth(), width), min(self.minimumHeight(), height))
        self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.left(), area.left()), area.right() + 1 - frame.width())
        y = min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    # ----- state ----------------------------------------------------------------------------
    @property
    def mine(self) -> bool:
        return self.session.can(Perm.CASEWORK) and self.case.doctor_username == self.session.actor.username

    @property
    def is_open(self) -> bool:
        return self.case.closed_at is None

    @property
    def active(self) -> bool:
        """Open, or admitted to a ward: the service still takes its orders, results, classification and a
        transfer request (a ward patient who turns positive or suspected leaves by transfer)."""
        return self.is_open or self.case.in_ward

    @property
    def may_request_transfer(self) -> bool:
        """The responsible doctor while the case is open; any doctor for a patient in a ward (a ward patient who
        owes a transfer is asked for by whoever is there). The service decides, and says why when it refuses."""
        return self.session.can(Perm.CASEWORK) and self.active and (self.mine or self.case.in_ward)

    def now(self) -> datetime:
        return self.session.ctx.clock.now()

    def selected_test(self) -> LabTestRecord | None:
        rows = self.tests_view.selectionModel().selectedRows()
        return self.tests_model.record_at(rows[0].row()) if rows else None

    def _clock(self, kind: str) -> ClockRecord | None:
        found = [c for c in self.case.clocks if c.kind == kind]
        return found[-1] if found else None

    # ----- showing --------------------------------------------------------------------------
    def show_case(self, case: CaseRecord, *, fill: bool = False) -> None:
        selected = self.selected_test()
        self.case = case
        now = self.now()
        self.tests_model.set_rows(case.tests, now)
        self.clocks_model.set_rows(case.clocks, now)
        if selected is not None:
            row = next((i for i, t in enumerate(case.tests) if t.id == selected.id), -1)
            if row >= 0:
                self.tests_view.selectRow(row)
        if fill:
            self.fill_interview()
        self.classification.setCurrentIndex(max(0, self.classification.findData(case.classification)))
        self.other_pathogen.setText(case.other_pathogen or "")
        self.room.setText(case.observation_room or "")
        self.bed.setText(case.observation_bed or "")
        self.card_no.setText(case.report_card_no or "")
        self.reported_at.set_value(case.reported_at or now)
        self.epi_done_at.set_value(case.epi_done_at or now)
        if case.incident_reported_at is None:
            self.incident_at.set_value(now)
        self.render()
        self._enable()

    def fill_interview(self) -> None:
        epi = self.case.epi
        self.travel.setRowCount(0)
        for entry in epi.get("travel") or []:
            if isinstance(entry, dict):
                self.add_travel_row(str(entry.get("area") or ""), str(entry.get("last_date") or ""))
            else:
                self.add_travel_row(str(entry), "")
        self.contacts.setText(str(epi.get("contacts") or ""))
        exposures = [str(x) for x in epi.get("exposures") or []]
        self.cluster.setChecked("cluster" in exposures)
        occ = next((x.split(":", 1)[1] for x in exposures if x.startswith("occupation:")), "none")
        self.occupation.setCurrentIndex(max(0, self.occupation.findData(occ)))
        others = [x for x in exposures if x != "cluster" and not x.startswith("occupation:")]
        self.other_exposures.setText("；".join(others))
        self.notes.setPlainText(str(epi.get("notes") or ""))
        self.findings.setPlainText(self.case.findings or "")

    def render(self) -> None:
        c, zone = self.case, self.session.zone
        today = self.now().astimezone(zone).date()
        self.setWindowTitle(self.tr("Case {visit_no} — {name}").format(visit_no=c.visit_no, name=c.patient_name))
        self.visit_label.setText(c.visit_no)
        self.name_label.setText(c.patient_name)
        self.facts_label.setText("  ".join(x for x in (sex_name(c.sex), age_text(c.birth_date, today)) if x))
        self.class_badge.setText(classification_name(c.classification))
        self.class_badge.setStyleSheet(
            f"background: {CLASSIFICATION_BACKGROUNDS.get(c.classification, '#eee')}; "
            f"color: {CLASSIFICATION_COLORS.get(c.classification, '#000')}; font-size: 13pt; font-weight: bold; "
            "padding: 4px 12px; border-radius: 6px;")
        self.doctor_label.setText(self.tr("Responsible doctor: {name} ({username}), since {time}").format(
            name=c.doctor_name, username=c.doctor_username, time=local(c.taken_at, zone)))
        if c.observation_room or c.observation_bed:
            self.observation_label.setText(self.tr("Observation: {room} {bed}").format(
                room=c.observation_room or "", bed=c.observation_bed or ""))
        else:
            self.observation_label.setText(self.tr("Not under observation"))
        self.observation_since.setText(self.tr("since {time}").format(time=local(c.observation_started_at, zone))
                                       if c.observation_started_at else "")
        self.classified_label.setText(self.tr("Classified at {time}").format(time=local(c.classified_at, zone))
                                      if c.classified_at else "")
        # banner: closed, someone else's case, or a hand-over on the way
        banner, style = "", BANNER_STYLE
        if c.in_ward:  # closed for the fever clinic, still recorded (and transferred) from the ward
            ward = " ".join(str(c.disposition_detail.get(k) or "") for k in ("ward", "bed")).strip()
            banner = self.tr("Closed {time}: {disposition} ({ward}). Results, classification and a transfer request "
                             "are still recorded here.").format(time=local(c.closed_at, zone),
                                                                disposition=disposition_name(c.disposition),
                                                                ward=ward)
            style = CLOSED_STYLE
            if not self.mine:
                banner += " " + self.tr("Read only: {name} ({username}) is responsible; any doctor may request the "
                                        "transfer from the ward.").format(name=c.doctor_name,
                                                                          username=c.doctor_username)
        elif not self.is_open:
            banner = self.tr("Closed {time}: {disposition}.").format(
                time=local(c.closed_at, zone), disposition=disposition_name(c.disposition))
            style = CLOSED_STYLE
        elif not self.mine:
            banner = self.tr("Read only: {name} ({username}) is responsible for this case.").format(
                name=c.doctor_name, username=c.doctor_username)
        if c.pending_handover is not None:
            h = c.pending_handover
            banner = (banner + "  " if banner else "") + self.tr(
                "Hand-over to {to} requested at {time} — waiting for their answer.").format(
                to=h.to_username, time=local(h.requested_at, zone))
        self.banner.setText(banner)
        self.banner.setStyleSheet(style)
        self.banner.setVisible(bool(banner))
        self.render_positive()
        self.render_incident()
        self._show_exceptions()
        pending = len(c.pending_results)
        self.tabs.setTabText(2, self.tr("Observation and tests ({count} pending)").format(count=pending) if pending
                             else self.tr("Observation and tests"))
        open_clocks = sum(1 for k in c.clocks if k.met_at is None)
        self.tabs.setTabText(3, self.tr("Time limits ({count} open)").format(count=open_clocks) if open_clocks
                             else self.tr("Time limits"))
        self.tick()

    def render_positive(self) -> None:
        """The red 阳性 banner: which results are positive, and what is still to do — classify the case,
        record the direct network report (by the report clock's due time when the service started one)."""
        c, zone = self.case, self.session.zone
        if not c.positive:  # the service's flag
            self.positive_frame.hide()
            return
        tests = translate("Labels", ", ").join(self.tr("{test} #{id} ({time})").format(
            test=test_kind_name(t.kind), id=t.id, time=local(t.result_at, zone)) for t in positive_tests(c))
        lines = [self.tr("Positive result: {tests}. Every positive is reported at once.").format(tests=tests)
                 if tests else self.tr("Positive result. Every positive is reported at once.")]
        needs_class = c.classification not in REPORTABLE
        if needs_class:
            lines.append(self.tr("Classify the case now (suspected, confirmed or asymptomatic)."))
        report = self._clock_of(c, ClockKind.REPORT)
        if c.reported_at is not None and report is None:
            lines.append(self.tr("Reported: card {card}, {time}.").format(card=c.report_card_no or "",
                                                                         time=local(c.reported_at, zone)))
        elif report is not None:
            lines.append(self.tr("Record the direct network report by {time}.").format(time=local(report.due_at,
                                                                                                    zone)))
        else:
            lines.append(self.tr("Record the direct network report within 2 h of the result."))
        self.positive_badge.setText(self.tr("POSITIVE"))
        self.positive_text.setText("\n".join(lines))
        self.positive_classify_button.setText(self.tr("Classify now"))
        self.positive_report_button.setText(self.tr("Report now"))
        self.positive_classify_button.setVisible(needs_class)
        self.positive_report_button.setVisible(c.reported_at is None or report is not None)
        self.positive_frame.show()

    def render_incident(self) -> None:
        """A suspected or positive patient who left without permission (the service started the incident
        report clock): whom it was reported to and when, or the fields to record it by the clock's due time."""
        c, zone = self.case, self.session.zone
        clock = self._clock(ClockKind.INCIDENT)
        if clock is None:
            self.incident_frame.hide()
            return
        left_at = str(c.disposition_detail.get("left_at") or local(c.closed_at, zone))
        if c.incident_reported_at is not None:
            self.incident_text.setText(self.tr("Left without permission at {left}: incident reported to {to} at "
                                               "{time}.").format(left=left_at, to=c.incident_reported_to or "",
                                                                 time=local(c.incident_reported_at, zone, "%H:%M")))
            self.incident_frame.setStyleSheet(REPORTED_FRAME)
            self.incident_text.setStyleSheet("color: #263238; font-weight: bold;")
            self.incident_inputs.hide()
        else:
            who = (classification_name(c.classification) if c.classification in REPORTABLE
                   else self.tr("positive result"))
            self.incident_text.setText(self.tr("Incident: a patient ({who}) left without permission at {left}. Report "
                                               "it within 2 h, by {due}, and record whom it was reported to.").format(
                who=who, left=left_at, due=local(clock.due_at, zone, "%H:%M")))
            self.incident_frame.setStyleSheet(INCIDENT_FRAME)
            self.incident_text.setStyleSheet("color: #8c1d18; font-weight: bold;")
            self.incident_inputs.show()
        self.incident_frame.show()

    def _exception_for(self, after: str) -> CaseExceptionRecord | None:
        """The approved, unused exception for changing this case to ``after`` (oldest first), when the change
        needs one."""
        if not needs_exception(self.case.classification, after):
            return None
        return next((e for e in self.case.pending_exceptions if e.detail.get("to") == after), None)

    def _show_exceptions(self) -> None:
        """The approved exceptions waiting to be used, the "second person approves" button after a refusal
        an exception may stand in for, and the classify button naming the exception it will use."""
        c, zone = self.case, self.session.zone
        lines = [self.tr("Exception #{id} approved by {approver} at {time}: may change to {to}. Reason: "
                         "{reason}").format(id=e.id, approver=e.approved_by, time=local(e.approved_at, zone),
                                            to=classification_name(str(e.detail.get("to", ""))), reason=e.reason)
                 for e in c.pending_exceptions]
        self.exceptions_label.setText("\n".join(lines))
        self.exceptions_label.setVisible(bool(lines))
        target = self.classification.currentData()
        use = self._exception_for(target) if target else None
        self.classify_button.setText(self.tr("Classify with exception #{id}").format(id=use.id) if use
                                     else self.tr("Classify"))
        self.exception_button.setVisible(self.mine and self.active and use is None and target is not None
                                         and target == self.refused_to)

    def tick(self) -> None:
        """Every second: the clocks' time left, the most urgent clock in the header, the report status."""
        now = self.now()
        self.clocks_model.set_now(now)
        open_clocks = sorted((k for k in self.case.clocks if k.met_at is None), key=lambda k: k.due_at)
        if open_clocks:
            k = open_clocks[0]
            text, state = clock_status(k, now)
            clock_chip(self.urgent_label, self.tr("{clock}: {status}").format(clock=clock_label(k), status=text), state)
            self.urgent_label.show()
        else:
            self.urgent_label.hide()
        for label, kind, none_text in (
                (self.report_status, ClockKind.REPORT, self.tr("No report needed: the case is not suspected, "
                                                               "confirmed or asymptomatic.")),
                (self.epi_status, ClockKind.EPI, self.tr("No investigation clock: the case is not suspected, "
                                                         "confirmed or asymptomatic."))):
            k = self._clock(kind)
            if k is None:
                label.setText(none_text)
                label.setStyleSheet("color: #5f6b73;")
                continue
            text, state = clock_status(k, now)
            if kind == ClockKind.REPORT and k.met_at is not None and self.case.reported_at is not None:
                text += "  " + self.tr("(card {card}, {time})").format(
                    card=self.case.report_card_no or "", time=local(self.case.reported_at, self.session.zone))
            clock_chip(label, self.tr("{clock}: {status}").format(clock=clock_label(k), status=text),
                       None if k.met_at is not None and not k.missed else state)

    def _enable(self) -> None:
        mine, is_open, active = self.mine, self.is_open, self.active
        for w in (self.travel, self.add_travel_button, self.remove_travel_button, self.contacts, self.cluster,
                  self.occupation, self.other_exposures, self.notes, self.findings, self.save_interview_button):
            w.setEnabled(mine)
        for w in (self.room, self.bed, self.observe_button):
            w.setEnabled(mine and is_open)
        for w in (self.classification, self.other_pathogen, self.classify_button, self.order_button):
            w.setEnabled(mine and active)
        reportable = self.case.classification in REPORTABLE
        report_due = any(k.kind == ClockKind.REPORT and k.met_at is None for k in self.case.clocks)
        for w in (self.card_no, self.reported_at, self.report_button):
            w.setEnabled(mine and (reportable or report_due))
        for w in (self.epi_done_at, self.epi_button):
            w.setEnabled(mine and self._clock(ClockKind.EPI) is not None)
        test = self.selected_test()
        self.result_button.setEnabled(self.session.can(Perm.CASEWORK) and test is not None and test.result is None)
        self.positive_classify_button.setEnabled(mine and active)
        self.positive_report_button.setEnabled(self.report_button.isEnabled())
        self.handover_button.setEnabled(mine and is_open and self.case.pending_handover is None)
        self.dispose_button.setEnabled(mine and is_open)
        self.transfer_button.setEnabled(self.may_request_transfer)
        self.exception_button.setEnabled(mine and active)
        reporting = mine and self.case.incident_reported_at is None
        for w in (self.incident_to, self.incident_at, self.incident_button):
            w.setEnabled(reporting)

    # ----- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("&Interview and findings"))
        self.tabs.setTabText(1, self.tr("&Classification and reports"))
        self.epi_group.setTitle(self.tr("Epidemiological interview"))
        self.findings_group.setTitle(self.tr("Clinical findings"))
        self.travel.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Last day there (YYYY-MM-DD)")])
        self.add_travel_button.setText(self.tr("Add area"))
        self.remove_travel_button.setText(self.tr("Remove area"))
        self.interview_labels["travel"].setText(self.tr("Travel and stays:"))
        self.interview_labels["contacts"].setText(self.tr("Con&tacts:"))
        self.interview_labels["exposures"].setText(self.tr("Exposures:"))
        self.cluster.setText(self.tr("Part of a cluster of sick people"))
        self.interview_labels["occupation"].setText(self.tr("High-risk &job:"))
        for i in range(self.occupation.count()):
            self.occupation.setItemText(i, occupation_name(self.occupation.itemData(i)))
        self.interview_labels["other"].setText(self.tr("Other e&xposures:"))
        self.other_exposures.setPlaceholderText(self.tr("separate with ；"))
        self.interview_labels["notes"].setText(self.tr("N&otes:"))
        self.interview_labels["findings"].setText(self.tr("S&ymptoms, signs and examination findings:"))
        self.save_interview_button.setText(self.tr("&Save interview (Ctrl+S)"))
        self.class_group.setTitle(self.tr("Case classification"))
        self.class_labels["classification"].setText(self.tr("Classificatio&n:"))
        for i in range(self.classification.count()):
            self.classification.setItemText(i, classification_name(self.classification.itemData(i)))
        self.class_labels["other"].setText(self.tr("Other patho&gen:"))
        self.other_pathogen.setPlaceholderText(self.tr("e.g. influenza A, when another cause is found"))
        self.exception_button.setText(self.tr("Second person approves an e&xception…"))
        self.incident_to_label.setText(self.tr("Reported &to:"))
        self.incident_to.setPlaceholderText(self.tr("e.g. county CDC, the duty director"))
        self.incident_at_label.setText(self.tr("&At:"))
        self.incident_button.setText(self.tr("Record incident report"))
        self.report_group.setTitle(self.tr("Direct network report (within 2 h)"))
        self.report_labels["card"].setText(self.tr("Repor&t card no.:"))
        self.report_labels["at"].setText(self.tr("Reported &at:"))
        self.report_button.setText(self.tr("Record direct network &report"))
        self.epi_done_group.setTitle(self.tr("Epidemiological investigation (within 24 h)"))
        self.epi_at_label.setText(self.tr("&Done at:"))
        self.epi_button.setText(self.tr("In&vestigation done"))
        self.room_label.setText(self.tr("Observation &room:"))
        self.bed_label.setText(self.tr("B&ed:"))
        self.observe_button.setText(self.tr("Set &observation"))
        self.order_button.setText(self.tr("Or&der test…"))
        self.result_button.setText(self.tr("Record res&ult…"))
        self.handover_button.setText(self.tr("&Hand over…"))
        self.dispose_button.setText(self.tr("Dis&position…"))
        self.transfer_button.setText(self.tr("Request transfer to designated hospita&l…"))
        self.timeline_button.setText(self.tr("Ti&meline…"))
        self.refresh_button.setText(self.tr("Re&fresh (F5)"))
        self.close_button.setText(self.tr("Close"))
        self.tests_model.retranslate()
        self.clocks_model.retranslate()
        if hasattr(self, "case") and self.tabs.count() == 4 and self.visit_label.text():
            self.render()
        else:
            self.classify_button.setText(self.tr("Classify"))

    # ----- interview ------------------------------------------------------------------------
    def add_travel_row(self, area: str = "", last_date: str = "") -> None:
        if not isinstance(area, str):  # clicked(bool)
            area = ""
        row = self.travel.rowCount()
        self.travel.insertRow(row)
        self.travel.setItem(row, 0, QTableWidgetItem(area))
        self.travel.setItem(row, 1, QTableWidgetItem(last_date))
        if not area:
            self.travel.setCurrentCell(row, 0)
            self.travel.setFocus()

    def remove_travel_row(self) -> None:
        row = self.travel.currentRow()
        if row >= 0:
            self.travel.removeRow(row)

    def interview_values(self) -> tuple[dict[str, Any], str] | None:
        today = self.now().astimezone(self.session.zone).date()
        travel = []
        for row in range(self.travel.rowCount()):
            area = (self.travel.item(row, 0).text() if self.travel.item(row, 0) else "").strip()
            raw = (self.travel.item(row, 1).text() if self.travel.item(row, 1) else "").strip()
            if not area and not raw:
                continue
            try:
                day = parse_date(raw, today, "travel")
            except Exception as exc:  # noqa: BLE001 - a ValidationError shown as the message
                self.say(describe(exc), ok=False)
                self.travel.setCurrentCell(row, 1)
                self.tabs.setCurrentIndex(0)
                return None
            travel.append({"area": area, "last_date": day.isoformat() if day else None})
        exposures = ["cluster"] if self.cluster.isChecked() else []
        occ = self.occupation.currentData()
        if occ and occ != "none":
            exposures.append(f"occupation:{occ}")
        exposures += [x.strip() for x in re.split(r"[；;]", self.other_exposures.text()) if x.strip()]
        epi = {"travel": travel, "contacts": self.contacts.text().strip(), "exposures": exposures,
               "notes": self.notes.toPlainText().strip()}
        return epi, self.findings.toPlainText().strip()

    def save_interview(self) -> None:
        if not self.mine:
            return
        values = self.interview_values()
        if values is None:
            return
        epi, findings = values
        cases, actor, c = self.session.ctx.cases, self.session.actor, self.case
        self.run(lambda: cases.update_interview(actor, c.visit_no, c.version, epi=epi, findings=findings),
                 self.tr("✓ Interview and findings saved."), fill=True)

    # ----- classification and reports -------------------------------------------------------
    def classify(self, exception_id: int | None = None) -> None:
        """Classify as chosen. A change the rules refuse needs an approved exception (特殊情况): one waiting
        for this change is used; otherwise the refusal is shown with "Second person approves an exception…"."""
        if not (self.mine and self.active):
            return
        cases, actor, c = self.session.ctx.cases, self.session.actor, self.case
        cls, other = self.classification.currentData(), self.other_pathogen.text()
        if not isinstance(exception_id, int) or isinstance(exception_id, bool):  # clicked(bool), returnPressed
            waiting = self._exception_for(cls)
            exception_id = waiting.id if waiting is not None else None
        use = exception_id or None  # 0: without one

        def message(record: CaseRecord) -> str:
            if record.classification in REPORTABLE and self._clock_of(record, ClockKind.REPORT):
                text = self.tr("✓ Classified as {classification}: report it to the network within 2 h.").format(
                    classification=classification_name(record.classification))
            else:
                text = self.tr("✓ Classified as {classification}.").format(
                    classification=classification_name(record.classification))
            if use is not None:
                text += " " + self.tr("(Exception #{id} used.)").format(id=use)
            return text

        def done(record: CaseRecord) -> None:
            self.refused_to, self.refusal = None, ""
            self.show_case(record)
            self.say(message(record), ok=True)
            self.changed.emit(record)

        def failed(exc: BaseException) -> None:
            code = exc.code if isinstance(exc, FeverSentinelError) else ""
            if code == "exception_not_needed" and use is not None:
                self.classify(exception_id=0)  # the rules allow it now: classify without the exception
                return
            self.refused_to = cls if code in EXCEPTION_CODES else None
            self.refusal = describe(exc) if code in EXCEPTION_CODES else ""
            self._failed(exc)
            self._show_exceptions()
            if self.exception_button.isVisible():
                self.exception_button.setFocus()

        self.session.runner.run(lambda: cases.classify(actor, c.visit_no, c.version, cls, other, exception_id=use),
                                done, failed, parent=self)

    def approve_exception(self) -> None:
        """A second person (the medical director, not this doctor) approves the refused change here with their
        own password; the case is then classified with that exception."""
        target = self.refused_to
        if not (self.mine and self.active) or target is None:
            return
        if self.exception_dialog is not None:
            self.exception_dialog.deleteLater()
        dialog = ClassificationExceptionDialog(self.session, self.case, target, self.refusal, self)
        self.exception_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.approved.connect(lambda exception_id: self._exception_approved(target, exception_id))
        dialog.show()

    def _exception_approved(self, target: str, exception_id: int) -> None:
        self.classification.setCurrentIndex(max(0, self.classification.findData(target)))
        self.classify(exception_id=exception_id)

    def record_incident(self) -> None:
        """Whom the incident (a suspected or positive patient who left without permission) was reported to,
        and when: meets the 2 h incident report clock."""
        if not self.mine or self.case.incident_reported_at is not None:
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        to, at = self.incident_to.text(), self.incident_at.value()
        self.run(lambda: cases.record_incident_report(actor, visit_no, to, at),
                 self.tr("✓ Incident report recorded."))

    def go_classify(self) -> None:
        """From the positive banner: the classification, ready to choose."""
        self.tabs.setCurrentIndex(1)
        self.classification.setFocus()

    def go_report(self) -> None:
        """From the positive banner: the direct network report, ready to type the card number."""
        self.tabs.setCurrentIndex(1)
        self.card_no.setFocus()
        self.card_no.selectAll()

    @staticmethod
    def _clock_of(record: CaseRecord, kind: str) -> ClockRecord | None:
        found = [k for k in record.clocks if k.kind == kind and k.met_at is None]
        return found[-1] if found else None

    def record_report(self) -> None:
        if not self.mine:
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        card, at = self.card_no.text(), self.reported_at.value()
        self.run(lambda: cases.record_report(actor, visit_no, card, at),
                 self.tr("✓ Direct network report recorded."))

    def record_investigation(self) -> None:
        if not self.mine:
            return
        cases, actor, visit_no, at = self.session.ctx.cases, self.session.actor, self.case.visit_no, \
            self.epi_done_at.value()
        self.run(lambda: cases.record_investigation(actor, visit_no, at),
                 self.tr("✓ Epidemiological investigation recorded."))

    # ----- observation and tests ------------------------------------------------------------
    def start_observation(self) -> None:
        if not (self.mine and self.is_open):
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        room, bed = self.room.text(), self.bed.text()
        self.run(lambda: cases.start_observation(actor, visit_no, room, bed),
                 self.tr("✓ Observation room and bed set."))

    def _open_sub(self, dialog: FormDialog, message: str) -> None:
        if self.sub is not None:
            self.sub.deleteLater()
        self.sub = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.saved.connect(lambda result: self._sub_saved(result, message))
        dialog.show()

    def _sub_saved(self, result: object, message: str) -> None:
        if isinstance(result, CaseRecord):
            self.show_case(result)
            self.changed.emit(result)
            self.say(message, ok=True)
        else:
            self.say(message, ok=True)
            self.reload(then=lambda: self.changed.emit(self.case))

    def order_test(self) -> None:
        if self.mine and self.active:
            self._open_sub(OrderTestDialog(self.session, self.case, self), self.tr("✓ Test ordered."))

    def record_result(self) -> None:
        test = self.selected_test()
        if test is None or test.result is not None or not self.session.can(Perm.CASEWORK):
            return
        dialog = ResultDialog(self.session, test, self)
        self._open_sub(dialog, self.tr("✓ Result recorded."))
        dialog.saved.connect(lambda result, test_id=test.id: self._after_result(result, test_id))

    def _after_result(self, result: object, test_id: int) -> None:
        """逢阳必报、逢阳即报: a positive result goes straight on to the classification (or, when the case is
        classified already, to the report), with the 2 h report clock the service started shown there."""
        if not isinstance(result, CaseRecord) or test_id not in result.positive_test_ids:
            return
        clock = next((k for k in result.clocks if k.kind == ClockKind.REPORT and k.ref_id == test_id
                      and k.met_at is None), None) or self._clock_of(result, ClockKind.REPORT)
        if result.classification in REPORTABLE:
            self.go_report()
        else:
            self.go_classify()
        due = local(clock.due_at, self.session.zone, "%H:%M") if clock is not None else ""
        self.say(self.tr("Positive result recorded: classify the case now and record the direct network report "
                         "by {time}.").format(time=due) if due else
                 self.tr("Positive result recorded: classify the case now and report it at once."), ok=False)
        self.tick()

    # ----- hand-over, disposition, timeline -------------------------------------------------
    def request_handover(self) -> None:
        if not (self.mine and self.is_open):
            return
        users, actor = self.session.ctx.users, self.session.actor

        def show(doctors: list[ColleagueInfo]) -> None:
            self._open_sub(HandoverDialog(self.session, self.case, doctors, self),
                           self.tr("✓ Hand-over requested: you stay responsible until it is accepted."))

        self.session.runner.run(lambda: users.doctors(actor), show, self._failed, parent=self)

    def dispose(self) -> None:
        if self.mine and self.is_open:
            self._open_sub(DispositionDialog(self.session, self.case, self), self.tr("✓ Case closed."))

    def request_transfer(self) -> None:
        """申请转运定点医院: pick an accepting hospital; afterwards offer to print the handover form."""
        if not self.may_request_transfer:
            return
        from ui.pages.transfer_dialogs import TransferRequestDialog

        transfers, actor, visit_no = self.session.ctx.transfers, self.session.actor, self.case.visit_no

        def show(found: tuple[list[Any], bool]) -> None:
            hospitals, needs_reason = found
            if self.sub is not None:
                self.sub.deleteLater()
            dialog = TransferRequestDialog(self.session, self.case, hospitals, self, needs_reason=needs_reason)
            self.sub = dialog
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.saved.connect(self._transfer_requested)
            dialog.show()

        self.session.runner.run(lambda: (transfers.hospitals(actor), transfers.needs_reason(actor, visit_no)), show,
                                self._failed, parent=self)

    def _transfer_requested(self, transfer: Any) -> None:
        self.say(self.tr("✓ Transfer to {hospital} requested: the case is closed as transferred.").format(
            hospital=transfer.hospital_name), ok=True)
        self.reload(then=lambda: self.changed.emit(self.case))
        answer = QMessageBox.question(self, self.tr("Print the handover form"),
                                      self.tr("Print the three-part transfer handover form now?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.print_transfer(transfer.id)

    def print_transfer(self, transfer_id: int) -> None:
        from ui.pages.transfer_print import print_handover

        def opened(dialog: QWidget) -> None:
            if self.print_dialog is not None:
                self.print_dialog.deleteLater()
            self.print_dialog = dialog

        print_handover(self.session, self, transfer_id, self.case.visit_no, opened)

    def show_timeline(self) -> None:
        from ui.pages.timeline import open_timeline

        def opened(dialog: QWidget) -> None:
            if self.timeline_dialog is not None:
                self.timeline_dialog.deleteLater()
            self.timeline_dialog = dialog

        open_timeline(self.session, self, self.case.visit_no, opened)

    # ----- running --------------------------------------------------------------------------
    def say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else BAD_STYLE)

    def run(self, fn: Callable[[], CaseRecord], message: str | Callable[[CaseRecord], str], *,
            fill: bool = False) -> None:
        def done(record: CaseRecord) -> None:
            self.show_case(record, fill=fill)
            self.say(message(record) if callable(message) else message, ok=True)
            self.changed.emit(record)

        self.session.runner.run(fn, done, self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):  # someone changed the case: show theirs, and say so
            self.reload(fill=True, then=lambda: self.say("× " + describe(exc), ok=False))
            QMessageBox.information(self, error_title(exc), describe(exc))
            return
        self.say("× " + describe(exc), ok=False)

    def reload(self, *, fill: bool = False, then: Callable[[], None] | None = None) -> None:
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no

        def done(record: CaseRecord) -> None:
            self.show_case(record, fill=fill)
            if then is not None:
                then()

        self.session.runner.run(lambda: cases.get(actor, visit_no), done, parent=self)


def open_case(session: Session, parent: QWidget, visit_no: str, on_open: Callable[[CaseDialog], None]) -> None:
    """Read the case through the runner, then show it (window-modal, non-blocking)."""
    cases, actor = session.ctx.cases, session.actor

    def show(record: CaseRecord) -> None:
        dialog = CaseDialog(session, record, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        on_open(dialog)
        dialog.show()

    session.runner.run(lambda: cases.get(actor, visit_no, opened=True), show, parent=parent)

