"""Grab the sentinel doctor's screens (fever clinic desk, case page and its dialogs, deadline board,
timeline and its printout) at 1366×768 into screenshots/ for a visual check: Chinese, plus English
for the main ones. Uses the demo clinic, so there are cases in every state, some overdue.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_casework_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from tests.ui.screenshot_support import data_folder, grab, start_app, window_for  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.case_dialogs import DispositionDialog  # noqa: E402
from ui.pages.case_page import CaseDialog  # noqa: E402
from ui.pages.deadline_board import DeadlineBoardPage  # noqa: E402
from ui.pages.fever_clinic import FeverClinicPage  # noqa: E402

DESK = "发热门诊-1"


def case_with(ctx, actor, predicate):
    return next((c for c in ctx.cases.open_cases(actor) if predicate(c)), None)


def doctor_screens(ctx, runner: SyncRunner, lang: str, full: bool) -> None:
    window = window_for(ctx, "doctor", runner, DESK)
    actor = window.session.actor
    clinic = window.show_page_of(FeverClinicPage)
    assert isinstance(clinic, FeverClinicPage)
    grab(window, f"{lang}-c1-fever-clinic")
    board = window.show_page_of(DeadlineBoardPage)
    assert isinstance(board, DeadlineBoardPage)
    grab(window, f"{lang}-c2-deadline-board")

    def show(case, tab: int, name: str) -> CaseDialog:
        dialog = CaseDialog(window.session, case, window)
        dialog.tabs.setCurrentIndex(tab)
        dialog.show()
        grab(dialog, name)
        return dialog

    unreported = case_with(ctx, actor, lambda c: c.classification == "suspected" and c.reported_at is None)
    if unreported is not None:
        show(unreported, 1, f"{lang}-c3-case-classify").close()
    if not full:
        window.shutdown()
        return
    observing = case_with(ctx, actor, lambda c: len(c.tests) > 1 and c.doctor_username == "doctor")
    if observing is not None:
        dialog = show(observing, 0, f"{lang}-c4-case-interview")
        dialog.tabs.setCurrentIndex(2)
        dialog.tests_view.selectRow(0)
        grab(dialog, f"{lang}-c5-case-tests")
        dialog.tabs.setCurrentIndex(3)
        grab(dialog, f"{lang}-c6-case-clocks")
        dialog.tabs.setCurrentIndex(2)
        dialog.order_test()
        grab(dialog.sub, f"{lang}-c7-order-test")  # type: ignore[arg-type]
        dialog.sub.close()  # type: ignore[union-attr]
        dialog.record_result()
        grab(dialog.sub, f"{lang}-c8-record-result")  # type: ignore[arg-type]
        dialog.sub.close()  # type: ignore[union-attr]
        dialog.dispose()
        dispose = dialog.sub
        assert isinstance(dispose, DispositionDialog)
        dispose.choose("home_advice")
        dispose.advice.setText("居家休息，每日测体温两次，加重随诊")
        dispose.submit()  # refused: a result is pending and no reason
        grab(dispose, f"{lang}-c9-disposition-pending")
        dispose.choose("admitted")
        grab(dispose, f"{lang}-c9b-disposition-admitted")
        dispose.close()
        dialog.show_timeline()
        timeline = dialog.timeline_dialog
        if timeline is not None:
            grab(timeline, f"{lang}-c10-timeline")
            timeline.print_timeline()  # type: ignore[attr-defined]
            preview = timeline.preview  # type: ignore[attr-defined]
            if preview is not None:
                preview.resize(620, 740)
                grab(preview, f"{lang}-c11-timeline-preview", wait_ms=400)  # QtPdf renders asynchronously
                preview.close()
            timeline.close()
        dialog.close()
    handover = case_with(ctx, actor, lambda c: c.pending_handover is not None)
    window.shutdown()

    night = window_for(ctx, "night", runner, DESK)
    clinic = night.show_page_of(FeverClinicPage)
    assert isinstance(clinic, FeverClinicPage)
    clinic.all_cases.setChecked(True)
    grab(night, f"{lang}-c12-fever-clinic-night-handover")
    if handover is not None:
        dialog = CaseDialog(night.session, handover, night)
        dialog.show()
        grab(dialog, f"{lang}-c13-case-read-only")
        dialog.close()
    night.shutdown()


def main() -> int:
    app = start_app()
    runner = SyncRunner()
    install_language(app, "zh_CN")
    with data_folder(demo=True) as ctx:
        doctor_screens(ctx, runner, "zh_CN", full=True)
        install_language(app, "en")
        doctor_screens(ctx, runner, "en", full=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
