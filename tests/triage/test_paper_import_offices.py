"""Paper import as Chinese offices make it (issue 14): GBK/UTF-8-BOM CSV and XLSX, Chinese headers and values,
three date forms and Excel date cells, an empty decision decided by the rules, the desk's length limits,
rejections naming row, column and value in Chinese, batches that let a desk save meanwhile, the template."""

from __future__ import annotations

import io
import json
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.actor import Actor
from app.cli import main as cli_main
from app.context import AppContext
from app.errors import ValidationError
from app.triage.paper_import import BATCH_ROWS
from app.triage.records import ScreeningInput, TravelEntry
from app.triage.tables import Screening, Visit

CN_HEADER = "预检时间,姓名,证件类型,证件号码,性别,出生日期,联系电话,现住址,体温,症状,发病日期,分诊去向,健康码,未出示原因,旅居史\n"
CN_ROWS = [
    "2026-11-22 08:05,王小明,居民身份证,11010519491231002x,,,13800138000,新河镇一村,38.2,发热、咳嗽,2026/11/21,发热门诊,绿码,,",
    "2026/11/22 9:15,李四,护照,E1234567,男,1980-02-03,,,36.6,,,普通门诊,绿码,,",
    "2026年11月22日 10时20分,赵五,其他,,女,1990年1月1日,,,38.6,发烧,,立即隔离,红码,,",
    "2026-11-22 11:00,钱六,,,女,,,,38.5,发热,,,未出示,老人无智能手机,广东省广州市白云区",  # decision empty
]


def run(ctx: AppContext, db_url: str, path: Path, *extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "import", "visits", str(path), *extra],
                    out=out)
    return code, out.getvalue()


def stored(ctx: AppContext) -> dict[str, tuple[datetime, str, str, str]]:
    """Screenings by time (clinic local HH:MM) → (utc time, decision, symptoms, health code)."""
    with ctx.db.read() as s:
        return {r.screened_at.astimezone(timezone.utc).strftime("%H:%M"): (r.screened_at, r.decision, r.symptoms,
                                                                           r.health_code)
                for r in s.scalars(select(Screening).where(Screening.source == "import"))}


def test_gbk_csv_with_chinese_headers_values_and_dates(ctx: AppContext, admin: Actor, staff: dict[str, Actor],
                                                       db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "纸质登记.csv"
    path.write_bytes((CN_HEADER + "\n".join(CN_ROWS) + "\n").encode("gbk"))
    code, out = run(ctx, db_url, path, "--json")
    report = json.loads(out)
    assert code == 0 and report == {"imported": 4, "skipped_duplicates": 0, "rejected": []}
    rows = stored(ctx)
    # 08:05, 9:15, 10时20分, 11:00 Beijing time → UTC 00:05, 01:15, 02:20, 03:00 (all three date forms)
    assert set(rows) == {"00:05", "01:15", "02:20", "03:00"}
    assert rows["00:05"][1:] == ("fever_clinic", "cough,fever", "green")
    assert rows["01:15"][1] == "general" and rows["02:20"][1:3] == ("isolate", "fever")
    with ctx.db.read() as s:
        assert s.scalar(select(func.count(Visit.id))) == 3  # the general outpatient is not registered
    # the empty decision is what the desk's rules say for the same screening
    expected = ctx.screening.assess(ScreeningInput(38.5, symptoms=frozenset({"fever"}), health_code="none",
                                                   health_code_note="老人无智能手机",
                                                   travel=(TravelEntry("广东省广州市白云区"),)))
    assert rows["03:00"][1] == expected.decision == "isolate"
    again, out = run(ctx, db_url, path, "--json")  # a re-run imports nothing twice
    assert json.loads(out)["skipped_duplicates"] == 4 and json.loads(out)["imported"] == 0


def test_utf8_bom_and_plain_utf8(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeff".encode() + (CN_HEADER + CN_ROWS[1] + "\n").encode("utf-8"))
    plain = tmp_path / "plain.csv"
    plain.write_text(CN_HEADER + CN_ROWS[2] + "\n", encoding="utf-8")
    assert run(ctx, db_url, bom)[0] == 0 and run(ctx, db_url, plain)[0] == 0
    assert len(stored(ctx)) == 2


def test_neither_utf8_nor_gb18030_is_refused(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(CN_HEADER.encode("utf-8") + b"\xff\xfe\x80\x81,\xff\n")
    assert run(ctx, db_url, path)[0] == 1
    assert "file_encoding" in capsys.readouterr().err and not stored(ctx)


def test_a_broken_workbook_is_refused(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert run(ctx, db_url, path)[0] == 1 and "file_format" in capsys.readouterr().err


def test_xlsx_with_chinese_values_and_excel_dates(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(CN_HEADER.strip().split(","))
    sheet.append([datetime(2026, 11, 22, 8, 30), "孙七", "居民身份证", "11010519491231002X", None,
                  datetime(1949, 12, 31), "13800138000", "新河镇二村", 38.4, "发热；咳嗽", datetime(2026, 11, 21),
                  "发热门诊", "绿码", None, None])
    sheet.append(["2026年11月22日 8时45分", "周八", "其他", None, "男", None, None, None, 36.5, None, None,
                  "普通门诊", "绿码", None, None])
    path = tmp_path / "登记.xlsx"
    book.save(path)
    code, out = run(ctx, db_url, path, "--json")
    assert code == 0 and json.loads(out)["imported"] == 2
    rows = stored(ctx)
    assert rows["00:30"][1:] == ("fever_clinic", "cough,fever", "green") and rows["00:45"][1] == "general"
    with ctx.db.read() as s:
        visit = s.scalars(select(Visit)).one()
        assert visit.onset_date.isoformat() == "2026-11-21" and visit.patient.birth_date.isoformat() == "1949-12-31"


def test_rejections_name_row_column_and_value_in_chinese(ctx: AppContext, admin: Actor, db_url: str,
                                                         tmp_path: Path) -> None:
    long_id = "A" * 5000
    rows = [CN_ROWS[1],
            f"2026-11-22 12:00,吴九,其他,{long_id},男,,,,37.0,,,普通门诊,绿码,,",  # 5 000-character "other" ID
            "2026-11-22 12:05,郑十,居民身份证,110105194912310021,,,,,38.0,发热,,,绿码,,",  # check digit
            "2026-11-22 12:10,冯一,其他,,男,,,,38.0,头晕,,,绿码,,",  # unknown symptom
            "2026-11-22 25:10,陈二,其他,,男,,,,38.0,,,,绿码,,",  # no such time
            "2026-11-22 12:20,褚三,其他,,男,,,,38.0,发热,,留观,绿码,,",  # no such decision
            "2026-11-22 12:25,卫四,其他,,男,,,,38.0,发热,,,绿码,,有"]  # travel "yes": which area?
    path = tmp_path / "rows.csv"
    path.write_text(CN_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    code, out = run(ctx, db_url, path, "--json")
    report = json.loads(out)
    assert code == 1 and report["imported"] == 1
    by_row = {r["row"]: r for r in report["rejected"]}
    assert {n: (r["column"], r["code"]) for n, r in by_row.items()} == {
        3: ("id_number", "too_long"), 4: ("id_number", "id_check_digit"), 5: ("symptoms", "symptom"),
        6: ("screened_at", "date_format"), 7: ("decision", "decision"), 8: ("travel", "travel_area")}
    assert by_row[3]["reason"].startswith("第 3 行「证件号码」列的值“AAAA") and "共 5000 字" in by_row[3]["reason"]
    assert "最多 30 字" in by_row[3]["reason"] and len(by_row[3]["value"]) < 60
    assert by_row[5]["reason"] == f"第 5 行「症状」列的值“头晕”：{by_row[5]['reason'].split('：', 1)[1]}"
    code, text = run(ctx, db_url, path)  # the plain output is the same Chinese sentences
    assert "第 4 行「证件号码」列的值“110105194912310021”：身份证号码校验位不符" in text
    with ctx.db.read() as s:
        assert not s.scalar(select(func.count(Screening.id)).where(Screening.temperature_c == 37.0))


@pytest.mark.slow
def test_desk_saves_while_a_large_import_runs(ctx: AppContext, staff: dict[str, Actor], db_url: str,
                                              tmp_path: Path) -> None:
    """The import commits in batches: a screening saved at the desk meanwhile succeeds (no db_busy)."""
    n = 5000
    lines = [f"2026-11-22 {7 + i // 3600 % 10:02d}:{i // 60 % 60:02d}:{i % 60:02d},患者{i},其他,,男,,,,"
             f"{36.0 + (i % 10) / 10:.1f},,,普通门诊,绿码,," for i in range(n)]
    path = tmp_path / "big.csv"
    path.write_text(CN_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    result: dict[str, object] = {}

    def desk() -> None:
        try:
            while True:  # wait until the import has committed a batch: it is running now
                with ctx.db.read() as s:
                    if s.scalar(select(func.count(Screening.id)).where(Screening.source == "import")):
                        break
                time.sleep(0.01)
            result["record"] = ctx.screening.record(staff["nurse"], ScreeningInput(38.6, health_code="green"))
        except Exception as exc:  # noqa: BLE001 — reported below
            result["error"] = exc

    thread = threading.Thread(target=desk)
    thread.start()
    report = ctx.paper_import.import_visits(staff["nurse"], path)
    thread.join(timeout=120)
    assert "error" not in result, result.get("error")
    assert result["record"].decision == "fever_clinic"  # type: ignore[attr-defined]
    assert report.imported == n and not report.rejected and report.batches >= n // BATCH_ROWS
    with ctx.db.read() as s:
        assert s.scalar(select(func.count(Screening.id)).where(Screening.source == "desk")) == 1
        assert s.scalar(select(func.count(Screening.id)).where(Screening.source == "import")) == n


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template_round_trip(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"模板{suffix}"
    out = io.StringIO()
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "import", "visits", "--template",
                     str(path)], out=out) == 0
    assert path.exists() and "template written" in out.getvalue()
    if suffix == ".csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf\xe9\xa2\x84\xe6\xa3\x80")  # BOM + 预检
    code, text = run(ctx, db_url, path, "--json")
    assert code == 0 and json.loads(text) == {"imported": 1, "skipped_duplicates": 0, "rejected": []}


def test_help_lists_columns_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli_main(["import", "visits", "--help"])
    text = capsys.readouterr().out
    for words in ("预检时间", "证件号码", "发热门诊", "立即隔离", "居民身份证", "2026年12月3日 9时15分", "GBK", "xlsx",
                  "--template"):
        assert words in text, words


def test_date_forms_parse_alike() -> None:
    from app.triage.import_words import parse_when

    forms = ["2026-12-03 09:15", "2026/12/3 9:15", "2026年12月3日 9时15分", "2026-12-03 09:15:00",
             "2026年12月3日9点15分"]
    assert {parse_when(f, "screened_at", need_time=True) for f in forms} == {datetime(2026, 12, 3, 9, 15)}
    for bad in ("2026-12-03", "12/3/2026 9:15", "2026-13-03 09:15", "昨天"):
        with pytest.raises(ValidationError) as err:
            parse_when(bad, "screened_at", need_time=True)
        assert err.value.code == "date_format"
