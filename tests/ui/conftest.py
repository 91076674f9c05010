"""Fixtures for the GUI tests: a fresh data directory per test, fast hashing, inline runner,
recorded message boxes (a real modal box would block an offscreen test forever), English UI."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
import shiboken6  # noqa: E402
from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.context import AppContext, open_context  # noqa: E402
from app.passwords import OWASP_FLOOR  # noqa: E402
from app.paths import DataPaths  # noqa: E402
from ui.app import register_fonts  # noqa: E402
from ui.i18n import compile_translations, install_language  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.session import Session  # noqa: E402

ADMIN_PASSWORD = "admin-pass-2026"


@dataclass
class Boxes:
    """Every QMessageBox static call, recorded; ``answer`` is what question/warning return."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.calls]

    def texts(self) -> list[str]:
        return [text for _kind, _title, text in self.calls]


@pytest.fixture(scope="session", autouse=True)
def _gui_setup(qapp: QApplication) -> None:
    compile_translations()
    register_fonts(qapp)


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    install_language(qapp, "en")
    yield
    install_language(qapp, "en")


@pytest.fixture(autouse=True)
def no_window_outlives_its_test(qapp: QApplication) -> Iterator[None]:
    """Close and delete every window a test left open (most tests make theirs without qtbot.addWidget).
    A window left over lived on through every later test: a language switch walked its widgets while Python
    was collecting its wrappers (a bus error / "deallocating None" in long runs), and its timers kept polling."""
    yield
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget):
            widget.close()
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    record = Boxes()

    def fake(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def box(_parent: QWidget | None, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            record.calls.append((kind, title, text))
            return record.answer if kind in ("question", "warning") else QMessageBox.StandardButton.Ok
        return box

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake(kind)))
    return record


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def ctx(data_paths: DataPaths) -> Iterator[AppContext]:
    context = open_context(data_paths, argon2=OWASP_FLOOR)
    yield context
    context.close()


@pytest.fixture
def clinic_ctx(ctx: AppContext) -> AppContext:
    ctx.clinic.initialize(Actor.system(), code="HN0231", name="清水镇卫生院", level="township",
                          admin_username="admin", admin_full_name="王敏", admin_password=ADMIN_PASSWORD)
    return ctx


@pytest.fixture
def runner() -> SyncRunner:
    return SyncRunner()


@pytest.fixture
def admin_session(clinic_ctx: AppContext, runner: SyncRunner) -> Session:
    actor = clinic_ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    return Session(clinic_ctx, actor, runner, clinic_ctx.clinic.get(), clinic_ctx.users.full_name_of(actor))


@pytest.fixture
def type_text(qtbot: Any) -> Callable[[QWidget, str], None]:
    """Type into a field: ASCII as key clicks, anything else as an input-method commit
    (qtbot.keyClicks aborts the process on non-ASCII text)."""

    def typer(widget: QWidget, text: str) -> None:
        if text.isascii():
            qtbot.keyClicks(widget, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(widget, event)

    return typer


# ----- the triage desk ----------------------------------------------------------------------------
@pytest.fixture
def clock() -> Any:
    from app.clock import FixedClock
    from tests.ui.triage_support import START

    return FixedClock(START)


@pytest.fixture
def triage_ctx(data_paths: DataPaths, clock: Any) -> Iterator[AppContext]:
    """A clinic on a FixedClock with a nurse, a doctor and the county's risk areas."""
    from tests.ui.triage_support import add_staff

    context = open_context(data_paths, argon2=OWASP_FLOOR, clock=clock)
    context.clinic.initialize(Actor.system(), code="HN0231", name="清水镇卫生院", level="township",
                              admin_username="admin", admin_full_name="王敏", admin_password=ADMIN_PASSWORD)
    add_staff(context, context.users.authenticate("admin", ADMIN_PASSWORD, "test-desk"))
    yield context
    context.close()


@pytest.fixture
def nurse_session(triage_ctx: AppContext, runner: SyncRunner) -> Session:
    from tests.ui.triage_support import NURSE_PASSWORD, session_for

    return session_for(triage_ctx, "nurse", NURSE_PASSWORD, runner)


@pytest.fixture
def doctor_session(triage_ctx: AppContext, runner: SyncRunner) -> Session:
    from tests.ui.triage_support import DOCTOR_PASSWORD, session_for

    return session_for(triage_ctx, "doctor", DOCTOR_PASSWORD, runner, desk="fever-clinic")


@pytest.fixture
def triage_admin_session(triage_ctx: AppContext, runner: SyncRunner) -> Session:
    from tests.ui.triage_support import session_for

    return session_for(triage_ctx, "admin", ADMIN_PASSWORD, runner)
