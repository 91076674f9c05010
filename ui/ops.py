"""One small operations layer between widgets and ``app`` services (after Anki's CollectionOp).

A widget hands a runner a plain callable plus what to do with its result or error. The
``ThreadRunner`` runs it on the thread pool, so a slow disk, a busy database or argon2 never
freezes the window, and delivers the callbacks back on the GUI thread through a queued
signal. The ``SyncRunner`` runs inline, which keeps tests deterministic. Errors go to
``report_error`` by default: a typed error becomes a translated sentence, anything else is
logged and shown generically. Nothing here touches the form, so what the user typed stays.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import FeverSentinelError
from ui.messages import error_text, error_title

log = logging.getLogger(__name__)

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], object]  # what a handler returns (e.g. whether it showed the error) is unused


class Runner(Protocol):
    def run(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
            on_error: Failed | None = None, *, parent: QObject | None = None) -> None:
        """Run ``fn``; then call ``on_done(result)`` or ``on_error(exc)`` on the GUI thread.

        Without ``on_error`` the error is shown in a message box over ``parent``. If ``parent``
        was deleted meanwhile (the user logged out), the result is dropped.
        """
        ...


def report_error(parent: QObject | None, exc: BaseException) -> None:
    """Show an error to the user: typed errors by code, anything else generically (and logged)."""
    if not isinstance(exc, FeverSentinelError):
        log.error("unexpected error", exc_info=exc)
    QMessageBox.warning(parent if isinstance(parent, QWidget) else None, error_title(exc), error_text(exc))


def _deliver(result: Any, exc: BaseException | None, on_done: Done | None, on_error: Failed | None,
             parent: QObject | None) -> None:
    if parent is not None and not shiboken6.isValid(parent):
        log.debug("result dropped: its window is gone")
        return
    if exc is not None:
        if on_error is not None:
            on_error(exc)
        else:
            report_error(parent, exc)
    elif on_done is not None:
        on_done(result)


class SyncRunner:
    """Runs inline on the calling thread: for tests and for start-up before the event loop."""

    def run(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
            on_error: Failed | None = None, *, parent: QObject | None = None) -> None:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - every failure is delivered to the caller
            _deliver(None, exc, on_done, on_error, parent)
        else:
            _deliver(result, None, on_done, on_error, parent)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the queued slot runs the callbacks here."""

    finished = Signal(object, object)

    def __init__(self, runner: ThreadRunner, on_done: Done | None, on_error: Failed | None,
                 parent: QObject | None) -> None:
        super().__init__()
        self._runner = runner
        self._on_done = on_done
        self._on_error = on_error
        self._parent = parent
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _deliver(self, result: Any, exc: BaseException | None) -> None:
        self._runner._pending.discard(self)
        _deliver(result, exc, self._on_done, self._on_error, self._parent)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed back to the GUI thread
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class ThreadRunner:
    """Runs on a QThreadPool and reports back on the GUI thread."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._pending: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
            on_error: Failed | None = None, *, parent: QObject | None = None) -> None:
        relay = _Relay(self, on_done, on_error, parent)
        self._pending.add(relay)  # keep it alive until its result arrives
        self._pool.start(_Task(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the pool to drain (shut-down and tests); callbacks still need the event loop."""
        return self._pool.waitForDone(msecs)
