"""Issue 18, part 2 — silence is not zero at the county hub: a day a clinic did not report is missing (None / null /
an empty cell), a zero report a real 0; county totals over reporting clinics, saying how many; EARS on the clinics
that reported; silent clinics (1 day: warning, 2 or more: alarm); DHIS2's completeness and timeliness."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.clock import FixedClock
from app.db.engine import Database
from app.hub import store
from app.hub.store import (HUB_ZONE, LATE_AFTER, add_clinic, last_due_day, open_hub, reporting_rates,
                           silent_clinics, store_report, trend)
from app.keys import public_key_text
from app.reporting.daily import AUTO_SUBMIT_AT
from app.reporting.ears import ears

DAY = date(2026, 11, 22)
ADDED = datetime(2026, 10, 1, 8, 0, tzinfo=HUB_ZONE)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=HUB_ZONE)  # after the deadline of DAY (09:00 the next day)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), HUB_ZONE)


def on_time(day: date) -> datetime:
    return at(day + timedelta(days=1), 8, 30)


def late(day: date) -> datetime:
    return at(day + timedelta(days=1), 9, 30)


def register(db: Database, *codes: str, added: datetime = ADDED, names: dict[str, str] | None = None) -> None:
    for code in codes:
        raw = Ed25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw,
                                                                      serialization.PublicFormat.Raw)
        add_clinic(db, code, (names or {}).get(code, f"{code}卫生院"), public_key_text(raw), added)


def send(db: Database, code: str, day: date, fever: int, arrived: datetime | None = None, *, version: int = 1,
         zero: bool = False) -> None:
    body = json.dumps({"type": "daily_report", "clinic": code, "date": day.isoformat(), "version": version,
                       "zero_report": zero, "automatic": False,
                       "counts": {"screened": fever * 10, "fever_registered": fever}}).encode()
    store_report(db, code, f"{code}-{day}-{version}", body, arrived or on_time(day))


@pytest.fixture
def hub_db(db_url: str) -> Iterator[Database]:
    db = open_hub(db_url)
    yield db
    db.dispose()


# ----- the deadline -------------------------------------------------------------------------------------------

def test_the_deadline_is_the_clinics_own_figure_the_next_morning() -> None:
    assert LATE_AFTER == AUTO_SUBMIT_AT == time(9, 0)  # one figure: when the clinic's desks submit automatically
    assert last_due_day(at(DAY + timedelta(days=1), 8, 59)) == DAY - timedelta(days=1)
    assert last_due_day(at(DAY + timedelta(days=1), 9, 0)) == DAY
    assert last_due_day(datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)) == DAY  # 09:00 in Shanghai


# ----- missing is not zero; totals with their coverage ------------------------------------------------------------

def test_a_day_without_a_report_is_missing_a_zero_report_is_zero(hub_db: Database) -> None:
    register(hub_db, "A1", "B2", "C3")
    send(hub_db, "A1", DAY, 4)
    send(hub_db, "B2", DAY, 0, zero=True)  # 零报告: a real 0
    send(hub_db, "A1", DAY - timedelta(days=2), 3)
    send(hub_db, "C3", DAY - timedelta(days=2), 5)
    t = trend(hub_db, DAY)
    assert len(t.days) == 28 and t.days[-1] == DAY
    assert (t.clinics["A1"][-1], t.clinics["B2"][-1], t.clinics["C3"][-1]) == (4, 0, None)
    assert (t.total[-1], t.reporting[-1], t.expected[-1]) == (4, 2, 3)  # over the 2 of 3 clinics that reported
    assert (t.total[-3], t.reporting[-3], t.expected[-3]) == (8, 2, 3)
    assert (t.total[-2], t.reporting[-2], t.expected[-2]) == (None, 0, 3)  # nobody reported: no total, not 0
    assert t.clinics["B2"][-3] is None and all(v is None for v in t.clinics["C3"][-2:])


def test_a_clinic_is_expected_from_the_day_it_was_added(hub_db: Database) -> None:
    register(hub_db, "A1")
    register(hub_db, "N9", added=at(DAY - timedelta(days=1), 15))
    send(hub_db, "A1", DAY - timedelta(days=3), 2)
    send(hub_db, "A1", DAY, 2)
    t = trend(hub_db, DAY)
    assert t.expected[-4:] == [1, 1, 2, 2] and t.reporting[-4:] == [1, 0, 0, 1]
    early = trend(hub_db, DAY - timedelta(days=40))  # a report before the clinic was added makes that day expected
    send(hub_db, "N9", DAY - timedelta(days=40), 1)
    assert early.expected[-1] == 1 and trend(hub_db, DAY - timedelta(days=40)).expected[-1] == 2


def test_the_latest_version_counts_once(hub_db: Database) -> None:
    register(hub_db, "A1")
    send(hub_db, "A1", DAY, 4)
    send(hub_db, "A1", DAY, 6, late(DAY), version=2)
    t = trend(hub_db, DAY)
    assert (t.clinics["A1"][-1], t.total[-1], t.reporting[-1]) == (6, 6, 1)


# ----- silent clinics -------------------------------------------------------------------------------------------

def test_silent_one_day_is_a_warning_two_days_an_alarm(hub_db: Database) -> None:
    register(hub_db, "A1", "B2", "C3")
    register(hub_db, "D4", added=at(DAY - timedelta(days=1), 10))  # added two days ago, never reported
    for d in (DAY - timedelta(days=1), DAY):
        send(hub_db, "A1", d, 1)
    send(hub_db, "B2", DAY - timedelta(days=1), 1)
    send(hub_db, "C3", DAY - timedelta(days=3), 1)
    send(hub_db, "C3", DAY + timedelta(days=1), 1, at(DAY + timedelta(days=1), 9, 45))  # today's: not yet due
    silent = {c.code: (c.days, c.level, c.since, c.last_reported) for c in silent_clinics(hub_db, NOW)}
    assert silent == {
        "B2": (1, "warning", DAY, DAY - timedelta(days=1)),
        "C3": (3, "alarm", DAY - timedelta(days=2), DAY - timedelta(days=3)),
        "D4": (2, "alarm", DAY - timedelta(days=1), None),
    }
    assert [c.code for c in silent_clinics(hub_db, NOW)] == ["C3", "D4", "B2"]  # longest silence first
    # before the deadline yesterday's report is not due yet: one day less for everyone
    before = {c.code: (c.days, c.level) for c in silent_clinics(hub_db, at(DAY + timedelta(days=1), 8, 59))}
    assert before == {"C3": (2, "alarm"), "D4": (1, "warning")}
    send(hub_db, "B2", DAY, 1, late(DAY))  # a late report ends the silence (timeliness counts the lateness)
    send(hub_db, "C3", DAY - timedelta(days=1), 2, NOW)  # a gap filled is not the newest day: still silent
    assert {c.code: c.days for c in silent_clinics(hub_db, NOW)} == {"C3": 1, "D4": 2}


# ----- completeness and timeliness ------------------------------------------------------------------------------

def test_completeness_and_timeliness_as_dhis2_defines_them(hub_db: Database) -> None:
    register(hub_db, "A1", "B2")
    register(hub_db, "C3", added=at(DAY - timedelta(days=9), 12))  # expected for the last 10 days only
    days = [DAY - timedelta(days=i) for i in range(28)]
    for d in days:
        send(hub_db, "A1", d, 1)
    for i, d in enumerate(days[:21]):  # 21 of 28 days reported, 14 of them by the deadline
        send(hub_db, "B2", d, 1, on_time(d) if i < 14 else late(d))
    send(hub_db, "B2", days[0], 2, late(days[0]), version=2)  # a correction: neither a second day nor late
    for d in days[:10]:
        send(hub_db, "C3", d, 1, late(d))
    rates = reporting_rates(hub_db, DAY, NOW)
    got = {code: (r.expected, r.reported, r.on_time, r.completeness, r.timeliness) for code, r in rates.items()}
    assert got == {"A1": (28, 28, 28, 1.0, 1.0), "B2": (28, 21, 14, 0.75, 0.5), "C3": (10, 10, 0, 1.0, 0.0)}
    assert (rates["B2"].first, rates["B2"].last) == (DAY - timedelta(days=27), DAY)
    # at 08:00 the last day is not due yet: not expected, whether or not its report is in
    early = reporting_rates(hub_db, DAY, at(DAY + timedelta(days=1), 8, 0))
    assert (early["A1"].expected, early["A1"].reported, early["B2"].expected) == (27, 27, 27)
    assert reporting_rates(hub_db, DAY + timedelta(days=5), NOW)["A1"].expected == 23  # future days are not due


def test_a_clinic_with_no_day_due_has_no_rate(hub_db: Database) -> None:
    register(hub_db, "N9", added=NOW)
    rate = reporting_rates(hub_db, DAY, NOW)["N9"]
    assert (rate.expected, rate.completeness, rate.timeliness) == (0, None, None)
    assert silent_clinics(hub_db, NOW) == []


# ----- EARS on reporting clinics only ---------------------------------------------------------------------------

BASE = [10, 12, 9, 11, 10, 13, 9, 11, 10, 12, 11, 10]  # 12 days: the window EARS scores the last of


def window(end: date = DAY) -> list[date]:
    return [end - timedelta(days=store.EARS_WINDOW - 1 - i) for i in range(store.EARS_WINDOW)]


def test_ears_reads_only_clinics_that_reported_every_day(hub_db: Database) -> None:
    """E5 was silent for most of the window and reports 30 on the day: read as zeros, its return would be a jump
    of 30 and an alarm; left out of the window, the county's day is quiet — and says over how many clinics."""
    register(hub_db, "A1", "B2", "C3", "D4", "E5")
    days = window()
    for code, shift in (("A1", 0), ("B2", 1), ("C3", 2), ("D4", 3)):
        for d, n in zip(days, BASE):
            send(hub_db, code, d, n + shift)
    send(hub_db, "E5", days[0], 30)
    send(hub_db, "E5", DAY, 30)
    e = trend(hub_db, DAY).ears[-1]
    panel = [sum(n + shift for shift in range(4)) for n in BASE]
    expected = ears(days, panel)[-1]
    assert (e.not_scored, e.clinics, e.expected, e.count) == (None, 4, 5, panel[-1])
    assert (e.c1, e.c2, e.c3, e.alarms) == (expected.c1, expected.c2, expected.c3, ())
    naive = ears(days, [p + (30 if d in (days[0], DAY) else 0) for d, p in zip(days, panel)])[-1]
    assert naive.alarm  # what reading silence as zero would have said
    t = trend(hub_db, DAY)
    assert (t.total[-1], t.reporting[-1], t.expected[-1]) == (panel[-1] + 30, 5, 5)  # the day's total has E5


def test_a_rise_among_the_reporting_clinics_raises_the_alarm(hub_db: Database) -> None:
    register(hub_db, "A1", "B2", "C3", "D4", "E5")
    days = window()
    for code in ("A1", "B2", "C3", "D4"):
        for d, n in zip(days, BASE[:-1] + [40]):
            send(hub_db, code, d, n)
    e = trend(hub_db, DAY).ears[-1]  # E5 never reported: 4 of 5 clinics is the 80 % needed
    assert e.clinics == 4 and e.not_scored is None and e.count == 160
    assert "c1" in e.alarms and e.c1 == ears(days, [4 * n for n in BASE[:-1] + [40]])[-1].c1
    from app.hub.web import render_dashboard

    page = render_dashboard(DAY, store.status_on(hub_db, DAY), trend(hub_db, DAY), silent=silent_clinics(hub_db, NOW),
                            rates=reporting_rates(hub_db, DAY, NOW), as_of=NOW)
    basis = page.split('id="ears-basis"')[1].split("</p>")[0]
    assert 'data-clinics="4"' in basis and "基于 4 家连续报告机构（2026-11-11 至 2026-11-22 每天都有报告" in basis
    result = page.split('id="ears-result"')[1].split("</p>")[0]
    assert 'class="ears-alarm"' in result and "合计 <b>160</b> 人" in result and "超过阈值：C1" in result
    silent_days = (DAY - ADDED.date()).days + 1  # since the day it was added
    assert f'<li class="silent-alarm" data-clinic="E5" data-days="{silent_days}">' in page and "从未报告" in page


def test_a_day_with_too_few_clinics_or_too_little_history_is_not_scored(hub_db: Database) -> None:
    register(hub_db, "A1", "B2", "C3", "D4", "E5")
    days = window()
    for code in ("A1", "B2", "C3"):
        for d, n in zip(days, BASE):
            send(hub_db, code, d, n)
    for d in days[1:]:
        send(hub_db, "D4", d, 5)  # D4 missed the window's first day
    e = trend(hub_db, DAY).ears[-1]
    assert (e.not_scored, e.clinics, e.expected, e.count, e.c1) == ("coverage", 3, 5, None, None)
    assert trend(hub_db, DAY).ears[-2].not_scored == "coverage"  # and every day before: nobody had 12 days


def test_a_young_network_is_not_scored_for_want_of_history(hub_db: Database) -> None:
    register(hub_db, "A1", "B2")
    first = ADDED.date()
    for i in range(store.EARS_WINDOW - 1):  # one day short of a window
        for code in ("A1", "B2"):
            send(hub_db, code, first + timedelta(days=i), 3)
    e = trend(hub_db, first + timedelta(days=store.EARS_WINDOW - 2)).ears[-1]
    assert (e.not_scored, e.clinics, e.expected, e.count) == ("history", 0, 2, None)
    for code in ("A1", "B2"):
        send(hub_db, code, first + timedelta(days=store.EARS_WINDOW - 1), 3)
    e = trend(hub_db, first + timedelta(days=store.EARS_WINDOW - 1)).ears[-1]
    assert (e.not_scored, e.clinics, e.count, e.alarms) == (None, 2, 6, ())


# ----- the API and the CSV --------------------------------------------------------------------------------------

def test_api_and_csv_say_null_and_empty_for_silence_and_carry_the_coverage(hub_db: Database) -> None:
    from app.hub.web import create_app
    from tests.reporting.hub_support import FAST, InProcessHub, make_user

    register(hub_db, "A1", "B2", "C3")
    send(hub_db, "A1", DAY, 4)
    send(hub_db, "B2", DAY, 0, zero=True)
    send(hub_db, "C3", DAY - timedelta(days=1), 2, late(DAY - timedelta(days=1)))
    send(hub_db, "B2", DAY - timedelta(days=1), 1)
    make_user(hub_db, "county", "viewer")
    hub = InProcessHub(create_app(hub_db, FixedClock(NOW), passwords=FAST))
    try:
        assert hub.log_in("county").status_code == 303
        t = hub.get("/api/v1/trend", params={"end": DAY.isoformat()}).json()
        assert t["end"] == DAY.isoformat() and len(t["days"]) == 28 and t["days"][-1] == DAY.isoformat()
        assert [t["series"][c][-2:] for c in ("A1", "B2", "C3")] == [[None, 4], [1, 0], [2, None]]
        assert t["series"]["total"][-3:] == [None, 3, 4] and t["reporting"][-3:] == [0, 2, 2]
        assert t["expected"][-1] == 3 and t["ears"][-1]["not_scored"] == "coverage"
        assert t["ears"][-1]["clinics"] == 0 and t["ears_min_coverage"] == 0.8

        status = hub.get("/api/v1/status", params={"date": DAY.isoformat()}).json()
        assert status["coverage"] == {"reporting": 2, "expected": 3}
        assert status["deadline"] == {"due": "next_day", "time": "09:00", "zone": "Asia/Shanghai"}
        assert [(c["clinic"], c["days"], c["level"], c["last_reported"]) for c in status["silent"]] == \
            [("C3", 1, "warning", (DAY - timedelta(days=1)).isoformat())]
        rates = {c["clinic"]: c["rates"] for c in status["clinics"]}
        assert (rates["B2"]["days_expected"], rates["B2"]["days_reported"], rates["B2"]["days_on_time"]) == (28, 2, 2)
        assert (rates["C3"]["completeness"], rates["C3"]["timeliness"]) == (round(1 / 28, 4), 0.0)

        answer = hub.get("/export.csv", params={"date": DAY.isoformat(), "view": "trend"})
        assert answer.headers["content-disposition"] == f'attachment; filename="county-trend-{DAY}.csv"'
        rows = list(csv.DictReader(io.StringIO(answer.text.lstrip("\ufeff"))))
        assert len(rows) == 28 and rows[-1]["date"] == DAY.isoformat()
        last, before, empty = rows[-1], rows[-2], rows[-3]
        assert (last["A1"], last["B2"], last["C3"]) == ("4", "0", "")  # silence: an empty cell; a zero report: 0
        assert (last["total"], last["reporting"], last["expected"]) == ("4", "2", "3")
        assert (before["total"], before["reporting"]) == ("3", "2")
        assert (empty["total"], empty["reporting"], empty["A1"]) == ("", "0", "")
        assert last["ears_not_scored"] == "coverage" and last["c1"] == ""
        day_csv = hub.get("/export.csv", params={"date": DAY.isoformat()}).text
        assert day_csv.lstrip("\ufeff").splitlines()[3].startswith("C3,C3卫生院,missing,,,")
        bad = hub.get("/export.csv", params={"view": "week"})
        assert (bad.status_code, bad.json()["error"]) == (400, "view")
    finally:
        hub.close()
