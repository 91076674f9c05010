"""My work at a glance (issue 15): how much waits for the user logged in, page by page, in one cheap read.

Counts only, each from open rows through an index — never a list, never a name, never a scan of the
history: hand-offs still on the way (``handoffs.state``), patients received at the fever clinic that no
doctor has taken yet (the arrived hand-offs without a case, as ``CaseService.waiting``), hand-overs
waiting for this user's answer (``case_handovers.to_user_id``/``state``), open clocks past their time
(the partial index ``ix_clocks_open_due``), alerts nobody acknowledged (``alerts.acknowledged_at``) and
visitors still inside after their visit's end (``gate_inside``: one row per person inside now).

Each count is read only when the user's roles allow the page that shows it (``None`` otherwise), so the
read itself needs no permission beyond an active account; the pages refuse or allow as before.
The untaken limit is the county's figure (``CaseworkFigures.untaken_minutes``, "首诊负责制，不得推诿任何患者").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.figures import CaseworkFigures
from app.casework.tables import CaseHandover, Clock, no_case_yet
from app.casework.vocab import HandoverState
from app.db.models import User, UserRole
from app.errors import PermissionDenied
from app.figures import load_figures
from app.permissions import Perm, permissions_of
from app.reporting.alert_tables import Alert
from app.services.base import Service
from app.triage.tables import Handoff
from app.triage.vocab import HandoffState
from app.wards.figures import WardFigures
from app.wards.tables import GateInside, Permit
from app.wards.vocab import PermitKind

#: Who sees the visitors overstaying (as app/wards/gate.py OVERSTAY_PERMS).
OVERSTAY_PERMS = frozenset({Perm.GATE, Perm.ISSUE_PERMITS, Perm.MANAGE_WARDS})
#: Long waits at the fever clinic: amber past the untaken limit, red past this many times it (10 → 30 min).
RED_WAIT_FACTOR = 3


@dataclass(frozen=True)
class WorkCounts:
    """What waits, at ``now``; ``None`` where the user's roles do not show that page."""

    now: datetime
    on_the_way: int | None = None  # hand-offs walking to the fever clinic (引导)
    on_the_way_overdue: int | None = None  # … past their expected arrival
    waiting: int | None = None  # received at the fever clinic, no doctor has taken them
    waiting_overdue: int | None = None  # … past the county's untaken limit (首诊负责制)
    handovers_to_me: int | None = None  # hand-overs waiting for this user's answer
    clocks_overdue: int | None = None  # open time limits past due
    alerts_open: int | None = None  # early-warning alerts nobody acknowledged
    visitors_overstaying: int | None = None  # visitors still inside after their visit's end
    untaken_minutes: int = CaseworkFigures.untaken_minutes  # the limit in force


def _permissions(s: Session, actor: Actor) -> frozenset[Perm]:
    if actor.is_system:
        return frozenset()  # the command line and the automatic actor have no desk to show
    rows = s.execute(select(User.active, UserRole.role).outerjoin(UserRole, UserRole.user_id == User.id)
                     .where(User.id == actor.user_id)).all()
    if not rows or not rows[0].active:
        raise PermissionDenied("account_disabled")
    return permissions_of(frozenset(r.role for r in rows if r.role))


class WorkCountsService(Service):
    def counts(self, actor: Actor) -> WorkCounts:
        """The counts for the pages this user may open: one read transaction, the counts in one statement (on
        a server each statement is a round trip, and this polls every 15 s on every desk)."""
        now = self.clock.now()
        with self.db.read() as s:
            perms = _permissions(s, actor)
            figures, _version = load_figures(s, CaseworkFigures)
            limit = figures.untaken_minutes
            wanted: dict[str, Select[Any]] = {}
            if Perm.VIEW_PATIENTS in perms:
                escorting = Handoff.state == HandoffState.ESCORTING.value
                wanted["on_the_way"] = select(func.count()).select_from(Handoff).where(escorting)
                wanted["on_the_way_overdue"] = (select(func.count()).select_from(Handoff)
                                                .where(escorting, Handoff.due_at <= now))
                # ix_handoffs_waiting, each checked for a case by its key (no_case_yet: never a scan of cases)
                untaken = (select(func.count(func.distinct(Handoff.visit_id))).select_from(Handoff)
                           .where(Handoff.state == HandoffState.ARRIVED.value, Handoff.taken_at.is_(None),
                                  Handoff.received_at.is_not(None),
                                  no_case_yet(Handoff.visit_id)))
                wanted["waiting"] = untaken
                # a visit's first arrival is before the limit iff one of its arrivals is: no grouping needed
                wanted["waiting_overdue"] = untaken.where(Handoff.received_at < now - timedelta(minutes=limit))
            if Perm.CASEWORK in perms:
                wanted["handovers_to_me"] = select(func.count()).select_from(CaseHandover).where(
                    CaseHandover.to_user_id == actor.user_id, CaseHandover.state == HandoverState.PENDING.value)
            if Perm.VIEW_CLOCKS in perms:
                wanted["clocks_overdue"] = (select(func.count()).select_from(Clock)
                                            .where(Clock.met_at.is_(None), Clock.due_at < now))
                wanted["alerts_open"] = (select(func.count()).select_from(Alert)
                                         .where(Alert.acknowledged_at.is_(None)))
            found: dict[str, int | None] = {}
            if wanted:
                row = s.connection().execute(select(*(q.scalar_subquery().label(k) for k, q in wanted.items())))
                found.update((k, int(v or 0)) for k, v in row.one()._mapping.items())
            if perms & OVERSTAY_PERMS:
                found["visitors_overstaying"] = self._overstaying(s, now)
            return WorkCounts(now, untaken_minutes=limit, **found)

    @staticmethod
    def _overstaying(s: Session, now: datetime) -> int:
        """Visitors inside past min(the permit's end, entry + the visit's minutes) — as GateService.inside."""
        ward_figures, _version = load_figures(s, WardFigures)
        visit = timedelta(minutes=ward_figures.visit_max_minutes)
        # the few people inside drive the read (a scalar look-up per row), whatever the planner knows of permits
        until = (select(Permit.valid_until).where(Permit.id == GateInside.permit_id,
                                                  Permit.kind == PermitKind.VISITOR.value).scalar_subquery())
        rows = s.execute(select(GateInside.since, until)).all()
        return sum(1 for since, valid_until in rows if valid_until is not None and now > min(valid_until, since + visit))


def wait_level(waited_seconds: float, limit_minutes: int | None) -> str:
    """How a wait at the fever clinic is coloured: "ok", "amber" past the untaken limit (10 min), "red" past
    ``RED_WAIT_FACTOR`` times it (30 min). At exactly the limit the doctor is still in time."""
    if limit_minutes is None:
        return "ok"
    if waited_seconds > limit_minutes * 60 * RED_WAIT_FACTOR:
        return "red"
    if waited_seconds > limit_minutes * 60:
        return "amber"
    return "ok"
