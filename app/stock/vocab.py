"""The codes of the stockpile. Their words live in app/vocabulary/stock.py."""

from __future__ import annotations

from enum import StrEnum


class StockUnit(StrEnum):
    PIECE = "piece"
    SET = "set"
    PAIR = "pair"
    BOX = "box"
    BOTTLE = "bottle"
    TEST = "test"  # a kit's tests (人份)


class MoveKind(StrEnum):
    RECEIPT = "receipt"  # 入库
    ISSUE = "issue"  # 出库 (handed out for use)


class CoverState(StrEnum):
    """Days of cover against the figure: enough, short (a warning), or not known (no full-load use set)."""

    ENOUGH = "enough"
    SHORT = "short"
    UNKNOWN = "unknown"


#: The default list a new clinic starts from (the admin adds, renames, retires): (code, unit), in shelf order.
DEFAULT_ITEMS: tuple[tuple[str, StockUnit], ...] = (
    ("mask_n95", StockUnit.PIECE),
    ("mask_surgical", StockUnit.PIECE),
    ("mask_disposable", StockUnit.PIECE),
    ("protective_suit", StockUnit.SET),
    ("isolation_gown", StockUnit.PIECE),
    ("goggles", StockUnit.PAIR),
    ("face_shield", StockUnit.PIECE),
    ("gloves", StockUnit.PAIR),
    ("disinfectant", StockUnit.BOTTLE),
    ("hand_sanitiser", StockUnit.BOTTLE),
    ("sampling_kit", StockUnit.SET),
    ("antigen_kit", StockUnit.TEST),
    ("antipyretic", StockUnit.BOX),
)
