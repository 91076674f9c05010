"""特殊情况 for the fever clinic's casework rules.

A step a guideline rule refuses (today: a classification move the forward-only rule refuses, e.g. a
confirmed case entered by mistake, "confirmed → suspected") may still be taken when a second person with
the right role — the medical director, ``Perm.APPROVE_EXCEPTIONS`` (admin) — approves it with a reason.
The approval is audited ("case.exception_approve", on the visit, so it shows on the case timeline), kept
as a ``RuleException`` row (subject = the visit number), counted in the daily report, and used once, for
that visit and that target only, by someone other than the approver (``CaseService.classify(...,
exception_id=...)``: "exception_self", "exception_used", "exception_mismatch").
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.records import CaseExceptionRecord
from app.casework.tables import Case, RuleException
from app.casework.vocab import CaseExceptionKind, Classification
from app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.permissions import Perm
from app.services.base import Service, authorize
from app.text_rules import check_text
from app.triage.tables import Visit

REASON_MIN = 4
REASON_MAX = 200


def exception_record(e: RuleException) -> CaseExceptionRecord:
    return CaseExceptionRecord(e.id, e.kind, e.subject, json.loads(e.detail or "{}"), e.reason, e.approved_by,
                               e.approved_at, e.used_at, e.used_by)


def pending_for(s: Session, visit_no: str) -> list[RuleException]:
    """The approved, unused casework exceptions for this visit (oldest first)."""
    return pending_for_visits(s, [visit_no]).get(visit_no, [])


def pending_for_visits(s: Session, visit_nos: list[str]) -> dict[str, list[RuleException]]:
    """``pending_for`` of many visits in one query (the open-case page reads all its cases at once)."""
    kinds = [k.value for k in CaseExceptionKind]
    found: dict[str, list[RuleException]] = {}
    for e in s.scalars(select(RuleException).where(RuleException.subject.in_(visit_nos),
                                                   RuleException.kind.in_(kinds), RuleException.used_at.is_(None))
                       .order_by(RuleException.approved_at, RuleException.id)):
        found.setdefault(e.subject, []).append(e)
    return found


def consume(s: Session, exception_id: int, actor: Actor, visit_no: str, kind: str, detail: dict[str, Any],
            at: Any) -> RuleException:
    """Use an approved exception inside the caller's write: it must be for this visit, this kind and this
    target (``exception_mismatch``), unused (``exception_used``), and the user is not its approver
    (``exception_self``)."""
    e = s.get(RuleException, exception_id, with_for_update=True)
    if e is None or e.kind not in CaseExceptionKind._value2member_map_:
        raise ValidationError("exception_unknown", field="exception_id", id=exception_id)
    stored = json.loads(e.detail or "{}")
    if e.kind != kind or e.subject != visit_no or any(stored.get(k) != v for k, v in detail.items()):
        raise ValidationError("exception_mismatch", field="exception_id", kind=e.kind, subject=e.subject,
                              detail=stored)
    if e.used_at is not None:
        raise Conflict("exception_used", by=e.used_by)
    if e.approved_by == actor.username:
        raise PermissionDenied("exception_self")
    e.used_at, e.used_by = at, actor.username
    return e


class CaseExceptionService(Service):
    def approve(self, actor: Actor, visit_no: str, kind: str, detail: dict[str, Any], reason: str) -> int:
        """The medical director approves a step a casework rule refuses, for one visit; returns its id.

        ``kind`` "classification_downgrade", ``detail`` {"to": the classification the case may move to}.
        The reason (at least 4 characters) says why."""
        number = (visit_no or "").strip().upper()
        reason = " ".join((check_text(reason, "reason", multiline=True) or "").split())
        if len(reason) < REASON_MIN:
            raise ValidationError("exception_reason", field="reason", minimum=REASON_MIN)
        if len(reason) > REASON_MAX:
            raise ValidationError("too_long", field="reason", maximum=REASON_MAX)
        if kind not in CaseExceptionKind._value2member_map_:
            raise ValidationError("exception_kind", field="kind")
        detail = dict(detail or {})
        if kind == CaseExceptionKind.CLASSIFICATION_DOWNGRADE:
            if set(detail) != {"to"} or detail["to"] not in Classification._value2member_map_:
                raise ValidationError("exception_detail", field="to")
        with self.audited_write(actor, "case.exception_approve", "visit", Perm.APPROVE_EXCEPTIONS, number) as op:
            s = op.session
            case = s.scalars(select(Case).join(Visit, Visit.id == Case.visit_id)
                             .where(Visit.visit_no == number)).first()
            if case is None:
                raise NotFound(entity="case", visit_no=number)
            e = RuleException(kind=kind, subject=number, detail=json.dumps(detail, ensure_ascii=False),
                              reason=reason, approved_by=actor.username, approved_at=self.clock.now())
            s.add(e)
            s.flush()
            op.summary = {"exception_id": e.id, "kind": kind, "detail": detail, "reason": reason,
                          "classification": case.classification}
            return e.id

    def pending(self, actor: Actor, visit_no: str) -> list[CaseExceptionRecord]:
        """The approved exceptions for this visit that nobody has used yet."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            return [exception_record(e) for e in pending_for(s, (visit_no or "").strip().upper())]

    def for_visit(self, actor: Actor, visit_no: str) -> list[CaseExceptionRecord]:
        """Every casework exception approved for this visit, used or not (oldest first)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            rows = s.scalars(select(RuleException).where(
                RuleException.subject == (visit_no or "").strip().upper(),
                RuleException.kind.in_([k.value for k in CaseExceptionKind]))
                .order_by(RuleException.approved_at, RuleException.id))
            return [exception_record(e) for e in rows]
