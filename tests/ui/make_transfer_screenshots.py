"""Grab the transfer screens (case-page request dialog, transfer board with each next step, the handover
form preview, history, the receiving-site page with a verified and a refused QR and the receipt, and
the transfer settings) at 1366×768 into screenshots/ for a visual check: Chinese, plus English for the
board. Uses the demo clinic, which has hospitals and transfers in every state.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_transfer_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from PySide6.QtWidgets import QWidget  # noqa: E402

from app.casework.vocab import REPORTABLE  # noqa: E402
from tests.ui import screenshot_support as shots  # noqa: E402
from tests.ui.screenshot_support import data_folder, start_app, window_for  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.case_page import CaseDialog  # noqa: E402
from ui.pages.transfer_admin import TransferAdminPage  # noqa: E402
from ui.pages.transfer_board import TransferBoardPage  # noqa: E402
from ui.pages.transfer_history import TransferHistoryPage  # noqa: E402
from ui.pages.transfer_receive import ReceiveTransferPage  # noqa: E402

DESK = "发热门诊-1"


def grab(widget: QWidget, name: str) -> None:
    shots.grab(widget, name, wait_ms=400)  # QtPdf renders pages asynchronously


def board_screens(ctx, runner: SyncRunner, lang: str, full: bool) -> None:
    window = window_for(ctx, "nurse", runner, DESK)
    board = window.show_page_of(TransferBoardPage)
    assert isinstance(board, TransferBoardPage)
    by_state = {r.state: r for r in board.model.rows()}
    for n, state in enumerate(("requested", "dispatched", "departed", "handed_over")):
        if state in by_state:
            board.select(by_state[state].id)
            grab(window, f"{lang}-t{n + 1}-board-{state}")
            if not full:
                break
    if not full:
        window.shutdown()
        return
    if "departed" in by_state:
        board.select(by_state["departed"].id)
        board.print_form()
        preview = board.print_dialog
        if preview is not None:
            preview.resize(620, 740)
            grab(preview, f"{lang}-t5-handover-preview")
            preview.close()
        token = ctx.transfers.handover_token(window.session.actor, by_state["departed"].id)
    else:
        token = ""
    history = window.show_page_of(TransferHistoryPage)
    assert isinstance(history, TransferHistoryPage)
    grab(window, f"{lang}-t6-history")
    receive = window.show_page_of(ReceiveTransferPage)
    assert isinstance(receive, ReceiveTransferPage)
    receive.scan.setText(token[:-4] + "AAAA")
    receive.verify()
    grab(window, f"{lang}-t7-receive-refused")
    receive.scan.setText(token)
    receive.verify()
    receive.staff.setText("周医生")
    receive.department.setText("感染科")
    grab(window, f"{lang}-t8-receive-verified")
    receive.record()
    if receive.print_dialog is not None:
        receive.print_dialog.resize(520, 740)
        grab(receive.print_dialog, f"{lang}-t9-receipt-preview")
        receive.print_dialog.close()
    grab(window, f"{lang}-t10-receive-receipt")
    window.shutdown()

    doctor = window_for(ctx, "doctor", runner, DESK)
    actor = doctor.session.actor
    case = next((c for c in ctx.cases.open_cases(actor)
                 if c.doctor_username == "doctor" and c.classification in REPORTABLE), None)
    if case is not None:
        dialog = CaseDialog(doctor.session, case, doctor)
        dialog.show()
        grab(dialog, f"{lang}-t11-case-page")
        dialog.request_transfer()
        if dialog.sub is not None:
            grab(dialog.sub, f"{lang}-t12-request-dialog")
            dialog.sub.close()
        dialog.close()
    doctor.shutdown()

    admin = window_for(ctx, "admin", runner, DESK)
    page = admin.show_page_of(TransferAdminPage)
    assert isinstance(page, TransferAdminPage)
    page.table.selectRow(0)
    grab(admin, f"{lang}-t13-transfer-settings")
    admin.shutdown()


def main() -> int:
    app = start_app()
    runner = SyncRunner()
    install_language(app, "zh_CN")
    with data_folder(demo=True) as ctx:
        board_screens(ctx, runner, "zh_CN", full=True)
        install_language(app, "en")
        board_screens(ctx, runner, "en", full=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
