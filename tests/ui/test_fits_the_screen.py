"""Every window and dialog fits the clinic's usual screen (issue 15): 1366×768 less the Windows taskbar, 1366×728.

Each demo role's main window (every page brought forward in turn) and every dialog of the keyboard test's list
(`tests/ui/test_keyboard_flow.py::_dialogs`) is opened on a screen whose usable area is 1366×728, in Chinese and
in English. A window fits when the size it opens at and the smallest size it can be made (its minimum size and
minimum size hint), each with a title bar and borders, are within that area; a long dialog scrolls instead of
growing past it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

AREA = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
TITLE_BAR, BORDER = 31, 8  # Windows 10/11 at 100 %: what the frame adds when the platform reports none (offscreen)


def frame_extra(window: QWidget) -> QSize:
    """What the title bar and borders add to the window's client size."""
    width = window.frameGeometry().width() - window.width()
    height = window.frameGeometry().height() - window.height()
    return QSize(max(width, 2 * BORDER), max(height, TITLE_BAR + BORDER))


def misfits(name: str, window: QWidget, *, opened: bool = True) -> list[str]:
    """Why ``window`` does not fit 1366×728 (empty when it does); without ``opened``, only its minimum sizes
    count (a main window is maximised on such a screen: `MainWindow.start`)."""
    extra = frame_extra(window)
    limit = QSize(AREA.width() - extra.width(), AREA.height() - extra.height())  # the client area's limit
    found = []
    sizes = [("minimum size", window.minimumSize()), ("minimum size hint", window.minimumSizeHint())]
    for what, size in [("opens at", window.size())] * opened + sizes:
        if size.width() > limit.width() or size.height() > limit.height():
            found.append(f"{name}: {what} {size.width()}×{size.height()} + frame {extra.width()}×{extra.height()}"
                         f" > {AREA.width()}×{AREA.height()}")
    return found


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_every_window_and_dialog_fits_1366x728(qapp, monkeypatch):  # type: ignore[no-untyped-def]
    from tests.ui.screenshot_support import data_folder, window_for
    from tests.ui.test_keyboard_flow import _dialogs
    from ui.i18n import install_language
    from ui.ops import SyncRunner

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(AREA))
    runner = SyncRunner()
    found: list[str] = []
    try:
        with data_folder(demo=True) as ctx:
            dialogs = _dialogs(ctx, runner)
            assert any(name.startswith("case ") for name, _make in dialogs)
            for language in ("zh_CN", "en"):
                install_language(qapp, language)
                for user in ("admin", "nurse", "doctor", "gate", "night"):
                    window = window_for(ctx, user, runner, "desk-1")
                    for row in range(window.nav.count()):
                        window.nav.setCurrentRow(row)
                        settle()
                        found += misfits(f"{language} {user} {type(window.pages[row]).__name__}", window,
                                         opened=False)
                    window.shutdown()
                    window.deleteLater()
                for name, make in dialogs:
                    dialog = make()
                    dialog.show()
                    settle()
                    found += misfits(f"{language} {name}", dialog)
                    dialog.close()
                    dialog.deleteLater()
    finally:
        install_language(qapp, "en")
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_check_sees_a_window_too_tall(qapp):  # type: ignore[no-untyped-def]
    """The measure itself: a dialog that insists on 800 px is refused, one of 600 px is not."""
    from PySide6.QtWidgets import QDialog

    tall, short = QDialog(), QDialog()
    tall.setMinimumSize(600, 800)
    short.resize(600, 600)
    for dialog in (tall, short):
        dialog.show()
    settle()
    try:
        assert misfits("tall", tall) and not misfits("short", short)
    finally:
        for dialog in (tall, short):
            dialog.close()
            dialog.deleteLater()


def test_the_case_window_open_or_closed_fits_with_its_actions_shown(qapp, monkeypatch):  # type: ignore[no-untyped-def]
    """The demo clinic's cases, one open and one closed, in Chinese on a 1366×768 screen less the taskbar: the
    window and its frame are within 1366×728 and the action row is in view (screenshots in /tmp/shots)."""
    import os
    from pathlib import Path

    from PySide6.QtCore import QPoint
    from sqlalchemy import select

    from app.casework.tables import Case
    from app.services.demo import DEMO_PASSWORD
    from app.triage.tables import Visit
    from tests.ui.screenshot_support import data_folder
    from ui.i18n import install_language
    from ui.ops import SyncRunner
    from ui.pages.case_page import CaseDialog
    from ui.session import Session

    shots = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))
    shots.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(AREA))
    runner = SyncRunner()
    install_language(qapp, "zh_CN")
    try:
        with data_folder(demo=True) as ctx:
            actor = ctx.users.authenticate("doctor", DEMO_PASSWORD, "desk-1")
            doctor = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
            with ctx.db.read() as s:
                closed_no = s.scalars(select(Visit.visit_no).join(Case, Case.visit_id == Visit.id)
                                      .where(Case.closed_at.is_not(None)).order_by(Visit.visit_no)).first()
            assert closed_no is not None
            open_case = max(ctx.cases.open_cases(actor), key=lambda c: len(c.tests))
            for name, case in (("open", open_case), ("closed", ctx.cases.get(actor, closed_no))):
                dialog = CaseDialog(doctor, case)
                dialog.show()
                settle()
                assert case.closed == (name == "closed")
                assert misfits(name, dialog) == []
                extra = frame_extra(dialog)
                assert dialog.height() + extra.height() <= AREA.height()
                buttons = [dialog.close_button] + [b for b in (dialog.transfer_button, dialog.dispose_button)
                                                   if b.isVisibleTo(dialog)]
                for button in buttons:  # the action row is pinned below the scrolling content, in view
                    assert button.isVisible()
                    assert not dialog.scroll_area.widget().isAncestorOf(button)
                    assert button.mapTo(dialog, QPoint(0, button.height())).y() <= dialog.height()
                dialog.grab().save(str(shots / f"case_{name}_1366x728_zh.png"))
                dialog.close()
                dialog.deleteLater()
    finally:
        install_language(qapp, "en")
