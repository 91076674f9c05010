"""The waiting-room display (叫号大屏, issue 17): a window for a second monitor that shows the numbers being
called and the numbers waiting, in the queue's order, in type read from 5 m.

It is public: numbers and masked names only (QueueService.display never hands it more). No level, colour or
decision either — a neighbour would learn who is critically ill or suspected; the order already says enough
and the note under the list says why it is not first come, first served.

It opens full screen on a second screen when there is one (else as a window on this one: drag it to the
monitor, it goes full screen there; F11 or a double click toggles, Esc leaves full screen). It polls every
second through the change marker (ui/poller.py: a call at any desk moves the marker, so it shows within 2 s and
costs one key read when nothing changed). When the database does not answer it keeps the last numbers under a
"updates paused" line, and goes on by itself when the database answers again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import (QCloseEvent, QGuiApplication, QHideEvent, QKeyEvent, QKeySequence, QMouseEvent,
                           QResizeEvent, QScreen, QShortcut, QShowEvent)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.casework.queue import DisplayNumber, WaitingRoomView
from ui.forms import describe
from ui.poller import Poller
from ui.session import Session
from ui.widgets import palette

POLL_MS = 1_000  # a call shows within 2 s: one tick, plus the read
COLUMNS = 3  # waiting numbers per row


class WaitingRoomFeed(Poller):
    def __init__(self, session: Session, parent: WaitingRoomWindow) -> None:
        super().__init__(session, parent, POLL_MS)

    def reader(self) -> Callable[[], WaitingRoomView]:
        queue, actor = self.session.ctx.queue, self.session.actor
        return lambda: queue.display(actor)


def _label(align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QLabel:
    label = QLabel()
    label.setAlignment(align)
    return label


def _style(label: QLabel, px: int, colour: str, *, bold: bool = False) -> None:
    label.setStyleSheet(f"color: {colour}; font-size: {px}px;" + (" font-weight: bold;" if bold else ""))


class WaitingRoomWindow(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.view: WaitingRoomView | None = None
        self.paused = False
        self.setObjectName("waitingRoom")
        self.setStyleSheet(f"QWidget#waitingRoom {{ background: {palette.DISPLAY_BG}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title_label = _label(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.status_label = _label(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.called_heading = _label()
        self.called_number = _label()
        self.called_name = _label()
        self.called_before = _label()
        self.called_before.setWordWrap(True)
        self.waiting_heading = _label(Qt.AlignmentFlag.AlignLeft)
        self.waiting_grid = QGridLayout()
        for column in range(COLUMNS):
            self.waiting_grid.setColumnStretch(column, 1)
        self.more_label = _label(Qt.AlignmentFlag.AlignLeft)
        self.note_label = _label(Qt.AlignmentFlag.AlignLeft)
        self.note_label.setWordWrap(True)
        self.cells: list[QLabel] = []

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.status_label)
        called = QVBoxLayout()
        called.addWidget(self.called_heading)
        called.addStretch(1)
        called.addWidget(self.called_number)
        called.addWidget(self.called_name)
        called.addStretch(1)
        called.addWidget(self.called_before)
        waiting = QVBoxLayout()
        waiting.addWidget(self.waiting_heading)
        waiting.addLayout(self.waiting_grid)
        waiting.addStretch(1)
        waiting.addWidget(self.more_label)
        waiting.addWidget(self.note_label)
        body = QHBoxLayout()
        body.addLayout(called, 2)
        body.addSpacing(24)
        body.addLayout(waiting, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.full_shortcut = QShortcut(QKeySequence("F11"), self, self.toggle_full_screen)
        self.feed = WaitingRoomFeed(session, self)
        self.feed.updated.connect(self._loaded)
        self.feed.failed.connect(self._failed)
        self._followed_screen = False
        self.retranslate()
        self._apply_sizes()

    # ----- words and sizes ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Waiting-room display"))
        self.title_label.setText(self.tr("{clinic} · Fever clinic").format(clinic=self.session.clinic.name))
        self.called_heading.setText(self.tr("Now calling"))
        self.waiting_heading.setText(self.tr("Waiting"))
        self.note_label.setText(self.tr("Patients are seen by how ill they are, then by waiting time. Please wait "
                                        "for your number, keep your mask on, and tell the nurse if you feel worse."))
        self._show()

    def unit(self) -> int:
        """One step of type, from the window's height: the same proportions on a 768- or a 1080-line screen."""
        return max(12, self.height() // 20)

    def _apply_sizes(self) -> None:
        u = self.unit()
        _style(self.title_label, int(u * 0.9), palette.DISPLAY_TEXT, bold=True)
        _style(self.status_label, int(u * 0.8), palette.ALARM if self.paused else palette.DISPLAY_DIM, bold=self.paused)
        if self.paused:
            self.status_label.setStyleSheet(self.status_label.styleSheet() + f" background: {palette.DISPLAY_CALLED};"
                                            " padding: 4px 12px; border-radius: 6px;")
        for heading in (self.called_heading, self.waiting_heading):
            _style(heading, int(u * 1.1), palette.DISPLAY_DIM, bold=True)
        _style(self.called_number, int(u * 4), palette.DISPLAY_CALLED, bold=True)
        _style(self.called_name, int(u * 1.6), palette.DISPLAY_TEXT, bold=True)
        _style(self.called_before, int(u * 1.1), palette.DISPLAY_DIM, bold=True)
        _style(self.more_label, int(u * 0.9), palette.DISPLAY_DIM)
        _style(self.note_label, int(u * 0.6), palette.DISPLAY_DIM)
        for cell in self.cells:
            _style(cell, int(u * 1.25), palette.DISPLAY_TEXT, bold=True)
        self.waiting_grid.setHorizontalSpacing(u)
        self.waiting_grid.setVerticalSpacing(u // 3)

    def capacity(self) -> int:
        """How many waiting numbers fit under the heading (the rest are counted)."""
        rows = max(1, int(self.height() * 0.62) // int(self.unit() * 2.2))
        return rows * COLUMNS

    # ----- data ---------------------------------------------------------------------------------
    def _loaded(self, view: WaitingRoomView) -> None:
        changed = view != self.view or self.paused
        self.view, self.paused = view, False
        if changed:
            self._show()
            self._apply_sizes()

    def _failed(self, exc: BaseException) -> None:
        """The database does not answer: keep the last numbers, say updates are paused (the log has why)."""
        describe(exc)  # logs an unexpected error with its traceback; the room sees one calm line
        if not self.paused:
            self.paused = True
            self._show()
            self._apply_sizes()

    def _show(self) -> None:
        view = self.view
        self.status_label.setText(self.tr("Updates paused") if self.paused else "")
        self.status_label.setVisible(self.paused)
        called = view.called if view is not None else ()
        if called:
            self.called_number.setText(called[0].label)
            self.called_name.setText(called[0].masked_name)
        else:
            self.called_number.setText("—")
            self.called_name.setText("")
        self.called_before.setText(self.tr("Called before: {numbers}").format(
            numbers="  ".join(c.label for c in called[1:])) if len(called) > 1 else "")
        self._fill(view.waiting if view is not None else ())

    def _fill(self, waiting: tuple[DisplayNumber, ...]) -> None:
        shown = waiting[:self.capacity()]
        while len(self.cells) < len(shown):
            cell = _label(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.waiting_grid.addWidget(cell, len(self.cells) // COLUMNS, len(self.cells) % COLUMNS)
            self.cells.append(cell)
        for i, cell in enumerate(self.cells):
            cell.setText(f"{shown[i].label}  {shown[i].masked_name}" if i < len(shown) else "")
        rest = len(waiting) - len(shown)
        self.more_label.setText(self.tr("{count} more waiting").format(count=rest) if rest > 0 else "")
        if not waiting:
            self.more_label.setText(self.tr("Nobody waiting"))

    def waiting_texts(self) -> list[str]:
        """The waiting cells as the room reads them (for tests and the screenshots)."""
        return [c.text() for c in self.cells if c.text()]

    # ----- the window ---------------------------------------------------------------------------
    def open_on_best_screen(self, main: QWidget) -> None:
        """Full screen on another screen than ``main``'s when there is one, else a window on this screen."""
        here = main.screen()
        other = next((s for s in QGuiApplication.screens() if s is not here), None)
        if other is not None:
            self.setScreen(other)
            self.setGeometry(other.availableGeometry())
            self.showFullScreen()
        else:
            if not self.isVisible():
                self.resize(min(1280, here.availableGeometry().width()), min(720, here.availableGeometry().height()))
            self.showNormal()
        main.activateWindow()  # the doctor goes on at the desk: F9 stays theirs

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _screen_changed(self, _screen: QScreen) -> None:
        """Dragged onto another monitor: fill it."""
        if not self.isFullScreen():
            self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.toggle_full_screen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()
        if self.view is not None:
            self._fill(self.view.waiting)
            self._apply_sizes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and not self._followed_screen:
            handle.screenChanged.connect(self._screen_changed)
            self._followed_screen = True
        if not self.feed.running:
            self.feed.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.feed.stop()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.feed.stop()
        super().closeEvent(event)
