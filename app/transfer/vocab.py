"""Transfer states, the legal moves between them, and the clock kinds."""

from __future__ import annotations

from enum import StrEnum


class TransferState(StrEnum):
    REQUESTED = "requested"
    DISPATCHED = "dispatched"
    DEPARTED = "departed"
    HANDED_OVER = "handed_over"
    CLOSED = "closed"
    CANCELLED = "cancelled"


# state -> states it may move to; anything else is an illegal jump
TRANSITIONS: dict[str, frozenset[str]] = {
    TransferState.REQUESTED: frozenset({TransferState.DISPATCHED, TransferState.CANCELLED}),
    TransferState.DISPATCHED: frozenset({TransferState.DEPARTED, TransferState.CANCELLED}),
    TransferState.DEPARTED: frozenset({TransferState.HANDED_OVER}),
    TransferState.HANDED_OVER: frozenset({TransferState.CLOSED}),
    TransferState.CLOSED: frozenset(),
    TransferState.CANCELLED: frozenset(),
}
OPEN_STATES = frozenset({TransferState.REQUESTED, TransferState.DISPATCHED, TransferState.DEPARTED,
                         TransferState.HANDED_OVER})
# the patient has been handed over to the receiving hospital: the transfer is final (no second request)
DONE_STATES = frozenset({TransferState.HANDED_OVER, TransferState.CLOSED})


class Condition(StrEnum):
    STABLE = "stable"
    SERIOUS = "serious"
    CRITICAL = "critical"


class HospitalKind(StrEnum):
    DESIGNATED = "designated"  # 定点医院
    BACKUP = "backup"  # 后备定点医院
    FEVER_CLINIC = "fever_clinic"  # 定点发热门诊: where a sentinel room (ClinicMode.REFER) refers every fever patient


class TransferClock(StrEnum):
    REQUEST = "transfer_request"  # classification -> request
    DEPARTURE = "transfer_depart"  # request -> departure
    HANDOVER = "transfer_handover"  # departure -> handover
