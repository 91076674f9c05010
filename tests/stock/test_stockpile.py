"""The stockpile (issue 18, part 4): the default list, receipts and issues (never below zero), days of cover at
full load, the 30-day warning at its edge, and the daily report's rows — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.db.models import AuditEvent
from app.errors import Conflict, PermissionDenied, ValidationError
from app.guideline_rules import GuidelineRulesService
from app.reporting.tables import OutboxEntry
from app.stock.service import cover_days, cover_state
from app.stock.vocab import DEFAULT_ITEMS
from app.vocabulary.stock import item_number_text
from tests.casework.conftest import clinic  # noqa: F401  (fixture)

TODAY = date(2026, 11, 23)


def item(ctx: AppContext, admin: Actor, code: str) -> int:
    return next(i.id for i in ctx.stock.items(admin) if i.code == code)


def test_cover_and_the_warning_at_its_edge() -> None:
    assert cover_days(300, 10) == 30 and cover_days(5, 0) is None
    assert cover_state(30.0, 30) == "enough"  # exactly the figure's days: enough
    assert cover_state(29.9, 30) == "short"
    assert cover_state(None, 30) == "unknown"


def test_receipts_and_issues_never_below_zero(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    admin = clinic["admin"]
    assert [i.code for i in ctx.stock.items(admin)] == [code for code, _unit in DEFAULT_ITEMS]
    n95 = item(ctx, admin, "mask_n95")
    row = ctx.stock.receive(admin, n95, 500, "县卫健局调拨")
    assert (row.on_hand, row.cover_days, row.state) == (500, None, "unknown")  # no full-load use set yet
    row = ctx.stock.issue(admin, n95, 200)
    assert row.on_hand == 300
    with pytest.raises(ValidationError) as refused:
        ctx.stock.issue(admin, n95, 301)
    assert refused.value.code == "stock_negative" and refused.value.details["on_hand"] == 300
    assert next(i for i in ctx.stock.items(admin) if i.id == n95).on_hand == 300  # nothing moved
    with pytest.raises(ValidationError) as zero:
        ctx.stock.receive(admin, n95, 0)
    assert zero.value.code == "stock_quantity"
    with pytest.raises(PermissionDenied):
        ctx.stock.receive(clinic["doc1"], n95, 10)
    assert [(m.kind, m.quantity, m.balance_after) for m in ctx.stock.moves(admin, n95)] == [
        ("issue", 200, 300), ("receipt", 500, 500)]
    with ctx.db.read() as s:
        failed = s.scalars(select(AuditEvent).where(AuditEvent.action == "stock.issue")
                           .order_by(AuditEvent.seq.desc())).first()
    assert failed is not None and "stock_negative" in failed.summary  # the refusal is in the trail


def test_days_of_cover_and_the_30_day_warning(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    admin = clinic["admin"]
    n95 = item(ctx, admin, "mask_n95")
    ctx.stock.receive(admin, n95, 300)
    current = next(i for i in ctx.stock.items(admin) if i.id == n95)
    row = ctx.stock.update_item(admin, n95, current.version, name=current.name, unit=current.unit, daily_use=10,
                                active=True)
    assert (row.cover_days, row.state) == (30, "enough")  # exactly 30 days: no warning
    row = ctx.stock.issue(admin, n95, 1)
    assert row.state == "short" and row.cover_days is not None and row.cover_days < 30
    own = ctx.stock.add_item(admin, "一次性鞋套", "pair", daily_use=20)
    assert (own.code, own.on_hand, own.state) == (None, 0, "short")
    with pytest.raises(Conflict):
        ctx.stock.add_item(admin, "一次性鞋套", "pair")
    GuidelineRulesService(ctx.db, ctx.clock).update_figures(admin, "stock.figures", {"cover_days": 20}, 0)
    assert next(i for i in ctx.stock.items(admin) if i.id == n95).state == "enough"  # 29.9 days ≥ 20


def test_daily_report_rows_and_the_county_payload(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                  clock: FixedClock) -> None:
    admin = clinic["admin"]
    for code, quantity, use in (("mask_n95", 600, 20), ("protective_suit", 50, 5), ("gloves", 1000, 10)):
        item_id = item(ctx, admin, code)
        ctx.stock.receive(admin, item_id, quantity)
        current = next(i for i in ctx.stock.items(admin) if i.id == item_id)
        ctx.stock.update_item(admin, item_id, current.version, name=current.name, unit=current.unit,
                              daily_use=use, active=True)
    clock.advance(days=1)
    ctx.stock.issue(admin, item(ctx, admin, "mask_n95"), 590)  # the next day: not in the day's report
    counts = ctx.reports.preview(admin, TODAY).counts
    assert {k: counts[k] for k in ("stock_items_tracked", "stock_items_short", "stock_lowest_cover_days",
                                   "stock_lowest_item")} == {
        "stock_items_tracked": 3, "stock_items_short": 1, "stock_lowest_cover_days": 10,
        "stock_lowest_item": 4}  # protective suits: 50 ÷ 5 = 10 days
    assert item_number_text(4, "zh_CN") == "医用防护服" and item_number_text(0, "en") == "an item the clinic added"
    ctx.reports.submit(admin, TODAY)
    with ctx.db.read() as s:
        body = json.loads(s.scalars(select(OutboxEntry.body)).one())
    assert body["counts"]["stock_lowest_cover_days"] == 10 and body["stock_lowest_item_name"] == "医用防护服"
    clock.advance(days=1)
    assert ctx.reports.preview(admin, TODAY + timedelta(days=1)).counts["stock_lowest_cover_days"] == 0  # 10 N95 left


def test_the_printed_report_names_the_lowest_item_on_one_page() -> None:
    from app.printing.daily_report import daily_report_pdf
    from app.vocabulary.report import REPORT_COUNT
    from tests.printing import fixtures as F
    from tests.printing import pdftools as T

    counts = dict.fromkeys(REPORT_COUNT, 3) | {"staff_overdue": 2, "stock_lowest_cover_days": 12,
                                               "stock_lowest_item": 1}  # the longest default name
    pdf = daily_report_pdf(F.clinic(), TODAY, counts, zero_report=False, status="submitted", version=1,
                           series=[(TODAY - timedelta(days=i), 1) for i in range(39)], audit_seq=1,
                           audit_hash="0" * 64, printed_at=F.PRINTED_AT)
    flat = T.compact(T.text_of(pdf))
    for words in ("重点岗位人员核酸检测人数", "重点岗位人员检测逾期", "环境表面采样阳性", "储备不足品种"):
        assert words in flat, words
    assert T.compact("储备最低可用天数（医用防护口罩（N95/KN95））") in flat
    assert T.compact("其中可用天数最低的物资") not in flat  # named beside the days, not a row of its own
    assert T.page_count(pdf) == 1


def test_the_county_dashboard_shows_each_clinics_lowest_cover() -> None:
    from app.hub.web import _cover_cell

    short = _cover_cell({"stock_lowest_cover_days": 12, "stock_lowest_item": 4})
    assert "12（医用防护服）" in short and "rate-low" in short  # below 30 days: red
    assert "rate-low" not in _cover_cell({"stock_lowest_cover_days": 30, "stock_lowest_item": 1})
    assert _cover_cell({"screened": 3}) == '<td class="cover"></td>'  # no full-load use set (or an older release)
