"""The fever clinic's called queue (issue 17): a number on the slip, the waiting list by severity, the call.

* The number: the next of the visit's clinic day (1, 2, 3 …), given by ``HandoffService.send`` in the sending
  transaction through a named counter (app/counters.py, the visit number's own mechanism: on PostgreSQL the
  counter's row lock holds until the commit, so two desks sending at once get two numbers, and a refused send
  rolls back and wastes none). A visit sent again keeps its number. It reads ``F012`` everywhere
  (``queue_label``): the F (发热) keeps it apart from the general outpatient numbers of the same hall.
* The order: the emergency triage level first (I before IV; a screening without a level — saved before 0023,
  or no set of observations — goes with level IV: nothing measured says it is more urgent), then the epidemic
  decision within a level (isolate before the fever clinic, as before issue 17), then the longest wait against
  the level's target — within one level every patient has the same target, so that is the longest wait —
  then the queue number. Severity before waiting, as the issue says: an overdue level III never passes a level II.
* The call: the doctor calls the first patient in that order not yet called (``call_next``) or a chosen one
  (``call``, also to call again). Calling does not take the case: taking stays the first-diagnosis act.
  A called patient stays in the list (marked) until taken; the waiting-room display shows them as called.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.records import WaitingPatient
from app.casework.tables import no_case_yet
from app.counters import next_value
from app.errors import Conflict
from app.figures import load_figures
from app.permissions import Perm
from app.privacy import mask_name
from app.services.base import Service, WriteOp, authorize
from app.severity.figures import TriageLevelFigures
from app.severity.triage_level import minutes_for
from app.severity.vocab import Level
from app.triage.tables import Handoff, Visit
from app.triage.vocab import Decision, HandoffState

#: How many called numbers the waiting-room display shows (the newest first).
CALLED_SHOWN = 4


def queue_label(queue_no: int | None) -> str:
    """The one display form of a queue number (slip, page, display, print): F001 … F999, F1000 …"""
    return "" if queue_no is None else f"F{queue_no:03d}"


def next_queue_no(s: Session, clinic_day: date) -> int:
    """The day's next number, in the caller's transaction (rolls back with a refused send)."""
    return next_value(s, f"queue:{clinic_day:%Y%m%d}")


def _urgency(decision: str) -> int:
    """The pre-triage decision's rank (isolate now 2, fever clinic 1, general 0); an unknown code last."""
    try:
        return int(Decision.from_code(decision))
    except KeyError:
        return -1


def _order(w: WaitingPatient) -> tuple[int, int, datetime, int]:
    return (w.level or Level.IV, -_urgency(w.decision), w.arrived_at, w.queue_no or 0)


def read_waiting(s: Session) -> list[WaitingPatient]:
    """Every patient received and not taken, in the queue's order (the module's docstring): an index range of
    the arrived hand-offs not taken (``ix_handoffs_waiting``), never the history."""
    figures, _version = load_figures(s, TriageLevelFigures)
    rows = s.execute(
        select(Visit, Handoff.received_at, Handoff.called_at, Handoff.called_by)
        .join(Handoff, Handoff.visit_id == Visit.id)
        # each probes the cases index by key (no_case_yet); an outer join let PostgreSQL scan every case (issue 16)
        .where(Handoff.state == HandoffState.ARRIVED.value, Handoff.taken_at.is_(None),
               no_case_yet(Handoff.visit_id))).all()
    waiting = []
    for v, at, called_at, called_by in rows:
        if at is None:  # always set once arrived
            continue
        level = v.screening.severity_level
        waiting.append(WaitingPatient(
            v.visit_no, v.patient.name, at, v.screening.decision, v.screening.temperature_c, queue_no=v.queue_no,
            masked_name=mask_name(v.patient.name), level=level, urgent=bool(v.screening.urgent),
            target_minutes=minutes_for(level or Level.IV, figures), called_at=called_at, called_by=called_by))
    return sorted(waiting, key=_order)


@dataclass(frozen=True)
class DisplayNumber:
    """One line of the waiting-room display: the number and the masked name, nothing else."""

    label: str
    masked_name: str


@dataclass(frozen=True)
class WaitingRoomView:
    """What the waiting room may see: the numbers called (newest first) and the numbers waiting, in order.
    No full name, no ID, no level or decision — the room is public."""

    called: tuple[DisplayNumber, ...]
    waiting: tuple[DisplayNumber, ...]


def _shown(w: WaitingPatient) -> DisplayNumber:
    return DisplayNumber(queue_label(w.queue_no) or w.visit_no[-4:], w.masked_name)


class QueueService(Service):
    def waiting(self, actor: Actor) -> list[WaitingPatient]:
        """The doctor's waiting list, in the queue's order, with full names."""
        with self.db.read() as s:
            authorize(s, actor, Perm.CASEWORK)
            return read_waiting(s)

    def display(self, actor: Actor) -> WaitingRoomView:
        """The waiting-room display's read: numbers and masked names only."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            waiting = read_waiting(s)
        # the newest call first; calls in the same second in the reverse of the queue's order (call_next's)
        called = [w for _at, _i, w in sorted(((w.called_at, i, w) for i, w in enumerate(waiting)
                                              if w.called_at is not None), key=lambda c: c[:2], reverse=True)]
        return WaitingRoomView(tuple(_shown(w) for w in called[:CALLED_SHOWN]),
                               tuple(_shown(w) for w in waiting if w.called_at is None))

    def call_next(self, actor: Actor) -> WaitingPatient:
        """Call the first patient in the queue's order not yet called. Refused: ``queue_empty``."""
        with self.audited_write(actor, "queue.call", "visit", Perm.CASEWORK) as op:
            first = next((w for w in read_waiting(op.session) if w.called_at is None), None)
            if first is None:
                raise Conflict("queue_empty")
            return self._call(actor, first, op)

    def call(self, actor: Actor, visit_no: str) -> WaitingPatient:
        """Call a chosen patient, or call one again. Refused: ``not_waiting`` (taken, or not received)."""
        wanted = visit_no.strip().upper()
        with self.audited_write(actor, "queue.call", "visit", Perm.CASEWORK, wanted) as op:
            chosen = next((w for w in read_waiting(op.session) if w.visit_no == wanted), None)
            if chosen is None:
                raise Conflict("not_waiting", visit_no=wanted)
            return self._call(actor, chosen, op)

    def _call(self, actor: Actor, w: WaitingPatient, op: WriteOp) -> WaitingPatient:
        row = op.session.scalars(select(Handoff).join(Visit, Visit.id == Handoff.visit_id)
                        .where(Visit.visit_no == w.visit_no, Handoff.state == HandoffState.ARRIVED.value,
                               Handoff.taken_at.is_(None)).order_by(Handoff.id.desc())).first()
        assert row is not None  # read_waiting just listed it, in this transaction
        again = row.called_at is not None
        row.called_at, row.called_by = self.clock.now(), actor.username
        op.entity_id = w.visit_no
        op.summary = {"queue_no": queue_label(w.queue_no), "again": again}
        return replace(w, called_at=row.called_at, called_by=row.called_by)
