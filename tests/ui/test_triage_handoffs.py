"""Hand-off board: overdue rows and the status-bar badge on a FixedClock; incidents; and a
hand-off sent by another process on the same SQLite file showing up within 3 seconds."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt

from app.triage.vocab import HandoffState
from tests.ui.conftest import ADMIN_PASSWORD
from tests.ui.triage_support import NURSE_PASSWORD, add_staff, make_visit, session_for
from ui.main_window import MainWindow
from ui.ops import ThreadRunner
from ui.pages.handoff_board import HandoffBoardPage, LeftDialog
from ui.pages.handoff_model import OVERDUE_BG

ROOT = Path(__file__).resolve().parents[2]


def test_overdue_hand_off_turns_red_and_badges_the_status_bar(qtbot, nurse_session, clock):
    ctx = nurse_session.ctx
    late = make_visit(ctx, nurse_session.actor, name="赵六")
    window = MainWindow(nurse_session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    board = window.show_page_of(HandoffBoardPage)
    assert isinstance(board, HandoffBoardPage)
    assert board.open_model.visit_numbers() == [late.visit_no]
    row = board.open_model.index(0, board.open_model.MINUTES)
    assert row.data() == "0 min" and row.data(Qt.ItemDataRole.BackgroundRole) is None
    assert window.overdue_badge.isHidden()

    clock.advance(minutes=16)
    qtbot.waitUntil(lambda: window.overdue_badge.isVisible(), timeout=3000)  # the 1.5 s poll
    assert window.overdue_badge.text() == "1 overdue hand-offs"
    row = board.open_model.index(0, board.open_model.MINUTES)
    assert row.data() == "16 min — OVERDUE"
    assert row.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BG
    assert "(1 overdue)" in board.open_label.text()
    window.show_page_of(type(window.pages[-1]))  # the badge shows on every screen
    assert window.overdue_badge.isVisible()
    window.overdue_badge.click()
    assert window.stack.currentWidget() is board

    board.select(late.visit_no)
    qtbot.keyClick(board.scan, Qt.Key.Key_Return)  # empty scan box + Enter = the selected row
    qtbot.waitUntil(lambda: window.overdue_badge.isHidden(), timeout=3000)
    assert board.arrived_model.visit_numbers() == [late.visit_no]
    window.shutdown()


def test_left_without_permission_is_an_incident(qtbot, doctor_session, nurse_session, type_text):
    ctx = nurse_session.ctx
    visit = make_visit(ctx, nurse_session.actor)
    board = HandoffBoardPage(doctor_session)
    qtbot.addWidget(board)
    board.show()
    board.activated()
    qtbot.keyClick(board.scan, Qt.Key.Key_Down)  # ↓ in the scan box selects the first row
    assert board.selected() is not None and board.left_button.isEnabled()
    board.left_button.click()
    dialog = board.dialog
    assert isinstance(dialog, LeftDialog) and dialog.isVisible()
    dialog.ok.click()
    assert dialog.errors.visible_texts() == ["This field is required: enter it, then save."]
    type_text(dialog.noticed_by, "导医 陈静")
    type_text(dialog.reported_to, "院感科 王主任")
    type_text(dialog.note, "候诊时自行离开")
    dialog.ok.click()
    assert not dialog.isVisible()
    assert board.open_model.rowCount() == 0
    assert "left without permission" in board.result.text()
    detail = ctx.registration.detail(nurse_session.actor, visit.visit_no)
    assert detail.handoffs[-1].state == HandoffState.LEFT_WITHOUT_PERMISSION
    assert detail.handoffs[-1].incident_reported_to == "院感科 王主任"
    board.stop()


def test_admin_sees_the_board_but_cannot_receive(qtbot, triage_admin_session):
    board = HandoffBoardPage(triage_admin_session)
    qtbot.addWidget(board)
    board.show()
    board.activated()
    assert board.scan.isHidden() and board.confirm_button.isHidden()
    board.stop()


def test_hand_off_from_another_process_appears_within_3_seconds(qtbot, clinic_ctx, data_paths):
    admin = clinic_ctx.users.authenticate("admin", ADMIN_PASSWORD, "desk")
    add_staff(clinic_ctx, admin)
    runner = ThreadRunner()
    session = session_for(clinic_ctx, "nurse", NURSE_PASSWORD, runner, desk="fever-clinic")
    board = HandoffBoardPage(session)
    qtbot.addWidget(board)
    board.show()
    board.activated()
    qtbot.waitUntil(lambda: board.feed.snapshot is not None, timeout=3000)
    assert board.open_model.rowCount() == 0

    script = textwrap.dedent(f"""
        from pathlib import Path
        from app.context import open_context
        from app.passwords import OWASP_FLOOR
        from app.paths import DataPaths
        from tests.ui.triage_support import NURSE_PASSWORD, make_visit
        ctx = open_context(DataPaths(Path({str(data_paths.root)!r})), argon2=OWASP_FLOOR)
        nurse = ctx.users.authenticate("nurse", NURSE_PASSWORD, "desk-2")
        print(make_visit(ctx, nurse, name="钱七", escort="保安 刘强").visit_no)
        ctx.close()
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    visit_no = done.stdout.strip().splitlines()[-1]
    # shows at the next poll (how soon: the hand-off poll's row in tests/bench/); the wait is only a safety net
    qtbot.waitUntil(lambda: visit_no in board.open_model.visit_numbers(), timeout=15_000)
    row = board.open_model.row_of(visit_no)
    assert board.open_model.index(row, board.open_model.ESCORT).data() == "保安 刘强"
    assert board.open_model.index(row, board.open_model.FROM).data() == "desk-2"
    board.stop()
    runner.wait()
    qtbot.waitUntil(lambda: not runner.busy, timeout=3000)
