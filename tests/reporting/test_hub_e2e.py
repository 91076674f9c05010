"""Store and forward end to end, on loopback with a real hub process: three clinics, an outage,
answers lost after the hub stored the report, a flaky link, and refused submissions."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.hub.store import add_clinic, open_hub
from app.keys import KeyStore
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from tests.reporting.loopback import HubProcess, LossyProxy

START = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)  # 09:00 in the clinics' zone
YESTERDAY = date(2026, 11, 22)
CODES = ("XH01", "SQ02", "LT03")


@pytest.fixture
def hub(tmp_path: Path, db_url: str) -> Iterator[HubProcess]:
    """The hub on SQLite (its default) and on PostgreSQL (production), per the shared db_url fixture."""
    url = None if db_url.startswith("sqlite") else db_url
    process = HubProcess(tmp_path / "hub", db_url=url).start()
    yield process
    process.stop()


@pytest.fixture
def clinics(tmp_path: Path, hub: HubProcess) -> Iterator[dict[str, AppContext]]:
    hub_db = open_hub(hub.db_url)
    made = {}
    for code in CODES:
        ctx = open_context(DataPaths(tmp_path / code), clock=FixedClock(START), argon2=OWASP_FLOOR)
        info, _ = ctx.clinic.initialize(Actor.system(), code=code, name=f"{code}卫生院", level="township",
                                        admin_username="boss", admin_full_name="院长", admin_password="admin-pass-1")
        add_clinic(hub_db, code, info.name, info.public_key, START)
        made[code] = ctx
    hub_db.dispose()
    yield made
    for ctx in made.values():
        ctx.close()


def hub_reports(hub: HubProcess, day: date) -> list[dict]:
    return hub.viewer().get(f"{hub.url}/api/v1/reports", params={"date": day.isoformat()}).json()["reports"]


def test_three_clinics_report_and_the_county_sees_them(hub: HubProcess, clinics: dict[str, AppContext]) -> None:
    for ctx in clinics.values():
        ctx.reports.submit(Actor.system(), YESTERDAY)
        assert ctx.sync.push(Actor.system(), hub_url=hub.url).delivered == 1
        assert ctx.sync.status().pending == 0
    reports = hub_reports(hub, YESTERDAY)
    assert sorted(r["clinic"] for r in reports) == sorted(CODES)
    assert all(r["zero_report"] and r["version"] == 1 for r in reports)
    status = hub.viewer().get(f"{hub.url}/api/v1/status", params={"date": YESTERDAY.isoformat()}).json()
    # the hub stamps arrivals with its own (real) clock: 22 Nov arriving after 09:00 on 23 Nov is late
    expected = "late" if datetime.now(timezone.utc) > START else "zero"
    assert {c["clinic"]: c["status"] for c in status["clinics"]} == {c: expected for c in CODES}


def test_hub_down_for_two_days_then_everything_arrives_once(tmp_path: Path, clinics: dict[str, AppContext]) -> None:
    down = HubProcess(tmp_path / "hub")  # same data, not running
    ctx = clinics["XH01"]
    clock: FixedClock = ctx.clock  # type: ignore[assignment]
    for day_offset in (0, 1):
        clock._now = START + timedelta(days=day_offset)
        ctx.reports.submit(Actor.system(), YESTERDAY + timedelta(days=day_offset))
        result = ctx.sync.push(Actor.system(), hub_url=f"http://127.0.0.1:{_closed_port()}")
        assert result.delivered == 0 and result.retrying >= 1
    assert ctx.sync.status().pending == 2
    clock.advance(hours=2)  # past any backoff (capped at one hour)
    hub = HubProcess(tmp_path / "hub2").start()
    try:
        hub_db = open_hub(hub.db_url)
        info = ctx.clinic.get()
        add_clinic(hub_db, info.code, info.name, info.public_key, START)
        hub_db.dispose()
        assert ctx.sync.push(Actor.system(), hub_url=hub.url).delivered == 2
        assert ctx.sync.push(Actor.system(), hub_url=hub.url, force=True).delivered == 0  # nothing twice
        assert [len(hub_reports(hub, YESTERDAY + timedelta(days=i))) for i in (0, 1)] == [1, 1]
    finally:
        hub.stop()
    assert down.proc is None


def _closed_port() -> int:
    from tests.reporting.loopback import free_port

    return free_port()  # nothing listens there


def test_answer_lost_after_the_hub_stored_leaves_one_copy(hub: HubProcess, clinics: dict[str, AppContext]) -> None:
    ctx = clinics["SQ02"]
    proxy = LossyProxy(hub.port, lose_answers=1)
    try:
        ctx.reports.submit(Actor.system(), YESTERDAY)
        first = ctx.sync.push(Actor.system(), hub_url=proxy.url)
        assert first.delivered == 0 and first.retrying == 1 and proxy.lost == 1
        assert len(hub_reports(hub, YESTERDAY)) == 1  # the hub has it; the clinic does not know
        again = ctx.sync.push(Actor.system(), hub_url=proxy.url, force=True)
        assert again.delivered == 1  # answered with the first result
        assert len(hub_reports(hub, YESTERDAY)) == 1
    finally:
        proxy.close()


def test_flaky_link_converges(hub: HubProcess, clinics: dict[str, AppContext]) -> None:
    ctx = clinics["LT03"]
    clock: FixedClock = ctx.clock  # type: ignore[assignment]
    for i in range(6):
        clock._now = START + timedelta(days=i)
        ctx.reports.submit(Actor.system(), YESTERDAY + timedelta(days=i))
    proxy = LossyProxy(hub.port, flaky=0.6, seed=4)
    try:
        for _ in range(40):
            if ctx.sync.status().pending == 0:
                break
            ctx.sync.push(Actor.system(), hub_url=proxy.url, force=True)
        assert ctx.sync.status().pending == 0
        assert proxy.dropped + proxy.lost > 0  # the link really was flaky
        for i in range(6):
            assert len(hub_reports(hub, YESTERDAY + timedelta(days=i))) == 1
    finally:
        proxy.close()


def _post(hub: HubProcess, code: str, key: str, body: bytes, signature: bytes | None) -> httpx.Response:
    headers = {"x-clinic": code, "x-idempotency-key": key}
    if signature is not None:
        headers["x-signature"] = base64.b64encode(signature).decode()
    return httpx.post(f"{hub.url}/api/v1/reports", content=body, headers=headers)


def test_bad_submissions_are_refused(hub: HubProcess, clinics: dict[str, AppContext], tmp_path: Path) -> None:
    ctx = clinics["XH01"]
    key = KeyStore(ctx.paths.keys).load("XH01")
    body = json.dumps({"type": "daily_report", "clinic": "XH01", "date": "2026-11-22", "version": 1,
                       "zero_report": True, "counts": {"screened": 0}}).encode()
    assert _post(hub, "XH01", "k-unsigned", body, None).status_code == 401
    tampered = body.replace(b'"screened": 0', b'"screened": 9')
    assert _post(hub, "XH01", "k-tampered", tampered, key.sign(body)).json()["error"] == "bad_signature"
    assert _post(hub, "SQ02", "k-wrong-clinic", body, key.sign(body)).status_code == 401  # XH01 key, SQ02 claimed
    assert _post(hub, "ZZ99", "k-unknown", body, key.sign(body)).status_code == 403
    ok = _post(hub, "XH01", "k-1", body, key.sign(body))
    assert ok.status_code == 201
    assert _post(hub, "XH01", "k-1", body, key.sign(body)).json()["status"] == "already_stored"
    changed = body.replace(b'"zero_report": true', b'"zero_report": false')
    replay = _post(hub, "XH01", "k-1", changed, key.sign(changed))
    assert (replay.status_code, replay.json()["error"]) == (409, "idempotency_key_reused")
    other = json.dumps({"type": "daily_report", "clinic": "SQ02", "date": "2026-11-22", "version": 1,
                        "counts": {}}).encode()
    assert _post(hub, "XH01", "k-2", other, key.sign(other)).json()["error"] == "report_body"
    assert len(hub_reports(hub, YESTERDAY)) == 1


def test_refusal_stops_and_asks_the_admin(hub: HubProcess, tmp_path: Path) -> None:
    ctx = open_context(DataPaths(tmp_path / "unregistered"), clock=FixedClock(START), argon2=OWASP_FLOOR)
    try:
        ctx.clinic.initialize(Actor.system(), code="NEW9", name="未注册", level="other", admin_username="boss",
                              admin_full_name="院长", admin_password="admin-pass-1")
        ctx.reports.submit(Actor.system(), YESTERDAY)
        result = ctx.sync.push(Actor.system(), hub_url=hub.url)
        assert (result.refused, ctx.sync.status().needs_admin) == (1, 1)
        assert ctx.sync.push(Actor.system(), hub_url=hub.url, force=True).refused == 0  # not retried by itself
    finally:
        ctx.close()


def test_dashboard_in_a_real_browser(hub: HubProcess, clinics: dict[str, AppContext], tmp_path: Path) -> None:
    """The county logs in (the dashboard needs a log-in since issue 13) and reads the day."""
    from tests.reporting.browser import browser_page
    from tests.reporting.hub_support import PASSWORD, make_user

    clinics["XH01"].reports.submit(Actor.system(), YESTERDAY)
    clinics["XH01"].sync.push(Actor.system(), hub_url=hub.url)
    hub_db = open_hub(hub.db_url)
    make_user(hub_db, "county", "viewer")
    hub_db.dispose()
    with browser_page(tmp_path / "chromium") as page:
        page.goto(f"{hub.url}/?date={YESTERDAY.isoformat()}")
        page.fill("#username", "county")
        page.fill("#password", PASSWORD)
        page.click("#submit")
        page.wait_for_selector("#clinics")
        dom = page.content()
        assert "县级发热哨点汇总" in dom
        assert 'data-clinic="XH01"' in dom and "零报告" in dom and "未报告" in dom
        assert 'id="trend"' in dom and 'data-series="total"' in dom
        shot = tmp_path / "dashboard.png"
        page.screenshot(path=str(shot), full_page=True)
    assert shot.exists() and shot.stat().st_size > 10_000
    csv_text = hub.viewer().get(f"{hub.url}/export.csv", params={"date": YESTERDAY.isoformat()}).text
    assert csv_text.startswith("\ufeffclinic,name,status") and "XH01" in csv_text


def test_clinic_pulls_the_county_lists(hub: HubProcess, clinics: dict[str, AppContext], tmp_path: Path) -> None:
    from app.hub.store import publish_list

    hub_db = open_hub(hub.db_url)
    publish_list(hub_db, "risk_areas", [{"name": "广东省广州市白云区", "level": "high"},
                                        {"name": "上海市浦东新区", "level": "medium"}], START)
    publish_list(hub_db, "hospitals", [{"name": "市传染病医院", "kind": "designated", "accepting": True},
                                       {"name": "县人民医院", "kind": "backup", "accepting": True}], START)
    hub_db.dispose()
    ctx = clinics["XH01"]
    assert ctx.sync.pull(Actor.system(), hub_url=hub.url) == {"risk_areas": 2, "hospitals": 2}
    assert {a.name: a.level for a in ctx.triage_config.risk_areas()} == {"广东省广州市白云区": "high",
                                                                         "上海市浦东新区": "medium"}
    assert {h.name: h.accepting for h in ctx.transfers.hospitals(Actor.system())} == {"市传染病医院": True,
                                                                                       "县人民医院": True}
    hub_db = open_hub(hub.db_url)
    publish_list(hub_db, "hospitals", [{"name": "市传染病医院", "kind": "designated", "accepting": True}], START)
    hub_db.dispose()
    ctx.sync.pull(Actor.system(), hub_url=hub.url)
    assert {h.name: h.accepting for h in ctx.transfers.hospitals(Actor.system())} == {"市传染病医院": True,
                                                                                       "县人民医院": False}
    with ctx.db.read() as s:
        from app import audit

        actions = [e.action for e in audit.page(s, offset=0, limit=10)]
    assert "triage.risk_areas_replace" in actions and "transfer.hospitals_replace" in actions
