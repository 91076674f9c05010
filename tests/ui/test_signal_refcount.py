"""The Qt binding keeps Python's reference counts: a desk runs for days on timers and signals.

PySide6 6.12.0 on Python 3.11 dropped one reference to a Python slot's return value (None) at every call; None's
count ran down with every timer tick and click until the desk stopped with "Fatal Python error: none_dealloc"
after some hours (the test suite died the same way at exit). Python 3.12 makes None immortal and hides it; the app
runs on 3.11, so the pin in pyproject.toml keeps a binding without the fault and this test fails on one with it."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton

CALLS = 2000


class Emitter(QObject):
    fired = Signal(bool)


def counts() -> tuple[int, int]:
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True) + sys.getrefcount(False)


def test_slots_called_thousands_of_times_leave_none_and_the_bools_counted(qapp: QApplication) -> None:
    box, button, emitter, timer = QCheckBox(), QPushButton(), Emitter(), QTimer()
    calls: list[bool] = []

    def slot(value: bool) -> None:
        calls.append(value)

    box.toggled.connect(slot)
    button.clicked.connect(lambda: None)
    emitter.fired.connect(box.setChecked)  # Python → C++ slot, whose toggled comes back to Python
    timer.timeout.connect(lambda: None)
    before = counts()
    for i in range(CALLS):
        emitter.fired.emit(i % 2 == 0)
        button.click()
        timer.timeout.emit()
    calls.clear()
    after = counts()
    assert after[0] - before[0] > -CALLS // 10, "the Qt binding loses a reference to None at each slot call"
    assert after[1] - before[1] > -CALLS // 10, "the Qt binding loses a reference to True/False at each call"
