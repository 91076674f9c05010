"""Several desks writing at once: unique numbers, an intact chain, no lost update, no "database is locked"."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from app import audit
from app.actor import Actor
from app.context import AppContext
from app.counters import next_value
from app.db.models import AuditEvent
from app.errors import StaleEdit

ROOT = Path(__file__).resolve().parent.parent


def chain_ok(ctx: AppContext) -> audit.ChainReport:
    with ctx.db.read() as s:
        return audit.verify(s)


def test_app_processes_share_one_sqlite_file(sqlite_ctx: AppContext) -> None:
    url = sqlite_ctx.paths.sqlite_url()
    procs = [subprocess.Popen([sys.executable, "-m", "tests.helpers.writer", url, "60", f"desk{i}"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    values = [int(v) for out, _ in outputs for v in out.split()]
    assert sorted(values) == list(range(1, 241))  # unique and none lost
    report = chain_ok(sqlite_ctx)
    assert report.ok and report.rows == 240


def test_threads_on_one_database(ctx: AppContext) -> None:
    """On PostgreSQL this is several workstations; the head row lock keeps the chain linear."""
    actor = Actor(None, "desk", frozenset({"system"}), "desk")
    values: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(25):
                with ctx.db.write() as s:
                    v = next_value(s, "visit")
                    audit.append(s, ctx.clock.now(), actor, "test.write", "visit", v, {})
                values.append(v)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(values) == list(range(1, 101))
    assert chain_ok(ctx).ok
    with ctx.db.read() as s:
        assert sorted(int(e) for e in s.scalars(select(AuditEvent.entity_id))) == list(range(1, 101))


def test_two_admins_editing_the_same_account(ctx: AppContext, admin: Actor) -> None:
    """Both load version N; both save; exactly one wins and the other is told it is stale."""
    loaded = ctx.users.create(admin, username="doc", full_name="张医生", roles=["doctor"], password="doc-pass-1")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(name: str) -> None:
        barrier.wait()
        try:
            ctx.users.update(admin, username="doc", expected_version=loaded.version, full_name=name, roles=["doctor"])
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("张一", "张二")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    assert chain_ok(ctx).ok


def test_next_value_rolls_back_with_a_failed_save(ctx: AppContext) -> None:
    with pytest.raises(RuntimeError):
        with ctx.db.write() as s:
            assert next_value(s, "visit") == 1
            raise RuntimeError("save failed")
    with ctx.db.write() as s:
        assert next_value(s, "visit") == 1  # gap-free: the failed save took nothing

