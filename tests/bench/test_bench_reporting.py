"""Issue 7's figures, each beside a baseline measured in the same run (printed, not asserted):
report generation with a million past visits (target ≤ 200 ms), hub ingest rate on SQLite and
PostgreSQL, and the time and bytes to deliver a 365-day backlog over loopback."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import time
import uuid
from contextlib import ExitStack
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.actor import Actor
from app.clock import FixedClock
from app.context import open_context
from app.hub.store import add_clinic, open_hub
from app.keys import ClinicKey, public_key_text
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from tests.bench.conftest import BenchDB
from tests.bench import table
from tests.conftest import fresh_pg_database
from tests.reporting.loopback import HubProcess

PG_ENV = "FEVER_SENTINEL_TEST_PG_URL"


@pytest.mark.slow
def test_bench_report_generation(seeded: BenchDB) -> None:
    """The busiest day's counts (test_bench_desk.py measures yesterday's and the A4)."""
    ctx = open_context(seeded.paths, argon2=OWASP_FLOOR)
    conn = sqlite3.connect(seeded.paths.database)
    busiest = conn.execute("SELECT clinic_day FROM visits WHERE clinic_day < (SELECT max(clinic_day) FROM visits) "
                           "GROUP BY clinic_day ORDER BY count(*) DESC LIMIT 1").fetchone()[0]  # a day that is over
    day = date.fromisoformat(busiest)
    generate = table.timed(lambda i: ctx.reports.preview(Actor.system(), day), 50)

    def raw(i: int) -> None:  # the same counts the report starts from, in plain SQL
        for sql in ("SELECT count(*) FROM screenings WHERE clinic_day = ?",
                    "SELECT decision, count(*) FROM screenings WHERE clinic_day = ? GROUP BY decision",
                    "SELECT count(*) FROM visits WHERE clinic_day = ?",
                    "SELECT count(*) FROM pharmacy_purchases WHERE clinic_day = ?"):
            conn.execute(sql, (busiest,)).fetchall()

    baseline = table.timed(raw, 50)
    conn.close()
    ctx.close()
    table.add_timed("daily report counts, busiest day", seeded.visits, generate, target=50, baseline=baseline,
                    note=f"{day}")


def _signed_reports(key: ClinicKey, code: str, n: int) -> list[tuple[str, bytes, str]]:
    start = date(2025, 1, 1)
    out = []
    for i in range(n):
        body = json.dumps({"type": "daily_report", "clinic": code, "date": (start + timedelta(days=i)).isoformat(),
                           "version": 1, "zero_report": i % 3 == 0, "automatic": False,
                           "counts": {"screened": i % 50, "fever_registered": i % 7}}, sort_keys=True).encode()
        out.append((uuid.uuid4().hex, body, base64.b64encode(key.sign(body)).decode()))
    return out


def _ingest(hub: HubProcess, code: str, reports: list[tuple[str, bytes, str]]) -> float:
    with httpx.Client() as client:
        t0 = time.perf_counter()
        for idem, body, sig in reports:
            r = client.post(f"{hub.url}/api/v1/reports", content=body,
                            headers={"x-clinic": code, "x-idempotency-key": idem, "x-signature": sig})
            assert r.status_code == 201, r.text
        return len(reports) / (time.perf_counter() - t0)


def _status_rate(hub: HubProcess, n: int) -> float:
    with httpx.Client() as client:
        t0 = time.perf_counter()
        for _ in range(n):
            client.get(f"{hub.url}/api/v1/lists/hospitals")
        return n / (time.perf_counter() - t0)


@pytest.mark.slow
def test_bench_hub_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ExitStack() as stack:  # the PostgreSQL database made for the run is dropped after it, as for tests
        _hub_ingest(tmp_path, capsys, stack)


def _hub_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str], stack: ExitStack) -> None:
    key = ClinicKey(Ed25519PrivateKey.generate())
    targets: list[tuple[str, str | None]] = [("SQLite", None)]
    admin_url = os.environ.get(PG_ENV)
    if admin_url:
        targets.append(("PostgreSQL", stack.enter_context(fresh_pg_database(admin_url, "fs_bench"))))
    lines = []
    for label, url in targets:
        hub = HubProcess(tmp_path / label, db_url=url).start()
        try:
            hub_db = open_hub(hub.db_url)
            add_clinic(hub_db, "BN01", "bench", public_key_text(key.public_raw), datetime.now(timezone.utc))
            hub_db.dispose()
            rate = _ingest(hub, "BN01", _signed_reports(key, "BN01", 400))
            floor = _status_rate(hub, 400)
        finally:
            hub.stop()
        table.add(f"hub ingest, {label} (ms per report)", None, 1000 / rate, 1000 / rate, baseline=1000 / floor,
                  note="one run of 400; baseline: a GET round trip")
        lines.append(f"{label:<11} ingest {rate:7.0f} reports/s   (same-run floor: {floor:7.0f} GET requests/s, "
                     f"ratio {rate / floor:.2f})")
    with capsys.disabled():
        print("\n[bench hub ingest] signed reports posted one by one over loopback, keep-alive")
        for line in lines:
            print(line)
        if not admin_url:
            print(f"PostgreSQL  skipped: {PG_ENV} not set")


@pytest.mark.slow
def test_bench_year_backlog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start = datetime(2025, 11, 23, 1, 0, tzinfo=timezone.utc)
    clock = FixedClock(start)
    ctx = open_context(DataPaths(tmp_path / "clinic"), clock=clock, argon2=OWASP_FLOOR)
    info, _ = ctx.clinic.initialize(Actor.system(), code="YR01", name="一年积压", level="township",
                                    admin_username="boss", admin_full_name="院长", admin_password="admin-pass-1")
    clock.advance(days=366)
    first = start.date()
    for i in range(365):
        ctx.reports.submit(Actor.system(), first + timedelta(days=i))
    hub = HubProcess(tmp_path / "hub").start()
    try:
        hub_db = open_hub(hub.db_url)
        add_clinic(hub_db, info.code, info.name, info.public_key, clock.now())
        hub_db.dispose()
        sent_bytes = 0

        def counting_client() -> httpx.Client:
            def count(request: httpx.Request) -> None:
                nonlocal sent_bytes
                sent_bytes += len(request.content) + sum(len(k) + len(v) + 4 for k, v in request.headers.raw)

            return httpx.Client(event_hooks={"request": [count]})

        ctx.sync.client_factory = counting_client
        t0 = time.perf_counter()
        result = ctx.sync.push(Actor.system(), hub_url=hub.url)
        seconds = time.perf_counter() - t0
        floor = _status_rate(hub, 365)
    finally:
        hub.stop()
        ctx.close()
    assert result.delivered == 365
    table.add("365-day backlog delivery (ms per report)", None, seconds / 365 * 1000, seconds / 365 * 1000,
              baseline=1000 / floor, note=f"{sent_bytes / 365:.0f} B each; baseline: a GET round trip")
    with capsys.disabled():
        print(f"\n[bench backlog] 365 daily reports delivered in {seconds:.2f} s "
              f"({seconds / 365 * 1000:.1f} ms each), {sent_bytes / 1024:.0f} KiB sent "
              f"({sent_bytes / 365:.0f} B each); same-run floor: 365 GET round trips in {365 / floor:.2f} s "
              f"(ratio {seconds / (365 / floor):.1f})")
