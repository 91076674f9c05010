"""Issue 14, the operator drill: what a township installer and admin do with the real command line on a fresh
machine, checking at every step that nothing was lost.

The machine is made up in a temporary folder: its own HOME (so the per-user default data directory is a
throw-away one, and must stay unused), a machine configuration file (FEVER_SENTINEL_CONFIG, app/machine_config.py)
that names the clinic's data directory, and no FEVER_SENTINEL_* variable from the developer's environment.
The commands run in this process (``app.cli.main``); where a terminal or the process's exit code and stderr
matter (a restore typed at a terminal, a database that is down), as ``python -m ui.launcher`` subprocesses.

SQLite (always): demo data → init again refused → backup (again to the same file refused without --force) →
a wrong data dir refused (not_initialized, nothing created) → restore: refused without a confirmation, at a
terminal with a wrong answer, then with --yes (the dated .before-restore- copy kept, the restore audited with
the head it replaced, audit verify intact) → import of a GBK CSV and an XLSX file with Chinese headers and
values (a second import adds nothing) → risk-area wipe refused (empty and truncated files; the list unchanged).

PostgreSQL (when FEVER_SENTINEL_TEST_PG_URL is set): init through the machine configuration → the database
down (the URL's port where nothing listens) → one db_unreachable line, exit 1, no traceback → the database
back → the same data, and writing works again.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import cli, logfile
from app.triage.identity import check_digit

from tests.conftest import NO_PG_REASON, PG_ENV, fresh_pg_database

REPO = Path(__file__).resolve().parents[1]
ZONE = ZoneInfo("Asia/Shanghai")  # the demo clinic's and init's default zone
PASSWORD = "drill-pass-2026"


# ----- the machine ------------------------------------------------------------------------------------

@dataclass
class Machine:
    """A fresh machine layout and the commands run on it."""

    root: Path
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]
    pg_admin_url: str | None = None
    audit_rows_seen: list[int] = field(default_factory=list)

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def config(self) -> Path:
        return self.root / "etc" / "fever-sentinel" / "config.toml"

    @property
    def clinic(self) -> Path:
        return self.root / "srv" / "FeverSentinel"

    @property
    def database(self) -> Path:
        return self.clinic / "fever-sentinel.sqlite3"

    def write_config(self, **values: str) -> None:
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.write_text("".join(f"{k} = '{v}'\n" for k, v in values.items()), encoding="utf-8")

    def env(self) -> dict[str, str]:
        """The whole environment of a subprocess: nothing from the developer's but PATH and the locale."""
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.home), "LANG": "C.UTF-8",
                "FEVER_SENTINEL_CONFIG": str(self.config), "QT_QPA_PLATFORM": "offscreen",
                "PYTHONPATH": str(REPO)}

    def run(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        """``fever-sentinel ARGV`` in this process: (exit code, stdout, stderr)."""
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        out = io.StringIO()
        code = cli.main(list(argv), out=out)
        captured = self.capsys.readouterr()
        return code, out.getvalue() + captured.out, captured.err

    def ok(self, *argv: str, stdin: str = "") -> str:
        code, out, err = self.run(*argv, stdin=stdin)
        assert code == 0, f"{argv}: exit {code}\n{out}\n{err}"
        return out

    def refused(self, code_name: str, *argv: str, stdin: str = "") -> str:
        """The command fails with ONE line naming ``code_name``, exit 1, no traceback."""
        code, out, err = self.run(*argv, stdin=stdin)
        assert code == 1, f"{argv}: exit {code}\n{out}\n{err}"
        assert err.strip().splitlines() == [err.strip()] and f"error [{code_name}]" in err, err
        assert "Traceback" not in err + out
        return err

    def launch(self, *argv: str, tty_input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        """``python -m ui.launcher ARGV`` as its own process; ``tty_input`` is typed on a terminal."""
        cmd = [sys.executable, "-m", "ui.launcher", *argv]
        if tty_input is None:
            return subprocess.run(cmd, env=self.env(), cwd=self.root, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=timeout)
        master, slave = pty.openpty()
        try:
            os.write(master, tty_input.encode())
            return subprocess.run(cmd, env=self.env(), cwd=self.root, capture_output=True, text=True, stdin=slave,
                                  timeout=timeout)
        finally:
            os.close(slave)
            os.close(master)

    def audit(self, *flags: str) -> dict:
        """``audit verify --json``; the chain must be intact and (unless a restore rolled it back) never shrink."""
        report = json.loads(self.ok(*flags, "audit", "verify", "--json"))
        assert report["ok"] and report["problem"] is None, report
        if self.audit_rows_seen:
            assert report["rows"] >= self.audit_rows_seen[-1], (report, self.audit_rows_seen)
        self.audit_rows_seen.append(report["rows"])
        return report

    def risk_areas(self) -> list[tuple[str, str]]:
        return sorted((a["name"], a["level"]) for a in json.loads(self.ok("risk-areas", "list", "--json")))


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[Machine]:
    m = Machine(tmp_path / "machine", monkeypatch, capsys, pg_admin_url=os.environ.get(PG_ENV))
    m.home.mkdir(parents=True)
    for name in list(os.environ):  # nothing leaks from the developer's machine
        if name.startswith(("FEVER_SENTINEL_", "XDG_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(m.home))
    monkeypatch.setenv("FEVER_SENTINEL_CONFIG", str(m.config))
    monkeypatch.chdir(m.root)
    yield m
    logfile.shutdown()  # cli.main logged into this machine's data directory; later tests start without it


def _nothing_in_home(m: Machine) -> None:
    """Every command found the clinic through the machine configuration: the per-user default is unused."""
    made = [p for p in m.home.rglob("*") if "FeverSentinel" in p.name or "fever" in p.name.lower()]
    assert made == [], made


# ----- what "nothing lost" counts ------------------------------------------------------------------------

COUNTED = ("visits", "patients", "screenings", "risk_areas", "users")


def _sqlite_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (*COUNTED, "audit_events")}
    finally:
        conn.close()
    return counts


def _server_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in (*COUNTED, "audit_events")}
    finally:
        engine.dispose()


def _last_audit(path: Path) -> tuple[str, dict]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        action, summary = conn.execute("SELECT action, summary FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return action, json.loads(summary)


# ----- the paper files ---------------------------------------------------------------------------------

def _resident_id(birth: str, serial: int) -> str:
    first17 = f"110105{birth}{serial:03d}"
    return first17 + check_digit(first17)


def _template_header(m: Machine, name: str) -> list[str]:
    """The Chinese headers of ``import visits --template`` (what an office fills in)."""
    path = m.root / "paper" / name
    path.parent.mkdir(exist_ok=True)
    out = m.ok("import", "visits", "--template", str(path))
    assert str(path) in out
    with path.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert {"预检时间", "姓名", "证件类型", "分诊去向", "健康码"} <= set(header), header
    return header


def _gbk_csv(m: Machine, header: list[str], day: datetime) -> Path:
    """As Excel saves CSV on Chinese Windows: GBK, Chinese values, ``2026/12/3 9:15``, an empty decision."""
    rows = [
        {"预检时间": f"{day:%Y}/{day.month}/{day.day} 9:15", "姓名": "李秀英", "证件类型": "居民身份证",
         "证件号码": _resident_id("19800101", 22), "性别": "女", "联系电话": "13800138001",
         "现住址": "新河镇东村", "体温": "38.6", "症状": "发热、咳嗽", "发病日期": f"{day:%Y}/{day.month}/{day.day}",
         "分诊去向": "", "健康码": "绿码", "接触史": "否", "聚集性发病": "否"},
        {"预检时间": f"{day:%Y}/{day.month}/{day.day} 10:40", "姓名": "张建华", "证件类型": "身份证",
         "证件号码": _resident_id("19751212", 31), "性别": "男", "联系电话": "13800138002",
         "现住址": "柳林村", "体温": "38.9", "症状": "发热；咽痛", "发病日期": "",
         "分诊去向": "立即隔离", "健康码": "黄码", "旅居史": "广东省广州市白云区", "接触史": "否",
         "聚集性发病": "否"},
        {"预检时间": f"{day:%Y}/{day.month}/{day.day} 11:05", "姓名": "王刚", "证件类型": "居民身份证",
         "证件号码": _resident_id("19900505", 17), "性别": "男", "联系电话": "13800138003",
         "现住址": "石桥村", "体温": "36.5", "症状": "无", "发病日期": "", "分诊去向": "普通", "健康码": "绿码",
         "接触史": "否", "聚集性发病": "否"},
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    path = m.root / "paper" / "停电期间登记.csv"
    data = buffer.getvalue().encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really GBK, not UTF-8 by accident
    path.write_bytes(data)
    return path


def _xlsx(m: Machine, header: list[str], day: datetime) -> Path:
    """An office's workbook: ``2026年12月3日 9时15分``, a real Excel date cell, Chinese values, one row that
    lacks the health code (rejected, named in Chinese; the other rows are imported)."""
    from openpyxl import Workbook

    rows = [
        {"预检时间": f"{day:%Y}年{day.month}月{day.day}日 14时20分", "姓名": "赵一诺", "证件类型": "居民身份证",
         "证件号码": _resident_id("20100303", 44), "性别": "女", "联系电话": "13900139001", "现住址": "河湾村",
         "体温": "38.2", "症状": "发热、乏力", "发病日期": f"{day:%Y}年{day.month}月{day.day}日",
         "分诊去向": "发热门诊", "健康码": "绿码"},
        {"预检时间": day.replace(hour=15, minute=5, tzinfo=None), "姓名": "陈涛", "证件类型": "居民身份证",
         "证件号码": _resident_id("19660606", 51), "性别": "男", "联系电话": "13900139002", "现住址": "新河镇南街",
         "体温": 38.4, "症状": "发热", "分诊去向": "", "健康码": "绿码"},
        {"预检时间": f"{day:%Y}年{day.month}月{day.day}日 16时00分", "姓名": "孙丽", "证件类型": "居民身份证",
         "证件号码": _resident_id("19850707", 62), "性别": "女", "现住址": "新河镇中学", "体温": "37.9",
         "症状": "咳嗽", "分诊去向": "", "健康码": ""},
    ]
    book = Workbook()
    sheet = book.active
    sheet.title = "预检登记"
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h, "") for h in header])
    path = m.root / "paper" / "预检登记表.xlsx"
    book.save(path)
    return path


# ----- the SQLite drill -----------------------------------------------------------------------------------

def test_operator_drill_on_a_fresh_machine(machine: Machine) -> None:
    m = machine
    m.write_config(data_dir=str(m.clinic))

    # --- before anything: the configured directory has no clinic; a command says so and creates nothing
    m.refused("not_initialized", "user", "list")
    assert not m.clinic.exists()

    # --- demo data (the demo clinic is made by `demo`; `init` then refuses to make a second clinic over it)
    out = m.ok("demo")
    assert str(m.clinic) in out and m.database.is_file()
    start = _sqlite_counts(m.database)
    assert start["visits"] > 0 and start["risk_areas"] == 3 and start["users"] >= 5, start
    first = m.audit()
    m.refused("already_initialized", "init", "--clinic-code", "XH01", "--clinic-name", "新河镇卫生院",
              "--admin", "boss", stdin=f"{PASSWORD}\n")
    assert _sqlite_counts(m.database) | {"audit_events": 0} == start | {"audit_events": 0}
    areas = m.risk_areas()
    assert len(areas) == 3 and ("广东省广州市白云区", "high") in areas

    # --- backup; the same file again is refused without --force; nothing half-written is left
    backups = m.root / "usb"
    backups.mkdir()
    target = backups / "fever-sentinel-drill.sqlite3"
    out = m.ok("backup", "--out", str(target))
    assert "backup written" in out and "NOT in this backup" in out  # says plainly the keys are not in it
    backup_seq = int(out.split("audit head ")[1].split(")")[0])
    assert backup_seq == first["rows"]
    in_backup = _sqlite_counts(target)  # readable, intact, the same data
    assert in_backup | {"audit_events": 0} == start | {"audit_events": 0}
    assert in_backup["audit_events"] == backup_seq
    size = target.stat().st_size
    m.refused("backup_exists", "backup", "--out", str(target))
    assert target.stat().st_size == size and _sqlite_counts(target) == in_backup
    assert sorted(p.name for p in backups.iterdir()) == [target.name]  # no .partial left behind
    m.audit()

    # --- a wrong data dir (a typo) and an empty one: refused, nothing created there, the clinic untouched
    typo = m.root / "srv" / "FeverSentinal"
    empty = m.root / "empty"
    empty.mkdir()
    for wrong in (typo, empty):
        for argv in (("audit", "verify"), ("user", "list"), ("risk-areas", "list"),
                     ("backup", "--out", str(wrong / "b.sqlite3"))):
            m.refused("not_initialized", "--data-dir", str(wrong), *argv)
    assert not typo.exists()
    assert list(empty.iterdir()) == []  # nothing at all in the empty folder, not even a log
    proc = m.launch("--data-dir", str(typo), "audit", "verify")  # the exit code a script sees
    assert proc.returncode == 1 and "error [not_initialized]" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and not typo.exists()
    m.audit()

    # --- something recorded after the backup (it is what a restore gives up, and the kept copy holds)
    m.ok("user", "add", "nurse2", "--role", "triage_nurse", "--full-name", "周护士", stdin=f"{PASSWORD}\n")
    before_restore = m.audit()
    counts_before_restore = _sqlite_counts(m.database)
    assert counts_before_restore["users"] == start["users"] + 1

    # --- restore: not without a confirmation (a script, a terminal answering "no"); then --yes
    m.refused("restore_needs_yes", "restore", str(target))
    proc = m.launch("restore", str(target), tty_input="no\n")
    assert proc.returncode == 1 and "error [restore_not_confirmed]" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "DEMO01" in proc.stdout  # the prompt named the clinic
    assert list(m.clinic.glob("*.before-restore-*")) == []
    assert _sqlite_counts(m.database) == counts_before_restore  # nothing changed
    out = m.ok("restore", "--yes", str(target))
    kept = list(m.clinic.glob("fever-sentinel.sqlite3.before-restore-*"))
    assert len(kept) == 1 and str(kept[0]) in out
    stamp = kept[0].name.rsplit("before-restore-", 1)[1]
    assert len(stamp) == 13 and stamp[8] == "-" and stamp.replace("-", "").isdigit()  # dated YYYYMMDD-HHMM
    assert _sqlite_counts(kept[0]) == counts_before_restore  # the replaced database, whole
    restored = _sqlite_counts(m.database)
    assert restored | {"audit_events": 0} == start | {"audit_events": 0}  # the backup's data, all of it
    assert restored["audit_events"] == backup_seq + 1  # the backup's trail and the restore's own row
    action, summary = _last_audit(m.database)
    assert action == "db.restore"
    assert summary["replaced_seq"] == before_restore["head_seq"] and summary["backup_seq"] == backup_seq
    assert summary["replaced_hash"] == before_restore["head_hash"] and summary["kept"] == kept[0].name
    m.audit_rows_seen.clear()  # a restore rolls the trail back on purpose: count again from here
    after_restore = m.audit()
    assert after_restore["rows"] == backup_seq + 1
    assert "nurse2" not in m.ok("user", "list") and m.risk_areas() == areas
    assert _sqlite_counts(target) == in_backup  # the backup file itself is untouched and still readable

    # --- paper import: a GBK CSV and an XLSX with Chinese headers and values
    day = (datetime.now(ZONE) - timedelta(days=1)).replace(second=0, microsecond=0)
    gbk = _gbk_csv(m, _template_header(m, "template.csv"), day)
    counts = _sqlite_counts(m.database)
    report = json.loads(m.ok("import", "visits", str(gbk), "--json"))
    assert report["imported"] == 3 and report["rejected"] == [] and report["skipped_duplicates"] == 0, report
    after_csv = _sqlite_counts(m.database)
    assert after_csv["screenings"] == counts["screenings"] + 3
    assert after_csv["visits"] == counts["visits"] + 2  # the fever patients; 普通 registers no visit
    m.audit()

    book = _xlsx(m, _template_header(m, "template2.csv"), day)
    code, out, err = m.run("import", "visits", str(book))
    assert code == 1 and "Traceback" not in err, (out, err)  # exit 1: a row was rejected, said in Chinese
    assert "imported 2" in out and "rejected 1" in out and "第 4 行「健康码」列" in out, out
    after_xlsx = _sqlite_counts(m.database)
    assert after_xlsx["visits"] == after_csv["visits"] + 2
    assert after_xlsx["screenings"] == after_csv["screenings"] + 2
    m.audit()

    for again in (gbk, book):  # a second run of the same files adds nothing, loses nothing
        code, out, _err = m.run("import", "visits", str(again), "--json")
        report = json.loads(out)
        assert report["imported"] == 0 and report["skipped_duplicates"] == (3 if again == gbk else 2), report
    assert _sqlite_counts(m.database) | {"audit_events": 0} == after_xlsx | {"audit_events": 0}
    m.audit()

    # --- risk areas: an empty or truncated file does not wipe the list; list shows it unchanged
    lists = m.root / "county"
    lists.mkdir()
    empty_list = lists / "risk-areas-empty.csv"
    empty_list.write_bytes(b"")
    truncated = lists / "risk-areas-truncated.csv"
    truncated.write_text("地区,等级\n上海市浦东新区,中风险\n", encoding="gbk")
    for bad in (empty_list, truncated):
        err = m.refused("risk_areas_shrink", "risk-areas", "import", str(bad))
        assert "old=3" in err
        assert m.risk_areas() == areas
    shown = m.ok("risk-areas", "list")
    assert "广东省广州市白云区" in shown and "共 3 个地区（高风险 1 个）" in shown
    grown = lists / "risk-areas-new.csv"  # an ordinary update still goes through without --force
    grown.write_text("name,level\n" + "".join(f"{n},{lv}\n" for n, lv in areas) + "湖北省武汉市江夏区,medium\n",
                     encoding="utf-8")
    assert "4 areas" in m.ok("risk-areas", "import", str(grown))
    assert len(m.risk_areas()) == 4
    m.audit()

    # --- at the end: everything is there, the trail intact, the backup still readable, HOME unused
    end = _sqlite_counts(m.database)
    assert end["visits"] == after_xlsx["visits"] and end["screenings"] == after_xlsx["screenings"]
    assert end["users"] == start["users"] and end["risk_areas"] == 4
    assert end["audit_events"] == m.audit()["rows"]
    assert _sqlite_counts(target) == in_backup
    assert [p for p in m.clinic.rglob("*.partial")] == []
    _nothing_in_home(m)


# ----- PostgreSQL: the database down and back ------------------------------------------------------------

@pytest.fixture
def pg_database(machine: Machine) -> Iterator[str]:
    admin = machine.pg_admin_url
    if not admin:
        pytest.skip(NO_PG_REASON)
    with fresh_pg_database(admin, "fs_drill") as url:
        yield url


def _free_port() -> int:
    """A port nothing listens on (stands for a server that is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.postgres
def test_operator_drill_database_down_and_back(machine: Machine, pg_database: str) -> None:
    m = machine
    url = make_url(pg_database)
    config: dict[str, str] = {"data_dir": str(m.clinic)}
    if url.password:  # the machine config never holds a password: it goes in an owner-only file
        secret = m.root / "etc" / "fever-sentinel" / "db-password.txt"
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_text(url.password + "\n", encoding="utf-8")
        secret.chmod(0o600)
        config["db_password_file"] = str(secret)
    good = url.set(password=None).render_as_string(hide_password=False)
    down = url.set(password=None, host="127.0.0.1", port=_free_port()).render_as_string(hide_password=False)
    m.write_config(**config, db_url=good)

    # --- init on the clinic's server, found through the machine configuration; some work on it
    m.refused("not_initialized", "user", "list")
    out = m.ok("init", "--clinic-code", "XH01", "--clinic-name", "新河镇卫生院", "--admin", "boss",
               stdin=f"{PASSWORD}\n")
    assert "clinic XH01" in out and not m.database.exists()  # the data is on the server, not in a file
    m.ok("user", "add", "nurse", "--role", "triage_nurse", "--full-name", "李护士", stdin=f"{PASSWORD}\n")
    day = (datetime.now(ZONE) - timedelta(hours=30)).replace(second=0, microsecond=0)
    gbk = _gbk_csv(m, _template_header(m, "template.csv"), day)
    assert json.loads(m.ok("import", "visits", str(gbk), "--json"))["imported"] == 3
    before = m.audit()
    counts = _server_counts(pg_database)
    assert counts["visits"] == 2 and counts["users"] == 2 and counts["audit_events"] == before["rows"]

    # --- the database is down: one clear line, exit 1, no traceback, nothing written anywhere
    m.write_config(**config, db_url=down)
    files_before = sorted(p.relative_to(m.clinic) for p in m.clinic.rglob("*") if "logs" not in p.parts)
    for argv in (("audit", "verify"), ("user", "list"),
                 ("import", "visits", str(gbk)), ("backup", "--out", str(m.root / "b.sqlite3"))):
        proc = m.launch(*argv) if argv == ("audit", "verify") else None
        if proc is not None:  # as a script or scheduled task sees it
            assert proc.returncode == 1, (proc.stdout, proc.stderr)
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error [db_unreachable]"), proc.stderr
            assert "Traceback" not in proc.stderr + proc.stdout
            assert not url.password or url.password not in proc.stderr + proc.stdout
        m.refused("db_unreachable", *argv)
    m.refused("db_unreachable", "--db-url", down, "user", "list")  # a mistyped flag: the same line
    assert not (m.root / "b.sqlite3").exists()
    assert sorted(p.relative_to(m.clinic) for p in m.clinic.rglob("*") if "logs" not in p.parts) == files_before

    # --- the database is back: the same data, and writing works again
    m.write_config(**config, db_url=good)
    back = m.audit()
    assert back["rows"] == before["rows"] and back["head_hash"] == before["head_hash"]
    assert _server_counts(pg_database) == counts
    assert "nurse" in m.ok("user", "list")
    m.ok("user", "add", "doctor", "--role", "doctor", "--full-name", "王医生", stdin=f"{PASSWORD}\n")
    assert m.audit()["rows"] > back["rows"]
    assert _server_counts(pg_database)["users"] == 3
    _nothing_in_home(m)
