"""Render every screen of the demo clinic at 1366×768, in Chinese and in English, into docs/screens/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py                 # → docs/screens/{zh,en}/
    .venv/bin/python scripts/screenshots.py --lang zh_CN --out /tmp/shots --data-dir /tmp/fs-shots
    .venv/bin/python scripts/screenshots.py --role nurse                              # that guide's pictures only

What it does, in the order a person would, once per language (a fresh demo clinic for each, so both show
the same patients):
1. makes the demo clinic in a data directory — exactly ``fever-sentinel --data-dir DIR demo`` (under a
   temporary directory unless ``--data-dir`` is given; an existing demo clinic there is reused);
2. starts the app offscreen (Qt's ``offscreen`` platform, the app's icon, Noto Sans SC and the compiled
   catalogue of the language), logs in as the demo accounts at a desk of 1366×768;
3. saves, reduced to a 256-colour palette (text stays sharp; each picture well under 150 KB):
   - the quick guides' steps of each role, ``<role>-<n>-<what>.png`` (the names docs/zh/quick-*.md link);
   - every page of the main window once, for the first demo account that has it: ``page-<slug>.png``;
   - the set-up wizard, the log-in and lock windows, and the dialogs and states of each desk (triage,
     case window on every tab, transfers, gate, permits, reports, responsibility trail, users, settings,
     about): ``<area>-<what>.png``. docs/zh/screens.md and docs/en/screens.md show them with captions.
   ``--role`` makes only those guides' pictures (quick); without it everything is made.

tests/test_docs.py runs this script (Chinese only) and checks that every picture a page links is made.
Run it after a screen changes and commit the PNGs with the change. The data is the demo's (made-up
people), never a real clinic's.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from a source checkout
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

if TYPE_CHECKING:
    from app.context import AppContext
    from ui.main_window import MainWindow
    from ui.ops import SyncRunner

WIDTH, HEIGHT = 1366, 768
DEFAULT_OUT = ROOT / "docs" / "screens"
ROLES = ("nurse", "doctor", "gate", "admin")
LANGS = {"zh_CN": "zh", "en": "en"}  # UI language → folder under --out
PDF_WAIT_MS = 400  # QtPdf renders a preview's pages asynchronously


# ----- set-up -------------------------------------------------------------------------------------
def start_app() -> QApplication:
    """The offscreen application as a clinic sees it; message boxes answer at once (nobody clicks)."""
    from ui.app import app_icon, register_fonts
    from ui.i18n import compile_translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    register_fonts(app)
    compile_translations()
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]  # nobody clicks offscreen
    QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]  # likewise
    QMessageBox.information = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]  # likewise
    QMessageBox.critical = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]  # likewise
    return app


def make_demo(data_dir: Path) -> None:
    """``fever-sentinel --data-dir DIR demo``, in this process (the same code the command runs)."""
    from app.cli import main as cli_main

    code = cli_main(["--data-dir", str(data_dir), "demo"], out=sys.stderr)
    if code != 0:
        raise SystemExit(f"screenshots: 'fever-sentinel --data-dir {data_dir} demo' failed ({code})")


class Shots:
    """Saves widgets as palette PNGs into ``out`` and remembers what it wrote."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str, *, wait_ms: int = 0) -> None:
        for _ in range(3):
            QApplication.processEvents()
        if wait_ms:
            QTest.qWait(wait_ms)
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"screenshots: could not write {path}")
        _save_small(path)
        os.chmod(path, 0o644)  # documentation, not clinic data (the CLI's umask would make it 0600)
        self.written.append(path)
        print(path)


def _save_small(path: Path) -> None:
    """Rewrite the PNG with 256 colours, optimised (Pillow, which ReportLab already needs)."""
    from PIL import Image

    with Image.open(path) as img:
        small = img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, "PNG", optimize=True)


def window_for(ctx: AppContext, username: str, runner: SyncRunner, desk: str) -> MainWindow:
    """A demo account's main window, logged in at ``desk``, at the clinic's 1366×768."""
    from app.services.demo import DEMO_PASSWORD
    from ui.main_window import MainWindow
    from ui.session import Session

    actor = ctx.users.authenticate(username, DEMO_PASSWORD, desk)
    session = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
    window = MainWindow(session, idle_ms=3_600_000)
    window.resize(WIDTH, HEIGHT)
    window.start(maximize=False)
    return window


@contextmanager
def logged_in(ctx: AppContext, username: str, runner: SyncRunner, desk: str) -> Iterator[MainWindow]:
    """``window_for``, shut down afterwards (its feeds stop polling)."""
    window = window_for(ctx, username, runner, desk)
    try:
        yield window
    finally:
        window.shutdown()


def page_of(window: MainWindow, kind: type[QWidget]) -> Any:
    """Show the window's page of ``kind`` (the account must have it)."""
    page = window.show_page_of(kind)
    assert isinstance(page, kind), f"{window.session.actor.username} has no {kind.__name__}"
    return page


def ime(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method commits it."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def resident_id(birth: date, area: str = "110105") -> str:
    """A made-up but valid 18-character resident ID number (GB 11643 check digit)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    first17 = f"{area}{birth:%Y%m%d}002"  # even 17th digit: a woman
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def show_dialog(dialog: QWidget, size: tuple[int, int] | None = None) -> QWidget:
    """Show a dialog; ``size`` after show (the offscreen "screen" would otherwise cut it to 800 px)."""
    dialog.show()
    if size is not None:
        dialog.resize(*size)
    return dialog


# ----- the quick guides ---------------------------------------------------------------------------
def nurse(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    from ui.pages.handoff_board import HandoffBoardPage
    from ui.pages.pharmacy import PharmacyPage
    from ui.pages.triage_desk import TriageDeskPage

    with logged_in(ctx, "nurse", runner, "预检台-1") as window:
        desk = page_of(window, TriageDeskPage)
        form = desk.screening
        form.temperature.setText("38.3")
        form.health_code.buttons["green"].click()
        form.symptoms["cough"].setChecked(True)
        ime(form.travel_area, "广州白云")
        form.travel_date.setText("4")
        form.add_travel()
        form.assess_now()
        shot(window, "nurse-1-screening")
        form.choice.setCurrentIndex(0)
        form.submit()
        reg = desk.registration
        ime(reg.name, "张晓梅")
        reg.id_number.setText(resident_id(date(1990, 3, 7)))
        reg.phone.setText("13812345678")
        ime(reg.address, "新河镇东村12号")
        ime(reg.occupation, "教师")
        shot(window, "nurse-2-registration")
        reg.submit()
        step = desk.handoff
        ime(step.escort, "导医 陈静")
        shot(window, "nurse-3-handoff")
        step.send()
        if step.preview is not None:
            step.preview.close()
        step.finish()
        pharmacy = page_of(window, PharmacyPage)
        ime(pharmacy.buyer, "吴刚")
        pharmacy.temperature.setText("36.7")
        ime(pharmacy.drug, "布洛芬缓释胶囊")
        shot(window, "nurse-4-pharmacy")
        page_of(window, HandoffBoardPage)
        if window.handoff_feed is not None:
            window.handoff_feed.poll()
        shot(window, "nurse-5-handoff-board")


def doctor(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    from ui.pages.case_page import CaseDialog
    from ui.pages.deadline_board import DeadlineBoardPage
    from ui.pages.fever_clinic import FeverClinicPage

    with logged_in(ctx, "doctor", runner, "发热诊室-1") as window:
        page_of(window, FeverClinicPage)
        shot(window, "doctor-1-fever-clinic")
        cases = ctx.cases.open_cases(window.session.actor)
        case = next((c for c in cases if len(c.tests) > 1 and c.doctor_username == "doctor"), None) \
            or next(iter(cases), None)
        suspected = next((c for c in cases if c.classification == "suspected"), case)
        for chosen, tab, name in ((case, 2, "doctor-2-case-tests"), (suspected, 1, "doctor-3-case-classify")):
            if chosen is not None:
                dialog = CaseDialog(window.session, chosen, window)
                dialog.tabs.setCurrentIndex(tab)
                shot(show_dialog(dialog, (1180, 720)), name)
                dialog.close()
        page_of(window, DeadlineBoardPage)
        shot(window, "doctor-4-deadlines")


def gate(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    from app.services.demo import DEMO_PASSWORD
    from ui.gate_station import GateStationPage

    with logged_in(ctx, "gate", runner, "门岗-1") as window:
        page = page_of(window, GateStationPage)
        shot(window, "gate-1-choose")
        admin = ctx.users.authenticate("admin", DEMO_PASSWORD, "门岗-1")
        now = ctx.clock.now()
        active = ctx.permits.list(admin, state="active")

        def valid_now(p: Any) -> bool:
            return bool(getattr(p, "valid_from", now) <= now < p.valid_until)

        permit = next((p for p in active if p.kind == "escort" and valid_now(p)), None) \
            or next((p for p in active if valid_now(p)), None)
        if permit is not None:
            page.gate_choice.setCurrentText(permit.gates[0])
            page.start_button.click()
            page.scan.setText(permit.payload)
            page.scan.returnPressed.emit()
            shot(window, "gate-2-admit")
            revoked = next((p for p in ctx.permits.list(admin, state="revoked") if permit.gates[0] in p.gates), None)
            page.scan.setText(revoked.payload if revoked is not None else permit.payload[:-6] + "ABCDEF")
            page.scan.returnPressed.emit()
            shot(window, "gate-3-deny")


def admin(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    from ui.pages.maintenance import MaintenancePage
    from ui.pages.report_page import ReportPage
    from ui.pages.rules_page import RulesPage
    from ui.pages.users import UsersPage

    with logged_in(ctx, "admin", runner, "管理-1") as window:
        for page_class, name in ((UsersPage, "admin-1-users"), (MaintenancePage, "admin-2-maintenance"),
                                 (ReportPage, "admin-3-daily-report"), (RulesPage, "admin-4-rules")):
            page_of(window, page_class)
            shot(window, name)


GUIDES: dict[str, Callable[[AppContext, SyncRunner, Shots], None]] = {
    "nurse": nurse, "doctor": doctor, "gate": gate, "admin": admin}


# ----- every page, once ---------------------------------------------------------------------------
def slug(page_class: type) -> str:
    """``TriageDeskPage`` → ``triage-desk``: the page's file name."""
    name = page_class.__name__.removesuffix("Page")
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def every_page(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """Each page class of the main window once, as the first demo account that has it sees it."""
    from app.services.demo import DEMO_USERS
    from ui.pages.audit import AuditPage

    done: set[type] = set()
    for user in DEMO_USERS:
        with logged_in(ctx, user.username, runner, "前台-1") as window:
            for page in list(window.pages):
                if type(page) in done:
                    continue
                done.add(type(page))
                page_of(window, type(page))
                if isinstance(page, AuditPage):
                    page.verify()
                shot(window, f"page-{slug(type(page))}")


# ----- windows before and around the main window --------------------------------------------------
def start_windows(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """The set-up wizard (on an empty data folder), the log-in window after a wrong password, the lock."""
    from app.context import open_context
    from app.paths import DataPaths
    from ui.login import LoginDialog
    from ui.setup_wizard import SetupWizard

    with tempfile.TemporaryDirectory(prefix="fs-shots-empty-") as tmp:
        empty = open_context(DataPaths(Path(tmp)))
        try:
            wizard = SetupWizard(empty, runner)
            shot(show_dialog(wizard), "start-1-wizard")
            wizard.demo_choice.setChecked(True)
            shot(wizard, "start-2-wizard-demo")
            wizard.close()
        finally:
            empty.close()
    login = LoginDialog(lambda: ctx, ctx.settings, runner, ctx.clinic.get().banner())
    show_dialog(login)
    login.username.setText("admin")
    login.password.setText("wrong-password")
    login.submit_form()
    shot(login, "start-3-login")
    login.close()
    with logged_in(ctx, "nurse", runner, "预检台-1") as window:
        window.idle_lock.lock()
        window.idle_lock.dialog.password.setText("bad-password")
        window.idle_lock.dialog.try_unlock()
        shot(window.idle_lock.dialog, "start-4-lock")
        window.idle_lock.unlock()


# ----- triage desk --------------------------------------------------------------------------------
def triage(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """The screening form's verdicts and errors, registration errors, the slip, the visit list's detail."""
    from ui.pages.handoff_board import HandoffBoardPage
    from ui.pages.triage_desk import TriageDeskPage
    from ui.pages.visit_list import VisitListPage

    with logged_in(ctx, "nurse", runner, "预检台-2") as window:
        desk = page_of(window, TriageDeskPage)
        form = desk.screening
        shot(window, "triage-1-empty")
        form.temperature.setText("36.5")
        form.assess_now()
        shot(window, "triage-2-general")
        form.temperature.setText("38.3")
        form.health_code.buttons["green"].click()
        form.symptoms["cough"].setChecked(True)
        form.symptoms["fatigue"].setChecked(True)
        ime(form.travel_area, "广州白云")
        form.travel_date.setText("4")
        form.add_travel()
        form.assess_now()
        form.choice.setCurrentIndex(form.choice.findData("general"))
        form.submit()  # refused: lowering the triage level needs a written reason
        shot(window, "triage-3-downgrade-refused")
        form.choice.setCurrentIndex(0)
        form.submit()
        reg = desk.registration
        ime(reg.name, "王")
        reg.schedule_search("王")
        reg.search_now()
        reg.id_number.setText(resident_id(date(1990, 3, 7))[:17] + "0")
        shot(window, "triage-4-registration-errors")
        reg.name.clear()
        ime(reg.name, "张晓梅")
        reg.id_number.setText(resident_id(date(1990, 3, 7)))
        reg.phone.setText("13812345678")
        ime(reg.address, "新河镇东村12号")
        ime(reg.occupation, "教师")
        reg.submit()
        step = desk.handoff
        ime(step.escort, "导医 陈静")
        step.send()
        if step.preview is not None:
            step.preview.resize(560, 700)
            shot(step.preview, "triage-5-slip-preview", wait_ms=PDF_WAIT_MS)
            step.preview.close()
        shot(window, "triage-6-handoff-sent")
        step.finish()
        board = page_of(window, HandoffBoardPage)
        if window.handoff_feed is not None:
            window.handoff_feed.poll()
        board.open_view.selectRow(0)
        shot(window, "triage-7-board-selected")
        visits = page_of(window, VisitListPage)
        visits.registered_only.setChecked(True)
        visits.open_row(0)
        if visits.dialog is not None:
            shot(visits.dialog, "triage-8-visit-detail")
            visits.dialog.close()
        window.show_page_of(TriageDeskPage)
        form.clear()
        form.temperature.setText("38.6")
        for edit, value in ((form.spo2, "88"), (form.rr, "24"), (form.hr, "112")):
            edit.setText(value)
        form.health_code.buttons["green"].click()
        form.assess_now()
        shot(window, "triage-9-severity-urgent")


# ----- the fever clinic's case window -------------------------------------------------------------
def casework(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """The case window on each tab, its dialogs, the timeline and its printout; a colleague's case."""
    from ui.pages.case_dialogs import DispositionDialog
    from ui.pages.case_page import CaseDialog
    from ui.pages.fever_clinic import FeverClinicPage

    with logged_in(ctx, "doctor", runner, "发热诊室-2") as window:
        cases = ctx.cases.open_cases(window.session.actor)
        observing = next((c for c in cases if len(c.tests) > 1 and c.doctor_username == "doctor"), None)
        handover = next((c for c in cases if c.pending_handover is not None), None)
        if observing is not None:
            dialog = CaseDialog(window.session, observing, window)
            show_dialog(dialog, (1180, 720))
            for tab in range(dialog.tabs.count()):
                dialog.tabs.setCurrentIndex(tab)
                shot(dialog, f"case-tab-{tab + 1}")
            dialog.tabs.setCurrentIndex(2)
            dialog.order_test()
            if dialog.sub is not None:
                shot(dialog.sub, "case-order-test")
                dialog.sub.close()
            dialog.record_result()
            if dialog.sub is not None:
                shot(dialog.sub, "case-record-result")
                dialog.sub.close()
            dialog.dispose()
            dispose = dialog.sub
            if isinstance(dispose, DispositionDialog):
                dispose.choose("home_advice")
                dispose.advice.setText("居家休息，每日测体温两次，加重随诊")
                dispose.submit()  # refused: a result is pending and no reason given
                shot(dispose, "case-disposition-refused")
                dispose.choose("admitted")
                shot(dispose, "case-disposition-admitted")
                dispose.close()
            dialog.show_timeline()
            timeline = dialog.timeline_dialog
            if timeline is not None:
                shot(timeline, "case-timeline")
                timeline.print_timeline()  # type: ignore[attr-defined]  # a TimelineDialog, typed as a QDialog
                preview = timeline.preview  # type: ignore[attr-defined]  # likewise
                if preview is not None:
                    preview.resize(620, 740)
                    shot(preview, "case-timeline-preview", wait_ms=PDF_WAIT_MS)
                    preview.close()
                timeline.close()
            dialog.close()
        clinic = page_of(window, FeverClinicPage)
        clinic.call_next()  # the display shows a number called
        clinic.open_display()
        if clinic.display is not None:
            clinic.display.showNormal()
            clinic.display.resize(1366, 768)
            shot(clinic.display, "case-waiting-room")
            clinic.display.close()
    with logged_in(ctx, "night", runner, "发热诊室-2") as night:
        clinic = page_of(night, FeverClinicPage)
        clinic.all_cases.setChecked(True)
        shot(night, "case-night-all-cases")
        if handover is not None:
            dialog = CaseDialog(night.session, handover, night)
            shot(show_dialog(dialog, (1180, 720)), "case-read-only")
            dialog.close()


# ----- transfers to the designated hospital -------------------------------------------------------
def transfers(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """The board at each step, the handover form, the receiving desk, the request and the settings."""
    from app.casework.vocab import REPORTABLE
    from ui.pages.case_page import CaseDialog
    from ui.pages.transfer_admin import TransferAdminPage
    from ui.pages.transfer_board import TransferBoardPage
    from ui.pages.transfer_receive import ReceiveTransferPage

    with logged_in(ctx, "doctor", runner, "发热诊室-3") as window:
        case = next((c for c in ctx.cases.open_cases(window.session.actor)
                     if c.doctor_username == "doctor" and c.classification in REPORTABLE), None)
        if case is not None:
            dialog = CaseDialog(window.session, case, window)
            show_dialog(dialog, (1180, 720))
            dialog.request_transfer()
            if dialog.sub is not None:
                shot(dialog.sub, "transfer-1-request")
                dialog.sub.close()
            dialog.close()
    with logged_in(ctx, "nurse", runner, "发热诊室-3") as window:
        board = page_of(window, TransferBoardPage)
        by_state = {r.state: r for r in board.model.rows()}
        for n, state in enumerate(("requested", "dispatched", "departed", "handed_over"), start=2):
            if state in by_state:
                board.select(by_state[state].id)
                shot(window, f"transfer-{n}-board-{state.replace('_', '-')}")
        token = ""
        if "departed" in by_state:
            board.select(by_state["departed"].id)
            board.print_form()
            if board.print_dialog is not None:
                board.print_dialog.resize(620, 740)
                shot(board.print_dialog, "transfer-6-handover-form", wait_ms=PDF_WAIT_MS)
                board.print_dialog.close()
            token = ctx.transfers.handover_token(window.session.actor, by_state["departed"].id)
        if token:
            receive = page_of(window, ReceiveTransferPage)
            receive.scan.setText(token[:-4] + "AAAA")
            receive.verify()
            shot(window, "transfer-7-receive-not-verified")
            receive.scan.setText(token)
            receive.verify()
            receive.staff.setText("周医生")
            receive.department.setText("感染科")
            shot(window, "transfer-8-receive-verified")
            receive.record()
            if receive.print_dialog is not None:
                receive.print_dialog.resize(520, 740)
                shot(receive.print_dialog, "transfer-9-receipt", wait_ms=PDF_WAIT_MS)
                receive.print_dialog.close()
            shot(window, "transfer-10-receive-recorded")
    with logged_in(ctx, "admin", runner, "管理-1") as window:
        settings = page_of(window, TransferAdminPage)
        settings.table.selectRow(0)
        shot(window, "transfer-11-settings-selected")


# ----- ward gates and permits ---------------------------------------------------------------------
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"


def gates(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """The gate full screen refusing a forged code, the gate offline, the permits and the issue dialog."""
    from app.db.engine import Database
    from app.services.demo import DEMO_PASSWORD
    from app.wards.gate import GateService, GateStation
    from ui.gate_station import GateStationPage
    from ui.pages.permit_page import PermitsPage

    admin_actor = ctx.users.authenticate("admin", DEMO_PASSWORD, "门岗-2")
    now = ctx.clock.now()
    permits = ctx.permits.list(admin_actor, state="active")
    escort = next((p for p in permits if p.kind == "escort" and p.valid_until > now), None)
    if escort is not None:
        with logged_in(ctx, "gate", runner, "门岗-2") as window:
            page = page_of(window, GateStationPage)
            page.gate_choice.setCurrentText(escort.gates[0])
            page.start_button.click()
            page.enter_full_screen()
            if page.full_screen is not None:
                page.full_screen.showNormal()  # the offscreen "screen" is 800×800: grab it at 1366×768
                page.full_screen.resize(WIDTH, HEIGHT)
                page.scan.setText(escort.payload[:-6] + "ABCDEF")
                page.scan.returnPressed.emit()
                shot(page.full_screen, "gate-full-screen-deny")
                page.leave_full_screen()
            window.idle_lock.unlock()
            # offline: the database is unreachable; the gate decides from its cache and keeps the scans
            station = GateStation(GateService(Database(UNREACHABLE), ctx.clock), ctx.clock, ctx.paths.root,
                                  escort.gates[0])
            page.set_station(station)
            page.scan.setText(escort.payload)
            page.scan.returnPressed.emit()
            shot(window, "gate-offline")
    with logged_in(ctx, "admin", runner, "门岗-2") as window:
        page = page_of(window, PermitsPage)
        page.active_only.setChecked(False)
        shot(window, "permit-1-all")
        for n, kind in enumerate(("escort", "visitor"), start=2):
            page.issue(kind)
            if page.dialog is not None:
                shot(page.dialog, f"permit-{n}-issue-{kind}")
                page.dialog.reject()


# ----- reports, alerts, the responsibility trail --------------------------------------------------
def reports(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """Alerts after a scan; today's report as a draft, submitted, and the day before."""
    from ui.pages.alerts_page import AlertsPage
    from ui.pages.report_page import ReportPage

    with logged_in(ctx, "admin", runner, "办公室") as window:
        page_of(window, AlertsPage).scan()
        shot(window, "report-1-alerts-scanned")
        report = page_of(window, ReportPage)
        shot(window, "report-2-draft")
        report.submit()
        shot(window, "report-3-submitted")
        report.day_edit.setDate(report.day_edit.date().addDays(-1))
        shot(window, "report-4-day-before")


def users(ctx: AppContext, runner: SyncRunner, shot: Shots) -> None:
    """Adding a user (with an error), resetting a password, this desk's settings, About."""
    from ui.about import AboutDialog
    from ui.pages.users import UsersPage

    with logged_in(ctx, "admin", runner, "办公室") as window:
        page = page_of(window, UsersPage)
        page.add_user()
        if page.dialog is not None:
            page.dialog.username.setText("x")
            page.dialog.submit()
            shot(page.dialog, "users-1-add-refused")
            page.dialog.close()
        page.select_username("nurse")
        page.reset_password()
        if page.dialog is not None:
            shot(page.dialog, "users-2-reset-password")
            page.dialog.close()
        window.open_settings()
        if window.settings_dialog is not None:
            shot(window.settings_dialog, "users-3-settings")
            window.settings_dialog.close()
        about = AboutDialog(window.session, window)
        shot(show_dialog(about), "users-4-about")
        about.close()


def audit(ctx: AppContext, runner: SyncRunner, shot: Shots, hub_dir: Path) -> None:
    """A long timeline in sentences; the trail checked with the county hub, then after its tail was deleted.

    Last of all: it tampers with the demo database, as an insider would, to show what the check finds."""
    import importlib

    from sqlalchemy import text
    from starlette.testclient import TestClient

    from app.actor import Actor
    from app.clock import FixedClock
    from app.hub.store import add_clinic, open_hub
    from app.hub.web import create_app
    from ui.pages.audit import AuditPage
    from ui.pages.timeline import TimelineDialog

    with logged_in(ctx, "doctor", runner, "发热诊室-4") as window:
        actor = window.session.actor
        longest = max(ctx.cases.open_cases(actor), key=lambda c: len(ctx.timelines.timeline(actor, c.visit_no).events), default=None)
        if longest is not None:
            dialog = TimelineDialog(window.session, ctx.timelines.timeline(actor, longest.visit_no))
            shot(show_dialog(dialog, (WIDTH, 728)), "audit-1-timeline-sentences")
            dialog.close()
    hub_db = open_hub(f"sqlite:///{hub_dir / 'hub.sqlite3'}")
    try:
        info = ctx.clinic.get()
        add_clinic(hub_db, info.code, info.name, info.public_key, ctx.clock.now())
        hub = create_app(hub_db, FixedClock(ctx.clock.now()))
        ctx.sync.client_factory = lambda: TestClient(hub, base_url="http://127.0.0.1:9")
        ctx.sync.set_hub_url(Actor.system(), "http://127.0.0.1:9")
        ctx.sync.push(Actor.system(), force=True)
        with logged_in(ctx, "admin", runner, "办公室") as window:
            page = page_of(window, AuditPage)
            page.check_hub()
            shot(window, "audit-2-hub-agrees")
            triggers = importlib.import_module("app.db.migrations.versions.0001_clinic_users_audit").SQLITE_TRIGGERS
            with ctx.db.engine.begin() as conn:  # an insider with the database file deletes the newest entries
                anchored = conn.execute(text("SELECT max(audit_seq) FROM daily_reports")).scalar_one()
                conn.execute(text("DROP TRIGGER audit_events_no_update"))
                conn.execute(text("DROP TRIGGER audit_events_no_delete"))
                conn.execute(text("DELETE FROM audit_events WHERE seq >= :s"), {"s": anchored - 1})
                h = conn.execute(text("SELECT hash FROM audit_events WHERE seq = :s"), {"s": anchored - 2}).scalar_one()
                conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": anchored - 2, "h": h})
                for statement in triggers:
                    conn.execute(text(statement))
            page.model.reload()
            page.check_hub()
            shot(window, "audit-3-hub-tail-deleted")
    finally:
        hub_db.dispose()


# ----- the run ------------------------------------------------------------------------------------
def gallery(ctx: AppContext, runner: SyncRunner, shot: Shots, scratch: Path) -> None:
    """Everything beyond the quick guides, in an order where each step leaves the data the next needs."""
    every_page(ctx, runner, shot)
    start_windows(ctx, runner, shot)
    triage(ctx, runner, shot)
    casework(ctx, runner, shot)
    transfers(ctx, runner, shot)
    gates(ctx, runner, shot)
    reports(ctx, runner, shot)
    users(ctx, runner, shot)
    audit(ctx, runner, shot, scratch)  # last: it tampers with the trail


def run(out: Path, data_dir: Path, roles: tuple[str, ...] = ROLES, langs: tuple[str, ...] = tuple(LANGS),
        *, everything: bool = True) -> list[Path]:
    """For each language, a demo clinic in ``data_dir/<lang>`` and its pictures in ``out/<lang>``."""
    from app.context import open_context
    from app.paths import DataPaths
    from ui.i18n import install_language
    from ui.ops import SyncRunner

    app = start_app()
    written: list[Path] = []
    for lang in langs:
        install_language(app, lang)
        folder = data_dir / LANGS[lang]
        make_demo(folder)
        shot = Shots(out / LANGS[lang])
        ctx = open_context(DataPaths(folder))
        try:
            runner = SyncRunner()
            for role in roles:
                GUIDES[role](ctx, runner, shot)
            if everything:
                scratch = data_dir / f"{LANGS[lang]}-hub"
                scratch.mkdir(parents=True, exist_ok=True)
                gallery(ctx, runner, shot, scratch)
        finally:
            ctx.close()
        written += shot.written
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"base folder: the PNGs go into OUT/zh and OUT/en (default {DEFAULT_OUT})")
    parser.add_argument("--data-dir", type=Path, help="where the demo clinics are made (default: a temporary folder)")
    parser.add_argument("--lang", action="append", choices=tuple(LANGS), help="only these languages (repeat; default: all)")
    parser.add_argument("--role", action="append", choices=ROLES,
                        help="only these roles' quick-guide pictures, nothing else (repeat; default: everything)")
    args = parser.parse_args(argv)
    roles = tuple(args.role or ROLES)
    langs = tuple(args.lang or LANGS)
    if args.data_dir is not None:
        run(args.out, args.data_dir, roles, langs, everything=args.role is None)
    else:
        with tempfile.TemporaryDirectory(prefix="fs-shots-") as tmp:
            run(args.out, Path(tmp), roles, langs, everything=args.role is None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
