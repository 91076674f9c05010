"""The waiting-room display (issue 17): numbers and masked names only, in the queue's order, updated after a call
without a restart, Esc leaves full screen, "updates paused" while the database does not answer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.errors import StorageError
from tests.ui.casework_support import received_patient
from ui.waiting_room import WaitingRoomWindow

def shown(qtbot, session, size: tuple[int, int] = (1366, 768)) -> WaitingRoomWindow:
    from app.changes import ChangeMarker

    ChangeMarker.of(session.ctx.db).share_s = 0  # every tick asks the database (no sharing in a test)
    window = WaitingRoomWindow(session)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitUntil(lambda: window.view is not None)
    return window


def test_numbers_and_masked_names_only(qtbot, doctor_session, nurse_session):
    ctx, nurse, doctor = doctor_session.ctx, nurse_session.actor, doctor_session.actor
    first = received_patient(ctx, nurse, doctor, "欧阳娜娜", seq=1)
    received_patient(ctx, nurse, doctor, "王芳", seq=2)
    window = shown(qtbot, doctor_session)
    assert window.waiting_texts() == ["F001  欧**娜", "F002  王*"]
    assert window.called_number.text() == "—"
    texts = " ".join(label.text() for label in window.findChildren(type(window.called_number)))
    assert "欧阳娜娜" not in texts and "王芳" not in texts and first not in texts  # no name, no visit number
    assert "Level" not in texts and "isolat" not in texts.lower()  # no severity, no decision

    ctx.queue.call_next(doctor)  # at the doctor's desk: the marker moves, the next tick shows it
    window.feed.poll(force=False)
    assert window.called_number.text() == "F001" and window.called_name.text() == "欧**娜"
    assert window.waiting_texts() == ["F002  王*"]
    ctx.queue.call_next(doctor)
    window.feed.poll(force=False)
    assert window.called_number.text() == "F002" and "F001" in window.called_before.text()
    assert window.more_label.text() == "Nobody waiting"
    window.close()
    assert not window.feed.running


def test_more_waiting_than_fit_are_counted(qtbot, doctor_session, nurse_session):
    ctx, nurse, doctor = doctor_session.ctx, nurse_session.actor, doctor_session.actor
    window = shown(qtbot, doctor_session)
    fit = window.capacity()
    for n in range(fit + 2):
        received_patient(ctx, nurse, doctor, f"患者{n}", seq=n + 1)
    window.feed.poll()
    assert len(window.waiting_texts()) == fit
    assert window.more_label.text() == "2 more waiting"
    window.close()


def test_updates_pause_while_the_database_does_not_answer(qtbot, doctor_session, nurse_session, monkeypatch):
    ctx, nurse, doctor = doctor_session.ctx, nurse_session.actor, doctor_session.actor
    received_patient(ctx, nurse, doctor, "王芳", seq=1)
    window = shown(qtbot, doctor_session)
    assert window.status_label.isHidden()

    def unreachable(_actor):
        raise StorageError("db_unreachable")

    real = ctx.queue.display
    monkeypatch.setattr(ctx.queue, "display", unreachable)
    window.feed.poll()
    assert window.paused and window.status_label.isVisible()
    assert window.status_label.text() == "Updates paused"
    assert window.waiting_texts() == ["F001  王*"]  # the last numbers stay
    monkeypatch.setattr(ctx.queue, "display", real)
    window.feed.poll(force=False)  # the next tick: the database answers again
    assert not window.paused and window.status_label.isHidden()
    window.close()


def test_escape_leaves_full_screen(qtbot, doctor_session):
    window = shown(qtbot, doctor_session)
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    window.toggle_full_screen()  # F11 or a double click
    qtbot.waitUntil(window.isFullScreen)
    window.close()


def test_one_screen_opens_a_window_there(qtbot, doctor_session):
    from PySide6.QtWidgets import QWidget

    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    window = WaitingRoomWindow(doctor_session, main)
    window.open_on_best_screen(main)  # offscreen has one screen: a window on it, not covering the desk
    assert window.isVisible() and not window.isFullScreen() and window.isWindow()
    window.close()
