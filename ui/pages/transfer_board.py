"""转运看板: every open transfer with its state, destination and three clocks (classification →
request, request → departure, departure → handover; red when past target). The detail panel on the
right offers only the next legal step (per TRANSITIONS): the 120 dispatch, the departure, the
handover (typed, or by scanning the receiving site's receipt QR), terminal disinfection; cancelling
(with a reason) only before departure. The handover form prints (and reprints) from here.

The list is read every ~15 s through the runner; between reads a 1 s tick recolours the clocks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import Conflict, StaleEdit
from app.permissions import Perm
from app.transfer.records import TransferRecord
from app.transfer.vocab import TRANSITIONS, Condition, TransferState
from ui.fields import TimeField
from ui.forms import describe, error_label
from ui.labels import (
    classification_name,
    condition_name,
    sex_name,
    step_name,
    transfer_state_name,
    yes_no,
)
from ui.pages.transfer_models import TransferBoardModel
from ui.pages.transfer_print import print_handover
from ui.print_preview import PrintPreviewDialog
from ui.scan_field import scanner_input
from ui.session import Session
from ui.widgets import palette
from ui.widgets.form import FormBox
from ui.widgets.page import Page
from ui.widgets.table import local, record_table
from ui.widgets.vitals import level_text, news2_text, readings_text

POLL_MS = 15_000
CHIP = "font-size: 13pt; font-weight: bold; padding: 4px 14px; border-radius: 6px;"
# the forward step of each open state (cancelling is offered separately)
NEXT_STEP: dict[str, str] = {
    TransferState.REQUESTED: TransferState.DISPATCHED,
    TransferState.DISPATCHED: TransferState.DEPARTED,
    TransferState.DEPARTED: TransferState.HANDED_OVER,
    TransferState.HANDED_OVER: TransferState.CLOSED,
}


def legal_steps(state: str) -> list[str]:
    """The steps offered for a transfer in ``state``: exactly the legal transitions."""
    allowed = TRANSITIONS.get(state, frozenset())
    forward = NEXT_STEP.get(state)
    steps = [forward] if forward in allowed else []
    if TransferState.CANCELLED in allowed:
        steps.append(TransferState.CANCELLED.value)
    return [str(s) for s in steps]


def line(maximum: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(maximum)
    return edit


class OneOf(QWidget):
    """Shows one of its widgets; unlike a QStackedWidget it is only as tall as the one shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._widgets: list[QWidget] = []
        self._current: QWidget | None = None

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - QStackedWidget's name
        self._widgets.append(widget)
        self._layout.addWidget(widget)
        widget.setVisible(self._current is None)
        if self._current is None:
            self._current = widget

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802
        self._current = widget
        for w in self._widgets:
            w.setVisible(w is widget)

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self._current


class TransferBoardPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_act = session.can(Perm.TRANSFER)
        self.current: TransferRecord | None = None
        self.print_dialog: PrintPreviewDialog | None = None
        self._loading = False

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.open_chip = QLabel()
        self.open_chip.setStyleSheet(CHIP + f" background: {palette.NEUTRAL_BG}; color: {palette.SLATE_DARK};")
        self.late_chip = QLabel()
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet(f"color: {palette.MUTED};")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;")
        self.error_label.hide()
        self.model = TransferBoardModel(session.zone, self)
        self.view = record_table(self.model, (200, 60, 55, 80, 100, 90, 90, 90))
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setStyleSheet("QTableView { font-size: 11pt; }")
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {palette.MUTED};")

        # ----- detail panel -----------------------------------------------------------------------
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.state_badge = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.step_group = QGroupBox()
        self.steps = OneOf()
        QVBoxLayout(self.step_group).addWidget(self.steps)
        zone = session.zone
        # 120 dispatch
        self.dispatch_form = FormBox()
        self.call_120_at = self.dispatch_form.add("call_120_at", TimeField(zone))
        self.dispatch_ref = self.dispatch_form.add("dispatch_ref", line(40))
        self.vehicle_plate = self.dispatch_form.add("vehicle_plate", line(20))
        self.negative_pressure = QCheckBox()
        self.negative_pressure.setChecked(True)
        self.dispatch_form.add("negative_pressure", self.negative_pressure)
        self.crew = self.dispatch_form.add("crew", line(200))
        self.dispatch_form.button.clicked.connect(self.dispatch)
        # departure
        self.depart_form = FormBox()
        self.departed_at = self.depart_form.add("departed_at", TimeField(zone))
        self.depart_form.button.clicked.connect(self.depart)
        # handover
        self.handover_form = FormBox()
        self.receiving_staff = self.handover_form.add("receiving_staff", line(64))
        self.receiving_department = self.handover_form.add("receiving_department", line(64))
        self.handed_over_at = self.handover_form.add("handed_over_at", TimeField(zone))
        self.arrival_condition = QComboBox()
        for cond in Condition:
            self.arrival_condition.addItem("", cond.value)
        self.handover_form.add("arrival_condition", self.arrival_condition)
        self.handover_form.button.clicked.connect(self.record_handover)
        self.receipt_label = QLabel()
        self.receipt_label.setWordWrap(True)
        self.receipt = scanner_input(QLineEdit())
        self.receipt.setMaxLength(4000)
        self.receipt.returnPressed.connect(self.scan_receipt)
        self.receipt_error = error_label()
        receipt_box = self.handover_form.body
        receipt_box.addSpacing(8)
        receipt_box.addWidget(self.receipt_label)
        receipt_box.addWidget(self.receipt)
        receipt_box.addWidget(self.receipt_error)
        # disinfection
        self.disinfect_form = FormBox()
        self.disinfected_at = self.disinfect_form.add("disinfected_at", TimeField(zone))
        self.method = self.disinfect_form.add("method", line(100))
        self.disinfected_by = self.disinfect_form.add("by", line(64))
        self.disinfect_form.button.clicked.connect(self.disinfect)
        self.nothing = QLabel()
        self.nothing.setWordWrap(True)
        self.nothing.setStyleSheet(f"color: {palette.MUTED};")
        self.forms: dict[str, QWidget] = {
            TransferState.DISPATCHED: self.dispatch_form, TransferState.DEPARTED: self.depart_form,
            TransferState.HANDED_OVER: self.handover_form, TransferState.CLOSED: self.disinfect_form,
        }
        for w in (self.nothing, *self.forms.values()):
            self.steps.addWidget(w)
        # cancel
        self.cancel_group = QGroupBox()
        self.cancel_form = FormBox()
        self.cancel_reason = self.cancel_form.add("reason", line(200))
        self.cancel_form.button.clicked.connect(self.cancel)
        self.cancel_form.button.setStyleSheet(f"color: {palette.DANGER};")
        QVBoxLayout(self.cancel_group).addWidget(self.cancel_form)
        # bottom of the panel
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        panel = QWidget()
        p = QVBoxLayout(panel)
        head = QHBoxLayout()
        head.addWidget(self.title_label)
        head.addStretch(1)
        head.addWidget(self.state_badge)
        p.addLayout(head)
        p.addWidget(self.summary)
        prow = QHBoxLayout()
        prow.addStretch(1)
        prow.addWidget(self.print_button)
        p.addLayout(prow)
        p.addWidget(self.message)
        p.addWidget(self.step_group)
        p.addWidget(self.cancel_group)
        p.addStretch(1)
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setWidget(panel)
        self.panel_scroll.setMinimumWidth(420)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        ll.addWidget(self.hint)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([740, 420])
        counts = QHBoxLayout()
        counts.addWidget(self.late_chip)
        counts.addWidget(self.open_chip)
        counts.addStretch(1)
        counts.addWidget(self.updated_label)
        counts.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(counts)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)

        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self.refresh)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self.tick)
        self.retranslate()
        self.show_detail(None)

    def title(self) -> str:
        return self.tr("Transfer board")

    def activated(self) -> None:
        self.refresh()
        if not self._poll_timer.isActive():
            self._poll_timer.start()
            self._tick_timer.start()
        self.view.setFocus()

    def stop(self) -> None:
        self._poll_timer.stop()
        self._tick_timer.stop()

    def hideEvent(self, event: QHideEvent) -> None:  # another page, or the window closed: stop polling
        self.stop()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Open transfers to the designated hospital"))
        self.hint.setText(self.tr("Clocks, in minutes taken / target: classification → request, request → "
                                  "departure, departure → handover. Amber: due soon. Red: past the target."))
        self.refresh_button.setText(self.tr("Re&fresh (F5)"))
        self.step_group.setTitle(self.tr("Next step"))
        self.cancel_group.setTitle(step_name(TransferState.CANCELLED))
        f = self.dispatch_form
        f.labels["call_120_at"].setText(self.tr("120 ca&lled at:"))
        f.labels["dispatch_ref"].setText(self.tr("Dispatch &reference:"))
        f.labels["vehicle_plate"].setText(self.tr("&Vehicle plate:"))
        f.labels["negative_pressure"].setText(self.tr("Vehicle:"))
        self.negative_pressure.setText(self.tr("&Negative-pressure ambulance"))
        f.labels["crew"].setText(self.tr("&Crew:"))
        self.crew.setPlaceholderText(self.tr("driver, doctor, nurse"))
        f.button.setText(self.tr("Record &dispatch"))
        self.depart_form.labels["departed_at"].setText(self.tr("Departed &at:"))
        self.depart_form.button.setText(self.tr("Record de&parture"))
        f = self.handover_form
        f.labels["receiving_staff"].setText(self.tr("Receiving s&taff:"))
        f.labels["receiving_department"].setText(self.tr("Receiving depart&ment:"))
        f.labels["handed_over_at"].setText(self.tr("Handed over &at:"))
        f.labels["arrival_condition"].setText(self.tr("Condition on a&rrival:"))
        for i in range(self.arrival_condition.count()):
            self.arrival_condition.setItemText(i, condition_name(self.arrival_condition.itemData(i)))
        f.button.setText(self.tr("Record &handover"))
        self.receipt_label.setText(self.tr("Or scan the receiving hospital's receipt QR here (it fills in the "
                                           "handover):"))
        self.receipt.setPlaceholderText(self.tr("scan the receipt QR code"))
        f = self.disinfect_form
        f.labels["disinfected_at"].setText(self.tr("Disinfected &at:"))
        f.labels["method"].setText(self.tr("&Method:"))
        self.method.setPlaceholderText(self.tr("e.g. hydrogen peroxide spray, chlorine wipe"))
        f.labels["by"].setText(self.tr("Disinfected &by:"))
        f.button.setText(self.tr("Record disinfection and &close"))
        self.cancel_form.labels["reason"].setText(self.tr("Reason:"))
        self.cancel_reason.setPlaceholderText(self.tr("why the transfer is cancelled"))
        self.cancel_form.button.setText(self.tr("Cancel the transfer"))
        self.print_button.setText(self.tr("&Print handover form (3 parts)…"))
        self.model.retranslate()
        self.show_detail(self.current, keep_fields=True)
        self.tick()

    # ----- data -----------------------------------------------------------------------------
    def refresh(self, then: Callable[[], None] | None = None) -> None:
        if self._loading:
            return
        self._loading = True
        transfers, actor = self.session.ctx.transfers, self.session.actor

        def done(rows: list[TransferRecord]) -> None:
            self._loading = False
            self.show_rows(rows)
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self._loading = False
            self.error_label.setText(describe(exc))
            self.error_label.show()

        self.session.runner.run(lambda: transfers.open_transfers(actor), done, failed, parent=self)

    def show_rows(self, rows: list[TransferRecord]) -> None:
        self.error_label.hide()
        selected = self.current.id if self.current is not None else None
        self.model.set_rows(rows, self.session.ctx.clock.now())
        self.updated_label.setText(self.tr("Read at {time}").format(
            time=local(self.session.ctx.clock.now(), self.session.zone, "%H:%M:%S")))
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and rows and selected is None:
            row = 0
        if row >= 0:
            self.view.selectRow(row)
            record = self.model.record_at(row)
            if record is not None and (self.current is None or record.version != self.current.version
                                       or record.id != self.current.id):
                self.show_detail(record)
        else:
            self.view.clearSelection()
            if selected is not None:
                self.show_detail(None, keep_message=True)
        self.tick()

    def tick(self) -> None:
        now = self.session.ctx.clock.now()
        self.model.set_now(now)
        rows = self.model.rows()
        late = sum(1 for r in rows if self.model.late(r))
        self.open_chip.setText(self.tr("Open: {count}").format(count=len(rows)))
        self.late_chip.setText(self.tr("Past target: {count}").format(count=late))
        self.late_chip.setStyleSheet(CHIP + (f" background: {palette.OVERDUE_BG}; color: {palette.OVERDUE};" if late
                                             else f" background: {palette.FAINT_BG}; color: {palette.FAINT};"))

    def _selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        record = self.model.record_at(rows[0].row()) if rows else None
        if record is not None and (self.current is None or record.id != self.current.id):
            self.show_detail(record)

    def select(self, transfer_id: int) -> None:
        row = self.model.row_of(transfer_id)
        if row >= 0:
            self.view.selectRow(row)

    # ----- the detail panel -----------------------------------------------------------------
    def show_detail(self, t: TransferRecord | None, *, keep_fields: bool = False, keep_message: bool = False) -> None:
        changed = t is None or self.current is None or t.id != self.current.id
        self.current = t
        if not keep_message and changed and not keep_fields:
            self.message.clear()
        if t is None:
            self.title_label.setText(self.tr("No transfer chosen"))
            self.state_badge.hide()
            self.summary.setText(self.tr("Pick a transfer in the list."))
            self.step_group.hide()
            self.cancel_group.hide()
            self.print_button.setEnabled(False)
            return
        zone = self.session.zone
        self.title_label.setText(f"{t.visit_no}  {t.patient_name}")
        fg, bg = palette.TRANSFER_STATE_COLORS.get(t.state, palette.UNKNOWN_STATE)
        self.state_badge.setText(transfer_state_name(t.state))
        self.state_badge.setStyleSheet(f"background: {bg}; color: {fg}; font-weight: bold; padding: 3px 10px; "
                                       "border-radius: 5px;")
        self.state_badge.show()
        rows = [
            (self.tr("Patient"), f"{t.patient_name}  {sex_name(t.sex)}  {classification_name(t.classification)}"),
            (self.tr("Destination"), t.hospital_name),
            (self.tr("Collect from"), self.tr("Ward: {ward} (discharged when the ambulance departs)").format(
                ward=t.origin_ward) if t.origin_ward else self.tr("Fever clinic")),
            (self.tr("Requested"), self.tr("{time} by {user}").format(time=local(t.requested_at, zone),
                                                                       user=t.requested_by)),
            (self.tr("Condition"), condition_name(t.condition) + ("  · " + self.tr("oxygen") if t.oxygen else "")),
            (self.tr("Vital signs"), self.tr("{time}: {news2}, {level}; {readings}").format(
                time=local(t.vital_signs.taken_at, zone), news2=news2_text(t.vital_signs),
                level=level_text(t.vital_signs.level), readings=readings_text(t.vital_signs))
             if t.vital_signs is not None else self.tr("none recorded")),
            (self.tr("Precautions"), t.precautions),
            (self.tr("Accompanying staff"), t.staff),
        ]
        if t.request_reason:
            rows.append((self.tr("Reason"), t.request_reason))
        if t.call_120_at is not None:
            rows.append((self.tr("120 dispatch"), self.tr("{time}, ref. {ref}, {plate}, negative pressure: {np}").format(
                time=local(t.call_120_at, zone), ref=t.dispatch_ref or "", plate=t.vehicle_plate or "",
                np=yes_no(t.negative_pressure))))
            rows.append((self.tr("Crew"), t.crew or ""))
        if t.departed_at is not None:
            rows.append((self.tr("Departed"), local(t.departed_at, zone)))
        if t.handed_over_at is not None:
            rows.append((self.tr("Handed over"), self.tr("{time} to {staff} ({department}), on arrival: {condition}")
                         .format(time=local(t.handed_over_at, zone), staff=t.receiving_staff or "",
                                 department=t.receiving_department or "",
                                 condition=condition_name(t.arrival_condition))))
        self.summary.setText("<table cellspacing='3'>" + "".join(
            f"<tr><td style='color:{palette.MUTED}; padding-right:8px'>{_esc(k)}</td><td>{_esc(v)}</td></tr>"
            for k, v in rows) + "</table>")
        steps = legal_steps(t.state)
        forward = next((s for s in steps if s != TransferState.CANCELLED), None)
        self.step_group.setVisible(self.can_act)
        self.cancel_group.setVisible(self.can_act and TransferState.CANCELLED.value in steps)
        if forward is not None:
            self.steps.setCurrentWidget(self.forms[forward])
            self.step_group.setTitle(self.tr("Next step: {step}").format(step=step_name(forward)))
        else:
            self.steps.setCurrentWidget(self.nothing)
            self.nothing.setText(self.tr("Nothing more to record."))
            self.step_group.setTitle(self.tr("Next step"))
        self.print_button.setEnabled(True)
        if changed and not keep_fields:
            self._reset_fields()

    def _reset_fields(self) -> None:
        now = self.session.ctx.clock.now()
        for field in (self.call_120_at, self.departed_at, self.handed_over_at, self.disinfected_at):
            field.set_value(now)
        for edit in (self.dispatch_ref, self.vehicle_plate, self.crew, self.receiving_staff,
                     self.receiving_department, self.method, self.disinfected_by, self.receipt, self.cancel_reason):
            edit.clear()
        self.negative_pressure.setChecked(True)
        self.arrival_condition.setCurrentIndex(0)
        for form in (self.dispatch_form, self.depart_form, self.handover_form, self.disinfect_form, self.cancel_form):
            form.errors.clear()
        self.receipt_error.hide()

    # ----- steps ----------------------------------------------------------------------------
    def offered_steps(self) -> list[str]:
        """What the panel offers now (for tests and the keyboard): the forward step and/or cancel."""
        if self.current is None or not self.can_act:
            return []
        return legal_steps(self.current.state)

    def _step(self, form: FormBox | None, fn: Callable[[TransferRecord], TransferRecord],
              message: str | Callable[[TransferRecord], str]) -> None:
        t = self.current
        if t is None or not self.can_act:
            return
        if form is not None:
            form.errors.clear()

        def done(record: TransferRecord) -> None:
            self.current = record
            self.say(message if isinstance(message, str) else message(record), ok=True)
            self.refresh(then=lambda: self._after_step(record))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, StaleEdit) or (isinstance(exc, Conflict) and exc.code == "illegal_transition"):
                self.say("× " + describe(exc), ok=False)
                self._reload_current()
                return
            shown = form.errors.show(exc) if form is not None else False
            if form is None or not shown:
                self.say("× " + describe(exc), ok=False)
            else:
                self.message.clear()

        self.session.runner.run(lambda: fn(t), done, failed, parent=self)

    def _after_step(self, record: TransferRecord) -> None:
        if self.model.row_of(record.id) < 0:  # closed or cancelled: off the board
            self.show_detail(record, keep_message=True)
        else:
            self.select(record.id)
            self.show_detail(record, keep_message=True)

    def _reload_current(self) -> None:
        t = self.current
        if t is None:
            return
        transfers, actor = self.session.ctx.transfers, self.session.actor

        def done(record: TransferRecord) -> None:
            self.show_detail(record, keep_fields=True, keep_message=True)
            self.refresh()

        self.session.runner.run(lambda: transfers.get(actor, t.id), done, parent=self)

    def dispatch(self) -> None:
        transfers, actor = self.session.ctx.transfers, self.session.actor
        at, ref, plate = self.call_120_at.value(), self.dispatch_ref.text(), self.vehicle_plate.text()
        negative, crew = self.negative_pressure.isChecked(), self.crew.text()
        self._step(self.dispatch_form, lambda t: transfers.dispatch(
            actor, t.id, t.version, call_120_at=at, dispatch_ref=ref, vehicle_plate=plate,
            negative_pressure=negative, crew=crew), self.tr("✓ 120 dispatch recorded."))

    def depart(self) -> None:
        transfers, actor, at = self.session.ctx.transfers, self.session.actor, self.departed_at.value()
        self._step(self.depart_form, lambda t: transfers.depart(actor, t.id, t.version, at),
                   self.tr("✓ Departure recorded: the handover clock is running."))

    def record_handover(self) -> None:
        transfers, actor = self.session.ctx.transfers, self.session.actor
        staff, dept = self.receiving_staff.text(), self.receiving_department.text()
        at, cond = self.handed_over_at.value(), self.arrival_condition.currentData()
        self._step(self.handover_form, lambda t: transfers.record_handover(
            actor, t.id, t.version, receiving_staff=staff, receiving_department=dept, handed_over_at=at,
            arrival_condition=cond), self.tr("✓ Handover recorded. Disinfect the vehicle, then record it."))

    def scan_receipt(self) -> None:
        token = self.receipt.text().strip()
        if not token or not self.can_act:
            return
        transfers, actor = self.session.ctx.transfers, self.session.actor
        self.receipt_error.hide()

        def done(record: TransferRecord) -> None:
            self.receipt.clear()
            self.current = record
            self.say(self.tr("✓ Receipt of {visit_no} scanned: handover recorded ({staff}, {department}).").format(
                visit_no=record.visit_no, staff=record.receiving_staff or "",
                department=record.receiving_department or ""), ok=True)

            def then() -> None:
                self.select(record.id)
                self.show_detail(record, keep_message=True)

            self.refresh(then=then)

        def failed(exc: BaseException) -> None:
            self.receipt.selectAll()
            self.receipt_error.setText(describe(exc))
            self.receipt_error.show()
            if isinstance(exc, (StaleEdit, Conflict)):
                self._reload_current()

        self.session.runner.run(lambda: transfers.complete_from_receipt(actor, token), done, failed, parent=self)

    def disinfect(self) -> None:
        transfers, actor = self.session.ctx.transfers, self.session.actor
        at, method, by = self.disinfected_at.value(), self.method.text(), self.disinfected_by.text()
        self._step(self.disinfect_form, lambda t: transfers.record_disinfection(
            actor, t.id, t.version, disinfected_at=at, method=method, by=by),
            self.tr("✓ Terminal disinfection recorded: the transfer is closed."))

    def cancel(self) -> None:
        transfers, actor, reason = self.session.ctx.transfers, self.session.actor, self.cancel_reason.text()
        self._step(self.cancel_form, lambda t: transfers.cancel(actor, t.id, t.version, reason), self._cancelled)

    def _cancelled(self, record: TransferRecord) -> str:
        """A case that owes a transfer (its request clock runs again) must be asked for again (issue 12)."""
        if any(c.kind == "transfer_request" and c.met_at is None for c in record.clocks):
            return self.tr("✓ Transfer cancelled. The patient still has to be transferred: the doctor asks for "
                           "the transfer again (its time limit runs again).")
        return self.tr("✓ Transfer cancelled: the case is open again for another disposition.")

    # ----- printing -------------------------------------------------------------------------
    def print_form(self) -> None:
        t = self.current
        if t is None:
            return

        def opened(dialog: PrintPreviewDialog) -> None:
            if self.print_dialog is not None:
                self.print_dialog.deleteLater()
            self.print_dialog = dialog

        print_handover(self.session, self, t.id, t.visit_no, opened)

    def say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.OK_STYLE if ok else palette.BAD_STYLE)


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

