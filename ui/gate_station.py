"""门岗: the gate station. The gatekeeper chooses the gate once; the cursor then always waits in
the scan field. A keyboard-wedge scanner types the permit's QR payload and Enter (a typed permit
number works too), and at once the screen shows a LARGE verdict — green 准许进入 (ADMIT), blue
准许离开 (EXIT) or red 禁止进入 (DENY) with the reason in plain words — and the holder's masked
name, last four ID digits, permit kind and ward/bed to compare with their ID card. It clears after
about 6 s or at the next scan. A visitor permit is one passage: coming back after leaving is refused
(本次探视已结束); a visitor leaving after the visit's end is shown as an overstay.

Entering and leaving are the gatekeeper's choice — F2 进入 / F3 离开, or the two buttons — never a
toggle by the last passage. Leaving is always let through; what was wrong (revoked, discharged, no
recorded entry…) is shown on the blue/orange verdict and recorded. The same card again within seconds
shows 重复扫描, not a second passage. The data's age is always shown: 在线, or
离线 · 数据更新于 …, N 小时前.

Checks go through ``GateStation``: online when the database answers, otherwise from the gate's own
copy of the lists (an amber banner says so; past the admin's limit it refuses entries) with every scan
kept locally until it can be written back; unreadable queued records are set aside and counted here.
A side list shows who is inside (the wards this gate serves) with a running timer; a visitor
still inside after the visit's end (the window's end, at most 30 minutes) turns red, with one beep,
a visible alert, and the overstay raised as an alert to the clinic.

Full screen (F11 or the button) moves the station into a frameless full-screen window; Esc or the
button leaves it, and leaving locks the session, so other pages need the gatekeeper's password.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.wards.gate import GateStation
from app.wards.records import GateDecision, GateStatus, InsideRecord
from app.wards.vocab import Direction, GateOutcome
from ui.forms import describe
from ui.gate_feed import InsideFeed, InsideSnapshot
from ui.labels import deny_reason_name, exit_flag_name, gate_outcome_name, permit_kind_name
from ui.pages.ward_models import inside_model, is_overstay, overstay_minutes
from ui.scan_field import ScanField
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

CLEAR_MS = 6000
COLORS = {GateOutcome.ADMIT.value: palette.GATE_ADMIT, GateOutcome.EXIT.value: palette.INFO,
          GateOutcome.DENY.value: palette.ALARM, GateOutcome.REPEAT.value: palette.GATE_REPEAT}
OVERSTAY_EXIT = palette.GATE_OVERSTAY_EXIT  # leaving with something wrong (an overstay, a revoked permit…)
DIRECTION_STYLE = {Direction.IN.value: f"background: {palette.GATE_ADMIT}; color: white;",
                   Direction.OUT.value: f"background: {palette.INFO}; color: white;"}
ONLINE_STYLE = f"color: {palette.OK}; font-size: 13pt; font-weight: bold;"
AGE_STYLE = f"color: {palette.AMBER}; font-size: 13pt; font-weight: bold;"
IDLE_STYLE = f"background: {palette.NEUTRAL_BG}; color: {palette.SLATE}; border-radius: 12px;"
OFFLINE_STYLE = (f"background: {palette.OFFLINE_BG}; color: {palette.TEXT}; font-size: 18pt; font-weight: bold;"
                 " padding: 8px;"
                 " border-radius: 6px;")
ALERT_STYLE = (f"background: {palette.ALARM}; color: white; font-size: 15pt; font-weight: bold; padding: 6px;"
               " border-radius: 6px;")

# The gate chosen on this PC, remembered for the session (nothing is written to the settings).
_chosen_gate: dict[str, str] = {}


class FullScreenWindow(QWidget):
    """A frameless full-screen window that borrows the station's content; Esc or closing leaves."""

    leave = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(12, 12, 12, 12)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.leave.emit()


class GateStationPage(Page):
    """Emits ``lock_requested`` when the gatekeeper leaves full screen."""

    lock_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, station: GateStation | None = None,
                 feed_interval_ms: int | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.station: GateStation | None = None
        self.feed: InsideFeed | None = None
        self._feed_interval = feed_interval_ms
        self.decision: GateDecision | None = None
        self.pending_count = 0
        self.offline = False
        self.direction = Direction.IN
        self.status: GateStatus | None = None
        self.inside_records: list[InsideRecord] = []
        self._beeped: set[str] = set()
        self._raised: set[str] = set()  # overstays this station has had raised as alerts
        self.full_screen: FullScreenWindow | None = None

        # ----- choosing the gate
        self.gate_label = QLabel()
        self.gate_choice = QComboBox()
        self.gate_choice.setMinimumWidth(200)
        self.gate_label.setBuddy(self.gate_choice)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.use_chosen_gate)
        self.gate_name = QLabel()
        self.gate_name.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.change_button = QPushButton()
        self.change_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.change_button.clicked.connect(self.change_gate)
        self.full_button = QPushButton()
        self.full_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.full_button.clicked.connect(self.toggle_full_screen)
        self.choose_box = QWidget()
        # Enter on the gate list (it has the focus) starts, as the default button would in a form
        self.start_button.setDefault(True)
        choose = QHBoxLayout(self.choose_box)
        choose.setContentsMargins(0, 0, 0, 0)
        choose.addWidget(self.gate_label)
        choose.addWidget(self.gate_choice)
        choose.addWidget(self.start_button)
        choose.addStretch(1)
        self.choose_hint = QLabel()
        self.choose_hint.setWordWrap(True)

        # ----- scanning and the verdict
        self.scan = ScanField(1000, "font-size: 18pt; padding: 6px;")
        self.scan.scanned.connect(self.scanned)
        self.scan.installEventFilter(self)
        self.in_button = QPushButton()
        self.out_button = QPushButton()
        self.directions = QButtonGroup(self)
        for button, direction in ((self.in_button, Direction.IN), (self.out_button, Direction.OUT)):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cursor stays in the scan field
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, d=direction: self.set_direction(d))
            self.directions.addButton(button)
        self.data_status = QLabel()  # 在线 / 离线 · 数据更新于 …
        self.data_status.setWordWrap(True)
        self.set_aside_label = QLabel()
        self.set_aside_label.setWordWrap(True)
        self.set_aside_label.setStyleSheet(f"color: {palette.DANGER}; font-size: 12pt; font-weight: bold;")
        self.set_aside_label.hide()
        self.offline_banner = QLabel()
        self.offline_banner.setWordWrap(True)
        self.offline_banner.setStyleSheet(OFFLINE_STYLE)
        self.offline_banner.hide()
        self.pending_label = QLabel()
        self.pending_label.setStyleSheet(f"color: {palette.AMBER}; font-size: 13pt; font-weight: bold;")
        self.pending_label.hide()
        self.verdict_frame = QFrame()
        self.verdict_frame.setStyleSheet(IDLE_STYLE)
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason = QLabel()
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setWordWrap(True)
        self.holder = QLabel()
        self.holder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.holder.setWordWrap(True)
        self.place = QLabel()
        self.place.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.place.setWordWrap(True)
        self.verdict_frame.installEventFilter(self)
        self.gate_choice.installEventFilter(self)  # Enter on the gate list starts (eventFilter)
        verdict_layout = QVBoxLayout(self.verdict_frame)
        verdict_layout.addStretch(1)
        for label in (self.verdict, self.reason, self.holder, self.place):
            verdict_layout.addWidget(label)
        verdict_layout.addStretch(1)
        self.clear_timer = QTimer(self)
        self.clear_timer.setSingleShot(True)
        self.clear_timer.setInterval(CLEAR_MS)
        self.clear_timer.timeout.connect(self.clear_verdict)

        # ----- who is inside
        self.inside_heading = QLabel()
        self.inside_heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.alert = QLabel()
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(ALERT_STYLE)
        self.alert.hide()
        clock = session.ctx.clock
        self.inside = inside_model(session.zone, clock.now, self)
        self.inside_view = record_table(self.inside, (76, 62, 56, 118), focus=False, striped=True, row_height=None)
        self.inside_view.setStyleSheet("font-size: 12pt;")
        self.inside_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.tick)

        # ----- layout: the content moves into the full-screen window and back
        self.content = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.gate_name)
        top.addStretch(1)
        top.addWidget(self.change_button)
        top.addWidget(self.full_button)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.choose_box)
        left.addWidget(self.choose_hint)
        left.addWidget(self.scan)
        actions = QHBoxLayout()
        actions.addWidget(self.in_button)
        actions.addWidget(self.out_button)
        actions.addWidget(self.data_status, 1)
        self.actions_box = QWidget()
        self.actions_box.setLayout(actions)
        actions.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.actions_box)
        left.addWidget(self.set_aside_label)
        left.addWidget(self.offline_banner)
        left.addWidget(self.pending_label)
        left.addWidget(self.verdict_frame, 1)
        right = QVBoxLayout()
        right.addWidget(self.inside_heading)
        right.addWidget(self.alert)
        right.addWidget(self.inside_view, 1)
        self.side = QWidget()
        self.side.setLayout(right)
        self.side.setFixedWidth(430)
        content_layout = QHBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(left, 1)
        content_layout.addWidget(self.side)
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(0, 0, 0, 0)
        self.page_layout.addWidget(self.content)
        self.full_shortcut = QShortcut(QKeySequence("F11"), self.content)
        self.full_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.full_shortcut.activated.connect(self.toggle_full_screen)
        self.direction_shortcuts = []
        for key, direction in (("F2", Direction.IN), ("F3", Direction.OUT)):
            shortcut = QShortcut(QKeySequence(key), self.content)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=direction: self.set_direction(d))
            self.direction_shortcuts.append(shortcut)
        self._show_direction()

        self.retranslate()
        self.clear_verdict()
        if station is not None:
            self.set_station(station)
        else:
            self._show_choosing(True)
            remembered = _chosen_gate.get(session.clinic.code)
            if remembered:
                self.use_gate(remembered)

    # ----- page protocol --------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Gate station")

    def activated(self) -> None:
        if self.station is None:
            self.load_gates()
        elif self.feed is not None:
            self.feed.poll()
        self.focus_scan()

    def stop(self) -> None:
        if self.feed is not None:
            self.feed.stop()
        self.tick_timer.stop()
        self.clear_timer.stop()

    def retranslate(self) -> None:
        self.gate_label.setText(self.tr("&Gate of this PC:"))
        self.start_button.setText(self.tr("S&tart"))
        self.choose_hint.setText(self.tr("Choose the gate this computer stands at. It is remembered until you log "
                                         "out."))
        self.change_button.setText(self.tr("Change gate"))
        self.scan.setPlaceholderText(self.tr("Scan the permit's QR code, or type the permit number and press Enter"))
        self.offline_banner.setText(self.tr("OFFLINE MODE: decided from this gate's own copy of the lists; the "
                                            "scans are written back when the clinic database answers"))
        self.inside_heading.setText(self.tr("Inside now"))
        self.inside.retranslate()
        self._show_gate_name()
        self._show_full_button()
        self._show_pending()
        self._show_direction()
        self._show_status()
        self._show_decision()
        self._show_inside()

    # ----- entering or leaving, and the data's age --------------------------------------------
    def set_direction(self, direction: Direction | str) -> None:
        """F2 进入 / F3 离开: the gatekeeper's action for the next scans (not guessed from the last passage)."""
        self.direction = Direction(direction)
        self._show_direction()
        self.focus_scan()

    def _show_direction(self) -> None:
        self.in_button.setText(self.tr("Entering (F2)"))
        self.out_button.setText(self.tr("Leaving (F3)"))
        for button, direction in ((self.in_button, Direction.IN), (self.out_button, Direction.OUT)):
            chosen = self.direction == direction
            button.setChecked(chosen)
            button.setStyleSheet(f"font-size: 15pt; font-weight: bold; padding: 4px 14px; "
                                 f"{DIRECTION_STYLE[direction.value] if chosen else ''}")

    def set_status(self, status: GateStatus | None) -> None:
        self.status = status
        self._show_status()

    def _show_status(self) -> None:
        """Always say how fresh the data is: 在线, or 离线 · 数据更新于 …，N 小时前 (or: no copy)."""
        st = self.status
        if self.station is None:
            self.data_status.setText("")
            self.set_aside_label.hide()
            return
        if not self.offline:
            self.data_status.setText(self.tr("● Online"))
            self.data_status.setStyleSheet(ONLINE_STYLE)
        elif st is None or st.data_taken_at is None:
            self.data_status.setText(self.tr("● Offline · no offline copy of the lists on this PC"))
            self.data_status.setStyleSheet(AGE_STYLE)
        else:
            hours = max(0, int((self.station.clock.now() - st.data_taken_at).total_seconds() // 3600))
            self.data_status.setText(self.tr("● Offline · data updated {time}, {hours} h ago").format(
                time=st.data_taken_at.astimezone(self.session.zone).strftime("%m-%d %H:%M"), hours=hours))
            self.data_status.setStyleSheet(AGE_STYLE)
        aside = st.set_aside if st is not None else 0
        self.set_aside_label.setText(self.tr("{count} offline records could not be read: set aside (kept in the "
                                             "quarantine file), scanning goes on").format(count=aside))
        self.set_aside_label.setVisible(aside > 0)

    def _show_gate_name(self) -> None:
        self.gate_name.setText(self.tr("Gate: {gate}").format(gate=self.station.gate) if self.station else "")

    def _show_full_button(self) -> None:
        self.full_button.setText(self.tr("Leave full screen (Esc)") if self.full_screen is not None
                                 else self.tr("Full screen (F11)"))

    # ----- the gate -------------------------------------------------------------------------
    def load_gates(self) -> None:
        wards = self.session.ctx.wards
        self.session.runner.run(wards.wards, self._gates_loaded, lambda exc: self._say_error(describe(exc)),
                                parent=self)

    def _gates_loaded(self, wards: list) -> None:
        current = self.gate_choice.currentText()
        gates: list[str] = []
        for w in wards:
            gates.extend(g for g in w.gates if g not in gates)
        self.gate_choice.clear()
        self.gate_choice.addItems(gates)
        if current in gates:
            self.gate_choice.setCurrentText(current)
        self.start_button.setEnabled(bool(gates))
        self.gate_choice.setFocus()

    def use_chosen_gate(self) -> None:
        gate = self.gate_choice.currentText().strip()
        if gate:
            self.use_gate(gate)

    def use_gate(self, gate: str) -> None:
        ctx = self.session.ctx
        _chosen_gate[self.session.clinic.code] = gate
        self.set_station(GateStation(ctx.gate, ctx.clock, ctx.paths.root, gate))

    def set_station(self, station: GateStation) -> None:
        if self.feed is not None:
            self.feed.stop()
            self.feed.deleteLater()
        self.station = station
        self.feed = InsideFeed(self.session, station, self) if self._feed_interval is None else \
            InsideFeed(self.session, station, self, self._feed_interval)
        self.feed.updated.connect(self.show_inside)
        self._show_choosing(False)
        self._show_gate_name()
        self.clear_verdict()
        self.feed.start()
        self.tick_timer.start()
        self.focus_scan()

    def change_gate(self) -> None:
        self.stop()
        self.station = None
        _chosen_gate.pop(self.session.clinic.code, None)
        self._show_choosing(True)
        self._show_gate_name()
        self.load_gates()

    def _show_choosing(self, choosing: bool) -> None:
        self.choose_box.setVisible(choosing)
        self.choose_hint.setVisible(choosing)
        for widget in (self.scan, self.actions_box, self.verdict_frame, self.side, self.change_button,
                       self.full_button):
            widget.setVisible(not choosing)

    # ----- scanning -------------------------------------------------------------------------
    def focus_scan(self) -> None:
        if self.station is not None and self.scan.isVisible():
            self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def scanned(self, text: str) -> None:
        if not text or self.station is None:
            return
        station, actor = self.station, self.session.actor

        direction = self.direction

        def check() -> tuple[GateDecision, GateStatus]:
            decision = station.check(actor, text, direction)
            return decision, station.status()

        self.session.runner.run(check, self._decided, lambda exc: self._say_error(describe(exc)), parent=self)

    def _decided(self, result: tuple[GateDecision, GateStatus]) -> None:
        self.decision, status = result
        self.pending_count = status.pending
        self.offline = self.decision.offline
        self.set_status(status)
        self._show_decision()
        self._show_pending()
        self.clear_timer.start()
        if self.feed is not None and not self.offline and self.decision.outcome in (GateOutcome.ADMIT,
                                                                                    GateOutcome.EXIT):
            self.feed.poll()  # who is inside changed; a refusal or a repeated scan waits for the feed's tick
        self.focus_scan()

    def clear_verdict(self) -> None:
        self.decision = None
        self._show_decision()

    def _say_error(self, text: str) -> None:
        self.decision = None
        self.verdict_frame.setStyleSheet(IDLE_STYLE)
        self.verdict.setText("")
        self.reason.setText(text)
        self.reason.setStyleSheet(f"font-size: 18pt; color: {palette.DANGER}; font-weight: bold;")
        self.holder.setText("")
        self.place.setText("")
        self.focus_scan()

    def verdict_text(self) -> str:
        return self.verdict.text()

    def _show_decision(self) -> None:
        d = self.decision
        if d is None:
            self.verdict_frame.setStyleSheet(IDLE_STYLE)
            self.verdict.setText(self.tr("Ready to scan"))
            self.verdict.setStyleSheet(f"font-size: 40pt; font-weight: bold; color: {palette.GATE_IDLE};"
                                       " background: transparent;")
            self.reason.setText(self.tr("Hold the permit's QR code under the scanner."))
            self.reason.setStyleSheet(f"font-size: 16pt; color: {palette.GATE_IDLE}; background: transparent;")
            self.holder.setText("")
            self.place.setText("")
            self.offline_banner.setVisible(self.offline)
            return
        color = OVERSTAY_EXIT if d.outcome == GateOutcome.EXIT and d.flags and d.flags != ("not_inside",) \
            else COLORS.get(d.outcome, palette.ALARM)
        self.verdict_frame.setStyleSheet(f"background: {color}; border-radius: 12px;")
        white = "color: white; background: transparent;"
        self.verdict.setText(gate_outcome_name(d.outcome))
        self.verdict.setStyleSheet(f"font-size: {self._verdict_points()}pt; font-weight: bold; {white}")
        if d.outcome == GateOutcome.DENY:
            reason = deny_reason_name(d.reason)
        elif d.outcome == GateOutcome.REPEAT:
            reason = self.tr("Already recorded: {passage} at {time}; not counted again").format(
                passage=gate_outcome_name(d.repeat_of or ""),
                time=d.repeat_at.astimezone(self.session.zone).strftime("%H:%M:%S") if d.repeat_at else "—")
        elif d.outcome == GateOutcome.EXIT:
            lines = []
            if d.inside_since is not None:
                minutes = int((self.session.ctx.clock.now() - d.inside_since).total_seconds() // 60)
                lines.append(self.tr("Inside since {time} ({minutes} min)").format(
                    time=d.inside_since.astimezone(self.session.zone).strftime("%H:%M"), minutes=minutes))
            if d.overstay_minutes:
                lines.append(self.tr("Overstayed by {minutes} min: reported to the clinic").format(
                    minutes=d.overstay_minutes))
            flags = [exit_flag_name(f) for f in d.flags if f != "overstay"]
            if flags:
                lines.append(self.tr("Let out, recorded: {flags}").format(flags="、".join(flags)))
            reason = "\n".join(lines)
        elif d.kind == "visitor" and d.valid_until is not None:
            reason = self.tr("Visit until {time}: one visit, no re-entry after leaving").format(
                time=d.valid_until.astimezone(self.session.zone).strftime("%H:%M"))
        else:
            reason = ""
        self.reason.setText(reason)
        self.reason.setStyleSheet(f"font-size: 30pt; font-weight: bold; {white}")
        if d.masked_name:
            self.holder.setText(self.tr("{name}   ID …{last4}").format(name=d.masked_name, last4=d.id_last4 or "—"))
        else:
            self.holder.setText("")
        self.holder.setStyleSheet(f"font-size: 34pt; font-weight: bold; {white}")
        parts = [permit_kind_name(d.kind)] if d.kind else []
        if d.ward:
            parts.append(f"{d.ward} {d.bed or ''}".strip())
        if d.permit_number:
            parts.append(d.permit_number)
        self.place.setText("  ·  ".join(parts))
        self.place.setStyleSheet(f"font-size: 22pt; {white}")
        self.offline_banner.setVisible(self.offline)

    def _verdict_points(self) -> int:
        """As large as fits: 96 pt on a full-screen gate, smaller in a narrow window."""
        chars = max(1, len(self.verdict.text()))
        width = max(200, self.verdict_frame.width() - 40)
        return max(28, min(96, int(width / (chars * 1.45))))

    def _show_pending(self) -> None:
        self.pending_label.setText(self.tr("{count} scans waiting to be written back to the clinic database").format(
            count=self.pending_count))
        self.pending_label.setVisible(self.pending_count > 0)

    # ----- inside ---------------------------------------------------------------------------
    def show_inside(self, snap: InsideSnapshot) -> None:
        self.pending_count = snap.pending
        if snap.inside is not None:
            self.inside_records = snap.inside
            self.inside.set_rows(snap.inside)
            if self.offline and self.decision is None:
                self.offline = False  # the database answers again
                self.offline_banner.hide()
        elif not self.offline:
            self.offline = True  # the database does not answer: say so (and how old the copy is) before a scan
            self.offline_banner.show()
        self.set_status(snap.status)
        self._show_pending()
        self._show_inside()

    def overdue(self) -> list[InsideRecord]:
        now = self.session.ctx.clock.now()
        return [r for r in self.inside_records if r.kind == "visitor" and is_overstay(r, now)]

    def _show_inside(self) -> None:
        self.inside_heading.setText(self.tr("Inside now: {count}").format(count=len(self.inside_records)))
        late = self.overdue()
        if late:
            now = self.session.ctx.clock.now()
            who = "、".join(self.tr("{name} ({ward} {bed}), {minutes} min over").format(
                name=r.masked_name, ward=r.ward, bed=r.bed, minutes=overstay_minutes(r, now)) for r in late)
            self.alert.setText(self.tr("⚠ Visitor overstay — still inside after the visit's end: {who}").format(
                who=who))
        self.alert.setVisible(bool(late))
        new = [r.permit_number for r in late if r.permit_number not in self._beeped]
        if new:
            self._beeped.update(new)
            QApplication.beep()
        self._raise_overstays([r.permit_number for r in late])

    def _raise_overstays(self, numbers: list[str]) -> None:
        """Have the clinic raise each overstay as an alert (once; tried again at a later tick if offline)."""
        fresh = [n for n in numbers if n not in self._raised]
        if not fresh or self.station is None or self.offline:
            return
        self._raised.update(fresh)
        gate, actor, name = self.station.service, self.session.actor, self.station.gate

        def failed(_exc: BaseException) -> None:
            self._raised.difference_update(fresh)

        self.session.runner.run(lambda: gate.raise_overstays(actor, name), lambda _r: None, failed, parent=self)

    def tick(self) -> None:
        self.inside.retranslate()  # repaint the running timers
        self._show_inside()

    def now(self) -> datetime:
        return self.session.ctx.clock.now()

    # ----- full screen ----------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        if self.full_screen is None:
            self.enter_full_screen()
        else:
            self.leave_full_screen()

    def enter_full_screen(self) -> None:
        if self.full_screen is not None or self.station is None:
            return
        window = FullScreenWindow()
        window.setWindowTitle(self.tr("Gate station"))
        window.leave.connect(self.leave_full_screen)
        self.page_layout.removeWidget(self.content)
        window.box.addWidget(self.content)
        self.full_screen = window
        self._show_full_button()
        window.showFullScreen()
        window.activateWindow()
        self.focus_scan()

    def leave_full_screen(self) -> None:
        window = self.full_screen
        if window is None:
            return
        self.full_screen = None
        window.box.removeWidget(self.content)
        self.content.setParent(self)
        self.page_layout.addWidget(self.content)
        self.content.show()
        window.hide()
        window.deleteLater()
        self._show_full_button()
        self.lock_requested.emit()  # other pages need the gatekeeper's password again

    # ----- focus ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.verdict_frame and event.type() == QEvent.Type.Resize and self.decision is not None:
            self._show_decision()  # the verdict's size follows the frame (full screen or a window)
        if watched is self.scan and event.type() == QEvent.Type.FocusOut:
            # The scan field keeps the cursor: a scanner's payload must never land elsewhere.
            if self.full_screen is not None or self.isVisible():
                QTimer.singleShot(0, self._refocus)
        if watched is self.gate_choice and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.start_button.isEnabled():
                self.start_button.click()
                return True
        if watched is self.scan and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.full_screen is not None:
                self.leave_full_screen()
                return True
        return super().eventFilter(watched, event)

    def _refocus(self) -> None:
        if QApplication.activeModalWidget() or QApplication.activePopupWidget():
            return
        focus = QApplication.focusWidget()
        if self.full_screen is not None or (self.isVisible() and (focus is None or self.content.isAncestorOf(focus))):
            self.focus_scan()

