"""The alert feed's poll (issue 16): a desk's scan remembers what it read against the audit head and its open
alerts keep the rows already read, so a poll with nothing written reads only what turns with time alone — and
still raises everything a write at any desk, the passing minutes or midnight call for, exactly once; a poll
after a write reads only what the trail says the writes touched."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from app.actor import Actor
from app.casework.figures import CaseworkFigures
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.reporting.alerts import TOUCHES, AlertService
from app.triage.records import ScreeningInput
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)
from tests.helpers.sql_capture import captured
from tests.reporting.test_alerts import VILLAGER_A, VILLAGER_B, patient_id, register, seed_series

#: what a full scan reads and a quiet one does not: the classifications, visits and purchases of the windows
WINDOWS = ("case_classifications", "visits.clinic_day >=", "pharmacy_purchases")
OPEN_ALERTS = "alerts.evidence"  # the open alerts read whole


@pytest.fixture
def other_desk(paths: DataPaths, db_url: str, clock: FixedClock,
               clinic: dict[str, Actor]) -> Iterator[AppContext]:  # noqa: F811
    """A second workstation on the same database, with its own services (and their memory)."""
    desk = open_context(paths, db_url, clock=clock, argon2=OWASP_FLOOR)
    yield desk
    desk.close()


def reads_of(ctx: AppContext, read: object) -> str:
    assert callable(read)
    with captured(ctx) as statements:
        read()
    return "\n".join(statement for statement, _ in statements)


def test_a_poll_with_nothing_written_reads_no_window(ctx: AppContext, clinic: dict[str, Actor],
                                                     clock: FixedClock) -> None:  # noqa: F811
    alerts, admin = AlertService(ctx.db, ctx.clock), clinic["admin"]
    arrive(ctx, clinic["nurse"], clinic["doc1"])
    clock.advance(minutes=11)
    [raised] = alerts.scan(admin)
    assert OPEN_ALERTS in reads_of(ctx, lambda: alerts.open_alerts(admin))  # its row, read once
    quiet = reads_of(ctx, lambda: (alerts.scan(admin), alerts.open_alerts(admin)))
    assert not any(window in quiet for window in (*WINDOWS, OPEN_ALERTS)), quiet
    assert [a.id for a in alerts.open_alerts(admin)] == [raised.id]
    fresh = AlertService(ctx.db, ctx.clock)  # a service that remembers nothing reads the windows (a clinic
    full = reads_of(ctx, lambda: fresh.scan(admin))  # younger than a week has no EARS series yet)
    assert WINDOWS[0] in full and WINDOWS[1] in full


def test_a_write_at_another_desk_is_scanned_at_the_next_poll(
        ctx: AppContext, other_desk: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    alerts, admin = ctx.alerts, clinic["admin"]
    assert alerts.scan(admin) == [] and alerts.open_alerts(admin) == []
    nurse = other_desk.users.authenticate("nurse", "nurse-pass-1", "desk-2")
    first = register(other_desk, nurse, VILLAGER_A[0], 1, address="新河镇" + VILLAGER_A[1])
    clock.advance(hours=1)  # the same clinic day: only the head says something changed
    second = register(other_desk, nurse, VILLAGER_B[0], 2, address="新河镇" + VILLAGER_B[1])
    raised = alerts.scan(admin)
    assert [(a.kind, a.evidence["new_visit_no"]) for a in raised] == [("cluster", second)]
    assert [[v["visit_no"] for v in a.evidence["visits"]] for a in raised] == [[first, second]]
    assert [a.id for a in alerts.open_alerts(admin)] == [raised[0].id]
    quiet = reads_of(ctx, lambda: alerts.scan(admin))  # its own write changed nothing else: quiet again
    assert not any(window in quiet for window in WINDOWS), quiet
    doctor = other_desk.users.authenticate("doc1", "doc1-pass-1", "fever-room")
    other_desk.alerts.acknowledge(doctor, raised[0].id, raised[0].version, "已电话联系村医排查")
    assert alerts.open_alerts(admin) == []  # acknowledged at the other desk: gone here at once


def test_a_classification_at_another_desk_is_raised_once(ctx: AppContext, other_desk: AppContext,
                                                         clinic: dict[str, Actor]) -> None:  # noqa: F811
    alerts, admin = ctx.alerts, clinic["admin"]
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)
    assert alerts.scan(admin) == []
    doctor = other_desk.users.authenticate("doc1", "doc1-pass-1", "fever-room-2")
    case = other_desk.cases.get(doctor, visit_no)
    other_desk.cases.classify(doctor, visit_no, case.version, "suspected")
    assert [(a.kind, a.dedupe_key) for a in alerts.scan(admin)] == [("case", f"case:{visit_no}:suspected")]
    assert other_desk.alerts.scan(admin) == [] and alerts.scan(admin) == []


def test_time_alone_makes_a_waiting_patient_late(ctx: AppContext, clinic: dict[str, Actor],
                                                 clock: FixedClock) -> None:  # noqa: F811
    alerts, admin = ctx.alerts, clinic["admin"]
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    assert alerts.scan(admin) == []
    clock.advance(minutes=10)
    assert alerts.scan(admin) == []  # exactly the limit: in time
    clock.advance(minutes=1)  # nothing written: the head has not moved
    raised = alerts.scan(admin)
    assert [(a.kind, a.dedupe_key, a.evidence["minutes_waited"]) for a in raised] == [
        ("untaken_patient", f"untaken:{visit_no}", 11)]
    assert alerts.scan(admin) == [] and [a.id for a in alerts.open_alerts(admin)] == [raised[0].id]


def test_midnight_brings_yesterdays_ears_alarm_without_a_write(ctx: AppContext, admin: Actor,
                                                               clock: FixedClock) -> None:
    clock.advance(days=29)  # today 2026-12-22 in Shanghai: the series is 11-24 .. 12-21
    first = date(2026, 11, 24)
    seed_series(ctx, first, visits=[1, 2] * 14 + [9], antipyretic=[2] * 29, cough=[1] * 29)  # 9 on today, 12-22
    alerts = ctx.alerts
    assert alerts.scan(admin) == []  # today's 9 is in no series yet
    clock.advance(hours=15, seconds=1)  # 00:00:01 on 12-23 in Shanghai
    raised = alerts.scan(admin)
    assert [(a.kind, a.clinic_day, a.evidence["count"]) for a in raised] == [
        ("ears_fever_visits", date(2026, 12, 22), 9)]
    clock.advance(hours=1)
    assert alerts.scan(admin) == []


def test_a_clock_set_back_reads_the_windows_again(ctx: AppContext, clinic: dict[str, Actor],
                                                  clock: FixedClock) -> None:  # noqa: F811
    """The memory holds for later times only: a window that starts earlier may hold what the last one did not."""
    alerts = ctx.alerts
    assert alerts.scan(clinic["admin"]) == []
    clock.advance(minutes=-5)
    assert any(table in reads_of(ctx, lambda: alerts.scan(clinic["admin"])) for table in WINDOWS)


def test_a_write_makes_the_next_poll_read_only_what_it_touched(
        ctx: AppContext, other_desk: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    """The trail's rows since the last scan say what was written: a screening touches no signal, a classification
    only the classified visit's events, a registration only the new visit — no window, never the history."""
    alerts, admin = ctx.alerts, clinic["admin"]
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)
    assert alerts.scan(admin) == []
    nurse = other_desk.users.authenticate("nurse", "nurse-pass-1", "desk-2")
    other_desk.screening.record(nurse, ScreeningInput(36.6, health_code="green"))
    after_screening = reads_of(ctx, lambda: alerts.scan(admin))
    assert "audit_events" in after_screening and not any(w in after_screening for w in WINDOWS), after_screening
    doctor = other_desk.users.authenticate("doc1", "doc1-pass-1", "fever-room-2")
    other_desk.cases.classify(doctor, visit_no, other_desk.cases.get(doctor, visit_no).version, "suspected")
    with captured(ctx) as statements:
        raised = alerts.scan(admin)
    classified = "\n".join(statement for statement, _ in statements)
    assert [a.dedupe_key for a in raised] == [f"case:{visit_no}:suspected"]
    assert WINDOWS[0] in classified and WINDOWS[1] not in classified and WINDOWS[2] not in classified, classified
    assert any(visit_no in str(params) for statement, params in statements if WINDOWS[0] in statement)
    register(other_desk, nurse, VILLAGER_A[0], 7, address="新河镇" + VILLAGER_A[1])
    registered = reads_of(ctx, lambda: alerts.scan(admin))
    assert "visits.visit_no IN" in registered and not any(w in registered for w in WINDOWS), registered


def test_a_case_taken_late_between_two_polls_is_raised(ctx: AppContext, clinic: dict[str, Actor],
                                                       clock: FixedClock) -> None:  # noqa: F811
    alerts, admin = ctx.alerts, clinic["admin"]
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    clock.advance(minutes=9)
    assert alerts.scan(admin) == []  # still in time
    clock.advance(minutes=3)
    ctx.cases.take(clinic["doc1"], visit_no)  # taken at 12 min, no poll saw the patient late
    raised = alerts.scan(admin)
    assert [(a.dedupe_key, a.evidence["minutes_waited"]) for a in raised] == [(f"untaken:{visit_no}", 12)]
    assert raised[0].evidence["taken_at"] is not None
    assert alerts.scan(admin) == []


def test_an_action_the_scan_does_not_know_reads_every_window(ctx: AppContext, clinic: dict[str, Actor]
                                                             ) -> None:  # noqa: F811
    """Only the actions listed in TOUCHES are trusted to touch what they say; any other reads everything."""
    alerts, admin = ctx.alerts, clinic["admin"]
    assert "figures.update" not in TOUCHES  # a changed limit may make a waiting patient late
    assert alerts.scan(admin) == []
    figures, version = ctx.figures.get(CaseworkFigures)
    ctx.figures.update(admin, replace(figures, untaken_minutes=20), version)
    full = reads_of(ctx, lambda: alerts.scan(admin))
    assert WINDOWS[0] in full and WINDOWS[1] in full, full


def test_an_action_that_touches_no_source_reads_no_window(ctx: AppContext, clinic: dict[str, Actor]
                                                          ) -> None:  # noqa: F811
    """An account made, a ward's settings: nothing an alert is drawn from; the scan reads only the waiting."""
    alerts, admin = ctx.alerts, clinic["admin"]
    assert alerts.scan(admin) == []
    ctx.users.create(admin, username="nurse9", full_name="赵护士", roles=["triage_nurse"], password="nurse9-pass-1")
    read = reads_of(ctx, lambda: alerts.scan(admin))
    assert WINDOWS[0] not in read and WINDOWS[1] not in read, read


def test_a_registration_joins_the_window_the_desk_keeps(ctx: AppContext, other_desk: AppContext,
                                                        clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    """After a registration the scan reads the new visit by its number and walks its key's visits in memory; a
    returning patient who moved makes it read the window again. Either way it raises what a full scan raises."""
    alerts, admin = ctx.alerts, clinic["admin"]
    nurse = other_desk.users.authenticate("nurse", "nurse-pass-1", "desk-2")
    first = register(other_desk, nurse, VILLAGER_A[0], 1, address="新河镇" + VILLAGER_A[1])
    assert alerts.scan(admin) == []
    clock.advance(hours=1)
    second = register(other_desk, nurse, VILLAGER_B[0], 2, address="新河镇" + VILLAGER_B[1])
    with captured(ctx) as statements:
        raised = alerts.scan(admin)
    assert [(a.kind, a.evidence["new_visit_no"], [v["visit_no"] for v in a.evidence["visits"]]) for a in raised] == [
        ("cluster", second, [first, second])]
    read = "\n".join(statement for statement, _ in statements)
    assert WINDOWS[1] not in read and "visits.visit_no IN" in read, read
    full = AlertService(ctx.db, ctx.clock)  # what a scan that remembers nothing finds: the same, raised already
    assert full.scan(admin) == []
    third = register(other_desk, nurse, "孙三", 3, address="新河镇" + VILLAGER_A[1])
    [joined] = alerts.scan(admin)
    assert joined.evidence["new_visit_no"] == third
    assert [v["visit_no"] for v in joined.evidence["visits"]] == [first, second, third]
    moved = register(other_desk, nurse, VILLAGER_A[0], 1, address="新河镇西村3号", returning=patient_id(ctx, first))
    again = reads_of(ctx, lambda: alerts.scan(admin))
    assert WINDOWS[1] in again, again  # the patient's earlier visits have another key now: the window is read
    assert AlertService(ctx.db, ctx.clock).scan(admin) == [] and moved
