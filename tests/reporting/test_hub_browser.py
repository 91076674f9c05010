"""The county's pages in a real headless Chromium: the log-in page against a real hub process (a wrong password
gets the generic message, the right one the dashboard, log-out ends it); the dashboard's silent clinics, gaps and
coverage (issue 18) against the hub app served on loopback with a fixed clock. Screenshots: /tmp/shots/hub-*.png."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.hub.store import HUB_ZONE, open_hub
from tests.reporting.browser import browser_page, chromium_or_skip
from tests.reporting.hub_support import FAST, PASSWORD, make_user
from tests.reporting.loopback import HubProcess, free_port

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


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The hub app on a loopback port (uvicorn in a thread, as ``hub serve`` runs it), its address."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the hub did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


DAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=HUB_ZONE)
FEVER = [3, 5, 4, 6, 2, 4, 5, 3, 4, 6, 5, 4, 3, 5, 4, 6, 5, 3, 4, 5, 6, 4, 3, 5, 4, 6, 5, 4]


def test_dashboard_shows_silence_as_gaps_and_names_the_silent_clinics(tmp_path: Path) -> None:
    """QS02 did not report for three days (a gap in its line, no point) and sent a zero report yesterday (a point
    at 0); HS03 is silent for 3 days (alarm), LT04 for 1 (warning); yesterday's total covers 3 of 5 clinics."""
    from tests.reporting.test_hub_silence import late, register, send

    chromium_or_skip()
    db = open_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    names = {"XH01": "新华卫生院", "QS02": "清水镇卫生院", "HS03": "河社乡卫生院", "LT04": "柳塘卫生院", "DZ05": "大庄卫生院"}
    register(db, *names, added=NOW - timedelta(days=60), names=names)
    days = [DAY - timedelta(days=27 - i) for i in range(28)]
    gap = {DAY - timedelta(days=k) for k in (20, 19, 18)}
    for i, d in enumerate(days):
        send(db, "XH01", d, FEVER[i] + 3)
        send(db, "DZ05", d, FEVER[-1 - i], late(d) if i % 4 == 0 else None)
        if d not in gap:
            send(db, "QS02", d, 0 if d == DAY else FEVER[i], zero=d == DAY)
        if d <= DAY - timedelta(days=3):
            send(db, "HS03", d, FEVER[i] + 1)
        if d <= DAY - timedelta(days=1):
            send(db, "LT04", d, FEVER[i] + 2)
    make_user(db, "county", "viewer")
    from app.hub.web import create_app

    app = create_app(db, FixedClock(NOW), passwords=FAST)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with serving(app) as url, browser_page(tmp_path / "profile", width=1366, height=768) as page:
            page.goto(f"{url}/?date={DAY}")
            page.fill("#username", "county")
            page.fill("#password", PASSWORD)
            page.click("#submit")
            page.wait_for_selector("#clinics")
            page.screenshot(path=str(SHOTS / "hub-silence.png"))
            page.screenshot(path=str(SHOTS / "hub-silence-full.png"), full_page=True)

            silent = page.locator("#silent li")
            assert silent.count() == 2 and "silent-alarm" in (page.get_attribute("#silent", "class") or "")
            first, second = silent.nth(0), silent.nth(1)
            assert (first.get_attribute("data-clinic"), first.get_attribute("class")) == ("HS03", "silent-alarm")
            assert first.inner_text() == (f"报警 河社乡卫生院（HS03）已连续 3 天未报告（{DAY - timedelta(days=2)} 起），"
                                          f"最后报告日：{DAY - timedelta(days=3)}")
            assert (second.get_attribute("data-clinic"), second.get_attribute("class")) == ("LT04", "silent-warning")
            assert "已连续 1 天未报告" in second.inner_text()
            assert "次日 09:00 前送达" in page.inner_text("#silent h2")
            # the silent box is at the top: above the date form and the totals
            assert page.locator("#silent").bounding_box()["y"] < page.locator("#coverage").bounding_box()["y"]

            assert page.inner_text("#coverage") == "3 / 5 家报告"
            assert "不按 0 计" in page.inner_text("p.totals:has(#coverage)")
            assert page.get_attribute("circle.total-point[data-day='2026-11-22']", "data-coverage") == "3/5"
            assert page.get_attribute("circle.total-point[data-day='2026-11-22']", "fill") == "#fff"  # incomplete
            assert page.get_attribute("circle.total-point[data-day='2026-11-10']", "fill") == "#c62828"  # all five

            def indices(series: str) -> list[list[int]]:
                """Each drawn run of a clinic's line as day indices (0 = the chart's first day)."""
                runs = page.eval_on_selector_all(f"#trend [data-series='{series}']", """els => els.map(e =>
                    e.tagName === 'circle' ? [e.getAttribute('cx')]
                    : e.getAttribute('points').split(' ').map(p => p.split(',')[0]))""")
                return [[round((float(x) - 30) * 27 / 800) for x in run] for run in runs]

            assert indices("QS02") == [list(range(0, 7)), list(range(10, 28))]  # the line breaks at the gap
            assert indices("HS03") == [list(range(0, 25))] and indices("LT04") == [list(range(0, 27))]
            assert indices("XH01") == [list(range(28))]
            zero_y = page.eval_on_selector_all("#trend polyline[data-series='QS02']",
                                               "els => els.pop().getAttribute('points').split(' ').pop().split(',')[1]")
            assert float(zero_y) == 210.0  # the zero report is drawn at 0

            ears = page.locator("#ears-result")
            assert ears.get_attribute("data-reason") == "coverage"
            assert "仅 3 / 5 家机构" in ears.inner_text() and "少于 4 家（80%）" in ears.inner_text()
            assert page.locator("#ears-basis").count() == 0  # nothing was scored: no basis claimed
            hs03 = page.locator("tr[data-clinic='HS03']")
            assert hs03.locator("td.completeness").inner_text() == "25/28 天 89%"
            assert "rate-low" not in (hs03.locator("td.completeness").get_attribute("class") or "")
            dz05 = page.locator("tr[data-clinic='DZ05'] td.timeliness")
            assert dz05.inner_text() == "21/28 天 75%" and "rate-low" in (dz05.get_attribute("class") or "")
    finally:
        db.dispose()
