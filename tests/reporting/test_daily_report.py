"""Daily and zero reports: counts only, immutable versions, the outbox row in the same transaction,
automatic submission at 09:00 the next day."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.actor import Actor
from app.cli import main as cli_main
from app.clock import FixedClock
from app.context import AppContext
from app.errors import Conflict, ValidationError
from app.reporting.tables import OutboxEntry
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 23)  # the fixed clock's clinic day (09:00 Shanghai)


def outbox(ctx: AppContext) -> list[OutboxEntry]:
    with ctx.db.read() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))


def test_a_day_with_nothing_is_an_explicit_zero_report(ctx: AppContext, admin: Actor) -> None:
    report = ctx.reports.submit(admin, TODAY - timedelta(days=1))
    assert report.zero_report and not any(report.counts.values()) and report.version == 1
    body = json.loads(outbox(ctx)[0].body)
    assert body["zero_report"] is True and body["audit_head"]["seq"] == report.audit_seq


def test_counts_only_never_names(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    case = ctx.cases.take(clinic["doc1"], visit_no)
    ctx.cases.classify(clinic["doc1"], visit_no, case.version, "suspected")
    clock.advance(days=1)
    report = ctx.reports.submit(clinic["admin"], TODAY)
    assert not report.zero_report
    assert (report.counts["screened"], report.counts["fever_registered"], report.counts["classified_suspected"]) == (
        1, 1, 1)
    body = outbox(ctx)[0].body
    for private in ("王䶮", "11010519491231002X", visit_no):
        assert private not in body


def test_today_cannot_be_reported_yet(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(ValidationError) as exc:
        ctx.reports.submit(admin, TODAY)
    assert exc.value.code == "report_day_not_over"


def test_submitted_is_immutable_and_corrections_are_versions(ctx: AppContext, admin: Actor) -> None:
    day = TODAY - timedelta(days=1)
    first = ctx.reports.submit(admin, day)
    with pytest.raises(Conflict):
        ctx.reports.submit(admin, day)
    with pytest.raises(ValidationError):
        ctx.reports.submit(admin, day, correcting=True)  # a correction says why
    second = ctx.reports.submit(admin, day, correcting=True, note="补录纸质登记后更正")
    assert (second.version, second.supersedes) == (2, first.id)
    assert [r.version for r in ctx.reports.versions(admin, day)] == [1, 2]
    assert len({e.idempotency_key for e in outbox(ctx)}) == 2
    with pytest.raises(DBAPIError, match="immutable"):
        with ctx.db.engine.begin() as conn:
            conn.execute(text("UPDATE daily_reports SET zero_report = false"))


def test_nurse_cannot_submit(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    from app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        ctx.reports.submit(clinic["nurse"], TODAY - timedelta(days=1))


def test_automatic_submission_at_nine_next_morning(ctx: AppContext, admin: Actor, clock: FixedClock) -> None:
    clock._now = datetime(2026, 11, 24, 8, 59, tzinfo=SHANGHAI).astimezone(timezone.utc)
    assert ctx.reports.auto_submit_due(admin, first_day=TODAY) == []
    clock._now = datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI).astimezone(timezone.utc)
    done = ctx.reports.auto_submit_due(admin, first_day=TODAY)
    assert [(r.day, r.automatic) for r in done] == [(TODAY, True)]
    assert ctx.reports.auto_submit_due(admin, first_day=TODAY) == []  # once


def test_auto_submit_time_is_the_admins_choice(ctx: AppContext, admin: Actor, clock: FixedClock) -> None:
    ctx.reports.set_auto_submit_time(admin, "07:30")
    with pytest.raises(ValidationError):
        ctx.reports.set_auto_submit_time(admin, "half past seven")
    clock._now = datetime(2026, 11, 24, 7, 29, tzinfo=SHANGHAI).astimezone(timezone.utc)
    assert ctx.reports.auto_submit_due(admin, first_day=TODAY) == []
    clock._now = datetime(2026, 11, 24, 7, 30, tzinfo=SHANGHAI).astimezone(timezone.utc)
    assert [r.day for r in ctx.reports.auto_submit_due(admin, first_day=TODAY)] == [TODAY]


def test_open_alerts_are_counted_until_acknowledged(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                    clock: FixedClock) -> None:
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    case = ctx.cases.take(clinic["doc1"], visit_no)
    ctx.cases.classify(clinic["doc1"], visit_no, case.version, "suspected")
    alert = ctx.alerts.scan(clinic["doc1"])[0]
    clock.advance(days=1)
    assert ctx.reports.preview(clinic["admin"], TODAY).counts["open_alerts"] == 1
    ctx.alerts.acknowledge(clinic["admin"], alert.id, alert.version, "已报告县疾控")
    assert ctx.reports.preview(clinic["admin"], TODAY).counts["open_alerts"] == 1  # still open when the day ended
    clock.advance(days=1)
    assert ctx.reports.preview(clinic["admin"], TODAY + timedelta(days=1)).counts["open_alerts"] == 0


def test_cli_report_daily(ctx: AppContext, admin: Actor, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    # issue 14: the clinic was set up on TODAY (fixed clock); the day before is refused (before_clinic), not
    # shown as an empty zero report; the command runs on the real clock, so TODAY itself is over
    before = (TODAY - timedelta(days=1)).isoformat()
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "report", "daily", "--date", before],
                    out=io.StringIO()) == 1
    assert capsys.readouterr().err.startswith("error [before_clinic]")
    day = TODAY.isoformat()
    out = io.StringIO()
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "report", "daily", "--date", day,
                     "--json"], out=out) == 0
    draft = json.loads(out.getvalue())
    assert draft["status"] == "draft" and draft["zero_report"] is True
    ctx.clock.advance(days=1)  # type: ignore[attr-defined]  # TODAY is over: it can be submitted
    ctx.reports.submit(admin, TODAY)
    out = io.StringIO()
    cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "report", "daily", "--date", day, "--json"],
             out=out)
    assert json.loads(out.getvalue())["status"] == "submitted"
    pdf = ctx.paths.root / "report.pdf"
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "report", "daily", "--date", day,
                     "--pdf", str(pdf)], out=io.StringIO()) == 0
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "零报告" in text and day in text
