"""`fever-sentinel import visits`: the form's rules on every row, all-or-nothing for the valid
rows, rejected rows listed, and a re-import adds nothing twice."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sqlalchemy import select

from app.actor import Actor
from app.cli import main as cli_main
from app.context import AppContext
from app.triage.lists import ListQuery
from app.triage.tables import Screening

HEADER = ("screened_at,name,id_type,id_number,sex,birth_date,phone,address,temperature,symptoms,onset_date,decision,"
          "health_code,health_code_note\n")
ROWS = [
    "2026-11-22 08:05,王䶮,resident_id,11010519491231002x,,,13800138000,新河镇一村,38.2,fever;cough,2026-11-21,fever_clinic,绿码,",
    "2026-11-22 08:10,李四,passport,E1234567,male,1980-02-03,,,36.6,,,general,green,",
    "2026-11-22 08:15,张三,resident_id,110105194912310021,,,,,38.0,fever,,fever_clinic,green,",  # bad check digit
    "2026-11-22 08:20,赵五,other,,female,1990-01-01,,,45.0,,,fever_clinic,green,",  # impossible temperature
    "2026-11-22 08:25,钱六,other,,female,1990-01-01,12345,,37.8,,,fever_clinic,green,",  # bad phone
    "2026-11-22 08:30,孙七,other,,male,,,,38.5,fever,,general,green,",  # downgrade with no recorded reason
    "2099-01-01 08:00,周八,other,,male,,,,36.5,,,general,green,",  # in the future
]


def write(path: Path, rows: list[str], bom: bool = True) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + (HEADER + "\n".join(rows) + "\n").encode("utf-8"))
    return path


def run(ctx: AppContext, db_url: str, path: Path) -> tuple[int, dict]:
    out = io.StringIO()
    code = cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "import", "visits", str(path), "--json"],
                    out=out)
    return code, json.loads(out.getvalue())


def test_import_reports_and_is_idempotent(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "paper.csv", ROWS)
    code, report = run(ctx, db_url, path)
    assert code == 1
    assert report["imported"] == 2 and report["skipped_duplicates"] == 0
    assert [r["row"] for r in report["rejected"]] == [4, 5, 6, 7, 8]
    reasons = {r["row"]: r["code"] for r in report["rejected"]}
    assert reasons[4].startswith("id_check_digit") and reasons[5].startswith("temperature_range")
    assert reasons[6].startswith("phone") and reasons[7].startswith("downgrade_needs_reason")
    assert reasons[8].startswith("screened_in_future")

    code, again = run(ctx, db_url, path)
    assert again["imported"] == 0 and again["skipped_duplicates"] == 2
    assert ctx.lists.count(admin, ListQuery()) == 2
    assert ctx.lists.count(admin, ListQuery(registered_only=True)) == 1
    row = ctx.lists.page(admin, ListQuery(registered_only=True))[0]
    assert row.visit_no == "XH01-20261122-0001" and row.patient_name == "王䶮" and row.source == "import"


def test_clean_file_without_bom_exits_zero(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path) -> None:
    code, report = run(ctx, db_url, write(tmp_path / "ok.csv", ROWS[:2], bom=False))
    assert code == 0 and report == {"imported": 2, "skipped_duplicates": 0, "rejected": []}


def test_missing_column_is_a_clear_error(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path,
                                         capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text("name,temperature\n王,38\n", encoding="utf-8")
    code = cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "import", "visits", str(path)])
    assert code == 1 and "csv_header" in capsys.readouterr().err


HEALTH_ROWS = [
    "2026-11-22 09:00,吴一,other,,male,,,,36.6,,,general,黄码,",  # yellow: escalated by the rules, so a
    "2026-11-22 09:05,郑二,other,,female,,,,36.5,,,general,未出示,老人无智能手机",  # downgrade: rejected
    "2026-11-22 09:10,冯三,other,,male,,,,36.5,,,general,,",  # not recorded on paper
    "2026-11-22 09:15,陈四,other,,male,,,,36.5,,,general,蓝码,",  # no such colour
    "2026-11-22 09:20,褚五,other,,male,,,,36.5,,,general,none,",  # not shown, no reason
    "2026-11-22 09:25,卫六,other,,male,,,,36.5,,,general,RED,",  # red: isolate, so a general is a downgrade
    "2026-11-22 09:30,蒋七,passport,E7654321,male,1980-02-03,,,36.4,,,general,Green,",
]


def test_health_code_column(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path) -> None:
    """Each row says what the code was (the codes, or 绿码/黄码/红码/未出示); blank or unknown rejects the
    row, naming it; 未出示 needs health_code_note."""
    code, report = run(ctx, db_url, write(tmp_path / "codes.csv", HEALTH_ROWS))
    assert code == 1 and report["imported"] == 2
    reasons = {r["row"]: (r["code"], r["column"]) for r in report["rejected"]}
    assert reasons == {2: ("downgrade_needs_reason", "decision"),
                       4: ("health_code_unchecked", "health_code"), 5: ("health_code", "health_code"),
                       6: ("health_code_reason", "health_code_note"), 7: ("downgrade_needs_reason", "decision")}
    with ctx.db.read() as s:
        stored = {(h, n) for h, n in s.execute(select(Screening.health_code, Screening.health_code_note))}
    assert stored == {("none", "老人无智能手机"), ("green", None)}

    out = io.StringIO()
    cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "import", "visits",
              str(write(tmp_path / "blank.csv", HEALTH_ROWS[2:3]))], out=out)
    assert "第 2 行「健康码」列：未记录健康码查验结果" in out.getvalue()


def test_a_file_without_the_health_code_column_is_refused(ctx: AppContext, admin: Actor, db_url: str,
                                                          tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.csv"
    path.write_text(HEADER.replace(",health_code,health_code_note", "") + ROWS[1].rsplit(",", 2)[0] + "\n",
                    encoding="utf-8")
    code = cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "import", "visits", str(path)])
    assert code == 1 and "csv_header" in capsys.readouterr().err and ctx.lists.count(admin, ListQuery()) == 0
