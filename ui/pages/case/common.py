"""What the parts of the case window share: the view they show from, the clocks they look up, the status styles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLabel

from app.casework.records import CaseRecord, ClockRecord, LabTestRecord
from app.casework.vocab import FORWARD, Classification, ClockState
from ui.widgets.palette import (
    BROWN,
    CLOCK_BACKGROUNDS,
    CLOCK_COLORS,
    NEUTRAL_BG,
    OK_STYLE,
    ORANGE_BG,
    SLATE_DARK,
    style,
)

BANNER_STYLE = style(fg=BROWN, bg=ORANGE_BG, bold=True, extra="padding: 6px 10px; border-radius: 4px;")
CLOSED_STYLE = style(fg=SLATE_DARK, bg=NEUTRAL_BG, bold=True, extra="padding: 6px 10px; border-radius: 4px;")


@dataclass(frozen=True)
class CaseView:
    """What every part of the case window shows from: the record, who may act on it, and now. The dialog makes
    one after each read or write, so the parts never ask the session themselves."""

    case: CaseRecord
    mine: bool  # the responsible doctor at the desk
    casework: bool  # any doctor (may record a lab result, or ask a ward patient's transfer)
    now: datetime
    zone: ZoneInfo

    @property
    def is_open(self) -> bool:
        return self.case.closed_at is None

    @property
    def active(self) -> bool:
        """Open, or admitted to a ward: the service still takes its orders, results, classification and a
        transfer request (a ward patient who turns positive or suspected leaves by transfer)."""
        return self.is_open or self.case.in_ward

    @property
    def may_request_transfer(self) -> bool:
        """The responsible doctor while the case is open; any doctor for a patient in a ward. The service
        decides, and says why when it refuses."""
        return self.casework and self.active and (self.mine or self.case.in_ward)


def last_clock(case: CaseRecord, kind: str) -> ClockRecord | None:
    """The case's latest clock of ``kind``, met or not."""
    found = [k for k in case.clocks if k.kind == kind]
    return found[-1] if found else None


def open_clock(case: CaseRecord, kind: str) -> ClockRecord | None:
    """The case's latest clock of ``kind`` still running."""
    found = [k for k in case.clocks if k.kind == kind and k.met_at is None]
    return found[-1] if found else None


def positive_tests(case: CaseRecord) -> tuple[LabTestRecord, ...]:
    """The results the service counts as positive (逢阳必报: nucleic acid or antigen), in test order."""
    ids = set(case.positive_test_ids)
    return tuple(t for t in case.tests if t.id in ids)


def needs_exception(before: str, after: str) -> bool:
    """Whether the rules may refuse ``before → after`` so that only an approved exception lets it through: a
    move that is not forward, or a suspected case excluded (two negative results far enough apart, or an
    exception). The service decides; this only says when a waiting exception is worth handing it."""
    if after == before:
        return False
    return after not in FORWARD.get(before, frozenset()) or (
        before == Classification.SUSPECTED and after == Classification.EXCLUDED)


def clock_chip(label: QLabel, text: str, state: ClockState | None) -> None:
    """A coloured status line: amber when due soon, red when overdue, green when met in time."""
    label.setText(text)
    if state is None:
        label.setStyleSheet(OK_STYLE)
    else:
        label.setStyleSheet(style(fg=CLOCK_COLORS[state.value], bg=CLOCK_BACKGROUNDS[state.value], bold=True,
                                  extra="padding: 3px 8px; border-radius: 4px;"))
