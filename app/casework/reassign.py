"""Orphaned cases and their reassignment by the medical director.

首诊负责制 ("不得推诿任何患者"): a case belongs to the doctor who took it until a hand-over the receiving doctor
accepts. When that doctor's account is disabled (or loses the doctor role), or a pending hand-over points at
such an account, nobody can classify, transfer or take the case: it is orphaned. An administrator (the medical
director, Perm.REASSIGN_CASES) gives it to an active doctor, with a reason; the act is audited as
``case.reassign`` (from, to, reason) and cancels a pending hand-over of that case. Disabling a doctor who still
owns open cases is refused until the administrator has seen the list (app/services/users.py).

An *open* case here is one the fever clinic has not closed, or one whose patient was admitted to a ward of this
clinic and is still there (an open admission of the visit): such a case still takes results and classification
and may still owe a transfer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.tables import Case, CaseHandover
from app.casework.vocab import Disposition, HandoverState
from app.db.models import User, UserRole
from app.errors import Conflict, NotFound, ValidationError
from app.permissions import Perm, Role
from app.services.base import Service, authorize
from app.triage.tables import Visit
from app.wards.tables import Admission


@dataclass(frozen=True)
class OpenCase:
    """An open case as the medical director sees it when reassigning."""

    visit_no: str
    patient_name: str
    classification: str
    taken_at: datetime
    in_ward: bool  # admitted to a ward of this clinic, still there
    doctor_username: str
    doctor_name: str
    doctor_able: bool  # the responsible doctor's account is active and has the doctor role
    handover_to: str | None  # a pending hand-over's receiving doctor
    handover_to_able: bool | None
    version: int


def open_condition() -> Any:
    """SQL condition on ``Case``: not closed by the fever clinic, or admitted and still in the ward."""
    in_ward = exists(select(Admission.id).where(Admission.visit_id == Case.visit_id,
                                                Admission.discharged_at.is_(None)))
    return or_(Case.closed_at.is_(None), and_(Case.disposition == Disposition.ADMITTED.value, in_ward))


def _able_users(s: Session) -> dict[int, tuple[str, str, bool]]:
    """Every account: id -> (username, full name, able to do casework: active and a doctor)."""
    doctors = set(s.scalars(select(UserRole.user_id).where(UserRole.role == Role.DOCTOR.value)))
    return {u.id: (u.username, u.full_name, bool(u.active) and u.id in doctors)
            for u in s.execute(select(User.id, User.username, User.full_name, User.active)).all()}


def open_cases(s: Session, user_id: int | None = None) -> list[OpenCase]:
    """Open cases, oldest first; with ``user_id``: those the user owns or has a pending hand-over of."""
    users = _able_users(s)
    pending = {h.case_id: h for h in s.scalars(select(CaseHandover).where(
        CaseHandover.state == HandoverState.PENDING.value))}
    query = select(Case).where(open_condition()).order_by(Case.taken_at, Case.id)
    if user_id is not None:
        waiting = [cid for cid, h in pending.items() if h.to_user_id == user_id]
        query = query.where(or_(Case.doctor_id == user_id, Case.id.in_(waiting)))
    rows = []
    for case in s.scalars(query):
        owner = users.get(case.doctor_id) if case.doctor_id is not None else None
        h = pending.get(case.id)
        target = users.get(h.to_user_id) if h is not None else None
        rows.append(OpenCase(
            case.visit.visit_no, case.visit.patient.name, case.classification, case.taken_at,
            case.closed_at is not None, case.doctor_username, owner[1] if owner else case.doctor_username,
            bool(owner and owner[2]), h.to_username if h is not None else None,
            (bool(target and target[2]) if h is not None else None), case.version))
    return rows


class CaseReassignService(Service):
    def orphaned(self, actor: Actor) -> list[OpenCase]:
        """Open cases nobody can work on: the doctor's account is disabled (or no longer a doctor's), or a
        pending hand-over waits for such an account's answer."""
        with self.db.read() as s:
            authorize(s, actor, Perm.REASSIGN_CASES)
            return [c for c in open_cases(s) if not c.doctor_able or c.handover_to_able is False]

    def open_cases_of(self, actor: Actor, username: str) -> list[OpenCase]:
        """The open cases a user owns, and those handed over to them and waiting for their answer."""
        with self.db.read() as s:
            authorize(s, actor, Perm.REASSIGN_CASES)
            user = s.scalars(select(User).where(User.username == username.strip().lower())).first()
            if user is None:
                raise NotFound(entity="user", username=username)
            return open_cases(s, user.id)

    def doctors(self, actor: Actor) -> list[Any]:
        """Active doctors a case can be reassigned to, in pinyin order of their names."""
        from app.services.users import ColleagueInfo, name_order

        with self.db.read() as s:
            authorize(s, actor, Perm.REASSIGN_CASES)
            rows = s.execute(select(User.username, User.full_name).join(UserRole, UserRole.user_id == User.id)
                             .where(UserRole.role == Role.DOCTOR.value, User.active.is_(True))).all()
        colleagues = [ColleagueInfo(r.username, r.full_name) for r in rows]
        return sorted(colleagues, key=lambda c: (name_order(c.full_name), c.username))

    def reassign(self, actor: Actor, visit_no: str, to_username: str, reason: str) -> OpenCase:
        """Give an open case to another active doctor (the medical director's act, with a reason).
        A pending hand-over of the case is cancelled: responsibility moves at once. Naming the doctor who
        already owns the case only cancels its pending hand-over (say, to a doctor since disabled)."""
        reason = " ".join((reason or "").split())
        if not reason:
            raise ValidationError("required", field="reason")
        if len(reason) > 200:
            raise ValidationError("too_long", field="reason", maximum=200)
        number = visit_no.strip().upper()
        with self.audited_write(actor, "case.reassign", "visit", Perm.REASSIGN_CASES, number) as op:
            s = op.session
            case = s.scalars(select(Case).join(Visit, Visit.id == Case.visit_id)
                             .where(Visit.visit_no == number)).first()
            if case is None:
                raise NotFound(entity="case", visit_no=number)
            if not s.scalar(select(Case.id).where(Case.id == case.id, open_condition())):
                raise Conflict("case_closed", disposition=case.disposition)
            target = s.scalars(select(User).where(User.username == (to_username or "").strip().lower(),
                                                  User.active.is_(True))).first()
            if target is None or Role.DOCTOR.value not in target.role_names:
                raise ValidationError("reassign_target", field="to_username")
            pending = s.scalars(select(CaseHandover).where(CaseHandover.case_id == case.id,
                                                           CaseHandover.state == HandoverState.PENDING.value)).first()
            if target.id == case.doctor_id and pending is None:  # the same doctor: only to end a hand-over
                raise ValidationError("reassign_same", field="to_username", doctor=target.username)
            if pending is not None:
                pending.state = HandoverState.CANCELLED.value
                pending.answered_at, pending.answer_note = self.clock.now(), reason
            before = case.doctor_username
            case.doctor_id, case.doctor_username = target.id, target.username
            s.flush()
            op.summary = {"from": before, "to": target.username, "reason": reason}
            if pending is not None:
                op.summary["handover_cancelled"] = pending.to_username
            found = open_cases(s, target.id)
            return next(c for c in found if c.visit_no == number)
