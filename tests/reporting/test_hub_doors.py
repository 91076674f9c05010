"""The county hub's doors (issue 13): every route without a log-in, with the wrong role, CSRF, cookie flags,
log-in throttle and one answer for every failure, sessions that end, the streaming size limit, every bad input
a 4xx with a code (never the catch-all 500), CSV cells escaped, and the published lists checked."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.routing import Route

from app.clock import FixedClock
from app.db.engine import Database
from app.hub import auth
from app.hub.store import HubReport, add_clinic, get_list, open_hub, store_report
from app.hub.web import MAX_BODY, SESSION_COOKIE, create_app
from app.keys import public_key_text
from tests.reporting.hub_support import FAST, PASSWORD, InProcessHub, make_user

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
DAY = date(2026, 11, 22)
PAGES = ["/", f"/?date={DAY}"]
READS = ["/export.csv", "/api/v1/reports", "/api/v1/status", "/api/v1/trend", f"/export.csv?date={DAY}",
         f"/api/v1/reports?date={DAY}", f"/api/v1/status?date={DAY}", f"/api/v1/trend?end={DAY}"]
PUBLIC = {"/login", "/font.ttf", "/api/v1/lists/{name:str}"}  # the log-in page, its font, what clinics pull
CLINIC_SIGNED = ("/api/v1/reports", "/api/v1/anchors")  # clinics: a signature, never a log-in


@pytest.fixture
def hub_db(db_url: str) -> Iterator[Database]:
    db = open_hub(db_url)
    for name, role in (("viewer1", "viewer"), ("pub1", "publisher"), ("boss1", "admin")):
        make_user(db, name, role)
    yield db
    db.dispose()


@pytest.fixture
def clinic_key(hub_db: Database) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    add_clinic(hub_db, "XH01", "=HYPERLINK(\"http://x\")卫生院", public_key_text(raw), NOW)
    return key


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def make_hub(hub_db: Database, clock: FixedClock) -> Iterator:
    made: list[InProcessHub] = []

    def make(*, https: bool = False) -> InProcessHub:
        hub = InProcessHub(create_app(hub_db, clock, passwords=FAST, https=https),
                           base="https://hub.test" if https else "http://hub.test")
        made.append(hub)
        return hub

    yield make
    for hub in made:
        hub.close()


def signed(key: Ed25519PrivateKey, body: bytes, idem: str = "k-1") -> dict[str, str]:
    return {"x-clinic": "XH01", "x-idempotency-key": idem, "x-signature": base64.b64encode(key.sign(body)).decode()}


def report(**changes: object) -> bytes:
    data = {"type": "daily_report", "clinic": "XH01", "date": DAY.isoformat(), "version": 1, "zero_report": True,
            "automatic": False, "counts": {"screened": 3, "fever_registered": 1}}
    data.update(changes)
    return json.dumps(data).encode()


# ----- doors --------------------------------------------------------------------------------------------------

def test_every_door_without_a_log_in(make_hub) -> None:
    hub = make_hub()
    for path in PAGES:
        answer = hub.get(path)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=%2F"), path
    for path in READS:
        answer = hub.get(path)
        assert (answer.status_code, answer.json()) == (401, {"error": "login_required"}), path
    # every route the app has is either public, signed by a clinic, a CSRF-protected form, or behind a log-in
    app = hub.client._transport.app  # type: ignore[attr-defined]
    paths = {r.path for r in app.routes if isinstance(r, Route)}
    guarded = {"/", "/export.csv", "/api/v1/reports", "/api/v1/status", "/api/v1/trend", "/import/receipt/{token:str}"}
    forms = {"/login", "/logout", "/publish", "/import"}  # /import: issue 18, tests/reporting/test_sneakernet.py
    assert hub.get("/import/receipt/x").status_code == 401 and hub.post("/import").status_code == 303
    unknown = paths - PUBLIC - guarded - forms - {p for p in paths if p.startswith(CLINIC_SIGNED)}
    assert not unknown, f"routes nobody decided the door of: {unknown}"
    for path in sorted(p for p in paths if p.startswith(CLINIC_SIGNED)):
        answer = hub.post(path.replace("{", "").replace("}", ""), content=b"{}",
                          headers={"x-clinic": "XH01", "x-idempotency-key": "k"})
        assert 400 <= answer.status_code < 500, path  # no signature: refused, never stored
    assert hub.get("/login").status_code == 200 and hub.get("/font.ttf").status_code == 200
    assert hub.get("/api/v1/lists/risk-areas").json()["list"]["version"] == 0  # clinics pull without a log-in


def test_logged_in_reads_every_door_and_roles_limit_publishing(make_hub, hub_db: Database) -> None:
    viewer = make_hub()
    assert viewer.log_in("viewer1").headers["location"] == "/"
    for path in PAGES + READS:
        assert viewer.get(path).status_code == 200, path
    page = viewer.get("/").text
    assert 'id="who"' in page and "viewer1" in page and 'id="publish"' not in page  # no publish form for a viewer
    token = viewer.page_csrf()
    refused = viewer.post("/publish", data={"csrf": token, "list": "risk-areas", "format": "csv",
                                            "text": "上海市浦东新区,高风险"})
    assert refused.status_code == 403 and "无权" in refused.text
    for name in ("pub1", "boss1"):  # publisher, and admin (who includes publisher)
        publisher = make_hub()
        publisher.log_in(name)
        assert 'id="publish"' in publisher.get("/").text
        done = publisher.post("/publish", data={"csrf": publisher.page_csrf(), "list": "risk-areas", "format": "csv",
                                                "text": "name,level\n上海市浦东新区,高风险\n广东省广州市白云区,medium\n"})
        assert done.status_code == 200 and "已发布" in done.text
    assert get_list(hub_db, "risk_areas")["version"] == 2


def test_a_publish_from_the_dashboard_is_checked_whole(make_hub, hub_db: Database) -> None:
    hub = make_hub()
    hub.log_in("pub1")
    bad = hub.post("/publish", data={"csrf": hub.page_csrf(), "list": "hospitals", "format": "json",
                                     "text": json.dumps([{"name": "县人民医院", "kind": "designated"},
                                                         {"name": "市传染病医院"}])})
    assert bad.status_code == 422 and "第 2 项" in bad.text and "类别" in bad.text
    assert get_list(hub_db, "hospitals")["version"] == 0


def test_csrf_missing_or_wrong_is_refused(make_hub) -> None:
    hub = make_hub()
    token = hub.csrf()
    for form in ({"username": "viewer1", "password": PASSWORD},
                 {"csrf": "forged", "username": "viewer1", "password": PASSWORD}):
        answer = hub.post("/login", data=form)
        assert (answer.status_code, answer.json()["error"]) == (403, "csrf")
    other = make_hub()  # another browser's token does not fit this session
    assert other.post("/login", data={"csrf": token, "username": "viewer1", "password": PASSWORD}).status_code == 403
    assert hub.post("/login", data={"csrf": token, "username": "viewer1", "password": PASSWORD}).status_code == 303
    assert hub.post("/logout", data={}).status_code == 403
    assert hub.post("/logout", data={"csrf": token}).status_code == 403  # rotated at log-in
    assert hub.get("/api/v1/status").status_code == 200  # still logged in
    publisher = make_hub()
    publisher.log_in("pub1")
    assert publisher.post("/publish", data={"list": "risk-areas", "text": "x"}).status_code == 403
    assert hub.post("/login", content=b"{}", headers={"content-type": "application/json"}).status_code == 415


def test_cookie_flags(make_hub) -> None:
    plain = make_hub().get("/login").headers["set-cookie"].lower()
    assert plain.startswith(SESSION_COOKIE) and "httponly" in plain and "samesite=lax" in plain
    assert "secure" not in plain
    secure = make_hub(https=True).get("/login").headers["set-cookie"].lower()
    assert "httponly" in secure and "samesite=lax" in secure and "; secure" in secure
    page = make_hub().get("/login")
    assert page.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in page.headers[
        "content-security-policy"]


def test_one_answer_for_an_unknown_user_and_a_wrong_password(make_hub, hub_db: Database) -> None:
    hub = make_hub()
    wrong_password = hub.log_in("viewer1", "not-the-password")
    unknown_user = hub.log_in("nobody-here", "not-the-password")
    bad_name = hub.log_in("??", "not-the-password")
    disabled = make_hub()
    auth.disable_user(hub_db, "boss1")
    disabled_answer = disabled.log_in("boss1")
    for answer in (wrong_password, unknown_user, bad_name, disabled_answer):
        assert answer.status_code == 401
        assert 'data-code="bad_credentials"' in answer.text and "用户名或密码不正确" in answer.text
    assert wrong_password.text.replace(hub.csrf(), "") == unknown_user.text.replace(hub.csrf(), "")


def test_repeated_wrong_passwords_lock_the_name_for_a_while(make_hub, clock: FixedClock) -> None:
    hub = make_hub()
    for _ in range(auth.MAX_FAILURES):
        assert hub.log_in("viewer1", "wrong-pass-9").status_code == 401
    locked = hub.log_in("viewer1")  # even the right password
    assert locked.status_code == 429 and 'data-code="account_locked"' in locked.text
    for _ in range(auth.MAX_FAILURES):  # a name that does not exist locks alike: the lock tells nothing
        hub.log_in("ghost", "wrong-pass-9")
    assert 'data-code="account_locked"' in hub.log_in("ghost", "wrong-pass-9").text
    clock.advance(minutes=16)
    assert hub.log_in("viewer1").status_code == 303


def test_sessions_end_at_log_out_when_disabled_and_when_idle(make_hub, clock: FixedClock, hub_db: Database) -> None:
    hub = make_hub()
    hub.log_in("viewer1")
    cookie = hub.client.cookies[SESSION_COOKIE]
    assert hub.post("/logout", data={"csrf": hub.page_csrf()}).headers["location"] == "/login"
    assert hub.get("/api/v1/status").status_code == 401
    replay = make_hub()
    replay.client.cookies.set(SESSION_COOKIE, cookie)  # the old cookie, replayed: ended on the server
    assert replay.get("/api/v1/status").status_code == 401

    other = make_hub()
    other.log_in("pub1")
    assert other.get("/api/v1/status").status_code == 200
    auth.disable_user(hub_db, "pub1")
    assert other.get("/api/v1/status").status_code == 401

    idle = make_hub()
    idle.log_in("viewer1")
    clock.advance(minutes=29)
    assert idle.get("/api/v1/status").status_code == 200
    clock.advance(minutes=31)
    assert idle.get("/api/v1/status").status_code == 401


def test_the_next_page_after_log_in_stays_on_the_hub(make_hub) -> None:
    hub = make_hub()
    token = hub.csrf()
    for target, expected in (("/?date=2026-11-22", "/?date=2026-11-22"), ("//evil.example/x", "/"),
                             ("https://evil.example/", "/"), ("/\\evil.example", "/")):
        hub.client.cookies.clear()
        token = hub.csrf()
        answer = hub.post("/login", data={"csrf": token, "username": "viewer1", "password": PASSWORD, "next": target})
        assert answer.headers["location"] == expected, target


# ----- bad input -----------------------------------------------------------------------------------------------

def test_out_of_range_and_malformed_dates_are_400_with_a_code(make_hub) -> None:
    hub = make_hub()
    hub.log_in("viewer1")
    for path in ("/api/v1/status?date=9999-12-31", "/api/v1/trend?end=0001-01-01", "/api/v1/reports?date=9999-12-31",
                 "/export.csv?date=0001-01-01", "/?date=9999-12-31"):
        answer = hub.get(path)
        assert (answer.status_code, answer.json()["error"]) == (400, "date_range"), path
    for path in ("/api/v1/status?date=2026-13-01", "/api/v1/trend?end=yesterday", "/?date=%00"):
        answer = hub.get(path)
        assert (answer.status_code, answer.json()["error"]) == (400, "date_format"), path
    answer = hub.get("/api/v1/lists/everything")
    assert (answer.status_code, answer.json()["error"]) == (404, "list_name")
    assert hub.get("/no/such/page").json()["error"] == "not_found"
    assert hub.request("DELETE", "/api/v1/status").status_code == 405


@pytest.mark.parametrize(("body", "field"), [
    (report(date="9999-12-31"), "date"), (report(date="0001-01-01"), "date"), (report(date=20261122), "date"),
    (report(version=2**31), "version"), (report(version=10**30), "version"), (report(version=0), "version"),
    (report(version=True), "version"), (report(version="1"), "version"),
    (report(counts={"screened": -1}), "counts"), (report(counts={"screened": True}), "counts"),
    (report(counts={"screened": 10**12}), "counts"), (report(counts={"screened": 1.5}), "counts"),
    (report(counts={"=cmd|' /C calc'!A0": 1}), "counts"), (report(counts=[1, 2]), "counts"),
    (report(counts={f"k{i}": 1 for i in range(201)}), "counts"), (report(zero_report="yes"), "zero_report"),
    (report().decode().encode("utf-16"), "body"), (report().decode().encode("utf-32"), "body"),
    (b"\xff\xfe\x00garbage", "body"), (b"[1, 2, 3]", "body"), (b'"text"', "body"), (b"null", "body"),
    (b"[" * 50_000, "body"), (b"{", "body"), (json.dumps({"type": "other"}).encode(), "type"),
])
def test_every_bad_report_body_is_422_with_the_field(make_hub, clinic_key, body: bytes, field: str) -> None:
    answer = make_hub().post("/api/v1/reports", content=body, headers=signed(clinic_key, body))
    assert (answer.status_code, answer.json()["error"], answer.json()["field"]) == (422, "report_body", field)


def test_a_good_report_is_stored_without_a_log_in(make_hub, clinic_key, hub_db: Database) -> None:
    body = report()
    answer = make_hub().post("/api/v1/reports", content=body, headers=signed(clinic_key, body))
    assert answer.status_code == 201
    unsigned = make_hub().post("/api/v1/reports", content=body, headers={"x-clinic": "XH01", "x-idempotency-key": "z"})
    assert unsigned.status_code == 401


def test_the_body_limit_applies_while_streaming(make_hub, clinic_key) -> None:
    hub = make_hub()
    declared = hub.post("/api/v1/reports", content=b"x" * 10,
                        headers={"x-clinic": "XH01", "x-idempotency-key": "k", "content-length": str(300 * 2**20)})
    assert (declared.status_code, declared.json()["error"]) == (413, "too_large")
    produced = [0]

    async def endless() -> object:  # 300 MB if the hub read it all; no Content-Length (chunked)
        for _ in range(300 * 16):
            produced[0] += 65536
            yield b"x" * 65536

    streamed = hub.post("/api/v1/reports", content=endless(), headers={"x-clinic": "XH01", "x-idempotency-key": "k"})
    assert (streamed.status_code, streamed.json()["error"]) == (413, "too_large")
    assert produced[0] <= MAX_BODY + 2 * 65536  # it stopped reading just past the limit
    assert hub.post("/login", content=b"a=" + b"x" * 20_000,
                    headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 413
    assert hub.post("/api/v1/reports", content=b"{}", headers={
        "x-clinic": "XH01", "x-idempotency-key": "k", "content-length": "12abc"}).status_code == 400


# ----- CSV ------------------------------------------------------------------------------------------------------

def test_county_csv_cells_cannot_be_formulas(make_hub, clinic_key, hub_db: Database) -> None:
    store_report(hub_db, "XH01", "k", report(), NOW)
    with hub_db.write() as s:  # a report stored before the hub checked count keys
        row = s.query(HubReport).one()
        row.body = report(counts={"=1+1": 2, "@SUM(A1)": 3, "screened": 4}).decode()
    hub = make_hub()
    hub.log_in("viewer1")
    text = hub.get(f"/export.csv?date={DAY}").text
    header, first = text.lstrip("\ufeff").splitlines()[:2]
    assert "'=1+1" in header and "'@SUM(A1)" in header and ",=" not in header and ",@" not in header
    assert "'=HYPERLINK" in first and ',"=' not in first


def test_csv_safe_escapes_formula_starts() -> None:
    from app.csv_safe import escape_cell, escape_row

    assert [escape_cell(v) for v in ("=1+1", "+86 138", "-2", "@x", "\tx", "\rx", "张三", "", 5, -3, None)] == \
        ["'=1+1", "'+86 138", "'-2", "'@x", "'\tx", "'\rx", "张三", "", 5, -3, None]
    assert escape_row(["a", "=b"]) == ["a", "'=b"]


# ----- catch-all --------------------------------------------------------------------------------------------

def test_the_catch_all_answers_500_with_a_code_and_no_traceback(hub_db: Database, clock: FixedClock,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    import httpx

    from tests.reporting import hub_support

    app = create_app(hub_db, clock, passwords=FAST)

    async def boom(request: object) -> object:
        raise RuntimeError("secret detail")

    app.router.routes.append(Route("/boom", boom))
    hub = hub_support.InProcessHub(app)
    hub.client._transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[attr-defined]
    try:
        answer = hub.get("/boom")
    finally:
        hub.close()
    assert (answer.status_code, answer.json()) == (500, {"error": "internal"})
    assert "secret detail" not in answer.text and "Traceback" not in answer.text
    assert any("secret detail" in (r.exc_text or str(r.exc_info)) for r in caplog.records if r.name == "app.hub")


# ----- users -------------------------------------------------------------------------------------------------

def test_user_rules(hub_db: Database) -> None:
    from app.errors import Conflict, NotFound, ValidationError

    with pytest.raises(ValidationError) as weak:
        auth.add_user(hub_db, "weak1", "viewer", "short", NOW, FAST)
    assert weak.value.code == "password_too_short"
    with pytest.raises(ValidationError) as role:
        auth.add_user(hub_db, "odd1", "superuser", PASSWORD, NOW, FAST)
    assert role.value.code == "unknown_role"
    with pytest.raises(Conflict):
        auth.add_user(hub_db, "Viewer1", "viewer", PASSWORD, NOW, FAST)
    with pytest.raises(NotFound):
        auth.disable_user(hub_db, "nobody")
    users = {u.username: (u.role, u.active) for u in auth.list_users(hub_db)}
    assert users == {"viewer1": ("viewer", True), "pub1": ("publisher", True), "boss1": ("admin", True)}
    stored = hub_db.engine.connect().exec_driver_sql("SELECT password_hash FROM hub_users").scalars().all()
    assert all(h.startswith("$argon2id$") for h in stored)


def test_the_session_secret_is_made_once_and_owner_only(tmp_path: Path) -> None:
    first = auth.session_secret(tmp_path / "hub")
    assert auth.session_secret(tmp_path / "hub") == first and len(first) >= 48
    assert (tmp_path / "hub" / auth.SECRET_FILE).stat().st_mode & 0o777 == 0o600
