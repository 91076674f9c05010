"""Grab the transfer screens (case-page request dialog, transfer board with each next step, the handover
form preview, history, the receiving-site page with a verified and a refused QR and the receipt, and
the transfer settings) at 1366×768 into screenshots/ for a visual check: Chinese, plus English for the
board. Uses the demo clinic, which has hospitals and transfers in every state.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_transfer_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.casework.vocab import REPORTABLE  # noqa: E402
from app.context import open_context  # noqa: E402
from app.passwords import OWASP_FLOOR  # noqa: E402
from app.paths import DataPaths  # noqa: E402
from app.services.demo import DEMO_PASSWORD, create_demo  # noqa: E402
from ui.app import app_icon, register_fonts  # noqa: E402
from ui.i18n import compile_translations, install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.case_page import CaseDialog  # noqa: E402
from ui.pages.transfer_admin import TransferAdminPage  # noqa: E402
from ui.pages.transfer_board import TransferBoardPage  # noqa: E402
from ui.pages.transfer_history import TransferHistoryPage  # noqa: E402
from ui.pages.transfer_receive import ReceiveTransferPage  # noqa: E402
from ui.session import Session  # noqa: E402

OUT = ROOT / "screenshots"


def grab(widget: QWidget, name: str) -> None:
    for _ in range(3):
        QApplication.processEvents()
    QTest.qWait(400)  # QtPdf renders pages asynchronously
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def window_for(ctx, username: str, runner: SyncRunner) -> MainWindow:
    actor = ctx.users.authenticate(username, DEMO_PASSWORD, "发热门诊-1")
    session = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
    window = MainWindow(session, idle_ms=3_600_000)
    window.resize(1366, 768)
    window.start(maximize=False)
    return window


def board_screens(ctx, runner: SyncRunner, lang: str, full: bool) -> None:
    window = window_for(ctx, "nurse", runner)
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

    doctor = window_for(ctx, "doctor", runner)
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

    admin = window_for(ctx, "admin", runner)
    page = admin.show_page_of(TransferAdminPage)
    assert isinstance(page, TransferAdminPage)
    page.table.selectRow(0)
    grab(admin, f"{lang}-t13-transfer-settings")
    admin.shutdown()


def main() -> int:
    OUT.mkdir(exist_ok=True)
    app = QApplication(sys.argv)
    app.setWindowIcon(app_icon())
    register_fonts(app)
    compile_translations()
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    runner = SyncRunner()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(DataPaths(Path(tmp)), argon2=OWASP_FLOOR)
        try:
            install_language(app, "zh_CN")
            create_demo(ctx.clinic, ctx.users, Actor.system())
            board_screens(ctx, runner, "zh_CN", full=True)
            install_language(app, "en")
            board_screens(ctx, runner, "en", full=False)
        finally:
            ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
