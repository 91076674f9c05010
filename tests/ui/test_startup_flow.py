"""Start-up with a saved clinic banner: the log-in window shows at once, the database opens behind it on
the worker thread, a log-in typed meanwhile waits for it, and the database corrects a stale banner."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.clinic_info import BannerFile, ClinicBanner
from app.context import AppContext
from app.errors import StorageError
from tests.ui.conftest import ADMIN_PASSWORD
from ui.app import GuiFlow
from ui.main_window import MainWindow
from ui.ops import ThreadRunner


def gated(ctx: AppContext, gate: threading.Event) -> Callable[[], AppContext]:
    """An opener that holds the database back until the test opens the gate (a slow disk, a busy server)."""

    def open_database() -> AppContext:
        assert gate.wait(10), "the test never opened the gate"
        return ctx

    return open_database


@pytest.fixture
def banner_file(tmp_path: Path) -> BannerFile:
    return BannerFile(tmp_path / "clinic-banner.json", "sqlite:///clinic")


@pytest.fixture
def collector_off():  # type: ignore[no-untyped-def]
    """As ui/launcher.py starts the desktop app: the cyclic collector off until the flow turns it back on."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture
def flow_runner():  # type: ignore[no-untyped-def]
    runner = ThreadRunner()
    yield runner
    runner.wait()


def test_login_shows_before_the_database_and_a_login_waits_for_it(qtbot, clinic_ctx, banner_file, flow_runner):
    banner_file.save(ClinicBanner("HN0231", "清水镇卫生院", "township", False))
    gate = threading.Event()
    flow = GuiFlow(gated(clinic_ctx, gate), clinic_ctx.settings, banner_file, flow_runner, idle_ms=60_000)
    flow.start()
    login = flow.login
    assert login is not None and login.isVisible() and flow.ctx is None  # drawn from the banner alone
    assert login.clinic_name.text() == "清水镇卫生院"
    qtbot.keyClicks(login.username, "admin")
    qtbot.keyClicks(login.password, ADMIN_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)  # submitted before the database is open
    assert not login.submit.isEnabled()
    with qtbot.waitSignal(flow.database_ready, timeout=5000):
        gate.set()
    qtbot.waitUntil(lambda: isinstance(flow.window, MainWindow), timeout=5000)
    assert flow.window is not None and flow.window.session.actor.username == "admin"
    flow.quit()


def test_a_stale_banner_is_corrected_by_the_database(qtbot, clinic_ctx, banner_file, flow_runner, collector_off):
    banner_file.save(ClinicBanner("HN0231", "旧名字卫生院", "county", True))
    gate = threading.Event()
    flow = GuiFlow(gated(clinic_ctx, gate), clinic_ctx.settings, banner_file, flow_runner)
    flow.start()
    assert not gc.isenabled()  # start-up: nothing turns the collector on before the database is open
    login = flow.login
    assert login is not None and login.clinic_name.text() == "旧名字卫生院" and login.demo_badge.isVisibleTo(login)
    with qtbot.waitSignal(flow.database_ready, timeout=5000):
        gate.set()
    assert flow.login is login  # the same window, corrected in place: what the user typed stays
    assert login.clinic_name.text() == "清水镇卫生院" and not login.demo_badge.isVisibleTo(login)
    assert banner_file.read() == ClinicBanner("HN0231", "清水镇卫生院", "township", False)
    assert gc.isenabled()  # start-up is over: a day's shift collects its garbage
    with qtbot.waitSignal(flow.finished):
        login.reject()


def test_a_database_that_fails_behind_the_login_window_is_explained(qtbot, ctx, banner_file, flow_runner, boxes,
                                                                   collector_off):
    banner_file.save(ClinicBanner("HN0231", "清水镇卫生院", "township", False))

    def refuse() -> AppContext:
        raise StorageError("network_share", path=r"\\server\clinic")

    flow = GuiFlow(refuse, ctx.settings, banner_file, flow_runner)
    with qtbot.waitSignal(flow.finished, timeout=5000) as finished:
        flow.start()
        assert flow.login is not None and flow.login.isVisible()
    assert finished.args == [1] and gc.isenabled()
    assert boxes.kinds() == ["critical"] and "network share" in boxes.texts()[0]
    assert flow.login is None


def test_banner_of_another_database_or_a_damaged_file_is_not_used(tmp_path):
    path = tmp_path / "clinic-banner.json"
    banner = ClinicBanner("HN0231", "清水镇卫生院", "township", False)
    BannerFile(path, "postgresql+psycopg://fs:secret-pw@hub/clinic").save(banner)
    assert BannerFile(path, "postgresql+psycopg://fs:secret-pw@hub/clinic").read() == banner
    assert BannerFile(path, "sqlite:///elsewhere").read() is None
    assert "secret-pw" not in path.read_text(encoding="utf-8")  # the URL is stored as a hash only
    path.write_text("{not json", encoding="utf-8")
    assert BannerFile(path, "sqlite:///elsewhere").read() is None
    blocked = BannerFile(tmp_path / "is-a-file" / "banner.json", "sqlite:///x")
    (tmp_path / "is-a-file").write_text("")
    blocked.save(banner)  # cannot be written: only a cache, so no error reaches the user
    assert blocked.read() is None
