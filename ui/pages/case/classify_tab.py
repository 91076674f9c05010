"""诊断分类与报告: the case classification (with 特殊情况, a second person's exception, for a change the rules
refuse), the 2 h direct network report and the 24 h epidemiological investigation."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.casework.records import CaseExceptionRecord
from app.casework.vocab import REPORTABLE, Classification, ClockKind
from ui.fields import TimeField
from ui.forms import tidy_form
from ui.labels import classification_name
from ui.pages.case.common import CaseView, clock_chip, last_clock, needs_exception
from ui.pages.case_models import clock_label, clock_status
from ui.widgets.palette import INFO, MUTED, style
from ui.widgets.table import local

translate = QCoreApplication.translate  # the strings keep the context "CaseDialog" they were translated in


class ClassifyTab(QWidget):
    """``classify_asked``, ``exception_asked`` (a second person approves the refused change),
    ``report_asked``, ``investigation_asked``: the dialog runs them. After a refusal an exception may stand in
    for, the dialog sets ``refused_to``/``refusal`` and calls ``show_exceptions``."""

    classify_asked = Signal()
    exception_asked = Signal()
    report_asked = Signal()
    investigation_asked = Signal()

    def __init__(self, view: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.refused_to: str | None = None  # the classification last refused where an exception may stand in
        self.refusal = ""
        self.classification = QComboBox()
        for cls in Classification:
            self.classification.addItem("", cls.value)
        self.other_pathogen = QLineEdit()
        self.other_pathogen.setMaxLength(100)
        self.other_pathogen.returnPressed.connect(self.classify_asked)
        self.classify_button = QPushButton()
        self.classify_button.clicked.connect(self.classify_asked)
        self.classified_label = QLabel()
        self.labels = {k: QLabel() for k in ("classification", "other", "card", "at")}
        self.labels["classification"].setBuddy(self.classification)
        self.labels["other"].setBuddy(self.other_pathogen)
        self.exception_button = QPushButton()  # 特殊情况: a second person approves a change the rules refuse
        self.exception_button.clicked.connect(self.exception_asked)
        self.exception_button.hide()
        self.exceptions_label = QLabel()  # approved exceptions for this visit, not used yet
        self.exceptions_label.setWordWrap(True)
        self.exceptions_label.setStyleSheet(style(fg=INFO, bold=True))
        self.exceptions_label.hide()
        self.classification.currentIndexChanged.connect(lambda _i: self.show_exceptions())
        self.class_group = QGroupBox()
        cf = QFormLayout(self.class_group)
        tidy_form(cf)
        cf.addRow(self.labels["classification"], self.classification)
        cf.addRow(self.labels["other"], self.other_pathogen)
        class_row = QHBoxLayout()
        class_row.addWidget(self.classified_label, 1)
        class_row.addWidget(self.exception_button)
        class_row.addWidget(self.classify_button)
        cf.addRow(class_row)
        cf.addRow(self.exceptions_label)

        self.report_status = QLabel()
        self.card_no = QLineEdit()
        self.card_no.setMaxLength(40)
        self.card_no.returnPressed.connect(self.report_asked)
        self.reported_at = TimeField(view.zone)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.report_asked)
        self.labels["card"].setBuddy(self.card_no)
        self.labels["at"].setBuddy(self.reported_at)
        self.report_group = QGroupBox()
        rf = QFormLayout(self.report_group)
        tidy_form(rf)
        rf.addRow(self.report_status)
        rf.addRow(self.labels["card"], self.card_no)
        rf.addRow(self.labels["at"], self.reported_at)
        rf.addRow(self.report_button)

        self.epi_status = QLabel()
        self.epi_done_at = TimeField(view.zone)
        self.epi_button = QPushButton()
        self.epi_button.clicked.connect(self.investigation_asked)
        self.epi_at_label = QLabel()
        self.epi_at_label.setBuddy(self.epi_done_at)
        self.epi_done_group = QGroupBox()
        ef = QFormLayout(self.epi_done_group)
        tidy_form(ef)
        ef.addRow(self.epi_status)
        ef.addRow(self.epi_at_label, self.epi_done_at)
        ef.addRow(self.epi_button)
        grid = QGridLayout(self)
        grid.addWidget(self.class_group, 0, 0, 1, 2)
        grid.addWidget(self.report_group, 1, 0)
        grid.addWidget(self.epi_done_group, 1, 1)
        grid.setRowStretch(2, 1)

    def choose(self, classification: str) -> None:
        self.classification.setCurrentIndex(max(0, self.classification.findData(classification)))

    def load(self, view: CaseView) -> None:
        """Show ``view``'s case: its classification, report and investigation, and what the doctor may do."""
        self.view = view
        c = view.case
        self.choose(c.classification)
        self.other_pathogen.setText(c.other_pathogen or "")
        self.card_no.setText(c.report_card_no or "")
        self.reported_at.set_value(c.reported_at or view.now)
        self.epi_done_at.set_value(c.epi_done_at or view.now)
        mine, active = view.mine, view.active
        w: QWidget
        for w in (self.classification, self.other_pathogen, self.classify_button):
            w.setEnabled(mine and active)
        report_due = any(k.kind == ClockKind.REPORT and k.met_at is None for k in c.clocks)
        for w in (self.card_no, self.reported_at, self.report_button):
            w.setEnabled(mine and (c.classification in REPORTABLE or report_due))
        for w in (self.epi_done_at, self.epi_button):
            w.setEnabled(mine and last_clock(c, ClockKind.EPI) is not None)
        self.exception_button.setEnabled(mine and active)
        self.refresh()

    def refresh(self) -> None:
        """The words of the case as it is (also after a language switch)."""
        c = self.view.case
        self.classified_label.setText(translate("CaseDialog", "Classified at {time}").format(
            time=local(c.classified_at, self.view.zone)) if c.classified_at else "")
        self.show_exceptions()
        self.tick(self.view.now)

    def exception_for(self, after: str) -> CaseExceptionRecord | None:
        """The approved, unused exception for changing this case to ``after`` (oldest first), when the change
        needs one."""
        c = self.view.case
        if not needs_exception(c.classification, after):
            return None
        return next((e for e in c.pending_exceptions if e.detail.get("to") == after), None)

    def show_exceptions(self) -> None:
        """The approved exceptions waiting to be used, the "second person approves" button after a refusal
        an exception may stand in for, and the classify button naming the exception it will use."""
        view, zone = self.view, self.view.zone
        lines = [translate("CaseDialog", "Exception #{id} approved by {approver} at {time}: may change to {to}. "
                                         "Reason: {reason}").format(
            id=e.id, approver=e.approved_by, time=local(e.approved_at, zone),
            to=classification_name(str(e.detail.get("to", ""))), reason=e.reason)
                 for e in view.case.pending_exceptions]
        self.exceptions_label.setText("\n".join(lines))
        self.exceptions_label.setVisible(bool(lines))
        target = self.classification.currentData()
        use = self.exception_for(target) if target else None
        self.classify_button.setText(translate("CaseDialog", "Classify with exception #{id}").format(id=use.id)
                                     if use else translate("CaseDialog", "Classify"))
        self.exception_button.setVisible(view.mine and view.active and use is None and target is not None
                                         and target == self.refused_to)

    def tick(self, now: datetime) -> None:
        """The report and investigation clocks' status, coloured by urgency."""
        c = self.view.case
        no_report = translate("CaseDialog", "No report needed: the case is not suspected, confirmed or asymptomatic.")
        no_epi = translate("CaseDialog", "No investigation clock: the case is not suspected, confirmed or "
                                         "asymptomatic.")
        for label, kind, none_text in ((self.report_status, ClockKind.REPORT, no_report),
                                       (self.epi_status, ClockKind.EPI, no_epi)):
            k = last_clock(c, kind)
            if k is None:
                label.setText(none_text)
                label.setStyleSheet(style(fg=MUTED))
                continue
            text, state = clock_status(k, now)
            if kind == ClockKind.REPORT and k.met_at is not None and c.reported_at is not None:
                text += "  " + translate("CaseDialog", "(card {card}, {time})").format(
                    card=c.report_card_no or "", time=local(c.reported_at, self.view.zone))
            clock_chip(label, translate("CaseDialog", "{clock}: {status}").format(clock=clock_label(k), status=text),
                       None if k.met_at is not None and not k.missed else state)

    def retranslate(self) -> None:
        self.class_group.setTitle(translate("CaseDialog", "Case classification"))
        self.labels["classification"].setText(translate("CaseDialog", "Classificatio&n:"))
        for i in range(self.classification.count()):
            self.classification.setItemText(i, classification_name(self.classification.itemData(i)))
        self.labels["other"].setText(translate("CaseDialog", "Other patho&gen:"))
        self.other_pathogen.setPlaceholderText(translate("CaseDialog", "e.g. influenza A, when another cause is "
                                                                       "found"))
        self.exception_button.setText(translate("CaseDialog", "Second person approves an e&xception…"))
        self.report_group.setTitle(translate("CaseDialog", "Direct network report (within 2 h)"))
        self.labels["card"].setText(translate("CaseDialog", "Repor&t card no.:"))
        self.labels["at"].setText(translate("CaseDialog", "Reported &at:"))
        self.report_button.setText(translate("CaseDialog", "Record direct network &report"))
        self.epi_done_group.setTitle(translate("CaseDialog", "Epidemiological investigation (within 24 h)"))
        self.epi_at_label.setText(translate("CaseDialog", "&Done at:"))
        self.epi_button.setText(translate("CaseDialog", "In&vestigation done"))
        self.refresh()
