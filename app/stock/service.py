"""The stockpile (物资储备): stock on hand, receipts and issues, and days of cover at full load.

"满足…30天满负荷运转需求": days of cover = stock ÷ the item's daily use at full load (set per item by the admin;
0 means not set, and the cover is unknown rather than infinite); an item below ``StockFigures.cover_days`` is
short. Stock never goes below zero: an issue larger than the stock is refused (``stock_negative``). Every move
keeps the balance it left, so a past day's stock (the daily report of that day) is read from the moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.errors import Conflict, NotFound, StaleEdit, ValidationError
from app.figures import load_figures
from app.permissions import Perm
from app.services.base import Service, authorize
from app.stock.figures import StockFigures
from app.stock.tables import StockItem, StockMove
from app.stock.vocab import CoverState, MoveKind, StockUnit
from app.text_rules import check_text
from app.triage.common import clinic_row

MAX_QUANTITY = 1_000_000
NAME_MAX = 64
NOTE_MAX = 200


def cover_days(on_hand: int, daily_use: int) -> float | None:
    """Days the stock lasts at full load; None when the daily use is not set."""
    return on_hand / daily_use if daily_use > 0 else None


def cover_state(days: float | None, figure: int) -> CoverState:
    """Short below the figure (exactly the figure's days is enough)."""
    if days is None:
        return CoverState.UNKNOWN
    return CoverState.SHORT if days < figure else CoverState.ENOUGH


@dataclass(frozen=True)
class StockRow:
    id: int
    code: str | None  # a default item's code (its words in app/vocabulary/stock.py); None: the admin's own
    name: str
    unit: str  # StockUnit
    on_hand: int
    daily_use: int  # at full load; 0: not set
    cover_days: float | None
    state: str  # CoverState
    active: bool
    version: int


@dataclass(frozen=True)
class MoveRecord:
    id: int
    item_id: int
    kind: str  # MoveKind
    quantity: int
    balance_after: int
    at: datetime
    by: str
    note: str


@dataclass(frozen=True)
class Lowest:
    """The item with the fewest days of cover (of those with a daily use set)."""

    item_id: int
    code: str | None
    name: str
    cover_days: float


def _row(item: StockItem, figure: int) -> StockRow:
    days = cover_days(item.on_hand, item.daily_use)
    return StockRow(item.id, item.code, item.name, item.unit, item.on_hand, item.daily_use, days,
                    cover_state(days, figure).value, item.active, item.version)


def _balance(s: Session, item_id: int, before: datetime) -> int:
    """The item's stock as its last move before ``before`` left it (no move: 0): one index seek
    (item_id, at), never the history before it."""
    return s.scalar(select(StockMove.balance_after).where(StockMove.item_id == item_id, StockMove.at < before)
                    .order_by(StockMove.at.desc(), StockMove.id.desc()).limit(1)) or 0


def day_counts(s: Session, day: date, zone: ZoneInfo) -> tuple[dict[str, int], Lowest | None]:
    """The daily report's rows as the day ended: the active items with a full-load use, those short, the lowest
    whole days of cover (only when some item has a use set); and that lowest item. The daily use is today's."""
    figure = load_figures(s, StockFigures)[0].cover_days
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    items = s.execute(select(StockItem.id, StockItem.code, StockItem.name, StockItem.daily_use)
                      .where(StockItem.active.is_(True), StockItem.daily_use > 0).order_by(StockItem.position,
                                                                                          StockItem.id)).all()
    covers = [(_balance(s, i, end) / use, i, code, name) for i, code, name, use in items]
    counts = {"stock_items_tracked": len(covers), "stock_items_short": sum(c[0] < figure for c in covers)}
    if not covers:
        return counts, None
    days, item_id, code, name = min(covers, key=lambda c: c[0])
    counts["stock_lowest_cover_days"] = int(days)
    return counts, Lowest(item_id, code, name, days)


def _quantity(quantity: int) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError("stock_quantity", field="quantity", maximum=MAX_QUANTITY)
    return quantity


def _daily_use(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_QUANTITY:
        raise ValidationError("stock_daily_use", field="daily_use", maximum=MAX_QUANTITY)
    return value


def _name(name: str) -> str:
    name = " ".join((check_text(name, "name") or "").split())
    if not 1 <= len(name) <= NAME_MAX:
        raise ValidationError("stock_item_name", field="name", maximum=NAME_MAX)
    return name


class StockService(Service):
    """Admin (Perm.STOCKPILE): the items, their full-load daily use, receipts and issues, each audited."""

    def items(self, actor: Actor, *, include_retired: bool = False) -> list[StockRow]:
        with self.db.read() as s:
            authorize(s, actor, Perm.STOCKPILE)
            figure = load_figures(s, StockFigures)[0].cover_days
            where = [] if include_retired else [StockItem.active.is_(True)]
            rows = s.scalars(select(StockItem).where(*where).order_by(StockItem.position, StockItem.id)).all()
            return [_row(i, figure) for i in rows]

    def cover_figure(self) -> int:
        """The days of cover asked for (no permission: a figure in force)."""
        with self.db.read() as s:
            return load_figures(s, StockFigures)[0].cover_days

    def add_item(self, actor: Actor, name: str, unit: str, daily_use: int = 0) -> StockRow:
        """An item the default list lacks (its stock starts at 0: receive it)."""
        name = _name(name)
        if unit not in StockUnit._value2member_map_:
            raise ValidationError("stock_unit", field="unit")
        _daily_use(daily_use)
        with self.audited_write(actor, "stock.item_add", "stock_item", Perm.STOCKPILE) as op:
            s = op.session
            if s.scalar(select(StockItem.id).where(StockItem.name == name)) is not None:
                raise Conflict("stock_item_exists", name=name)
            position = (s.scalar(select(func.max(StockItem.position))) or 0) + 1
            item = StockItem(code=None, name=name, unit=unit, on_hand=0, daily_use=daily_use, active=True,
                             position=position)
            s.add(item)
            s.flush()
            op.entity_id = item.id
            op.summary = {"name": name, "unit": unit, "daily_use": daily_use}
            return _row(item, load_figures(s, StockFigures)[0].cover_days)

    def update_item(self, actor: Actor, item_id: int, expected_version: int, *, name: str, unit: str,
                    daily_use: int, active: bool) -> StockRow:
        """Rename, another unit, the full-load daily use, or retire (``active`` False) an item."""
        name = _name(name)
        if unit not in StockUnit._value2member_map_:
            raise ValidationError("stock_unit", field="unit")
        _daily_use(daily_use)
        with self.audited_write(actor, "stock.item_update", "stock_item", Perm.STOCKPILE, item_id) as op:
            s = op.session
            item = s.get(StockItem, item_id)
            if item is None:
                raise NotFound(entity="stock_item", id=item_id)
            if item.version != expected_version:
                raise StaleEdit(entity="stock_item")
            if name != item.name and s.scalar(select(StockItem.id).where(StockItem.name == name)) is not None:
                raise Conflict("stock_item_exists", name=name)
            op.summary = {k: [old, new] for k, old, new in (("name", item.name, name), ("unit", item.unit, unit),
                                                            ("daily_use", item.daily_use, daily_use),
                                                            ("active", item.active, active)) if old != new}
            item.name, item.unit, item.daily_use, item.active = name, unit, daily_use, active
            s.flush()
            return _row(item, load_figures(s, StockFigures)[0].cover_days)

    def receive(self, actor: Actor, item_id: int, quantity: int, note: str = "") -> StockRow:
        return self._move(actor, item_id, MoveKind.RECEIPT, quantity, note)

    def issue(self, actor: Actor, item_id: int, quantity: int, note: str = "") -> StockRow:
        """Handed out for use; refused (``stock_negative``) when more than the stock."""
        return self._move(actor, item_id, MoveKind.ISSUE, quantity, note)

    def _move(self, actor: Actor, item_id: int, kind: MoveKind, quantity: int, note: str) -> StockRow:
        _quantity(quantity)
        note = " ".join((check_text(note, "note") or "").split())[:NOTE_MAX]
        action = "stock.receive" if kind == MoveKind.RECEIPT else "stock.issue"
        with self.audited_write(actor, action, "stock_item", Perm.STOCKPILE, item_id) as op:
            s = op.session
            # the row locked first (PostgreSQL): two desks issuing at once see each other's balance
            item = s.scalars(select(StockItem).where(StockItem.id == item_id).with_for_update()).first()
            if item is None:
                raise NotFound(entity="stock_item", id=item_id)
            balance = item.on_hand + (quantity if kind == MoveKind.RECEIPT else -quantity)
            if balance < 0:
                raise ValidationError("stock_negative", field="quantity", item=item.name, on_hand=item.on_hand,
                                      quantity=quantity)
            now = self.clock.now()
            day = now.astimezone(ZoneInfo(clinic_row(s).timezone)).date()
            s.add(StockMove(item_id=item.id, kind=kind.value, quantity=quantity, balance_after=balance, at=now,
                            clinic_day=day, by=actor.username, note=note))
            item.on_hand = balance
            s.flush()
            op.summary = {"kind": kind.value, "quantity": quantity, "balance_after": balance, "note": note}
            return _row(item, load_figures(s, StockFigures)[0].cover_days)

    def moves(self, actor: Actor, item_id: int, *, limit: int = 200) -> list[MoveRecord]:
        """An item's moves, newest first."""
        with self.db.read() as s:
            authorize(s, actor, Perm.STOCKPILE)
            rows = s.scalars(select(StockMove).where(StockMove.item_id == item_id)
                             .order_by(StockMove.at.desc(), StockMove.id.desc()).limit(limit)).all()
            return [MoveRecord(m.id, m.item_id, m.kind, m.quantity, m.balance_after, m.at, m.by, m.note)
                    for m in rows]

    def lowest(self, actor: Actor, day: date) -> Lowest | None:
        """The item with the fewest days of cover as ``day`` ended."""
        with self.db.read() as s:
            authorize(s, actor, Perm.STOCKPILE)
            return day_counts(s, day, ZoneInfo(clinic_row(s).timezone))[1]
