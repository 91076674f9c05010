"""How many days at full load the stockpile must cover, as data a county may change (app/figures.py).

Source (DOMAIN.md): "满足…30天满负荷运转需求"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.figures import Figure, FigureSet


@dataclass(frozen=True)
class StockFigures(FigureSet):
    KEY: ClassVar[str] = "stock.figures"
    FIGURES: ClassVar[dict[str, Figure]] = {
        "cover_days": Figure(7, 90, "days", "满足…30天满负荷运转需求"),
    }
    cover_days: int = 30
