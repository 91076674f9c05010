"""预检分诊: the pre-triage desk. Screening → (if febrile) registration → escorted hand-off.

One page with three steps in a stack, so the nurse never hunts through windows: after a fever
clinic or isolation decision the registration form opens; after saving, the visit number shows
big, the nurse names the escort and sends the patient, and the guide slip's preview opens with
Print focused. "Next patient" (or Esc) returns to an empty screening form.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.printing.guide_slip import GuideSlip, guide_slip_pdf
from app.printing.registration_form import registration_form_pdf
from app.printing.guide_slip import SLIP_SIZES
from app.settings import SLIP_PAPER
from app.triage.records import HandoffRecord, VisitDetail
from ui.forms import FieldErrors, error_label, field_with_error, scrolling, tidy_form
from app.vocabulary.severity import LEVEL
from ui.labels import decision_name, say
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.pages.registration_form import RegistrationForm
from ui.pages.screening_form import DecisionPanel, PendingScreening, ScreeningForm
from ui.session import Session
from ui.untaken_feed import UntakenBanner
from ui.widgets import palette
from ui.widgets.page import Page

translate = QCoreApplication.translate  # lupdate extracts translate("Printing", ...)


def urgent_text(decision: str) -> str:
    """The screening form's banner words: to a doctor at once, with the decision's isolation."""
    return DecisionPanel.immediate_text_for(decision)


def slip_for(session: Session, detail: VisitDetail, handoff: HandoffRecord | None) -> GuideSlip:
    return GuideSlip(clinic_name=session.clinic.name, visit_no=detail.visit_no, patient_name=detail.patient.name,
                     sent_at=handoff.sent_at if handoff else session.ctx.clock.now(),
                     timezone=session.clinic.timezone, escort=handoff.escort if handoff else "",
                     queue_no=handoff.queue_no if handoff else None)


def preview_slip(session: Session, parent: QWidget, detail: VisitDetail, handoff: HandoffRecord | None, size: str,
                 on_open: object) -> None:
    slip = slip_for(session, detail, handoff)
    open_preview(session, parent, lambda: guide_slip_pdf(slip, size), translate("Printing", "Guide slip {visit_no}").format(
        visit_no=detail.visit_no), f"guide-slip-{detail.visit_no}.pdf", on_open)  # type: ignore[arg-type]


def preview_form(session: Session, parent: QWidget, visit_no: str, on_open: object) -> None:
    registration, actor, clinic, clock = session.ctx.registration, session.actor, session.clinic, session.ctx.clock

    def make() -> bytes:
        detail = registration.detail(actor, visit_no)  # fresh: includes the hand-offs so far
        return registration_form_pdf(detail, clinic, clock.now())

    open_preview(session, parent, make, translate("Printing", "Registration form {visit_no}").format(visit_no=visit_no),
                 f"registration-{visit_no}.pdf", on_open)  # type: ignore[arg-type]


class HandoffStep(QWidget):
    """After registration: the visit number, the escort, send, print. Emits ``done()`` for the next patient."""

    done = Signal()
    sent = Signal(object)

    last_escort = ""  # remembered for the next patient (per desk session)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: VisitDetail | None = None
        self.handoff: HandoffRecord | None = None
        self.preview: PrintPreviewDialog | None = None
        self._busy = False
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setStyleSheet("font-size: 13pt;")
        self.visit_no = QLabel()
        self.visit_no.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.visit_no.setStyleSheet("font-size: 34pt; font-weight: bold; letter-spacing: 1px;")
        self.visit_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.patient = QLabel()
        self.patient.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.patient.setStyleSheet("font-size: 15pt;")
        self.urgent = QLabel()  # a level I/II patient: to a doctor at once, whatever the decision (issue 17)
        self.urgent.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.urgent.setStyleSheet(f"font-size: 15pt; font-weight: bold; color: {palette.WHITE};"
                                  f" background: {palette.ALARM}; border-radius: 6px; padding: 6px;")
        self.urgent.hide()
        self.escort = QLineEdit()
        self.escort.setMaxLength(64)
        self.escort.setStyleSheet("font-size: 13pt;")
        self.slip_size = QComboBox()
        for size in SLIP_SIZES:
            self.slip_size.addItem(size, size)
        self.send_button = QPushButton()
        self.send_button.setStyleSheet("font-size: 13pt; font-weight: bold; padding: 6px 18px;")
        self.send_button.clicked.connect(self.send)
        self.sent_label = QLabel()
        self.sent_label.setWordWrap(True)
        self.sent_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sent_label.setStyleSheet(f"font-size: 12pt; color: {palette.OK};")
        self.slip_button = QPushButton()
        self.slip_button.clicked.connect(self.print_slip)
        self.form_button = QPushButton()
        self.form_button.clicked.connect(self.print_form)
        self.next_button = QPushButton()
        self.next_button.setStyleSheet("font-size: 12pt; padding: 6px 18px;")
        self.next_button.clicked.connect(self.finish)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        escort_box, escort_error = field_with_error(self.escort)
        self.errors.add("escort", self.escort, escort_error)
        self.escort_label, self.size_label = QLabel(), QLabel()
        self.escort_label.setBuddy(self.escort)
        self.size_label.setBuddy(self.slip_size)
        form = QFormLayout()
        tidy_form(form)
        form.addRow(self.escort_label, escort_box)
        form.addRow(self.size_label, self.slip_size)
        form_box = QWidget()
        form_box.setLayout(form)
        form_box.setMaximumWidth(560)
        send_row = QHBoxLayout()
        send_row.addStretch(1)
        send_row.addWidget(self.send_button)
        send_row.addStretch(1)
        print_row = QHBoxLayout()
        print_row.addStretch(1)
        for button in (self.slip_button, self.form_button, self.next_button):
            print_row.addWidget(button)
        print_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.visit_no)
        layout.addWidget(self.patient)
        layout.addWidget(self.urgent, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(form_box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(send_row)
        layout.addWidget(self.general_error)
        layout.addWidget(self.sent_label)
        layout.addLayout(print_row)
        layout.addStretch(2)
        for first, second in zip([self.escort, self.slip_size, self.send_button, self.slip_button, self.form_button],
                                 [self.slip_size, self.send_button, self.slip_button, self.form_button,
                                  self.next_button]):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Registered. Visit number:"))
        self.escort_label.setText(self.tr("&Escort:"))
        self.escort.setPlaceholderText(self.tr("who walks the patient to the fever clinic"))
        self.size_label.setText(self.tr("Slip &paper:"))
        self.send_button.setText(self.tr("&Send to fever clinic (Enter)"))
        self.slip_button.setText(self.tr("Print guide &slip…"))
        self.form_button.setText(self.tr("Print registration &form (A4)…"))
        self.next_button.setText(self.tr("&Next patient (Esc)"))
        self._show()

    def start(self, detail: VisitDetail) -> None:
        self.detail = detail
        self.handoff = None
        self.errors.clear()
        self.escort.setText(HandoffStep.last_escort)
        self.slip_size.setCurrentIndex(max(0, self.slip_size.findData(self.session.ctx.settings.get(SLIP_PAPER))))
        self._show()
        self.escort.setFocus()
        self.escort.selectAll()

    def _show(self) -> None:
        d = self.detail
        if d is None:
            return
        self.visit_no.setText(d.visit_no)
        decision = d.screening.decision
        self.visit_no.setStyleSheet("font-size: 34pt; font-weight: bold; "
                                    f"color: {palette.DECISION_COLORS.get(decision, palette.TEXT)};")
        self.patient.setText(f"{d.patient.name}  ·  {decision_name(decision)}")
        s = d.screening
        if s.urgent and s.severity_level is not None:
            self.urgent.setText(f"{say(LEVEL[str(s.severity_level)])} · {urgent_text(decision)}")
        self.urgent.setVisible(s.urgent and s.severity_level is not None)
        sent = self.handoff is not None
        self.send_button.setEnabled(not sent)
        self.escort.setReadOnly(sent)
        self.slip_button.setEnabled(sent)
        if self.handoff is None:
            self.sent_label.clear()
        else:
            h = self.handoff
            self.sent_label.setText(self.tr("Sent at {time} with {escort}; expected at the fever clinic by {due}.")
                                    .format(time=self._time(h.sent_at), escort=h.escort, due=self._time(h.due_at)))

    def _time(self, at: datetime) -> str:
        return at.astimezone(self.session.zone).strftime("%H:%M")

    def send(self) -> None:
        if self.detail is None or self.handoff is not None or self._busy:
            return
        self.errors.clear()
        self._busy = True
        handoffs, actor, visit_no, escort = (self.session.ctx.handoffs, self.session.actor, self.detail.visit_no,
                                             self.escort.text())
        self.session.runner.run(lambda: handoffs.send(actor, visit_no, escort), self._sent, self._failed,
                                parent=self)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.errors.show(exc)

    def _sent(self, handoff: HandoffRecord) -> None:
        self._busy = False
        self.handoff = handoff
        HandoffStep.last_escort = handoff.escort
        self._show()
        self.sent.emit(handoff)
        self.print_slip()
        self.next_button.setFocus()

    def print_slip(self) -> None:
        if self.detail is None:
            return
        preview_slip(self.session, self, self.detail, self.handoff, str(self.slip_size.currentData()),
                     self._opened)

    def print_form(self) -> None:
        if self.detail is not None:
            preview_form(self.session, self, self.detail.visit_no, self._opened)

    def _opened(self, dialog: PrintPreviewDialog) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = dialog

    def finish(self) -> None:
        if self.detail is not None and self.handoff is None:
            answer = QMessageBox.question(
                self, self.tr("Not sent yet"),
                self.tr("Visit {visit_no} has not been sent to the fever clinic. Go to the next patient anyway?")
                .format(visit_no=self.detail.visit_no),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.detail = None
        self.handoff = None
        self.done.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.handoff is None:
                self.send()
            elif self.focusWidget() is self.next_button or self.focusWidget() is None:
                self.finish()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish()
            event.accept()
            return
        super().keyPressEvent(event)


class TriageDeskPage(Page):
    """The pre-triage desk (Perm.TRIAGE)."""

    SCREEN, REGISTER, HANDOFF = range(3)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.step_label = QLabel()
        self.step_label.setStyleSheet(f"color: {palette.HINT};")
        self.untaken = UntakenBanner(session, "triage", self)  # 首诊负责制: patients no doctor has taken
        self.screening = ScreeningForm(session)
        self.registration = RegistrationForm(session)
        self.handoff = HandoffStep(session)
        self.stack = QStackedWidget()
        for widget in (self.screening, self.registration, self.handoff):
            self.stack.addWidget(widget)
        self.screening.needs_registration.connect(self.start_registration)
        self.registration.registered.connect(self._registered)
        self.registration.cancelled.connect(self.next_patient)
        self.handoff.done.connect(self.next_patient)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.step_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.untaken)
        layout.addWidget(scrolling(self.stack), 1)  # a step taller than 1366×768 less the taskbar scrolls
        self.retranslate()

    def title(self) -> str:
        return self.tr("Pre-triage")

    def activated(self) -> None:
        config = self.session.ctx.triage_config
        self.session.runner.run(lambda: (config.rules()[0], [a.name for a in config.risk_areas()]),
                                lambda result: self.screening.set_rules(*result), parent=self)
        self.screening.refresh_count()
        self._focus_step()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Pre-triage screening"))
        self._show_step()

    def step(self) -> int:
        return self.stack.currentIndex()

    def _show_step(self) -> None:
        names = [self.tr("Step 1 of 3: screening"), self.tr("Step 2 of 3: registration"),
                 self.tr("Step 3 of 3: escort to the fever clinic")]
        self.step_label.setText(names[self.stack.currentIndex()])

    def _set_step(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._show_step()

    def _focus_step(self) -> None:
        [self.screening.temperature, self.registration.first_empty(), self.handoff.escort][self.step()].setFocus()

    def start_registration(self, pending: PendingScreening) -> None:
        """Register a screened fever patient (from this desk or from the pharmacy register)."""
        self.registration.start(pending)
        self._set_step(self.REGISTER)
        self.registration.first_empty().setFocus()  # a pharmacy buyer's name, phone and ID are filled in

    def _registered(self, detail: VisitDetail) -> None:
        self.handoff.start(detail)
        self._set_step(self.HANDOFF)
        self.handoff.escort.setFocus()

    def next_patient(self) -> None:
        self.screening.clear()
        self._set_step(self.SCREEN)
        self.screening.temperature.setFocus()
