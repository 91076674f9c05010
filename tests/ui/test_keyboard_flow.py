"""Keyboard-only work (issue 15): no two Alt mnemonics collide within one window, in either language; Enter
runs the default action of the gate's start screen and of the forms; durations read as people say them; every
glyph the screens and the paper use exists in the bundled font."""

from __future__ import annotations

import ast
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import (QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QMenuBar, QTabBar,
                               QWidget)

ROOT = Path(__file__).resolve().parents[2]


# ----- Alt mnemonics -----------------------------------------------------------------------------------------
def mnemonic(text: str) -> str | None:
    """The letter after the first single ``&`` in ``text`` ("会话(&S)" → "S"; "&&" is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].upper()
        i += 1
    return None


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.window() is window


def mnemonics_of(window: QWidget) -> dict[str, list[str]]:
    """Letter → the texts that claim it among the shown buttons, label buddies, group boxes, tabs and menu bar
    titles of one top-level window."""
    found: dict[str, list[str]] = defaultdict(list)

    def note(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            found[letter].append(text)

    for button in window.findChildren(QAbstractButton):
        if _shown(button, window) and not isinstance(button.parent(), QTabBar):
            note(button.text())
    for label in window.findChildren(QLabel):
        if _shown(label, window) and label.buddy() is not None:
            note(label.text())
    for box in window.findChildren(QGroupBox):
        if _shown(box, window):
            note(box.title())
    for bar in window.findChildren(QTabBar):
        if _shown(bar, window):
            for index in range(bar.count()):
                if bar.isTabVisible(index):
                    note(bar.tabText(index))
    for menubar in window.findChildren(QMenuBar):
        if _shown(menubar, window):
            for action in menubar.actions():
                if action.isVisible():
                    note(action.text())
    return found


def menu_mnemonics(menu: QMenu) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for action in menu.actions():
        letter = mnemonic(action.text())
        if letter and action.isVisible():
            found[letter].append(action.text())
    return found


def _clashes(found: dict[str, list[str]]) -> list[str]:
    return [f"{letter}: {' / '.join(sorted(set(texts)))}" for letter, texts in sorted(found.items())
            if len(texts) > 1]


def duplicates(window: QWidget) -> list[str]:
    """Every collision in ``window`` as it is shown, then with each tab of each tab bar brought forward in turn,
    and within each menu of its menu bar."""
    clashes: list[str] = _clashes(mnemonics_of(window))
    for bar in window.findChildren(QTabBar):
        if not _shown(bar, window):
            continue
        current = bar.currentIndex()
        for index in range(bar.count()):
            if bar.isTabVisible(index) and bar.isTabEnabled(index):
                bar.setCurrentIndex(index)
                QApplication.processEvents()
                clashes += [f"[{bar.tabText(index)}] {c}" for c in _clashes(mnemonics_of(window))]
        bar.setCurrentIndex(current)
    for menubar in window.findChildren(QMenuBar):
        for action in menubar.actions():
            if action.menu() is not None:
                clashes += [f"[{action.text()}] {c}" for c in _clashes(menu_mnemonics(action.menu()))]
    return list(dict.fromkeys(clashes))


# ----- glyphs ------------------------------------------------------------------------------------------------
def _string_literals(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def symbols_used() -> dict[str, list[str]]:
    """Every non-ASCII symbol or punctuation (not a letter: the font's CJK coverage is documented) in the string
    literals of ui/ and app/printing/, with where it is used."""
    found: dict[str, list[str]] = defaultdict(list)
    for folder in ("ui", "app/printing"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, text in _string_literals(path):
                for ch in set(text):
                    if ord(ch) > 127 and unicodedata.category(ch)[0] in "SP" and ch != "\ufeff":
                        found[ch].append(f"{path.relative_to(ROOT)}:{line}")
    return found


def test_every_symbol_used_is_in_the_bundled_font(qapp):
    from PySide6.QtGui import QRawFont

    for face in ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"):
        font = QRawFont(str(ROOT / "resources" / "fonts" / face), 12)
        assert font.isValid()
        missing = {f"{ch} U+{ord(ch):04X}": where[:3] for ch, where in symbols_used().items()
                   if font.glyphIndexesForString(ch) in ([], [0])}
        assert not missing, f"not in {face} (shows as a box): {missing}"
    assert "⚠" in symbols_used()  # the scan sees the symbols the screens use


# ----- the windows and dialogs a user can reach, from the demo clinic --------------------------------------
def _dialogs(ctx, runner):  # type: ignore[no-untyped-def]
    """(name, factory) for the dialogs reachable from the demo clinic's data."""
    from app.services.demo import DEMO_PASSWORD
    from ui.about import AboutDialog
    from ui.idle_lock import LockDialog
    from ui.login import LoginDialog
    from ui.pages.case_dialogs import DispositionDialog, HandoverDialog, OrderTestDialog, ResultDialog
    from ui.pages.case_page import CaseDialog
    from ui.pages.permit_dialogs import EscortTestDialog, ExceptionDialog, IssueDialog, ReasonDialog
    from ui.pages.readiness import ItemDialog, MoveDialog, SampleDialog, StaffDialog
    from ui.pages.transfer_dialogs import TransferRequestDialog
    from ui.pages.user_dialogs import ResetPasswordDialog, UserDialog
    from ui.pages.ward_dialogs import AdmitDialog, WardDialog
    from ui.session import Session
    from ui.settings_dialog import SettingsDialog

    def session_of(username: str) -> Session:
        actor = ctx.users.authenticate(username, DEMO_PASSWORD, "desk-1")
        return Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))

    admin, doctor, nurse = (session_of(u) for u in ("admin", "doctor", "nurse"))
    users = ctx.users.list(admin.actor)
    out = [("login", lambda: LoginDialog(lambda: ctx, ctx.settings, runner, ctx.clinic.get().banner())),
           ("about", lambda: AboutDialog(admin)), ("lock", lambda: LockDialog(nurse)),
           ("settings", lambda: SettingsDialog(admin)), ("new user", lambda: UserDialog(admin, None)),
           ("edit user", lambda: UserDialog(admin, users[1])),
           ("reset password", lambda: ResetPasswordDialog(admin, users[1]))]
    cases = ctx.cases.open_cases(doctor.actor)
    out += [(f"case {c.visit_no}", lambda c=c: CaseDialog(doctor, c)) for c in cases]
    case = cases[0]
    hospitals = ctx.transfers.hospitals(doctor.actor)
    out += [("order test", lambda: OrderTestDialog(doctor, case)),
            ("handover", lambda: HandoverDialog(doctor, case, ctx.users.doctors(doctor.actor))),
            ("disposition", lambda: DispositionDialog(doctor, case)),
            ("transfer request", lambda: TransferRequestDialog(doctor, case, hospitals, needs_reason=True))]
    tests = [t for c in cases for t in c.tests]
    out += [("result", lambda: ResultDialog(doctor, tests[0]))] if tests else []
    wards = ctx.wards.wards()
    out += [("admit", lambda: AdmitDialog(nurse, wards)), ("new ward", lambda: WardDialog(admin, None))]
    inpatient = ctx.wards.inpatients(nurse.actor)[0]
    out += [("issue escort", lambda: IssueDialog(nurse, inpatient, "escort")),
            ("issue visitor", lambda: IssueDialog(nurse, inpatient, "visitor")),
            ("exception", lambda: ExceptionDialog(nurse, inpatient, co_sign=True))]
    permits = ctx.permits.list(nurse.actor)
    out += [("revoke", lambda: ReasonDialog(nurse, permits[0], False))]
    escorts = [p for p in permits if p.kind == "escort"]
    out += [("escort test", lambda: EscortTestDialog(nurse, escorts[0]))] if escorts else []
    # issue 18: the readiness pages' dialogs (the demo's roster and stockpile)
    roster, items = ctx.roster.roster(admin.actor), ctx.stock.items(admin.actor)
    today = ctx.clock.now().astimezone(admin.zone).date()
    out += [("add staff", lambda: StaffDialog(admin, [(u.username, u.full_name) for u in users])),
            ("staff test", lambda: SampleDialog(admin, today, roster[0])),
            ("swab", lambda: SampleDialog(admin, today, None)),
            ("stock receipt", lambda: MoveDialog(admin, items[0], True)),
            ("stock issue", lambda: MoveDialog(admin, items[0], False)),
            ("new stock item", lambda: ItemDialog(admin, None)),
            ("edit stock item", lambda: ItemDialog(admin, items[0]))]
    return out


def test_no_window_or_dialog_has_two_controls_on_one_alt_letter(qapp):  # type: ignore[no-untyped-def]
    """Every page of every demo role's main window and every dialog, in Chinese and in English."""
    from tests.ui.screenshot_support import data_folder, window_for
    from ui.i18n import install_language
    from ui.ops import SyncRunner

    runner = SyncRunner()
    found: list[str] = []
    try:
        with data_folder(demo=True) as ctx:
            dialogs = _dialogs(ctx, runner)
            for language in ("zh_CN", "en"):
                install_language(qapp, language)
                for user in ("admin", "nurse", "doctor", "gate", "night"):
                    window = window_for(ctx, user, runner, "desk-1")
                    for row in range(window.nav.count()):
                        window.nav.setCurrentRow(row)
                        QApplication.processEvents()
                        found += [f"{language} {user} {type(window.pages[row]).__name__}: {c}"
                                  for c in duplicates(window)]
                    window.shutdown()
                    window.deleteLater()
                for name, make in dialogs:
                    dialog = make()
                    dialog.show()
                    QApplication.processEvents()
                    found += [f"{language} {name}: {c}" for c in duplicates(dialog)]
                    dialog.close()
                    dialog.deleteLater()
    finally:
        install_language(qapp, "en")
    assert found == []


def test_enter_on_the_gate_choice_starts_the_gate(qtbot, triage_ctx, wards, tmp_path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from tests.ui.permit_support import GENERAL_GATE, gate_session
    from ui import gate_station
    from ui.gate_station import GateStationPage

    gate_station._chosen_gate.clear()
    page = GateStationPage(gate_session(triage_ctx))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert page.start_button.isDefault()
    page.gate_choice.setCurrentText(GENERAL_GATE)
    page.gate_choice.setFocus()
    qtbot.keyClick(page.gate_choice, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.station is not None, timeout=2000)
    assert page.station is not None and page.station.gate == GENERAL_GATE
    page.stop()
    gate_station._chosen_gate.clear()


def test_durations_read_as_people_say_them(qapp):  # type: ignore[no-untyped-def]
    from ui.durations import duration_text, seconds_text, taken_text
    from ui.i18n import install_language

    assert duration_text(85 * 60, True) == "Overdue by 85 h"
    assert duration_text(40, True) == "Overdue by 40 min"
    assert duration_text(12, False) == "12 min left"
    assert duration_text(125, False) == "2 h 5 min left"
    assert seconds_text(-30) == "Overdue by 1 min" and taken_text(90) == "took 1 h 30 min"
    install_language(qapp, "zh_CN")
    try:
        assert duration_text(85 * 60, True) == "超时 85 小时"
        assert duration_text(12, False) == "还剩 12 分钟"
        assert duration_text(125, False) == "还剩 2 小时 5 分"
    finally:
        install_language(qapp, "en")


import pytest  # noqa: E402


@pytest.fixture
def wards(triage_ctx):  # type: ignore[no-untyped-def]
    from tests.ui.permit_support import setup_wards

    return setup_wards(triage_ctx)
