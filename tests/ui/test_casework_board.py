"""The deadline board on a FixedClock: a suspected case's 2 h report clock turns amber after 1 h 31 min
and red after 2 h, counted down by the 1 s tick; the overdue badge shows on every screen; Enter opens
the case."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.transfer.targets import TransferTargets
from tests.ui.casework_support import taken_case
from tests.ui.conftest import ADMIN_PASSWORD
from ui.widgets.palette import CLOCK_BACKGROUNDS
from ui.main_window import MainWindow
from ui.pages.case_page import CaseDialog
from ui.pages.deadline_board import DeadlineBoardPage
from ui.pages.visit_list import VisitListPage


def test_board_turns_amber_then_red_and_badges_the_status_bar(qtbot, doctor_session, nurse_session, clock):
    ctx = doctor_session.ctx
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    ctx.transfers.update_targets(admin, TransferTargets(request_minutes=180), 0)  # keep this test to the report
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    ctx.cases.classify(doctor_session.actor, case.visit_no, case.version, "suspected")

    window = MainWindow(doctor_session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    board = window.show_page_of(DeadlineBoardPage)
    assert isinstance(board, DeadlineBoardPage)
    model = board.model
    kinds = [e.clock.kind for e in model.rows()]
    # most urgent first; suspected also starts the 12 h nucleic-acid clock (issue 12)
    assert kinds == ["report_2h", "transfer_request", "nat_12h", "epi_24h"]
    left = model.index(0, model.LEFT)
    assert left.data() == "2 h left"
    assert left.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, model.DOCTOR).data() == "张伟"  # the real name, not the log-in name
    assert model.index(0, model.VISIT).data() == case.visit_no
    assert board.open_chip.text() == "Open: 4" and board.overdue_chip.text() == "Overdue: 0"
    assert window.clocks_badge.isHidden()

    clock.advance(hours=1, minutes=31)
    qtbot.waitUntil(lambda: model.index(0, model.LEFT).data() == "⚠ 29 min left", timeout=3000)  # the 1 s tick
    assert model.index(0, model.LEFT).data(Qt.ItemDataRole.BackgroundRole).color().name() == \
        CLOCK_BACKGROUNDS["warning"]
    assert board.warning_chip.text() == "Due soon: 1"
    assert window.clocks_badge.isHidden()

    clock.advance(minutes=30)  # 2 h 01 min
    qtbot.waitUntil(lambda: model.index(0, model.LEFT).data() == "⚠ Overdue by 1 min", timeout=3000)
    assert model.index(0, model.LEFT).data(Qt.ItemDataRole.BackgroundRole).color().name() == \
        CLOCK_BACKGROUNDS["overdue"]
    assert board.overdue_chip.text() == "Overdue: 1"
    assert board.warning_chip.text() == "Due soon: 1"  # the transfer request (2 h of 3 h gone)
    qtbot.waitUntil(lambda: window.clocks_badge.isVisible(), timeout=3000)
    assert window.clocks_badge.text() == "1 time limits overdue"
    window.clock_feed.poll()  # the next 15 s read agrees
    assert window.clock_feed.snapshot.page.overdue == 1  # type: ignore[union-attr]
    window.show_page_of(VisitListPage)  # the badge shows on every screen
    assert window.clocks_badge.isVisible()
    window.clocks_badge.click()
    assert window.stack.currentWidget() is board

    board.view.selectRow(0)
    qtbot.keyClick(board.view, Qt.Key.Key_Return)  # Enter (or a double-click) opens the case
    dialog = board.case_dialog
    assert isinstance(dialog, CaseDialog) and dialog.case.visit_no == case.visit_no
    assert "2 h direct network report: Overdue by" in dialog.classify_tab.report_status.text()
    dialog.classify_tab.reported_at.set_value(clock.now())
    dialog.classify_tab.card_no.setText("44000000000099")
    dialog.record_report()
    assert "Met late" in dialog.classify_tab.report_status.text()
    dialog.close()
    assert [e.clock.kind for e in model.rows()] == ["transfer_request", "nat_12h", "epi_24h"]  # re-read
    qtbot.waitUntil(lambda: window.clocks_badge.isHidden(), timeout=3000)
    window.shutdown()


def test_admin_sees_the_board_read_only(qtbot, triage_admin_session, doctor_session, nurse_session):
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    ctx.cases.classify(doctor_session.actor, case.visit_no, case.version, "confirmed")
    board = DeadlineBoardPage(triage_admin_session)
    qtbot.addWidget(board)
    board.show()
    board.activated()
    assert board.model.rowCount() == 3
    board.view.selectRow(0)
    board.open_selected()
    dialog = board.case_dialog
    assert isinstance(dialog, CaseDialog)
    assert "Read only" in dialog.header.banner.text()
    assert not dialog.classify_tab.report_button.isEnabled() and not dialog.observation.result_button.isEnabled()
    dialog.close()
    board.stop()
