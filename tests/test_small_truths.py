"""Small truths (issue 14): start.sh starts offline once set up; CLI times in clinic local time with the
zone; `report daily` refuses a day before the clinic existed; `hub serve` says a port is taken."""

from __future__ import annotations

import io
import os
import shutil
import socket
import stat
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.actor import Actor
from app.cli import bind_port, clinic_time
from app.cli import main as cli_main
from app.context import AppContext
from app.errors import FeverSentinelError, ValidationError

ROOT = Path(__file__).resolve().parent.parent


# ----- scripts/start.sh ------------------------------------------------------------------------------------
STUB_SETUP = """#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
echo setup >> calls.log
mkdir -p .venv/bin
printf '#!/usr/bin/env bash\\necho "app $*" >> calls.log\\n' > .venv/bin/fever-sentinel
printf '#!/usr/bin/env bash\\necho "python $*" >> calls.log\\n' > .venv/bin/python
chmod +x .venv/bin/fever-sentinel .venv/bin/python
{stamp_line}
"""


def stamp_line() -> str:
    """The line of the real scripts/setup.sh that writes the stamp start.sh compares."""
    [line] = [x for x in (ROOT / "scripts" / "setup.sh").read_text().splitlines() if ".setup-stamp" in x]
    return line


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "start.sh", tmp_path / "scripts" / "start.sh")
    (tmp_path / "scripts" / "setup.sh").write_text(STUB_SETUP.format(stamp_line=stamp_line()))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "resources" / "translations").mkdir(parents=True)
    (tmp_path / "resources" / "translations" / "x.ts").write_text("<TS/>")
    qm = tmp_path / "resources" / "translations" / "x.qm"
    qm.write_text("qm")
    os.utime(qm, (os.path.getmtime(qm) + 10, os.path.getmtime(qm) + 10))
    return tmp_path


def start(checkout: Path, *args: str) -> list[str]:
    log = checkout / "calls.log"
    log.unlink(missing_ok=True)
    subprocess.run(["bash", str(checkout / "scripts" / "start.sh"), *args], check=True, cwd="/", timeout=60)
    return log.read_text().split("\n")[:-1]


@pytest.mark.skipif(os.name != "posix" or not shutil.which("sha256sum"), reason="bash + coreutils")
def test_start_sets_up_only_when_needed_then_starts_offline(checkout: Path) -> None:
    assert start(checkout, "--data-dir", "/tmp/x") == ["setup", "app --data-dir /tmp/x"]  # no .venv yet
    assert start(checkout) == ["app "]  # set up: no setup, no pip, no network
    assert start(checkout) == ["app "]

    with (checkout / "pyproject.toml").open("a") as f:  # a dependency changed
        f.write('dependencies = ["y"]\n')
    assert start(checkout) == ["setup", "app "]
    assert start(checkout) == ["app "]

    ts = checkout / "resources" / "translations" / "x.ts"  # translations updated: recompiled, offline
    os.utime(ts, (os.path.getmtime(ts) + 100, os.path.getmtime(ts) + 100))
    assert start(checkout) == ["python -m ui.i18n", "app "]

    shutil.rmtree(checkout / ".venv")  # .venv gone: set up again
    assert start(checkout) == ["setup", "app "]
    assert stat.S_ISREG((checkout / ".venv" / ".setup-stamp").stat().st_mode)


# ----- times ------------------------------------------------------------------------------------------------
def test_cli_times_are_clinic_local_with_the_zone() -> None:
    when = datetime(2026, 12, 3, 1, 15, tzinfo=timezone.utc)
    assert clinic_time(when, ZoneInfo("Asia/Shanghai")) == "2026-12-03 09:15 +08:00"
    assert clinic_time(when, ZoneInfo("America/Caracas")) == "2026-12-02 21:15 -04:00"
    assert clinic_time(when, ZoneInfo("Asia/Kolkata")) == "2026-12-03 06:45 +05:30"


def test_no_command_prints_a_bare_utc_time() -> None:
    """Human output goes through clinic_time; a bare ':%H:%M}Z' or '... UTC' is gone from app/cli.py."""
    source = (ROOT / "app" / "cli.py").read_text(encoding="utf-8")
    assert "%H:%M}Z" not in source and "%H:%M} UTC" not in source


# ----- report daily before the clinic ---------------------------------------------------------------------
def test_report_daily_refuses_a_day_before_the_clinic(ctx: AppContext, admin: Actor) -> None:
    first = ctx.clock.now().astimezone(ZoneInfo("Asia/Shanghai")).date()
    ctx.clock.advance(days=1)  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as err:
        ctx.reports.preview(admin, first - timedelta(days=1), since_clinic=True)
    assert err.value.code == "before_clinic" and err.value.details["first_day"] == first.isoformat()
    assert ctx.reports.preview(admin, first, since_clinic=True).zero_report  # the first day is reportable
    ctx.reports.preview(admin, first - timedelta(days=1))  # the page and submit do not check it


def test_report_daily_cli_before_the_clinic_and_in_the_future(ctx: AppContext, admin: Actor, db_url: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(ctx.paths.root), "--db-url", db_url, "report", "daily", "--date"]
    assert cli_main([*base, "2000-01-01"], out=io.StringIO()) == 1
    assert capsys.readouterr().err.startswith("error [before_clinic]")
    future = (date.today() + timedelta(days=30)).isoformat()
    assert cli_main([*base, future], out=io.StringIO()) == 1
    assert capsys.readouterr().err.startswith("error [report_day_not_over]")


# ----- hub serve -------------------------------------------------------------------------------------------
def test_hub_serve_says_the_port_is_taken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    try:
        out = io.StringIO()
        assert cli_main(["--data-dir", str(tmp_path), "hub", "serve", "--port", str(port)], out=out) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error [port_in_use]") and str(port) in err[0]
        assert "county hub on" not in out.getvalue()  # never claims to listen
        assert not (tmp_path / "hub.sqlite3").exists()  # refused before anything was made
    finally:
        holder.close()


def test_a_free_port_is_bound_for_the_hub() -> None:
    sock = bind_port("127.0.0.1", 0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
    with pytest.raises(FeverSentinelError) as err:
        bind_port("no-such-host.invalid", 8750)
    assert err.value.code == "port_unavailable"
