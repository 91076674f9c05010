"""Key-post staff testing (issue 18, part 3): the roster's due/overdue edge both ways, staff with and without a
log-in, a positive test and a positive swab raising alerts, the clock on the deadline board, and the daily
report's counts — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.db.models import AuditEvent
from app.errors import Conflict, PermissionDenied, ValidationError
from app.guideline_rules import GuidelineRulesService
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.staff.roster import due_on, standing_on, state_on
from app.staff.tables import StaffTest
from tests.casework.conftest import clinic  # noqa: F401  (fixture)

TODAY = date(2026, 11, 23)  # the fixed clock's clinic day (09:00 Shanghai)


def test_due_and_overdue_at_the_edge() -> None:
    tested = date(2026, 11, 20)
    due = due_on(tested, date(2026, 11, 1), 3)
    assert due == date(2026, 11, 23)
    assert state_on(date(2026, 11, 22), due) == "in_time"
    assert state_on(date(2026, 11, 23), due) == "due_today"  # the third day: still in time, due
    assert state_on(date(2026, 11, 24), due) == "overdue"  # the day after: overdue
    assert due_on(None, date(2026, 11, 5), 3) == date(2026, 11, 5)  # never tested: due the day added


def test_roster_with_and_without_a_log_in(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                          clock: FixedClock) -> None:
    admin = clinic["admin"]
    doctor = ctx.roster.add(admin, post="fever_clinic", username="doc1")
    driver = ctx.roster.add(admin, post="driver", full_name="周师傅", phone="13800138000")
    assert (doctor.full_name, doctor.username) == ("张伟", "doc1")
    assert (driver.full_name, driver.username, driver.phone) == ("周师傅", None, "13800138000")
    assert {r.state for r in ctx.roster.roster(admin)} == {"due_today"}  # nobody tested yet: due the day added
    with pytest.raises(Conflict):
        ctx.roster.add(admin, post="ward", username="doc1")
    with pytest.raises(ValidationError) as bad:
        ctx.roster.add(admin, post="canteen", full_name="某人")
    assert bad.value.code == "staff_post"
    with pytest.raises(PermissionDenied):
        ctx.roster.add(clinic["doc1"], post="ward", full_name="某人")

    ctx.roster.record_test(admin, doctor.id, TODAY, "negative")
    ctx.roster.record_test(admin, driver.id, TODAY - timedelta(days=1), "negative")
    clock.advance(days=2)  # the 25th: the doctor tested on the 23rd is in time, the driver (22nd) is due today
    states = {r.id: r.state for r in ctx.roster.roster(admin)}
    assert states == {doctor.id: "in_time", driver.id: "due_today"}
    clock.advance(days=1)  # the 26th: the driver is overdue, the doctor due today
    assert [(r.id, r.state) for r in ctx.roster.overdue(admin)] == [(driver.id, "overdue"), (doctor.id, "due_today")]
    with pytest.raises(ValidationError) as future:
        ctx.roster.record_test(admin, driver.id, TODAY + timedelta(days=4), "negative")
    assert future.value.code == "sampled_in_future"
    # off the roster: neither listed as overdue nor counted
    ctx.roster.update(admin, driver.id, driver.version, post="driver", phone="", active=False)
    assert [r.id for r in ctx.roster.overdue(admin)] == [doctor.id]
    with ctx.db.read() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"staff.add", "staff.test", "staff.update"} <= actions


def test_overdue_staff_is_a_clock_on_the_board(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                               clock: FixedClock) -> None:
    admin = clinic["admin"]
    member = ctx.roster.add(admin, post="pre_triage", full_name="陈晓红")
    ctx.roster.record_test(admin, member.id, TODAY, "negative")
    assert not ctx.deadlines.board(clinic["doc1"]).entries  # in time: no clock shown
    clock.advance(days=3)  # due today: a warning
    page = ctx.deadlines.board(clinic["doc1"])
    (entry,) = page.entries
    assert (entry.clock.kind, entry.state, entry.patient_masked, entry.clock.visit_no) == (
        "staff_test", "warning", "陈*红", "")
    assert (page.open_total, page.warning, page.overdue) == (1, 1, 0)
    clock.advance(days=1)
    page = ctx.deadlines.board(clinic["doc1"])
    assert (page.entries[0].state, page.overdue) == ("overdue", 1)
    assert ctx.deadlines.overdue_count(clinic["doc1"]) == 1
    assert [e.clock.kind for e in ctx.deadlines.all_open(clinic["doc1"])] == ["staff_test"]
    ctx.roster.record_test(admin, member.id, TODAY + timedelta(days=4), "negative")
    assert not ctx.deadlines.board(clinic["doc1"]).entries  # tested: the clock is met


def test_a_positive_test_or_swab_raises_an_alert(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    admin = clinic["admin"]
    member = ctx.roster.add(admin, post="observation", full_name="吴敏")
    ctx.roster.record_test(admin, member.id, TODAY, "negative")
    assert not ctx.alerts.open_alerts(clinic["doc1"])
    ctx.roster.record_test(admin, member.id, TODAY, "positive")
    swab = ctx.roster.record_swab(admin, TODAY, "发热门诊诊室门把手", "positive")
    ctx.roster.record_swab(admin, TODAY, "留观室床栏", "negative")
    alerts = {a.kind: a for a in ctx.alerts.open_alerts(clinic["doc1"])}
    assert set(alerts) == {"staff_positive", "swab_positive"}
    assert alerts["staff_positive"].evidence == {"staff_no": member.id, "post": "observation",
                                                 "sampled_on": TODAY.isoformat()}
    assert "吴敏" not in json.dumps(alerts["staff_positive"].evidence, ensure_ascii=False)
    assert alerts["swab_positive"].evidence["swab_no"] == swab.id
    assert [w.place for w in ctx.roster.swabs(admin, TODAY)] == ["留观室床栏", "发热门诊诊室门把手"]
    with pytest.raises(ValidationError) as bad:
        ctx.roster.record_swab(admin, TODAY, "  ", "negative")
    assert bad.value.code == "swab_place"
    assert ctx.roster.overdue(admin) == []  # positive: off duty, not on the overdue list; the alert calls for action
    assert [r.state for r in ctx.roster.roster(admin)] == ["off_duty"]


def test_daily_report_counts(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    admin = clinic["admin"]
    a = ctx.roster.add(admin, post="fever_clinic", username="doc1")
    b = ctx.roster.add(admin, post="ward", full_name="孙丽")
    ctx.roster.add(admin, post="driver", full_name="周师傅")
    ctx.roster.record_test(admin, a.id, TODAY, "negative")
    ctx.roster.record_test(admin, b.id, TODAY, "positive")
    ctx.roster.record_swab(admin, TODAY, "预检台面", "negative")
    clock.advance(days=1)
    counts = ctx.reports.preview(admin, TODAY).counts
    # the driver, never tested, was due the day added (today): not overdue yet that day
    assert {k: counts[k] for k in ("staff_tested", "staff_positive", "staff_overdue", "staff_off_duty", "swabs_taken",
                                   "swabs_positive")} == {"staff_tested": 2, "staff_positive": 1,
                                                          "staff_overdue": 0, "staff_off_duty": 1, "swabs_taken": 1,
                                                          "swabs_positive": 0}
    assert ctx.reports.preview(admin, TODAY + timedelta(days=0)).counts["staff_overdue"] == 0
    clock.advance(days=1)
    assert ctx.reports.preview(admin, TODAY + timedelta(days=1)).counts["staff_overdue"] == 1  # the driver


def test_the_interval_is_a_figure_with_its_source(ctx: AppContext, admin: Actor) -> None:
    rules = GuidelineRulesService(ctx.db, ctx.clock)
    figure = rules.in_force().figure("staff.figures:test_interval_days")
    assert (figure.value, figure.unit) == (3, "days") and "每3天完成1次核酸检测" in figure.source
    rules.update_figures(admin, "staff.figures", {"test_interval_days": 2}, 0)
    member = ctx.roster.add(admin, post="ward", full_name="孙丽")
    ctx.roster.record_test(admin, member.id, TODAY, "negative")
    assert ctx.roster.roster(admin)[0].due_on == TODAY + timedelta(days=2)


def test_a_positive_person_is_off_duty_until_a_later_negative(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                              clock: FixedClock) -> None:
    """Off duty is derived from the tests: the latest positive sets it, whatever the day; a later negative ends
    it (a negative of an earlier day recorded afterwards does not). While off duty nobody is "overdue": the board
    shows the retest (a warning, never late), the report counts them apart."""
    admin, doctor = clinic["admin"], clinic["doc1"]
    nurse = ctx.roster.add(admin, post="pre_triage", full_name="陈晓红")
    driver = ctx.roster.add(admin, post="driver", full_name="周师傅")
    ctx.roster.record_test(admin, nurse.id, TODAY, "positive")
    ctx.roster.record_test(admin, driver.id, TODAY, "negative")
    assert state_on(TODAY + timedelta(days=30), TODAY, "positive") == "off_duty"
    clock.advance(days=10)  # far past the 3-day interval
    day = TODAY + timedelta(days=10)
    states = {r.id: r.state for r in ctx.roster.roster(admin)}
    assert states == {nurse.id: "off_duty", driver.id: "overdue"}
    assert ctx.roster.roster(admin)[0].id == nurse.id  # the off duty first
    assert [r.id for r in ctx.roster.overdue(admin)] == [driver.id]
    board = ctx.deadlines.board(doctor)
    kinds = {e.clock.ref_id: (e.clock.kind, e.state) for e in board.entries}
    assert kinds == {nurse.id: ("staff_retest", "warning"), driver.id: ("staff_test", "overdue")}
    assert (board.overdue, board.warning) == (1, 1) and ctx.deadlines.overdue_count(doctor) == 1
    assert {e.clock.kind for e in ctx.deadlines.all_open(doctor)} == {"staff_retest", "staff_test"}
    counts = ctx.reports.preview(admin, day - timedelta(days=1)).counts
    assert (counts["staff_overdue"], counts["staff_off_duty"]) == (1, 1)
    with ctx.db.read() as s:
        assert standing_on(s, TODAY) == (0, 1) and standing_on(s, TODAY + timedelta(days=2)) == (0, 1)
    ctx.roster.record_test(admin, nurse.id, TODAY + timedelta(days=1), "negative")  # an earlier day: still off duty
    ctx.roster.record_test(admin, nurse.id, TODAY + timedelta(days=5), "positive")
    assert {r.id: r.state for r in ctx.roster.roster(admin)}[nurse.id] == "off_duty"
    ctx.roster.record_test(admin, nurse.id, day, "negative")  # the retest: back on duty, in time
    assert {r.id: r.state for r in ctx.roster.roster(admin)}[nurse.id] == "in_time"
    assert [e.clock.ref_id for e in ctx.deadlines.board(doctor).entries] == [driver.id]
    with ctx.db.read() as s:
        assert standing_on(s, day) == (1, 0)
        # the day before the retest she was off duty: the positive of day 5 was the latest then
        assert standing_on(s, day - timedelta(days=1)) == (1, 1)
    clock.advance(days=1)
    counts = ctx.reports.preview(admin, day).counts
    assert (counts["staff_overdue"], counts["staff_off_duty"]) == (1, 0)


def test_the_demo_roster_and_stockpile_can_be_made_just_after_midnight(paths: DataPaths) -> None:
    """A demo made at 00:02 clinic time records today's tests today, and no stock move in the future."""
    from app.services.demo import create_demo
    from app.stock.tables import StockMove

    midnight = FixedClock(datetime(2026, 12, 4, 16, 2, tzinfo=timezone.utc))  # 00:02 on 12-05 in Shanghai
    context = open_context(paths, clock=midnight, argon2=OWASP_FLOOR)
    try:
        create_demo(context.clinic, context.users, Actor.system())
        with context.db.read() as s:
            latest_test = s.scalar(select(func.max(StaffTest.clinic_day)))
            latest_move = s.scalar(select(func.max(StockMove.at)))
        assert latest_test == date(2026, 12, 5)
        assert latest_move is not None and latest_move <= midnight.now()
    finally:
        context.close()
