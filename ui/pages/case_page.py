"""病例: one fever-clinic case. The header says who the patient is, who is responsible and how the case is
classified; one widget per tab (ui/pages/case/) holds the epidemiological interview and findings, the
classification and the reports it triggers, observation and tests, and the case's time limits. Only the
responsible doctor's actions are enabled (any doctor may record a lab result); everyone else reads, and sees
who is responsible. The tabs ask; this dialog runs every write through the runner, answers with the fresh
case record, and keeps its action row in view on a 768-pixel screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.casework.records import CaseRecord
from app.casework.vocab import REPORTABLE, ClockKind
from app.errors import FeverSentinelError, StaleEdit, ValidationError
from app.permissions import Perm
from app.services.users import ColleagueInfo
from app.severity.figures import ObservationFigures
from app.severity.store import VitalSignsRecord
from ui.forms import Dialog, describe
from ui.labels import classification_name
from ui.messages import error_title
from ui.pages.case.classify_tab import ClassifyTab
from ui.pages.case.clocks_tab import ClocksTab
from ui.pages.case.common import CaseView, open_clock
from ui.pages.case.header import CaseHeader
from ui.pages.case.interview_tab import InterviewTab
from ui.pages.case.observation_tab import ObservationTab
from ui.pages.case_dialogs import (
    ClassificationExceptionDialog,
    DispositionDialog,
    HandoverDialog,
    OrderTestDialog,
    ResultDialog,
)
from ui.session import Session
from ui.widgets.dialog import FormDialog
from ui.widgets.palette import BAD_STYLE, OK_STYLE
from ui.widgets.table import local
from ui.widgets.vitals import FIELDS as VITALS_FIELDS
from ui.widgets.vitals import level_text, news2_text

ALERT_LINE = ObservationFigures().alert_total  # a set at or above it is said in red (the clinic may lower it)

# the refusals of a classification change that a second person's exception may stand in for (特殊情况)
EXCEPTION_CODES = ("classification_forward_only", "exclusion_needs_two_negative_nat")
WINDOW_FRAME = QSize(16, 39)  # a Windows 10/11 title bar and borders at 100 %
INTERVIEW, CLASSIFY, TESTS, CLOCKS = range(4)


def screen_area(widget: QWidget) -> QRect:
    """The part of the screen a window may use (the desktop less the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


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
        self.print_dialog: QWidget | None = None
        self.exception_dialog: ClassificationExceptionDialog | None = None
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1180, 700)
        self.setMinimumSize(980, 600)
        view = self.view_of(case)
        self.header = CaseHeader(view)
        self.interview = InterviewTab()
        self.classify_tab = ClassifyTab(view)
        self.observation = ObservationTab(view)
        self.clocks = ClocksTab(view)
        self.tabs = FittingTabs()
        for tab in (self.interview, self.classify_tab, self.observation, self.clocks):
            self.tabs.addTab(tab, "")
        self._wire()
        self._build_actions()
        self._lay_out()
        self._fitted = False
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_interview)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()
        self.retranslate()
        self.show_case(case, fill=True)

    def _wire(self) -> None:
        """What each part asks of the dialog."""
        self.header.classify_asked.connect(self.go_classify)
        self.header.report_asked.connect(self.go_report)
        self.header.incident_asked.connect(self.record_incident)
        self.interview.save_asked.connect(self.save_interview)
        self.classify_tab.classify_asked.connect(self.classify)
        self.classify_tab.exception_asked.connect(self.approve_exception)
        self.classify_tab.report_asked.connect(self.record_report)
        self.classify_tab.investigation_asked.connect(self.record_investigation)
        self.observation.observe_asked.connect(self.start_observation)
        self.observation.vitals_asked.connect(self.record_vitals)
        self.observation.order_asked.connect(self.order_test)
        self.observation.result_asked.connect(self.record_result)

    def _build_actions(self) -> None:
        """The pinned action row: the last message, and what is done with the whole case."""
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.handover_button = QPushButton()
        self.handover_button.clicked.connect(self.request_handover)
        self.dispose_button = QPushButton()
        self.dispose_button.clicked.connect(self.dispose)
        self.transfer_button = QPushButton()
        self.transfer_button.clicked.connect(self.request_transfer)
        self.timeline_button = QPushButton()
        self.timeline_button.clicked.connect(self.show_timeline)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda _checked=False: self.reload())
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.message, 1)
        for b in (self.handover_button, self.dispose_button, self.transfer_button, self.timeline_button,
                  self.refresh_button, self.close_button):
            self.bottom.addWidget(b)

    def _lay_out(self) -> None:
        """Everything but the action row scrolls, so the window fits a 1366×768 screen (less the taskbar)."""
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)  # Enter belongs to the field's own action, not to a random button
        self.content = QWidget()
        self.content_box = QVBoxLayout(self.content)
        self.content_box.setContentsMargins(0, 0, 0, 0)
        self.content_box.addWidget(self.header)
        self.content_box.addWidget(self.tabs, 1)
        # the tabs take the room left under the header (at least what their pages need): on a short screen they
        # shrink before anything scrolls
        self.tabs.setSizePolicy(self.tabs.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Ignored)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.content)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.scroll_area, 1)
        self.outer.addLayout(self.bottom)

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
        self.content_box.invalidate()
        content = self.content.sizeHint().height()
        self.tabs.setSizePolicy(fitted)
        self.content_box.invalidate()
        margins = self.outer.contentsMargins()
        return (content + self.bottom.sizeHint().height() + self.outer.spacing() + margins.top()
                + margins.bottom())

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
    def view_of(self, case: CaseRecord) -> CaseView:
        """The case as the parts show it: who may act on it, and now."""
        casework = self.session.can(Perm.CASEWORK)
        return CaseView(case=case, mine=casework and case.doctor_username == self.session.actor.username,
                        casework=casework, now=self.session.ctx.clock.now(), zone=self.session.zone)

    @property
    def view(self) -> CaseView:
        return self.view_of(self.case)

    # ----- showing --------------------------------------------------------------------------
    def show_case(self, case: CaseRecord, *, fill: bool = False) -> None:
        self.case = case
        view = self.view_of(case)
        if fill:
            self.interview.fill(case)
        self.interview.set_enabled(view.mine)
        self.header.load(view)
        self.classify_tab.load(view)
        self.observation.load(view)
        self.clocks.load(view)
        self._refresh(view)
        self.load_trend()

    def _refresh(self, view: CaseView) -> None:
        """The title, the counting tab labels and the action row for ``view``."""
        c, mine, is_open = view.case, view.mine, view.is_open
        self.setWindowTitle(self.tr("Case {visit_no} — {name}").format(visit_no=c.visit_no, name=c.patient_name))
        self.tabs.setTabText(TESTS, self.observation.tab_text())
        self.tabs.setTabText(CLOCKS, self.clocks.tab_text())
        self.header.positive_report_button.setEnabled(self.classify_tab.report_button.isEnabled())
        self.handover_button.setEnabled(mine and is_open and c.pending_handover is None)
        self.dispose_button.setEnabled(mine and is_open)
        self.transfer_button.setEnabled(view.may_request_transfer)

    def tick(self) -> None:
        """Every second: the clocks' time left, the most urgent clock in the header, the report status."""
        now = self.session.ctx.clock.now()
        self.clocks.tick(now)
        self.observation.tick(now)
        self.header.tick(now)
        self.classify_tab.tick(now)

    # ----- interview ------------------------------------------------------------------------
    def save_interview(self) -> None:
        view = self.view
        if not view.mine:
            return
        try:
            epi, findings = self.interview.values(view.now.astimezone(view.zone).date())
        except ValidationError as exc:  # a travel date that does not read: its cell is current
            self.say(describe(exc), ok=False)
            self.tabs.setCurrentIndex(INTERVIEW)
            return
        cases, actor, c = self.session.ctx.cases, self.session.actor, self.case
        self.run(lambda: cases.update_interview(actor, c.visit_no, c.version, epi=epi, findings=findings),
                 self.tr("✓ Interview and findings saved."), fill=True)

    # ----- classification and reports -------------------------------------------------------
    def classify(self, exception_id: int | None = None) -> None:
        """Classify as chosen. A change the rules refuse needs an approved exception (特殊情况): one waiting
        for this change is used; otherwise the refusal is shown with "Second person approves an exception…"."""
        view, tab = self.view, self.classify_tab
        if not (view.mine and view.active):
            return
        cases, actor, c = self.session.ctx.cases, self.session.actor, self.case
        cls, other = tab.classification.currentData(), tab.other_pathogen.text()
        if exception_id is None:
            waiting = tab.exception_for(cls)
            exception_id = waiting.id if waiting is not None else None
        use = exception_id or None  # 0: without one

        def message(record: CaseRecord) -> str:
            if record.classification in REPORTABLE and open_clock(record, ClockKind.REPORT):
                text = self.tr("✓ Classified as {classification}: report it to the network within 2 h.").format(
                    classification=classification_name(record.classification))
            else:
                text = self.tr("✓ Classified as {classification}.").format(
                    classification=classification_name(record.classification))
            if use is not None:
                text += " " + self.tr("(Exception #{id} used.)").format(id=use)
            return text

        def done(record: CaseRecord) -> None:
            tab.refused_to, tab.refusal = None, ""
            self.show_case(record)
            self.say(message(record), ok=True)
            self.changed.emit(record)

        def failed(exc: BaseException) -> None:
            code = exc.code if isinstance(exc, FeverSentinelError) else ""
            if code == "exception_not_needed" and use is not None:
                self.classify(exception_id=0)  # the rules allow it now: classify without the exception
                return
            tab.refused_to = cls if code in EXCEPTION_CODES else None
            tab.refusal = describe(exc) if code in EXCEPTION_CODES else ""
            self._failed(exc)
            tab.show_exceptions()
            if tab.exception_button.isVisible():
                tab.exception_button.setFocus()

        self.session.runner.run(lambda: cases.classify(actor, c.visit_no, c.version, cls, other, exception_id=use),
                                done, failed, parent=self)

    def approve_exception(self) -> None:
        """A second person (the medical director, not this doctor) approves the refused change here with their
        own password; the case is then classified with that exception."""
        view, target = self.view, self.classify_tab.refused_to
        if not (view.mine and view.active) or target is None:
            return
        if self.exception_dialog is not None:
            self.exception_dialog.deleteLater()
        dialog = ClassificationExceptionDialog(self.session, self.case, target, self.classify_tab.refusal, self)
        self.exception_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.approved.connect(lambda exception_id: self._exception_approved(target, exception_id))
        dialog.show()

    def _exception_approved(self, target: str, exception_id: int) -> None:
        self.classify_tab.choose(target)
        self.classify(exception_id=exception_id)

    def record_incident(self) -> None:
        """Whom the incident (a suspected or positive patient who left without permission) was reported to,
        and when: meets the 2 h incident report clock."""
        if not self.view.mine or self.case.incident_reported_at is not None:
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        to, at = self.header.incident_to.text(), self.header.incident_at.value()
        self.run(lambda: cases.record_incident_report(actor, visit_no, to, at),
                 self.tr("✓ Incident report recorded."))

    def go_classify(self) -> None:
        """From the positive banner: the classification, ready to choose."""
        self.tabs.setCurrentIndex(CLASSIFY)
        self.classify_tab.classification.setFocus()

    def go_report(self) -> None:
        """From the positive banner: the direct network report, ready to type the card number."""
        self.tabs.setCurrentIndex(CLASSIFY)
        self.classify_tab.card_no.setFocus()
        self.classify_tab.card_no.selectAll()

    def record_report(self) -> None:
        if not self.view.mine:
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        card, at = self.classify_tab.card_no.text(), self.classify_tab.reported_at.value()
        self.run(lambda: cases.record_report(actor, visit_no, card, at),
                 self.tr("✓ Direct network report recorded."))

    def record_investigation(self) -> None:
        if not self.view.mine:
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        at = self.classify_tab.epi_done_at.value()
        self.run(lambda: cases.record_investigation(actor, visit_no, at),
                 self.tr("✓ Epidemiological investigation recorded."))

    # ----- observation and tests ------------------------------------------------------------
    def start_observation(self) -> None:
        view = self.view
        if not (view.mine and view.is_open):
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        room, bed = self.observation.room.text(), self.observation.bed.text()
        self.run(lambda: cases.start_observation(actor, visit_no, room, bed),
                 self.tr("✓ Observation room and bed set."))

    def load_trend(self) -> None:
        """The visit's vital signs for the observation tab (the case record does not carry them)."""
        observation, actor, visit_no = self.session.ctx.observation, self.session.actor, self.case.visit_no
        self.session.runner.run(lambda: observation.trend(actor, visit_no), self.observation.show_trend, parent=self)

    def record_vitals(self) -> None:
        """A set of the observation round: saved, then the case read again (its round clock moved)."""
        view = self.view
        if not (view.mine and view.is_open):
            return
        self.observation.vitals_failed("")
        try:
            vitals = self.observation.vitals.vitals()
        except ValidationError as exc:
            self.observation.vitals_failed(describe(exc))
            field = exc.details.get("field")
            if isinstance(field, str) and field in VITALS_FIELDS:
                self.observation.vitals.field(field).setFocus()
            return
        observation, cases = self.session.ctx.observation, self.session.ctx.cases
        actor, visit_no = self.session.actor, self.case.visit_no

        def save() -> tuple[VitalSignsRecord, CaseRecord]:
            return observation.record_vitals(actor, visit_no, vitals), cases.get(actor, visit_no)

        def done(result: tuple[VitalSignsRecord, CaseRecord]) -> None:
            saved, record = result
            self.observation.vitals.clear()
            self.show_case(record)
            self.changed.emit(record)
            self.say(self.tr("✓ Vital signs recorded: {news2}, {level}.").format(
                news2=news2_text(saved), level=level_text(saved.level)), ok=saved.news2 < ALERT_LINE)

        def failed(exc: BaseException) -> None:
            self.observation.vitals_failed(describe(exc))
            self._failed(exc)

        self.session.runner.run(save, done, failed, parent=self)

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
        view = self.view
        if view.mine and view.active:
            self._open_sub(OrderTestDialog(self.session, self.case, self), self.tr("✓ Test ordered."))

    def record_result(self) -> None:
        test = self.observation.selected_test()
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
                      and k.met_at is None), None) or open_clock(result, ClockKind.REPORT)
        if result.classification in REPORTABLE:
            self.go_report()
        else:
            self.go_classify()
        due = local(clock.due_at, self.session.zone, "%H:%M") if clock is not None else ""
        self.say(self.tr("Positive result recorded: classify the case now and record the direct network report "
                         "by {time}.").format(time=due) if due else
                 self.tr("Positive result recorded: classify the case now and report it at once."), ok=False)
        self.tick()

    # ----- hand-over, disposition, transfer, timeline ---------------------------------------
    def request_handover(self) -> None:
        view = self.view
        if not (view.mine and view.is_open):
            return
        users, actor = self.session.ctx.users, self.session.actor

        def show(doctors: list[ColleagueInfo]) -> None:
            self._open_sub(HandoverDialog(self.session, self.case, doctors, self),
                           self.tr("✓ Hand-over requested: you stay responsible until it is accepted."))

        self.session.runner.run(lambda: users.doctors(actor), show, self._failed, parent=self)

    def dispose(self) -> None:
        view = self.view
        if view.mine and view.is_open:
            self._open_sub(DispositionDialog(self.session, self.case, self), self.tr("✓ Case closed."))

    def request_transfer(self) -> None:
        """申请转运定点医院: pick an accepting hospital; afterwards offer to print the handover form."""
        if not self.view.may_request_transfer:
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

    # ----- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(INTERVIEW, self.tr("&Interview and findings"))
        self.tabs.setTabText(CLASSIFY, self.tr("&Classification and reports"))
        for part in (self.header, self.interview, self.classify_tab, self.observation, self.clocks):
            part.retranslate()
        self.handover_button.setText(self.tr("&Hand over…"))
        self.dispose_button.setText(self.tr("Dis&position…"))
        self.transfer_button.setText(self.tr("Request transfer to designated hospita&l…"))
        self.timeline_button.setText(self.tr("Ti&meline…"))
        self.refresh_button.setText(self.tr("Re&fresh (F5)"))
        self.close_button.setText(self.tr("Close"))
        self._refresh(self.view)

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
