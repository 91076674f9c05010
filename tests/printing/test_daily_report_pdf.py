"""The daily report (日报告 / 零报告) printout, its 28-day chart with the EARS alarm line, and the
registration series that feeds the chart (from a real database)."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.vocabulary.report import REPORT_COUNT
from app.printing.daily_report import CHART_DAYS, ZERO_TEXT, daily_report_pdf, status_text
from app.reporting.ears import ears
from app.reporting.series import EARS_LEAD, c1_limits, fever_clinic_series
from tests.casework.conftest import arrive
from tests.printing import fixtures as F
from tests.printing import pdftools as T

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DAY = date(2026, 11, 22)
HASH = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f"
#: 39 days: 11 of EARS lead, then 28 shown; spikes on 11-08 and 11-14 raise alarms.
VISITS = [2, 3, 1, 2, 4, 2, 3, 2, 1, 3, 2, 2, 3, 1, 2, 4, 3, 2, 2, 3, 1, 2, 3, 2, 9, 3, 2, 4, 2, 3, 12, 4, 2, 3, 3, 2,
          1, 3, 2]
SERIES = [(DAY - timedelta(days=len(VISITS) - 1 - i), n) for i, n in enumerate(VISITS)]
COUNTS = {key: (i * 7) % 5 for i, key in enumerate(REPORT_COUNT)} | {"fever_registered": 2}


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return daily_report_pdf(F.clinic(), DAY, COUNTS, zero_report=False, status="submitted", version=2,
                            series=SERIES, audit_seq=1234, audit_hash=HASH, printed_at=F.PRINTED_AT, open_alerts=2)


@pytest.fixture(scope="module")
def zero_pdf() -> bytes:
    return daily_report_pdf(F.clinic(), DAY, dict.fromkeys(REPORT_COUNT, 0), zero_report=True, status="draft",
                            version=None, series=[(d, 0) for d, _ in SERIES], audit_seq=77, audit_hash=HASH,
                            printed_at=F.PRINTED_AT)


def test_text_names_the_day_status_counts_and_audit_anchor(pdf: bytes) -> None:
    text = T.text_of(pdf)
    flat = T.compact(text)
    for expected in ("日报告", "杏花镇卫生院", "XH01", "2026-11-22", "已提交第2版", "#1234", HASH, "未确认预警", "2条"):
        assert expected in flat, expected
    for key in ("screened", "fever_registered", "classified_suspected", "tests_positive", "gate_denials"):
        assert T.compact(REPORT_COUNT[key].zh) in flat, key
    assert "零报告" not in text
    assert T.page_count(pdf) == 1


def test_fonts_are_embedded(pdf: bytes, zero_pdf: bytes) -> None:
    T.assert_fonts_embedded(pdf)
    T.assert_fonts_embedded(zero_pdf)


def test_zero_report_says_so(zero_pdf: bytes) -> None:
    flat = T.compact(T.text_of(zero_pdf))
    assert "零报告" in flat and "#77" in flat and "草稿" in flat
    assert T.compact(ZERO_TEXT) in flat  # what makes it one: no new case, no positive result
    assert T.page_count(zero_pdf) == 1


def test_a_zero_report_with_other_counts_prints_them(pdf: bytes) -> None:
    """病例零报告: 50 screenings and purchases, no new case and no positive result — still a 零报告."""
    counts = {**dict.fromkeys(REPORT_COUNT, 0), "screened": 50, "decision_general": 50,
              "antipyretic_purchases": 4, "purchases_antipyretic": 3, "purchases_antiviral": 1}
    doc = daily_report_pdf(F.clinic(), DAY, counts, zero_report=True, status="submitted", version=1,
                           series=SERIES, audit_seq=9, audit_hash=HASH, printed_at=F.PRINTED_AT)
    flat = T.compact(T.text_of(doc))
    assert "零报告" in flat and T.compact(ZERO_TEXT) in flat and "各项监测计数均为0" not in flat
    for key in ("new_cases", "positive_nat_antigen", "exceptions_granted", "untaken_alarms", "visitor_overstays",
                "deaths", "purchases_antiviral", "purchases_not_sold"):
        assert T.compact(REPORT_COUNT[key].zh) in flat, key
    assert T.page_count(doc) == 1
    (SCREENSHOTS / "zero-report-with-counts.pdf").parent.mkdir(exist_ok=True)
    (SCREENSHOTS / "zero-report-with-counts.pdf").write_bytes(doc)


def test_status_words() -> None:
    assert status_text("automatic", 1) == "自动提交 第1版"
    assert status_text("draft", None).startswith("草稿")
    assert status_text("odd", None) == "odd"


def test_unknown_count_keys_still_print() -> None:
    out = daily_report_pdf(F.clinic(), DAY, {**COUNTS, "new_metric": 5}, zero_report=False, status="draft",
                           version=None, series=[], audit_seq=1, audit_hash=HASH, printed_at=F.PRINTED_AT)
    assert "new_metric" in T.text_of(out)


def test_c1_line_is_where_the_c1_alarm_starts() -> None:
    days, counts = [d for d, _ in SERIES], [n for _, n in SERIES]
    for score, limit in zip(ears(days, counts), c1_limits(counts)):
        assert (limit is None) == (score.c1 is None)
        if limit is not None:
            assert score.c1_alarm == (score.count > limit + 1e-9)
    assert any(s.c1_alarm for s in ears(days, counts))


def test_page_one_renders_with_the_chart(pdf: bytes, zero_pdf: bytes) -> None:
    """Kept in screenshots/ to look at; red alarm bars must be on the page."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, doc in (("daily-report", pdf), ("zero-report", zero_pdf)):
        src = SCREENSHOTS / f"{name}.pdf"
        src.write_bytes(doc)
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1", str(src), str(SCREENSHOTS / name)],
                       check=True)
    red = []
    for name in ("daily-report", "zero-report"):
        image = cv2.imread(str(next(SCREENSHOTS.glob(f"{name}-*1.png"))))
        assert image is not None
        b, g, r = (image[..., i].astype(int) for i in range(3))
        red.append(np.count_nonzero((r > 150) & (g < 80) & (b < 80)))
    assert red[0] > red[1] + 200  # alarm bars; the zero report's only red is the legend swatch


def resident_id(serial: int) -> str:
    """A checksum-valid 18-digit ID (GB 11643), one per test patient."""
    body = f"11010519850302{serial:03d}"
    total = sum(int(c) * w for c, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
    return body + "10X98765432"[total % 11]


def test_series_counts_registrations_per_clinic_day(ctx: AppContext, admin: Actor, clock: FixedClock) -> None:
    for name, roles in (("nurse", ["triage_nurse"]), ("doc", ["doctor"])):
        ctx.users.create(admin, username=name, full_name=name, roles=roles, password=f"{name}-pass-1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "ws-n")
    doctor = ctx.users.authenticate("doc", "doc-pass-1", "ws-d")
    first = date(2026, 11, 23)  # 01:00 UTC is 09:00 at the clinic
    arrive(ctx, nurse, doctor, id_number=resident_id(1))
    clock.advance(days=2)
    arrive(ctx, nurse, doctor, name="李四", id_number=resident_id(2))
    arrive(ctx, nurse, doctor, name="张三", id_number=resident_id(3))
    series = fever_clinic_series(ctx.db, first + timedelta(days=2), days=5)
    assert series == [(first + timedelta(days=i - 2), n) for i, n in enumerate([0, 0, 1, 0, 2])]
    assert len(fever_clinic_series(ctx.db, first, days=CHART_DAYS + EARS_LEAD)) == CHART_DAYS + EARS_LEAD
    # every count the report computes has printed words
    counts = ctx.reports.preview(admin, first).counts
    assert counts["fever_registered"] == 1
    assert set(counts) <= set(REPORT_COUNT)
    # a retired category only when used; the lowest days of cover only when an item has a full-load use (issue 18)
    assert set(REPORT_COUNT) - set(counts) == {"purchases_antidiarrhoeal", "stock_lowest_cover_days",
                                               "stock_lowest_item"}
    with pytest.raises(ValueError):
        fever_clinic_series(ctx.db, first, days=0)



def test_who_answers_for_it_phone_date_and_seal() -> None:
    """填报人 (a real name), 审核人 / 负责人 and the phone from the clinic setting, the date, a seal box."""
    from app.clinic_contacts import ClinicContacts

    signed = daily_report_pdf(F.clinic(), DAY, COUNTS, zero_report=False, status="submitted", version=2,
                              series=SERIES, audit_seq=1234, audit_hash=HASH, printed_at=F.PRINTED_AT,
                              reporter="李秀英", contacts=ClinicContacts("020-36541234", "王建华", "张卫东"))
    text = T.compact(T.text_of(signed))
    assert "填报人：李秀英审核人：王建华负责人：张卫东" in text and "电话：020-36541234" in text
    assert "日期：2026-11-23" in text and "（本机构盖章）" in text
    assert T.page_count(signed) == 1
    blank = daily_report_pdf(F.clinic(), DAY, dict.fromkeys(REPORT_COUNT, 0), zero_report=True, status="draft",
                             version=None, series=[(d, 0) for d, _ in SERIES], audit_seq=77, audit_hash=HASH,
                             printed_at=F.PRINTED_AT)
    text = T.compact(T.text_of(blank))
    assert "填报人：审核人：负责人：" in text and "电话：日期：" in text  # lines to sign on
    assert T.page_count(blank) == 1  # the zero report's banner, the counts, the chart and the sign-off
