"""Power-cut test: a writer is SIGKILLed at random moments; every number it printed survives."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import audit
from app.context import AppContext

ROOT = Path(__file__).resolve().parent.parent
KILLS = 25
STARTUP_TIMEOUT_S = 60


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_every_printed_commit_survives_sigkill(sqlite_ctx: AppContext) -> None:
    url = sqlite_ctx.paths.sqlite_url()
    sqlite_ctx.close()
    rng = random.Random(20261123)
    printed: list[int] = []
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.writer", url, "0", "w"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        buffer = b""
        started = time.monotonic() + STARTUP_TIMEOUT_S  # imports take long on a busy machine: wait for them,
        deadline: float | None = None  # then kill after a random stretch of commits
        while time.monotonic() < (deadline if deadline is not None else started):
            chunk = proc.stdout.read()
            if chunk:
                buffer += chunk
            if deadline is None and b"\n" in buffer:
                deadline = time.monotonic() + rng.uniform(0.0, 0.6)
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        rest = proc.stdout.read()
        buffer += rest or b""
        complete = buffer.rsplit(b"\n", 1)[0] if b"\n" in buffer else b""
        printed += [int(v) for v in complete.split()]
    assert len(printed) > KILLS  # the writer really committed between kills

    db_path = sqlite_ctx.paths.database
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {int(r[0]) for r in conn.execute("SELECT entity_id FROM audit_events WHERE action = 'test.write'")}
    finally:
        conn.close()
    missing = set(printed) - stored
    assert not missing, f"committed but lost: {sorted(missing)[:10]}"
    from app.context import open_context
    from app.passwords import OWASP_FLOOR

    reopened = open_context(sqlite_ctx.paths, argon2=OWASP_FLOOR)
    try:
        with reopened.db.read() as s:
            assert audit.verify(s).ok
    finally:
        reopened.close()
