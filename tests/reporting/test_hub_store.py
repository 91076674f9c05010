"""The hub's status per clinic and day: reported / zero report / automatic / late / missing."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.hub.store import (add_clinic, open_hub, reporting_rates, silent_clinics, status_on, store_report,
                           trend)
from app.keys import public_key_text

DAY = date(2026, 11, 22)
ON_TIME = datetime(2026, 11, 23, 0, 30, tzinfo=timezone.utc)  # 08:30 in Shanghai
LATE = datetime(2026, 11, 23, 1, 1, tzinfo=timezone.utc)  # 09:01


def body(code: str, *, zero: bool, automatic: bool = False, fever: int = 0, version: int = 1) -> bytes:
    return json.dumps({"type": "daily_report", "clinic": code, "date": DAY.isoformat(), "version": version,
                       "zero_report": zero, "automatic": automatic,
                       "counts": {"screened": fever * 10, "fever_registered": fever}}).encode()


def test_each_status(tmp_path: Path) -> None:
    db = open_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    for code in ("A1", "B2", "C3", "D4", "E5"):
        raw = Ed25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw,
                                                                      serialization.PublicFormat.Raw)
        add_clinic(db, code, f"{code}卫生院", public_key_text(raw), ON_TIME)
    store_report(db, "A1", "a", body("A1", zero=False, fever=3), ON_TIME)
    store_report(db, "B2", "b", body("B2", zero=True), ON_TIME)
    store_report(db, "C3", "c", body("C3", zero=True, automatic=True), LATE)
    store_report(db, "D4", "d", body("D4", zero=False, fever=1), LATE)
    statuses = {r.code: r.status for r in status_on(db, DAY)}
    assert statuses == {"A1": "reported", "B2": "zero", "C3": "automatic", "D4": "late", "E5": "missing"}
    store_report(db, "A1", "a2", body("A1", zero=False, fever=5, version=2), LATE)  # a correction
    a1 = next(r for r in status_on(db, DAY) if r.code == "A1")
    assert (a1.status, a1.version, a1.counts["fever_registered"]) == ("reported", 2, 5)  # first arrival was on time
    t = trend(db, DAY)
    assert t.clinics["A1"][-1] == 5 and t.total[-1] == 6 and len(t.total) == 28
    assert t.clinics["E5"][-1] is None and t.clinics["B2"][-1] == 0  # silence is not zero; a zero report is
    assert t.clinics["A1"][:-1] == [None] * 27  # nothing before: no report, no zero
    db.dispose()


def test_a_zero_report_shows_as_such_on_the_dashboard_and_in_the_csv(tmp_path: Path) -> None:
    """零报告 is the flag the clinic submitted — a day with 30 screenings can be one — shown even when
    the report came late or automatically; never worked out again from the counts."""
    import httpx

    from app.clock import FixedClock
    from app.hub.web import create_app, render_dashboard

    db = open_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    for code in ("A1", "B2", "C3", "D4"):
        raw = Ed25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw,
                                                                      serialization.PublicFormat.Raw)
        add_clinic(db, code, f"{code}卫生院", public_key_text(raw), ON_TIME)
    store_report(db, "A1", "a", body("A1", zero=True, fever=3), ON_TIME)  # 30 screenings, no case: zero
    store_report(db, "B2", "b", body("B2", zero=False), ON_TIME)  # all counts zero but not a zero report
    store_report(db, "C3", "c", body("C3", zero=True, automatic=True, fever=1), LATE)
    rows = {r.code: r for r in status_on(db, DAY)}
    assert {c: (r.status, r.zero_report) for c, r in rows.items()} == {
        "A1": ("zero", True), "B2": ("reported", False), "C3": ("automatic", True), "D4": ("missing", False)}
    page = render_dashboard(DAY, list(rows.values()), trend(db, DAY), silent=silent_clinics(db, LATE),
                            rates=reporting_rates(db, DAY, LATE), as_of=LATE)
    cells = {code: page.split(f'data-clinic="{code}"')[1].split("</tr>")[0] for code in rows}
    assert '<td class="status">零报告</td>' in cells["A1"] and "<td>30</td>" in cells["A1"]
    assert '<td class="status">已报告</td>' in cells["B2"]
    assert '<td class="status">自动提交 · 零报告</td>' in cells["C3"]
    assert 'id="total-zero">2</b>' in page
    from tests.reporting.hub_support import FAST, InProcessHub, make_user

    make_user(db, "county", "viewer")
    hub = InProcessHub(create_app(db, FixedClock(LATE), passwords=FAST))
    assert hub.log_in("county").status_code == 303

    def get(path: str) -> httpx.Response:
        return hub.get(path, params={"date": DAY.isoformat()})

    lines = get("/export.csv").text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("clinic,name,status,zero_report,version")
    csv_rows = {line.split(",")[0]: line.split(",")[2:4] for line in lines[1:]}
    assert csv_rows == {"A1": ["zero", "零报告"], "B2": ["reported", ""], "C3": ["automatic", "零报告"],
                        "D4": ["missing", ""]}
    status = get("/api/v1/status").json()
    assert {c["clinic"]: c["zero_report"] for c in status["clinics"]} == {"A1": True, "B2": False, "C3": True,
                                                                           "D4": False}
    hub.close()
    db.dispose()
