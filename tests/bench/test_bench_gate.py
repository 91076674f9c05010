"""Gate decision with 100 000 issued permits and 10 000 revocations, beside the raw cost of one
Ed25519 verification in the same run (figures, not assertions). Target (issue 6): p95 ≤ 5 ms."""

from __future__ import annotations

import secrets
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.actor import Actor
from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.triage.records import PatientInput
from app.wards.permit_service import Holder
from tests.bench.test_bench_triage import percentiles, report

PERMITS = 100_000
REVOKED = 10_000


@pytest.mark.slow
def test_bench_gate_decision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
    gate = percentiles(lambda i: ctx.gate.check(gatekeeper, probes[i % len(probes)], "内科门岗"), 300)
    snapshot_t0 = time.perf_counter()
    snapshot = ctx.gate.snapshot()
    snapshot_ms = (time.perf_counter() - snapshot_t0) * 1000
    ctx.close()
    key = Ed25519PrivateKey.generate()
    signature = key.sign(b"x" * 200)
    public = key.public_key()
    raw = percentiles(lambda i: public.verify(signature, b"x" * 200), 300)
    with capsys.disabled():
        print(f"\n[bench gate] {PERMITS:,} permits ({REVOKED:,} revoked; seeded in {seed_s:.1f} s); "
              f"offline snapshot {snapshot_ms:.0f} ms, {len(snapshot['revoked']):,} revocations")
        print(report([("gate decision (online)", gate, raw, 5)]))
    assert gate[0] > 0
