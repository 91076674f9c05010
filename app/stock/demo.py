"""The demo clinic's stockpile, through the real service (audited as the admin's own work): every default item
with its daily use at full load, a first receipt four weeks ago, a second one for some, the weekly issues to the
fever clinic since, leaving 35–60 days of cover — and the protective suits below 30 days (short)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.clock import FixedClock
from app.db.engine import Database
from app.demo_actor import demo_actor
from app.stock.service import StockService
from app.stock.tables import StockMove

#: code: (daily use at full load, days of cover left today) — a township clinic's fever clinic at full load
PLAN = {
    "mask_n95": (40, 45), "mask_surgical": (200, 52), "mask_disposable": (300, 38), "protective_suit": (10, 22),
    "isolation_gown": (30, 41), "goggles": (6, 60), "face_shield": (10, 55), "gloves": (200, 36),
    "disinfectant": (4, 48), "hand_sanitiser": (3, 50), "sampling_kit": (30, 35), "antigen_kit": (50, 40),
    "antipyretic": (20, 44),
}
FIRST_RECEIPT_DAYS = 28  # days ago
SECOND_RECEIPT_DAYS = 10
ISSUE_DAYS = (21, 14, 7, 1)  # the weekly issues to the fever clinic, days ago




def create_stock_demo(db: Database, now: datetime, timezone: str) -> int:
    """Daily use, receipts and issues, once (a demo with any stock move is left as it is); returns the items
    stocked."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(StockMove)):
            return 0
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    admin = demo_actor(db, "admin", "demo-admin")

    def on(days_ago: int) -> StockService:
        moment = datetime.combine(today - timedelta(days=days_ago), time(10, 0), zone)
        return StockService(db, FixedClock(min(moment, now)))  # today before 10:00: now, never in the future

    items = {r.code: r for r in on(FIRST_RECEIPT_DAYS).items(admin)}
    stocked = 0
    for code, (use, cover) in PLAN.items():
        item = items.get(code)
        if item is None:  # renamed away or retired by the admin: left alone
            continue
        on(FIRST_RECEIPT_DAYS).update_item(admin, item.id, item.version, name=item.name, unit=item.unit,
                                           daily_use=use, active=True)
        issue = max(1, use * 7 // 2)  # a week at half load
        second = use * 20 if stocked % 2 == 0 else 0  # every other item: a second delivery from the county
        first = cover * use + issue * len(ISSUE_DAYS) - second
        moves = [(FIRST_RECEIPT_DAYS, True, first, "县卫健局调拨"), (SECOND_RECEIPT_DAYS, True, second, "县卫健局调拨")]
        moves += [(ago, False, issue, "发热门诊领用") for ago in ISSUE_DAYS]
        for ago, receipt, quantity, note in sorted(moves, key=lambda m: -m[0]):
            if quantity:
                service = on(ago)
                (service.receive if receipt else service.issue)(admin, item.id, quantity, note)
        stocked += 1
    return stocked
