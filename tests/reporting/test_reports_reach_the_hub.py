"""Issue 13, deliverable 5: reports reach the county whoever is logged in. The automatic submission and
delivery run as the system on every desk (a nurse's too), narrowly authorised; two desks at once submit a
day once; the walk starts after the last settled day; `report submit` and `sync push` on the command line."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app import audit
from app.actor import Actor
from app.cli import main as cli_main
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.db.models import AuditEvent, ClinicSetting
from app.errors import PermissionDenied, ValidationError
from app.hub import store
from app.hub.store import add_clinic, open_hub
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.reporting.automatic import automatic_actor
from app.reporting.daily import AUTO_SETTLED_KEY
from app.reporting.tables import DailyReport, OutboxEntry
from app.triage.records import ScreeningInput, TravelEntry
from tests.conftest import ADMIN_PASSWORD, init_clinic
from tests.reporting.loopback import HubProcess

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 23)  # the fixed clock's clinic day (09:00 Shanghai)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(timezone.utc)


def add_nurse(ctx: AppContext, admin: Actor, desk: str = "triage-desk-2") -> Actor:
    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    return ctx.users.authenticate("nurse", "nurse-pass-1", desk)


def screen_on(ctx: AppContext, nurse: Actor, day: date) -> None:
    """One screening at 10:00 on ``day`` (the clock is put back where it was)."""
    clock: FixedClock = ctx.clock  # type: ignore[assignment]
    saved = clock.now()
    clock._now = at(day, 10)
    ctx.screening.record(nurse, ScreeningInput(38.4, symptoms=frozenset({"fever", "cough"}),
                                               travel=(TravelEntry("上海", None),), health_code="green"))
    clock._now = saved


def reports(ctx: AppContext) -> list[DailyReport]:
    with ctx.db.read() as s:
        return list(s.scalars(select(DailyReport).order_by(DailyReport.clinic_day, DailyReport.version)))


def settled(ctx: AppContext) -> str | None:
    with ctx.db.read() as s:
        return s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == AUTO_SETTLED_KEY))


# ----- a nurse's desk: submitted and delivered as the system -------------------------------------------------------
@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub").start()
    yield process
    process.stop()


def register_at_hub(hub: HubProcess, ctx: AppContext) -> None:
    info = ctx.clinic.get()
    db = open_hub(hub.db_url)
    add_clinic(db, info.code, info.name, info.public_key, ctx.clock.now())
    db.dispose()


def hub_versions(hub: HubProcess, day: date) -> list[tuple[str, int]]:
    db = open_hub(hub.db_url)
    try:
        return [(r["clinic"], r["version"]) for r in store.reports_on(db, day)]
    finally:
        db.dispose()


def test_a_nurse_desk_submits_and_delivers_as_the_system(qapp, ctx: AppContext, admin: Actor, hub: HubProcess,
                                                         clock: FixedClock) -> None:
    from ui.ops import SyncRunner
    from ui.session import Session
    from ui.sync_feed import SyncFeed

    nurse = add_nurse(ctx, admin)
    screen_on(ctx, nurse, TODAY - timedelta(days=1))
    ctx.sync.set_hub_url(admin, hub.url)
    register_at_hub(hub, ctx)
    clock._now = at(TODAY, 9, 5)  # the day before is overdue (09:00)
    session = Session(ctx, nurse, SyncRunner(), ctx.clinic.get(), "李娜")
    feed = SyncFeed(session)
    feed.poll()  # what the desk does every minute, whoever is logged in
    snapshot = feed.snapshot
    assert snapshot is not None and snapshot.error is None and snapshot.auto_submitted == 1
    assert snapshot.status.pending == 0 and snapshot.status.online is True
    (report,) = reports(ctx)
    assert (report.clinic_day, report.automatic, report.submitted_by) == (TODAY - timedelta(days=1), True, "system")
    assert hub_versions(hub, TODAY - timedelta(days=1)) == [("XH01", 1)]
    with ctx.db.read() as s:
        row = s.scalars(select(AuditEvent).where(AuditEvent.action == "report.auto_submit")).one()
    assert (row.user_id, row.username, row.workstation, row.outcome) == (None, "system", "triage-desk-2", "success")
    assert "automatic" in row.roles and "nurse" not in row.username
    feed.poll()  # the next minute: nothing twice
    assert feed.snapshot.auto_submitted == 0 and len(reports(ctx)) == 1


def test_sync_now_stays_with_a_person_who_has_the_right(qapp, ctx: AppContext, admin: Actor,
                                                        clock: FixedClock) -> None:
    from ui.ops import SyncRunner
    from ui.session import Session
    from ui.sync_feed import SyncFeed

    nurse = add_nurse(ctx, admin)
    ctx.sync.set_hub_url(admin, "http://127.0.0.1:9")
    feed = SyncFeed(Session(ctx, nurse, SyncRunner(), ctx.clinic.get(), "李娜"))
    feed.sync_now()
    assert isinstance(feed.snapshot.error, PermissionDenied)  # the nurse's "sync now": refused by the service


# ----- the automatic actor's narrow authorisation ----------------------------------------------------------------
def test_the_system_actor_only_submits_overdue_days_and_delivers(ctx: AppContext, admin: Actor,
                                                                 clock: FixedClock) -> None:
    system = automatic_actor("desk-7")
    yesterday = TODAY - timedelta(days=1)
    for refused in (lambda: ctx.reports.submit(system, yesterday),
                    lambda: ctx.reports.set_auto_submit_time(system, "07:00"),
                    lambda: ctx.sync.set_hub_url(system, "https://hub.example.gov.cn"),
                    lambda: ctx.sync.push(system, hub_url="http://127.0.0.1:9", force=True),
                    lambda: ctx.sync.pull(system, hub_url="http://127.0.0.1:9")):
        with pytest.raises(PermissionDenied) as caught:
            refused()
        assert caught.value.code == "automatic_not_allowed"
    assert reports(ctx) == []
    done = ctx.reports.auto_submit_due(system, first_day=yesterday)  # allowed: overdue, marked automatic
    assert [(r.day, r.automatic, r.submitted_by) for r in done] == [(yesterday, True, "system")]
    with pytest.raises(PermissionDenied) as caught:
        ctx.reports.submit(system, yesterday, note="改", correcting=True)  # a correction is a person's
    assert caught.value.code == "automatic_not_allowed"
    result = ctx.sync.push(system, hub_url="http://127.0.0.1:9")  # delivering what is queued: allowed
    assert result.delivered == 0 and result.retrying == 1


def test_the_automatic_actor_can_do_nothing_else_anywhere(ctx: AppContext) -> None:
    """Outside reporting too: the automatic actor is refused by every other service's check."""
    from app.services.base import authorize
    from app.permissions import Perm

    system = automatic_actor("desk-7")
    with ctx.db.read() as s:
        authorize(s, system, Perm.SUBMIT_REPORTS)
        for perm in (Perm.GATE, Perm.MANAGE_CLINIC_SETTINGS, Perm.VIEW_AUDIT, Perm.ISSUE_PERMITS):
            with pytest.raises(PermissionDenied) as caught:
                authorize(s, system, perm)
            assert caught.value.code == "automatic_not_allowed"
        authorize(s, Actor.system(), Perm.MANAGE_CLINIC_SETTINGS)  # the command line keeps its powers


def test_a_person_still_needs_the_right(ctx: AppContext, admin: Actor) -> None:
    nurse = add_nurse(ctx, admin)
    with pytest.raises(PermissionDenied):
        ctx.reports.auto_submit_due(nurse, first_day=TODAY - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        ctx.sync.push(nurse, hub_url="http://127.0.0.1:9")
    assert [r.day for r in ctx.reports.auto_submit_due(admin, first_day=TODAY - timedelta(days=1))] == [
        TODAY - timedelta(days=1)]


# ----- the walk starts after the last settled day -----------------------------------------------------------------
def test_the_walk_remembers_the_last_settled_day(ctx: AppContext, admin: Actor, clock: FixedClock) -> None:
    system = automatic_actor("desk-1")
    nurse = add_nurse(ctx, admin)
    first = TODAY - timedelta(days=4)
    screen_on(ctx, nurse, first)
    clock._now = at(TODAY, 8, 30)  # yesterday not due until 09:00
    assert [r.day for r in ctx.reports.auto_submit_due(system)] == [first + timedelta(days=i) for i in range(3)]
    assert settled(ctx) == (TODAY - timedelta(days=2)).isoformat()
    ctx.reports.submit(admin, TODAY - timedelta(days=1))  # yesterday by hand, before 09:00
    clock._now = at(TODAY, 9, 30)
    assert ctx.reports.auto_submit_due(system) == []  # not twice
    assert settled(ctx) == (TODAY - timedelta(days=1)).isoformat()
    # the walk starts after the mark: a (made-up) gap before it is not walked again
    with ctx.db.write() as s:
        s.get(ClinicSetting, AUTO_SETTLED_KEY).value = (TODAY + timedelta(days=3)).isoformat()
    clock._now = at(TODAY + timedelta(days=2), 10)
    assert ctx.reports.auto_submit_due(system) == []
    with ctx.db.write() as s:
        s.get(ClinicSetting, AUTO_SETTLED_KEY).value = (TODAY - timedelta(days=1)).isoformat()
    assert [r.day for r in ctx.reports.auto_submit_due(system)] == [TODAY, TODAY + timedelta(days=1)]
    assert [r.version for r in reports(ctx)] == [1] * 6


def test_a_late_manual_report_after_the_mark_is_not_submitted_twice(ctx: AppContext, admin: Actor,
                                                                    clock: FixedClock) -> None:
    system = automatic_actor("desk-1")
    yesterday = TODAY - timedelta(days=1)
    assert [r.day for r in ctx.reports.auto_submit_due(system, first_day=yesterday)] == [yesterday]
    clock._now = at(TODAY + timedelta(days=1), 8)  # today is over; its report is not due before 09:00
    ctx.reports.submit(admin, TODAY)  # by hand
    clock._now = at(TODAY + timedelta(days=3), 10)
    assert [r.day for r in ctx.reports.auto_submit_due(system)] == [TODAY + timedelta(days=1),
                                                                   TODAY + timedelta(days=2)]
    assert [(r.clinic_day, r.automatic) for r in reports(ctx)] == [
        (yesterday, True), (TODAY, False), (TODAY + timedelta(days=1), True), (TODAY + timedelta(days=2), True)]


# ----- two desks at once ------------------------------------------------------------------------------------------
def test_two_desks_at_once_submit_each_day_once(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path,
                                                clock: FixedClock) -> None:
    other = open_context(DataPaths(tmp_path / "desk-b"), db_url, clock=clock, argon2=OWASP_FLOOR)
    first = TODAY - timedelta(days=6)
    results: dict[str, list[date]] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def desk(name: str, context: AppContext) -> None:
        try:
            barrier.wait(timeout=30)
            results[name] = [r.day for r in context.reports.auto_submit_due(automatic_actor(name), first_day=first)]
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    try:
        threads = [threading.Thread(target=desk, args=("desk-a", ctx)),
                   threading.Thread(target=desk, args=("desk-b", other))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        other.close()
    assert errors == []
    days = [first + timedelta(days=i) for i in range(6)]
    assert sorted(results["desk-a"] + results["desk-b"]) == days  # each day by exactly one desk
    assert [(r.clinic_day, r.version) for r in reports(ctx)] == [(d, 1) for d in days]
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 6
        failed = [e for e in audit.page(s, offset=0, limit=50) if e.action == "report.auto_submit"
                  and e.outcome != "success"]
    assert failed == []  # the desk that came second stopped quietly
    assert audit_ok(ctx)


def audit_ok(ctx: AppContext) -> bool:
    return ctx.audit.verify(Actor.system()).ok


# ----- the command line -------------------------------------------------------------------------------------------
@pytest.fixture
def cli_clinic(tmp_path: Path) -> Iterator[tuple[AppContext, str]]:
    """A clinic in a data directory the CLI opens with the real clock; this context's clock starts now."""
    data = tmp_path / "cli-clinic"
    context = open_context(DataPaths(data), clock=FixedClock(datetime.now(timezone.utc)), argon2=OWASP_FLOOR)
    init_clinic(context)
    yield context, str(data)
    context.close()


def real_today() -> date:
    return datetime.now(SHANGHAI).date()


def test_cli_report_submit_both_ways(cli_clinic, capsys: pytest.CaptureFixture[str]) -> None:
    ctx, data = cli_clinic
    tomorrow, yesterday = real_today() + timedelta(days=1), real_today() - timedelta(days=1)
    assert cli_main(["--data-dir", data, "report", "submit", "--date", tomorrow.isoformat()]) == 1
    assert capsys.readouterr().err.startswith("error [report_day_not_over]")
    assert cli_main(["--data-dir", data, "report", "submit", "--date", "23/11/2026"]) == 2
    capsys.readouterr()

    assert cli_main(["--data-dir", data, "report", "submit", "--date", yesterday.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"report submitted for {yesterday}: ZERO REPORT" in out and "version 1" in out
    # the CLI speaks the desk's language (English until a desk chose Chinese): the rows' own words
    assert "Patients screened at pre-triage: 0" in out and "Positive nucleic acid or antigen results: 0" in out
    assert "positive_nat_antigen" not in out and "screened:" not in out  # words, never raw keys
    assert "no county hub address set" in out

    assert cli_main(["--data-dir", data, "report", "submit", "--date", yesterday.isoformat()]) == 1
    assert capsys.readouterr().err.startswith("error [correction_note]")
    assert cli_main(["--data-dir", data, "report", "submit", "--date", yesterday.isoformat(),
                     "--note", "补录纸质登记后更正"]) == 0
    assert f"correction submitted for {yesterday}" in capsys.readouterr().out
    assert [(r.version, r.note) for r in reports(ctx)] == [(1, ""), (2, "补录纸质登记后更正")]


def test_cli_report_submit_delivers_with_a_hub(cli_clinic, hub: HubProcess,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    ctx, data = cli_clinic
    yesterday = real_today() - timedelta(days=1)
    register_at_hub(hub, ctx)
    ctx.sync.set_hub_url(Actor.system(), hub.url)
    assert cli_main(["--data-dir", data, "report", "submit", "--date", yesterday.isoformat()]) == 0
    assert "delivered 1 to the county hub" in capsys.readouterr().out
    assert hub_versions(hub, yesterday) == [("XH01", 1)]


def test_cli_sync_push_submits_what_is_due_first(cli_clinic, hub: HubProcess,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ctx, data = cli_clinic
    admin = ctx.users.authenticate("boss", ADMIN_PASSWORD, "test-ws")
    nurse = add_nurse(ctx, admin)
    first = real_today() - timedelta(days=3)
    screen_on(ctx, nurse, first)
    register_at_hub(hub, ctx)
    assert cli_main(["--data-dir", data, "sync", "push", "--hub", hub.url]) == 0
    out = capsys.readouterr().out
    due = [first, first + timedelta(days=1)]  # two days surely overdue (yesterday depends on the hour)
    for day in due:
        assert f"submitted automatically (overdue): {day}" in out
    assert "delivered" in out and "still queued 0" in out
    submitted = reports(ctx)
    assert all(r.automatic and r.submitted_by == "system" for r in submitted)
    assert f"delivered {len(submitted)} to the county hub" in out
    for day in due:
        assert hub_versions(hub, day) == [("XH01", 1)]
    assert cli_main(["--data-dir", data, "sync", "push"]) == 0  # nothing twice
    assert "submitted automatically" not in capsys.readouterr().out


def test_cli_messages_name_the_new_codes() -> None:
    from app.cli import describe
    from app.vocabulary.errors import ERRORS

    text = describe(ValidationError("hub_list_invalid", list="hospitals", item=2, field="name", reason="missing"))
    assert "Neither list was applied" in text and "item=2" in text and "field=name" in text
    assert "automatic_not_allowed" in ERRORS and "correction_note" in ERRORS
