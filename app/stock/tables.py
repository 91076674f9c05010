"""Stock items and their moves (schema owned by migration 0022)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models import Base
from app.db.types import UTCDateTime


class StockItem(Base):
    """One kind of supply. ``code`` names a default item (its words in app/vocabulary/stock.py); an item the
    admin added has none and is shown by ``name``. ``daily_use``: the use per day at full load (0: not set)."""

    __tablename__ = "stock_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(32), unique=True, nullable=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    unit: Mapped[str] = mapped_column(String(16))
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    daily_use: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class StockMove(Base):
    """A receipt or an issue, with the stock it left (so any past day's stock is one index range)."""

    __tablename__ = "stock_moves"
    __table_args__ = (Index("ix_stock_moves_item_at", "item_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("stock_items.id"))
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer)
    balance_after: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    clinic_day: Mapped[date] = mapped_column(Date, index=True)
    by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(200), default="")
