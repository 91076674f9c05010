"""发热门诊接诊: the sentinel doctor's desk. Hand-overs waiting for this doctor's answer come first
(they move responsibility), then the patients received and not yet taken, then the open cases —
this doctor's, or everyone's — always with the responsible doctor named.

A red banner names the patients nobody has taken within the county's limit (首诊负责制, default 10 min),
and their rows in the waiting list turn red, until someone takes them.

The open cases come a page at a time as the list scrolls (CaseService.case_list; the heading counts them
all), so the page costs the same with 50 open cases or 20 000. Every 15 s the page asks the change marker
first (ui/poller.py) and reads again only when something was written, or at least every REFRESH_S; in between
only the waiting times move. What the doctor does here (take, accept, a closed case window, the radio
buttons, Refresh) always reads again.

Taking a patient makes this doctor the first-diagnosis doctor (首诊负责): a confirmation says so,
and a second doctor who tries a moment later is told who took the patient.

The waiting list is the called queue (issue 17, app/casework/queue.py): queue number, level, waited against the
level's target (red past it). F9 calls the next patient not yet called and selects them, so Enter takes the
case; "Call again" calls the selected one. The waiting-room display (ui/waiting_room.py) opens from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.casework.queue import queue_label
from app.casework.records import CaseRecord, CaseRow, HandoverRecord, WaitingPatient
from app.casework.untaken import UntakenReport
from ui.forms import describe
from ui.ops import report_error
from ui.pages.case_dialogs import DeclineDialog
from ui.pages.case_models import CaseListModel, HandoverModel, WaitingModel
from ui.pages.case_page import CaseDialog, open_case
from ui.poller import Poller
from ui.session import Session
from ui.untaken_feed import UntakenBanner
from ui.waiting_room import WaitingRoomWindow
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import RecordModel, record_table

REFRESH_MS = 15_000
CALL_NEXT_KEY = Qt.Key.Key_F9
OK_STYLE = f"font-size: 11pt; font-weight: bold; color: {palette.OK};"
BAD_STYLE = f"font-size: 11pt; font-weight: bold; color: {palette.DANGER};"
SECTION_STYLE = "font-size: 12pt; font-weight: bold;"
HANDOVER_FRAME = (f"QFrame#handovers {{ background: {palette.HANDOVER_BG}; border: 2px solid {palette.HANDOVER_BORDER};"
                  " border-radius: 6px; }")

R = TypeVar("R")


def _show(view: QTableView, model: RecordModel[R], fill: Callable[[], None]) -> None:
    """Fill one table (``fill``), keeping the row selected before when it is still there, else selecting the
    first row."""
    before = _selected(view, model)
    key = model.key(before) if before is not None else None
    fill()
    kept = _selected(view, model)
    if model.rowCount() == 0 or (kept is not None and model.key(kept) == key):
        return
    row = next((i for i, r in enumerate(model.rows()) if key is not None and model.key(r) == key), 0)
    view.selectionModel().select(model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    view.setCurrentIndex(model.index(row, 0))


def _selected(view: QTableView, model: RecordModel[R]) -> R | None:
    rows = view.selectionModel().selectedRows()
    return model.record_at(rows[0].row()) if rows else None


@dataclass(frozen=True)
class ClinicRead:
    """What the page shows: one read of hand-overs, the waiting, the open cases' count and first rows."""

    handovers: list[HandoverRecord]
    waiting: list[WaitingPatient]
    open_count: int
    cases: list[CaseRow]
    mine: bool  # the list read: my cases, or everyone's
    now: datetime
    read: bool = True  # False: nothing was read (the marker did not move), only the time is new


class ClinicFeed(Poller):
    """The page's refresh: the marker first, a full read when it moved, at least every REFRESH_S
    (Poller.refresh_ms), and on ``poll()``. The open cases are read as far as the list was scrolled, so a
    refresh keeps the rows (and the selection) in view."""

    def __init__(self, session: Session, page: FeverClinicPage) -> None:
        super().__init__(session, page, REFRESH_MS)
        self.page = page

    def reader(self) -> Callable[[], ClinicRead]:
        ctx, actor = self.session.ctx, self.session.actor
        cases, queue, clock = ctx.cases, ctx.queue, ctx.clock
        mine, model = self.page.mine_only.isChecked(), self.page.cases_model
        limit = max(model.page_size, model.rowCount() if self.page.shown_mine == mine else 0)

        def read() -> ClinicRead:
            return ClinicRead(cases.handovers_for(actor), queue.waiting(actor), cases.count_open(actor, mine_only=mine),
                              cases.case_list(actor, mine_only=mine, limit=limit), mine, clock.now())

        return read

    def again(self, previous: ClinicRead | None) -> ClinicRead | None:
        """Nothing written: the same rows at the new time (the waiting minutes and their colours move)."""
        return replace(previous, now=self.session.ctx.clock.now(), read=False) if previous is not None else None


class FeverClinicPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_dialog: CaseDialog | None = None
        self.display: WaitingRoomWindow | None = None
        self.sub: DeclineDialog | None = None
        self.shown_mine: bool | None = None  # the list the case table holds (None before the first read)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        # 首诊负责制: patients nobody took within the county's limit, in red until someone takes them
        self.untaken = UntakenBanner(session, "fever_clinic", self)
        self.untaken.feed.updated.connect(self._show_untaken)

        # hand-overs waiting for me
        self.handover_frame = QFrame()
        self.handover_frame.setObjectName("handovers")
        self.handover_frame.setStyleSheet(HANDOVER_FRAME)
        self.handover_label = QLabel()
        self.handover_label.setStyleSheet(SECTION_STYLE + f" color: {palette.BROWN};")
        self.handover_model = HandoverModel(session.zone, self)
        self.handover_view = record_table(self.handover_model, (190, 100, 120, 380))
        self.handover_view.setMaximumHeight(110)
        self.accept_button = QPushButton()
        self.accept_button.setStyleSheet("font-weight: bold;")
        self.accept_button.clicked.connect(self.accept_handover)
        self.decline_button = QPushButton()
        self.decline_button.clicked.connect(self.decline_handover)
        hrow = QHBoxLayout()
        hrow.addWidget(self.handover_label, 1)
        hrow.addWidget(self.accept_button)
        hrow.addWidget(self.decline_button)
        hbox = QVBoxLayout(self.handover_frame)
        hbox.addLayout(hrow)
        hbox.addWidget(self.handover_view)
        self.handover_frame.hide()

        # waiting patients
        self.waiting_label = QLabel()
        self.waiting_label.setStyleSheet(SECTION_STYLE)
        self.waiting_model = WaitingModel(session.zone, self)
        self.waiting_view = record_table(self.waiting_model, (60, 190, 100, 110, 140, 90, 80))
        self.waiting_view.activated.connect(lambda _i: self.take_selected())
        self.call_button = QPushButton()  # one key: F9 (F5 refreshes elsewhere, F11 is full screen)
        self.call_button.setStyleSheet(f"font-weight: bold; padding: 4px 14px; color: {palette.BLUE};")
        self.call_button.clicked.connect(self.call_next)
        QShortcut(QKeySequence(CALL_NEXT_KEY), self, self.call_next,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.recall_button = QPushButton()
        self.recall_button.clicked.connect(self.call_selected)
        self.display_button = QPushButton()
        self.display_button.clicked.connect(self.open_display)
        self.take_button = QPushButton()
        self.take_button.setStyleSheet("font-weight: bold; padding: 4px 14px;")
        self.take_button.clicked.connect(self.take_selected)
        wrow = QHBoxLayout()
        wrow.addWidget(self.waiting_label, 1)
        wrow.addWidget(self.display_button)
        wrow.addWidget(self.recall_button)
        wrow.addWidget(self.call_button)
        wrow.addWidget(self.take_button)

        # open cases
        self.cases_label = QLabel()
        self.cases_label.setStyleSheet(SECTION_STYLE)
        self.mine_only = QRadioButton()
        self.all_cases = QRadioButton()
        self.mine_only.setChecked(True)
        self.mine_only.toggled.connect(lambda _c: self.refresh())
        self.cases_model = CaseListModel(session.runner, session.zone, session.actor.username, self)
        self.cases_model.failed.connect(self._load_failed)
        self.cases_view = record_table(self.cases_model, (190, 100, 250, 130, 120, 125))
        self.cases_view.activated.connect(lambda _i: self.open_selected())
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        crow = QHBoxLayout()
        crow.addWidget(self.cases_label, 1)
        crow.addWidget(self.mine_only)
        crow.addWidget(self.all_cases)
        crow.addWidget(self.open_button)

        for view in (self.handover_view, self.waiting_view, self.cases_view):
            view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.untaken)
        layout.addWidget(self.result)
        layout.addWidget(self.handover_frame)
        layout.addLayout(wrow)
        layout.addWidget(self.waiting_view, 2)
        layout.addLayout(crow)
        layout.addWidget(self.cases_view, 3)
        QWidget.setTabOrder(self.waiting_view, self.call_button)
        QWidget.setTabOrder(self.call_button, self.take_button)
        QWidget.setTabOrder(self.take_button, self.recall_button)
        QWidget.setTabOrder(self.recall_button, self.display_button)
        QWidget.setTabOrder(self.display_button, self.cases_view)

        self.feed = ClinicFeed(session, self)
        self.feed.updated.connect(self._loaded)
        self.feed.failed.connect(self._load_failed)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Fever clinic")

    def activated(self) -> None:
        if self.feed.running:
            self.refresh()
        else:
            self.untaken.refresh()
            self.feed.start()  # reads now, then every 15 s while the page is shown
        self.waiting_view.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self.feed.stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Fever clinic: receiving patients"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.accept_button.setText(self.tr("&Accept hand-over"))
        self.decline_button.setText(self.tr("&Decline…"))
        self.take_button.setText(self.tr("&Take case (Enter)"))
        self.call_button.setText(self.tr("Call next (F9)"))
        self.recall_button.setText(self.tr("Call a&gain"))
        self.display_button.setText(self.tr("Waiting-room dis&play…"))
        self.mine_only.setText(self.tr("&My cases"))
        self.all_cases.setText(self.tr("A&ll open cases"))
        self.open_button.setText(self.tr("&Open case"))
        for model in (self.handover_model, self.waiting_model, self.cases_model):
            model.retranslate()
        self._show_counts()

    def _show_counts(self) -> None:
        self.handover_label.setText(self.tr("Hand-overs waiting for your answer: {count}").format(
            count=self.handover_model.rowCount()))
        self.waiting_label.setText(self.tr("Received, waiting for a doctor: {count}").format(
            count=self.waiting_model.rowCount()))
        self.cases_label.setText((self.tr("My open cases: {count}") if self.mine_only.isChecked()
                                  else self.tr("All open cases: {count}")).format(count=self.cases_model.total))

    # ----- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read again now, whatever the marker says (after something done here)."""
        self.untaken.refresh()
        self.feed.poll()

    def _loaded(self, data: ClinicRead) -> None:
        if not data.read:
            for model in (self.handover_model, self.waiting_model, self.cases_model):
                model.set_now(data.now)
            return
        if data.mine != self.mine_only.isChecked():
            return  # the radio buttons moved since: the read of the other list follows
        cases, actor, mine = self.session.ctx.cases, self.session.actor, data.mine

        def after(last: CaseRow, size: int) -> list[CaseRow]:
            return cases.case_list(actor, mine_only=mine, after=last.cursor, limit=size)

        _show(self.handover_view, self.handover_model, lambda: self.handover_model.set_rows(data.handovers, data.now))
        _show(self.waiting_view, self.waiting_model, lambda: self.waiting_model.set_rows(data.waiting, data.now))
        _show(self.cases_view, self.cases_model,
              lambda: self.cases_model.set_page(data.cases, data.open_count, after, data.now))
        self.shown_mine = mine
        self.handover_frame.setVisible(bool(data.handovers))
        self._show_counts()
        self._update_buttons()

    def _show_untaken(self, report: UntakenReport) -> None:
        self.waiting_model.set_limit(report.limit_minutes)

    def _load_failed(self, exc: BaseException) -> None:
        self.say(describe(exc), ok=False)

    def selected_waiting(self) -> WaitingPatient | None:
        return _selected(self.waiting_view, self.waiting_model)

    def selected_case(self) -> CaseRow | None:
        return _selected(self.cases_view, self.cases_model)

    def selected_handover(self) -> HandoverRecord | None:
        return _selected(self.handover_view, self.handover_model)

    def select_waiting(self, visit_no: str) -> None:
        row = next((i for i, w in enumerate(self.waiting_model.rows()) if w.visit_no == visit_no), -1)
        if row >= 0:
            self.waiting_view.selectRow(row)

    def select_case(self, visit_no: str) -> None:
        row = self.cases_model.row_of(visit_no)
        if row >= 0:
            self.cases_view.selectRow(row)

    def _update_buttons(self) -> None:
        self.take_button.setEnabled(self.selected_waiting() is not None)
        self.recall_button.setEnabled(self.selected_waiting() is not None)
        self.open_button.setEnabled(self.selected_case() is not None)
        has = self.selected_handover() is not None
        self.accept_button.setEnabled(has)
        self.decline_button.setEnabled(has)

    def say(self, text: str, *, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(OK_STYLE if ok else BAD_STYLE)

    # ----- taking a patient -----------------------------------------------------------------
    def take_selected(self) -> None:
        patient = self.selected_waiting()
        if patient is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Take case"),
            self.tr("Take {visit_no} ({name})?\n\nYou become the first-diagnosis doctor responsible for this "
                    "patient until a colleague accepts a hand-over.").format(visit_no=patient.visit_no,
                                                                             name=patient.patient_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, patient.visit_no
        self.session.runner.run(lambda: cases.take(actor, visit_no), self._taken, self._take_failed, parent=self)

    def _taken(self, record: CaseRecord) -> None:
        self.say(self.tr("✓ You are now responsible for {visit_no} ({name}).").format(
            visit_no=record.visit_no, name=record.patient_name), ok=True)
        self.refresh()
        self.show_case(record)

    def _take_failed(self, exc: BaseException) -> None:
        self.say("× " + describe(exc), ok=False)
        report_error(self, exc)
        self.refresh()

    # ----- the called queue -------------------------------------------------------------------
    def call_next(self) -> None:
        """F9: call the first patient not yet called; they are then selected, so Enter takes the case."""
        queue, actor = self.session.ctx.queue, self.session.actor
        self.session.runner.run(lambda: queue.call_next(actor), self._called, self._call_failed, parent=self)

    def call_selected(self) -> None:
        patient = self.selected_waiting()
        if patient is None:
            return
        queue, actor, visit_no = self.session.ctx.queue, self.session.actor, patient.visit_no
        self.session.runner.run(lambda: queue.call(actor, visit_no), self._called, self._call_failed, parent=self)

    def _called(self, patient: WaitingPatient) -> None:
        self.say(self.tr("✓ Called {number}: {name} ({visit_no}). Enter takes the case.").format(
            number=queue_label(patient.queue_no) or patient.visit_no, name=patient.patient_name,
            visit_no=patient.visit_no), ok=True)
        model = self.waiting_model  # marked at once; the refresh below keeps the selection
        model.set_rows([patient if w.visit_no == patient.visit_no else w for w in model.rows()], model.now)
        self.select_waiting(patient.visit_no)
        self.waiting_view.setFocus()
        self.refresh()
        if self.display is not None:
            self.display.feed.poll()

    def _call_failed(self, exc: BaseException) -> None:
        self.say("× " + describe(exc), ok=False)
        self.refresh()

    def open_display(self) -> None:
        """The waiting-room display: full screen on a second monitor when there is one."""
        if self.display is None:
            self.display = WaitingRoomWindow(self.session, self)  # its own window; goes with the page (log-out)
        self.display.open_on_best_screen(self.window())

    # ----- hand-overs -----------------------------------------------------------------------
    def accept_handover(self) -> None:
        h = self.selected_handover()
        if h is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Accept hand-over"),
            self.tr("Take over {visit_no} from {doctor}?\n\nYou become the responsible doctor.").format(
                visit_no=h.visit_no, doctor=h.from_username))
        if answer != QMessageBox.StandardButton.Yes:
            return
        cases, actor, hid = self.session.ctx.cases, self.session.actor, h.id
        self.session.runner.run(lambda: cases.answer_handover(actor, hid, True), self._answered,
                                self._answer_failed, parent=self)

    def decline_handover(self) -> None:
        h = self.selected_handover()
        if h is None:
            return
        if self.sub is not None:
            self.sub.deleteLater()
        self.sub = DeclineDialog(self.session, h, self)
        self.sub.setWindowModality(Qt.WindowModality.WindowModal)
        self.sub.saved.connect(self._answered)
        self.sub.show()

    def _answered(self, h: HandoverRecord) -> None:
        if h.state == "accepted":
            self.say(self.tr("✓ You are now responsible for {visit_no}.").format(visit_no=h.visit_no), ok=True)
        else:
            self.say(self.tr("Hand-over of {visit_no} declined: {doctor} stays responsible.").format(
                visit_no=h.visit_no, doctor=h.from_username), ok=True)
        self.refresh()

    def _answer_failed(self, exc: BaseException) -> None:
        self.say("× " + describe(exc), ok=False)
        self.refresh()

    # ----- cases ----------------------------------------------------------------------------
    def open_selected(self) -> None:
        record = self.selected_case()
        if record is not None:
            self.open_visit(record.visit_no)

    def open_visit(self, visit_no: str) -> None:
        open_case(self.session, self, visit_no, self._opened)

    def show_case(self, record: CaseRecord) -> None:
        dialog = CaseDialog(self.session, record, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._opened(dialog)
        dialog.show()

    def _opened(self, dialog: CaseDialog) -> None:
        if self.case_dialog is not None:
            self.case_dialog.deleteLater()
        self.case_dialog = dialog
        dialog.changed.connect(lambda _r: self.refresh())
        dialog.finished.connect(lambda _r: self.refresh())
