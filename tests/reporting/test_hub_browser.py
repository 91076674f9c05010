"""The county's log-in page in a real headless Chromium against a real hub process: a wrong password gets the
generic message, the right one the dashboard, log-out ends it. Screenshots: /tmp/shots/hub-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.hub.store import open_hub
from tests.reporting.browser import browser_page, chromium_or_skip
from tests.reporting.hub_support import PASSWORD, make_user
from tests.reporting.loopback import HubProcess

SHOTS = Path("/tmp/shots")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    chromium_or_skip()
    process = HubProcess(tmp_path / "hub").start()
    db = open_hub(process.db_url)
    make_user(db, "county", "publisher")
    db.dispose()
    yield process
    process.stop()


def test_log_in_see_the_dashboard_log_out(hub: HubProcess, tmp_path: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browser_page(tmp_path / "profile", width=1366, height=768) as page:
        page.goto(f"{hub.url}/?date=2026-11-22")
        assert page.url.startswith(f"{hub.url}/login?next=")  # the dashboard sends a stranger to the log-in page
        assert page.title() == "县级发热哨点汇总 · 登录"
        page.screenshot(path=str(SHOTS / "hub-login.png"))

        page.fill("#username", "county")
        page.fill("#password", "not-the-password")
        page.click("#submit")
        assert page.inner_text("#message") == "用户名或密码不正确。"
        page.fill("#username", "nobody")
        page.fill("#password", "not-the-password")
        page.click("#submit")
        assert page.inner_text("#message") == "用户名或密码不正确。"  # the same for an unknown user
        page.screenshot(path=str(SHOTS / "hub-login-wrong.png"))

        page.fill("#username", "county")
        page.fill("#password", PASSWORD)
        page.click("#submit")
        page.wait_for_selector("#clinics")
        assert page.url == f"{hub.url}/?date=2026-11-22"  # back where it was sent from
        assert "county（发布）" in page.inner_text("#who") and page.is_visible("#publish")
        cookie = next(c for c in page.context.cookies() if c["name"] == "fs_hub_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]  # plain http here
        page.screenshot(path=str(SHOTS / "hub-dashboard.png"), full_page=True)

        page.click("#logout button")
        page.wait_for_selector("#login")
        page.goto(f"{hub.url}/export.csv")
        assert '"login_required"' in page.content()
    secret = hub.data_dir / "hub-session.secret"  # made by hub serve at first start, beside hub.sqlite3
    assert secret.stat().st_mode & 0o777 == 0o600
