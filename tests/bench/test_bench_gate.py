"""The ward gate: a decision with 100 000 issued permits and 10 000 revocations, beside the raw cost of one
Ed25519 verification in the same run; and, on each seeded clinic, the gate page's own path (GateStation:
check, then the status the page shows) while the "who is inside" poll runs without pause in another
thread, for repeated scans of one card and for passages (entry, exit). Figures in the bench table, not
assertions. Target (issues 6 and 16): p95 ≤ 5 ms."""

from __future__ import annotations

import secrets
import sqlite3
import statistics
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.actor import Actor
from app.clock import FixedClock
from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.triage.records import PatientInput
from app.wards.permit_service import Holder
from app.wards.gate import GateStation
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB

PERMITS = 100_000
REVOKED = 10_000


@pytest.mark.slow
def test_bench_gate_decision(tmp_path: Path) -> None:
    ctx = open_context(DataPaths(tmp_path / "data"), argon2=OWASP_FLOOR)
    system = Actor.system()
    ctx.clinic.initialize(system, code="XH01", name="新河镇卫生院", level="township", admin_username="boss",
                          admin_full_name="王", admin_password="admin-pass-1")
    ctx.users.create(system, username="gate", full_name="门岗", roles=["gatekeeper"], password="gate-pass-1")
    gatekeeper = ctx.users.authenticate("gate", "gate-pass-1", "ward-gate")
    ward = ctx.wards.save_ward(system, name="内科病区", type="general", gates=["内科门岗"])
    probes = []
    for i in range(100):  # real, signed permits the benchmark scans
        a = ctx.wards.admit(system, ward_id=ward.id, bed=f"{i}床", nursing_level="2",
                            patient=PatientInput(name=f"病人{i}", id_type="passport", id_number=f"E{i:07d}",
                                                 sex="male"),
                            nat_sampled_at=ctx.clock.now() - timedelta(hours=6), nat_result="negative")
        probes.append(ctx.permits.issue_escort(system, a.id, Holder(f"陪护{i}", "passport", f"P{i:07d}", "家属"),
                                               test_at=ctx.clock.now() - timedelta(hours=1),
                                               test_result="negative").payload)
    admission = a.id
    ctx.close()
    t0 = time.perf_counter()
    conn = sqlite3.connect(ctx.paths.database, isolation_level=None)
    conn.execute("BEGIN")
    stamp = "2026-11-23 01:00:00.000000"
    conn.executemany(
        "INSERT INTO permits (id, number, kind, admission_id, holder_name, holder_id_type, relation, valid_from, "
        "valid_until, state, issued_at, issued_by, revoked_at, revoke_reason, payload, version) VALUES "
        "(?, ?, 'visitor', ?, '某', 'other', '家属', ?, '2099-01-01 00:00:00.000000', ?, ?, 'nurse', ?, ?, 'x', 1)",
        [(secrets.token_hex(16), f"B{i:09d}", admission, stamp, "revoked" if i < REVOKED else "active", stamp,
          stamp if i < REVOKED else None, "lost" if i < REVOKED else None) for i in range(PERMITS)])
    conn.execute("COMMIT")
    conn.close()
    seed_s = time.perf_counter() - t0

    ctx = open_context(ctx.paths, argon2=OWASP_FLOOR)
    gate = table.timed(lambda i: ctx.gate.check(gatekeeper, probes[i % len(probes)], "内科门岗"), 300)
    snapshot_t0 = time.perf_counter()
    snapshot = ctx.gate.snapshot()
    snapshot_ms = (time.perf_counter() - snapshot_t0) * 1000
    ctx.close()
    key = Ed25519PrivateKey.generate()
    signature = key.sign(b"x" * 200)
    public = key.public_key()
    raw = table.timed(lambda i: public.verify(signature, b"x" * 200), 300)
    table.add_timed("gate decision (online), 100 000 permits", None, gate, target=5, baseline=raw,
                    note=f"offline snapshot {snapshot_ms:.0f} ms, {len(snapshot['revoked']):,} revocations; "
                         f"permits seeded in {seed_s:.1f} s")


@pytest.mark.slow
def test_bench_gate_page_scan_with_inside_poll(seeded: BenchDB, tmp_path: Path) -> None:
    """A real permit on a seeded ward, scanned in and out through the station as the gate page does; on the
    clock's own time every scan after the first is a repeated scan (the same card within seconds)."""
    _page_scans(seeded, tmp_path, "gate page scan, inside poll running", passages=False)


@pytest.mark.slow
def test_bench_gate_page_passage_with_inside_poll(seeded: BenchDB, tmp_path: Path) -> None:
    """The same, with the clock moved past the repeat window before each scan: every scan is a passage (an
    entry or an exit, who is inside written)."""
    _page_scans(seeded, tmp_path, "gate page passage (in, out), inside poll running", passages=True)


def _page_scans(seeded: BenchDB, tmp_path: Path, metric: str, *, passages: bool) -> None:
    import threading

    clock = FixedClock(datetime.now(timezone.utc)) if passages else None
    ctx = open_context(seeded.paths, argon2=OWASP_FLOOR, clock=clock)
    system = Actor.system()
    gatekeeper = ctx.users.authenticate("gate", PASSWORD, "ward-gate")
    ward = next(w for w in ctx.wards.wards() if w.name == "内科病区")
    n = 2 if passages else 1
    admission = ctx.wards.admit(system, ward_id=ward.id, bed=f"加{n}床", nursing_level="2",
                                patient=PatientInput(name="基准患者", id_type="passport", id_number=f"E999000{n}",
                                                     sex="male"),
                                nat_sampled_at=ctx.clock.now() - timedelta(hours=6), nat_result="negative")
    permit = ctx.permits.issue_escort(system, admission.id, Holder("陪护", "passport", f"P999000{n}", "家属"),
                                      test_at=ctx.clock.now() - timedelta(hours=1), test_result="negative")
    station = GateStation(ctx.gate, ctx.clock, tmp_path, "内科门岗")
    station.refresh_cache()
    stop = threading.Event()
    polls: list[float] = []

    def poll() -> None:
        while not stop.is_set():
            t0 = time.perf_counter()
            ctx.gate.inside(gatekeeper, "内科门岗")
            polls.append((time.perf_counter() - t0) * 1000)

    def scan(i: int) -> None:
        if clock is not None:
            clock.advance(seconds=11)  # past the repeat window (10 s)
        decision = station.check(gatekeeper, permit.payload, "out" if i % 2 else "in")
        assert not passages or decision.outcome in ("admit", "exit"), decision
        station.status()

    alone = table.timed(scan, 100)
    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        busy = table.timed(scan, 100)
    finally:
        stop.set()
        poller.join()
    ctx.close()
    table.add_timed(metric, seeded.visits, busy, target=5, baseline=alone,
                    note=f"baseline: the same scans alone; {len(polls)} polls meanwhile, "
                         f"{statistics.median(polls):.2f} ms each (p50)")
