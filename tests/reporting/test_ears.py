"""EARS C1/C2/C3 against series worked out by hand."""

from __future__ import annotations

import io
import json
import math
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.errors import ValidationError
from app.reporting.ears import ears, read_series

START = date(2026, 11, 1)


def days(n: int) -> list[date]:
    return [START + timedelta(days=i) for i in range(n)]


def test_first_usable_day_of_each_method() -> None:
    result = ears(days(12), [1] * 12)
    assert [d.c1 is not None for d in result].index(True) == 7  # the 8th day
    assert [d.c2 is not None for d in result].index(True) == 9  # the 10th
    assert [d.c3 is not None for d in result].index(True) == 11  # the 12th


def test_alternating_baseline_by_hand() -> None:
    counts = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 9]
    result = ears(days(len(counts)), counts)
    # day 8 (index 7): baseline 2,3,2,3,2,3,2 -> mean 17/7, sample sd sqrt(12/42)
    mean, sd = 17 / 7, math.sqrt((4 * (2 - 17 / 7) ** 2 + 3 * (3 - 17 / 7) ** 2) / 6)
    assert result[7].c1 == pytest.approx((3 - mean) / sd)
    assert result[7].c1 == pytest.approx(1.0690, abs=1e-4)
    # day 11 (index 10): C1 baseline indexes 3..9 = 3,2,3,2,3,2,3 -> mean 18/7, same sd
    assert result[10].c1 == pytest.approx((9 - 18 / 7) / sd)
    # C2 baseline indexes 1..7 = 3,2,3,2,3,2,3
    assert result[10].c2 == pytest.approx((9 - 18 / 7) / sd)
    assert result[10].c1_alarm and result[10].c2_alarm and result[10].c3 is None


def test_flat_baseline_uses_the_floor() -> None:
    counts = [4] * 7 + [5, 6]
    result = ears(days(len(counts)), counts)
    assert result[7].c1 == pytest.approx((5 - 4) / 0.5)  # sd 0 floored at 0.5 -> C1 = 2, no alarm
    assert not result[7].c1_alarm
    # day 9: baseline 4,4,4,4,4,4,5 -> mean 29/7, sd = sqrt((6*(1/7)^2 + (6/7)^2)/6) = 0.378 -> floored 0.5
    assert result[8].c1 == pytest.approx((6 - 29 / 7) / 0.5)
    assert ears(days(len(counts)), counts, min_sd=1.0)[7].c1 == pytest.approx(1.0)


def test_thresholds_are_strict() -> None:
    counts = [4] * 7 + [5.5]  # type: ignore[list-item]  # C1 exactly 3 with sd floor 0.5
    result = ears(days(8), counts)  # type: ignore[arg-type]
    assert result[7].c1 == pytest.approx(3.0) and not result[7].c1_alarm


def test_c3_sums_three_days_of_c2_above_one() -> None:
    counts = [2] * 9 + [3, 3, 3]
    result = ears(days(12), counts)
    # baselines are flat (sd floored at 0.5): C2 on days 10, 11, 12 = (3-2)/0.5 = 2, 2, then
    # day 12's baseline (indexes 2..8) is still all 2 -> 2; C3 = 3 * (2 - 1) = 3 > 2
    assert [result[i].c2 for i in (9, 10, 11)] == pytest.approx([2.0, 2.0, 2.0])
    assert result[11].c3 == pytest.approx(3.0) and result[11].c3_alarm and not result[11].c2_alarm


def test_cli_json(tmp_path: Path) -> None:
    path = tmp_path / "series.csv"
    rows = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 9, 12]
    path.write_text("\ufeffdate,count\n" + "\n".join(f"{d},{c}" for d, c in zip(days(12), rows)) + "\n",
                    encoding="utf-8")
    out = io.StringIO()
    assert cli_main(["ears", str(path), "--json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert data[0] == {"date": "2026-11-01", "count": 2, "c1": None, "c2": None, "c3": None, "c1_alarm": False,
                       "c2_alarm": False, "c3_alarm": False}
    assert data[10]["c1_alarm"] is True and data[11]["c3"] is not None
    out = io.StringIO()
    assert cli_main(["ears", str(path), "--min-sd", "100", "--json"], out=out) == 0
    assert not any(d["c1_alarm"] or d["c2_alarm"] or d["c3_alarm"] for d in json.loads(out.getvalue()))


def test_gaps_and_bad_rows_are_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        read_series(b"date,count\n2026-11-01,1\n2026-11-03,2\n")
    assert exc.value.code == "series_gap"
    with pytest.raises(ValidationError):
        read_series(b"date,count\n2026-11-01,-1\n")
    path = tmp_path / "bad.csv"
    path.write_text("day,n\n", encoding="utf-8")
    assert cli_main(["ears", str(path)]) == 1 and "csv_header" in capsys.readouterr().err
