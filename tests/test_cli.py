"""The admin command line, run as a newcomer would: a real process, password on stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent



def run(*args: str, stdin: str = "", data_dir: Path | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    argv = [sys.executable, "-m", "ui.launcher", *args]
    if data_dir is not None:
        argv[3:3] = ["--data-dir", str(data_dir)]
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=120)


def test_init_users_and_verify(tmp_path: Path) -> None:
    d = tmp_path / "clinic"
    r = run("init", "--clinic-code", "xh01", "--clinic-name", "新河镇卫生院", "--admin", "boss",
            stdin="admin-pass-1\n", data_dir=d)
    assert r.returncode == 0, r.stderr
    assert "XH01" in r.stdout
    key = next((d / "keys").iterdir())
    if sys.platform != "win32":
        assert key.stat().st_mode & 0o777 == 0o600
    assert run("init", "--clinic-code", "XH02", "--clinic-name", "别的", "--admin", "x", stdin="admin-pass-1\n",
               data_dir=d).returncode == 1

    r = run("user", "add", "li", "--role", "triage_nurse", "--role", "doctor", "--full-name", "李娜",
            stdin="nurse-pass-1\n", data_dir=d)
    assert r.returncode == 0, r.stderr
    assert run("user", "add", "gate", "--role", "gatekeeper", stdin="short\n", data_dir=d).returncode == 1
    bad_role = run("user", "add", "x", "--role", "chief", stdin="whatever-123\n", data_dir=d)
    assert bad_role.returncode == 2 and "invalid choice" in bad_role.stderr

    users = json.loads(run("user", "list", "--json", data_dir=d).stdout)
    assert {u["username"]: u["roles"] for u in users} == {"boss": ["admin"], "li": ["doctor", "triage_nurse"]}

    assert run("user", "disable", "li", data_dir=d).returncode == 0
    assert not next(u for u in json.loads(run("user", "list", "--json", data_dir=d).stdout) if u["username"] == "li")[
        "active"]
    assert run("user", "disable", "nobody", data_dir=d).returncode == 1
    assert run("user", "reset-password", "li", stdin="brand-new-pw\n", data_dir=d).returncode == 0
    assert run("user", "reset-password", "li", stdin="\n", data_dir=d).returncode == 1

    r = run("audit", "verify", data_dir=d)
    assert r.returncode == 0 and "intact" in r.stdout


def test_home_directory_from_environment(tmp_path: Path) -> None:
    home = tmp_path / "home"
    r = run("demo", env={"FEVER_SENTINEL_HOME": str(home)})
    assert r.returncode == 0, r.stderr
    assert (home / "fever-sentinel.sqlite3").exists()
    assert "demo-2026" in r.stdout
    again = run("demo", env={"FEVER_SENTINEL_HOME": str(home)})
    assert again.returncode == 0 and "already complete" in again.stdout


def test_demo_refuses_a_real_clinic(tmp_path: Path) -> None:
    d = tmp_path / "real"
    run("init", "--clinic-code", "XH01", "--clinic-name", "新河镇卫生院", "--admin", "boss", stdin="admin-pass-1\n",
        data_dir=d)
    r = run("demo", data_dir=d)
    assert r.returncode == 1 and "not_demo_clinic" in r.stderr


def test_backup_and_restore(tmp_path: Path) -> None:
    d = tmp_path / "clinic"
    run("demo", data_dir=d)
    out = tmp_path / "backups" / "b1.sqlite3"
    r = run("backup", "--out", str(out), data_dir=d)
    assert r.returncode == 0, r.stderr
    assert out.exists() and not list(out.parent.glob(".*partial"))
    run("user", "add", "later", "--role", "doctor", stdin="later-pass-1\n", data_dir=d)

    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(out.read_bytes()[:8192] + b"\x00garbage" * 500)
    r = run("restore", str(corrupt), "--yes", data_dir=d)
    assert r.returncode == 1 and ("corrupt_backup" in r.stderr or "not_a_backup" in r.stderr)
    assert "later" in run("user", "list", data_dir=d).stdout  # nothing was touched

    r = run("restore", str(out), "--yes", data_dir=d)
    assert r.returncode == 0, r.stderr
    listing = run("user", "list", data_dir=d).stdout
    assert "later" not in listing and "nurse" in listing
    assert run("audit", "verify", data_dir=d).returncode == 0


def test_help_lists_commands() -> None:
    r = run("--help")
    assert r.returncode == 0
    for command in ("init", "user", "audit", "backup", "restore", "demo"):
        assert command in r.stdout


def test_trusted_clinics_listed_and_distrusted(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    for d, code in ((here, "XH01"), (there, "SZ01")):
        r = run("init", "--clinic-code", code, "--clinic-name", f"{code} 卫生院", "--admin", "boss",
                stdin="admin-pass-1\n", data_dir=d)
        assert r.returncode == 0, r.stderr
    key = run("clinic", "public-key", "--quiet", data_dir=there).stdout.strip()
    r = run("clinic", "trusted", data_dir=here)
    assert r.returncode == 0 and "no trusted clinics" in r.stdout
    assert json.loads(run("clinic", "trusted", "--json", data_dir=here).stdout) == []

    r = run("clinic", "trust", "sz01", "--name", "市传染病医院", "--public-key", key, data_dir=here)
    assert r.returncode == 0, r.stderr
    listed = json.loads(run("clinic", "trusted", "--json", data_dir=here).stdout)
    assert [(c["code"], c["name"], c["public_key"]) for c in listed] == [("SZ01", "市传染病医院", key)]
    assert len(listed[0]["key_id"]) > 0 and listed[0]["added_at"].endswith("+00:00")
    r = run("clinic", "trusted", data_dir=here)
    assert "SZ01" in r.stdout and listed[0]["key_id"] in r.stdout

    missing_reason = run("clinic", "distrust", "SZ01", data_dir=here)
    assert missing_reason.returncode == 2 and "--reason" in missing_reason.stderr
    blank = run("clinic", "distrust", "SZ01", "--reason", " ", data_dir=here)
    assert blank.returncode == 1 and "error [required]" in blank.stderr and "field=reason" in blank.stderr
    unknown = run("clinic", "distrust", "NOPE", "--reason", "closed", data_dir=here)
    assert unknown.returncode == 1 and "error [not_found]" in unknown.stderr and "NOPE" in unknown.stderr

    r = run("clinic", "distrust", "sz01", "--reason", "key leaked", data_dir=here)
    assert r.returncode == 0, r.stderr
    assert "SZ01 no longer trusted" in r.stdout
    assert json.loads(run("clinic", "trusted", "--json", data_dir=here).stdout) == []
    assert run("audit", "verify", data_dir=here).returncode == 0
