"""``fever-sentinel severity FILE.csv [--json]`` (app/cli.py, app/severity/rows.py): each row's scores, NEWS2,
highest single score and triage level in the data directory's language; UTF-8, BOM or GBK; a bad row says
so with its line number while the others print, and the exit code is then 1."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import build_parser
from app.cli import main as cli_main
from app.severity.rows import read_rows
from app.vocabulary import errors as error_words

ROWS = ("rr,spo2,scale,oxygen,sbp,hr,avpu,temp\n"
        "16,97,1,0,125,72,A,37.0\n"
        "24,93,1,1,95,118,A,38.9\n"
        ",,,,,,,39.5\n"
        "20,89,2,1,130,88,A,37.0\n")


def run(tmp_path: Path, text: str | bytes, *extra: str, language: str | None = None) -> tuple[int, str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    if language:
        (data / "settings.json").write_text(json.dumps({"ui.language": language}), encoding="utf-8")
    path = tmp_path / "vitals.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = io.StringIO()
    code = cli_main(["--data-dir", str(data), "severity", str(path), *extra], out=out)
    return code, out.getvalue()


def test_json(tmp_path: Path) -> None:
    code, out = run(tmp_path, ROWS, "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["line"], r["news2"], r["max_single"], r["level"]) for r in rows] == [
        (2, 0, 0, 4), (3, 11, 2, 2), (4, 2, 2, 4), (5, 2, 2, 4)]
    assert rows[1]["scores"] == {"respiratory_rate": 2, "spo2": 2, "oxygen": 2, "systolic_bp": 2, "heart_rate": 2,
                                 "consciousness": 0, "temperature": 1}
    assert rows[1]["immediate"] is True and rows[1]["minutes"] == 15 and rows[1]["risk"] == "high"
    assert rows[1]["reasons"][0] == {"code": "news2_high", "level": 2, "value": "11"}
    partial = rows[2]
    assert partial["complete"] is False and partial["scores"]["spo2"] is None
    assert partial["missing"] == ["respiratory_rate", "spo2", "oxygen", "systolic_bp", "heart_rate", "consciousness"]
    assert rows[3]["scores"]["spo2"] == 0 and rows[3]["scores"]["oxygen"] == 2  # scale 2 at target, on oxygen


def test_text_in_english_and_in_chinese(tmp_path: Path) -> None:
    code, out = run(tmp_path, ROWS)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["line", "RR", "SpO2"] and lines[0].rstrip().endswith("level")
    row_3 = next(line for line in lines if line.split()[0] == "3")
    assert row_3.split()[1:10] == ["2", "2", "2", "2", "2", "0", "1", "11", "2"]
    assert "Level II (critical)" in row_3 and "to the doctor at once" in row_3
    assert "reasons: NEWS2 11 (high risk) → II" in out
    assert "2+" in next(line for line in lines if line.split()[0] == "4")  # the partial total
    assert "not measured (the total is partial): Respiration rate; SpO₂" in out
    code, out = run(tmp_path, ROWS, language="zh_CN")
    assert code == 0
    assert "Ⅱ级 危重 · 15 分钟内就诊 · 立即送医生处" in out and "理由：NEWS2 11 分（高风险） → Ⅱ级" in out
    assert out.splitlines()[0].split()[:3] == ["行", "呼吸", "血氧"]


def test_gbk_with_chinese_column_names_in_any_order(tmp_path: Path) -> None:
    text = "体温,呼吸频率,血氧饱和度,量表,吸氧,收缩压,心率,意识\r\n38.6℃,22,95%,1,0,108,96,C\r\n"
    code, out = run(tmp_path, text.encode("gbk"), "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["scores"] == {"respiratory_rate": 2, "spo2": 1, "oxygen": 0, "systolic_bp": 1, "heart_rate": 1,
                             "consciousness": 3, "temperature": 1}
    assert (row["news2"], row["max_single"], row["level"]) == (9, 3, 2)


def test_without_a_header_and_with_a_bom(tmp_path: Path) -> None:
    code, out = run(tmp_path, "\ufeff8,80,1,0,65,38,U,34.9\n", "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert (row["news2"], row["level"], row["minutes"]) == (18, 1, 0)
    assert row["warnings"] == ["temperature_low"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_bad_row_says_which_and_the_others_print(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   language: str) -> None:
    text = ROWS + "abc,97,1,0,120,70,A,37\n16,97,1,0,120,70,A\n16,97,3,0,120,70,A,37\n16,97,1,0,120,70,A,50\n"
    code, out = run(tmp_path, text, "--json", language=language)
    assert code == 1
    assert [r["line"] for r in json.loads(out)] == [2, 3, 4, 5]
    err = capsys.readouterr().err.splitlines()
    assert [line.split("]")[0] for line in err] == ["error [respiratory_rate_range", "error [severity_columns",
                                                     "error [spo2_scale", "error [temperature_range"]
    where = "line 6: " if language == "en" else "第 6 行："
    sentence = error_words.sentence("respiratory_rate_range", {"minimum": 2, "maximum": 80}, language)
    assert err[0] == f"error [respiratory_rate_range]: {where}{sentence}"


def test_a_wrong_header_refuses_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(tmp_path, "rr,spo2,scale,oxygen,sbp,pulse,avpu,temp\n16,97,1,0,120,70,A,37\n")
    assert code == 1 and out == ""
    assert capsys.readouterr().err.startswith("error [severity_header]: ")
    code, _out = run(tmp_path, b"\xff\xfe1\x006\x00")  # UTF-16: neither UTF-8 nor GBK
    assert code == 1 and "file_encoding" in capsys.readouterr().err


def test_blank_lines_and_an_empty_file() -> None:
    assert read_rows(b"") == []
    rows = read_rows(b"\n16,97,1,0,120,70,A,37\n,,,,,,,\n\n")
    assert [(r.line, r.error) for r in rows] == [(2, None)]


def test_the_command_is_listed() -> None:
    assert "severity" in build_parser().format_help()
