"""The operations layer: thread runner reports back on the GUI thread; errors reach the user."""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from app.errors import StorageError
from ui.ops import SyncRunner, ThreadRunner


def test_thread_runner_runs_off_the_gui_thread_and_answers_on_it(qtbot):
    runner = ThreadRunner()
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback_on_gui"] = threading.get_ident() == gui and QThread.currentThread().isMainThread()

    runner.run(work, done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] != gui
    assert seen["callback_on_gui"] is True
    assert not runner.busy


def test_thread_runner_delivers_errors_on_the_gui_thread(qtbot):
    runner = ThreadRunner()
    gui = threading.get_ident()
    got: list[tuple[BaseException, int]] = []

    def fail() -> None:
        raise StorageError("db_busy")

    runner.run(fail, lambda _r: None, lambda exc: got.append((exc, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(got))
    exc, thread = got[0]
    assert isinstance(exc, StorageError) and exc.code == "db_busy"
    assert thread == gui


def test_default_error_handling_shows_a_translated_message(boxes):
    SyncRunner().run(lambda: (_ for _ in ()).throw(StorageError("disk_full")))
    assert boxes.kinds() == ["warning"]
    assert boxes.texts() == ["The disk is full. Free some space, then try again."]


def test_unexpected_errors_are_logged_and_shown_generically(boxes, caplog):
    def broken() -> None:
        raise KeyError("internal detail")

    with caplog.at_level(logging.ERROR):
        SyncRunner().run(broken)
    # with a log file set up (app/logfile.py; an earlier test may have) the sentence names it (issue 14)
    assert boxes.texts()[0].startswith("Something unexpected went wrong. The details were written to the log")
    assert "internal detail" not in boxes.texts()[0]
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_results_for_a_deleted_window_are_dropped(qtbot):
    runner = ThreadRunner()
    widget = QWidget()
    got: list[int] = []
    release = threading.Event()
    runner.run(lambda: release.wait(5) and 1, got.append, parent=widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget))
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert got == []
