"""The pharmacy follow-up list (购药者追踪): "对购买退烧药物的顾客需进行登记，并引导到就近发热门诊就诊".

Every purchase registered since migration 0013 (``PharmacyPurchase.follow_up``) stays on the list until
the buyer is

* seen at a fever clinic — a fever-clinic ``Visit`` registered at or after the purchase, for the
  purchase's own counter screening, or for a patient with the same phone or the same ID number; matched
  automatically from the records, nothing to write; or
* called back with a closing outcome (every ``CallbackOutcome`` but ``no_answer``, which only counts an
  attempt), audited as "pharmacy.callback".

The list is computed from the rows on every read, so it can never disagree with them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, String, and_, func, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db.models import Base
from app.db.types import UTCDateTime
from app.triage.tables import Patient, PharmacyPurchase, Visit
from app.triage.vocab import CallbackOutcome, FollowUpState

#: Call-back outcomes that take the buyer off the list.
CLOSING_OUTCOMES = frozenset(c.value for c in CallbackOutcome if c is not CallbackOutcome.NO_ANSWER)


class PharmacyCallback(Base):
    """One call to a buyer on the follow-up list (schema: migration 0013)."""

    __tablename__ = "pharmacy_callbacks"

    id: Mapped[int] = mapped_column(primary_key=True)
    purchase_id: Mapped[int] = mapped_column(ForeignKey("pharmacy_purchases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    username: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))  # CallbackOutcome
    note: Mapped[str] = mapped_column(String(200), default="")


def seen_visits() -> ColumnElement[bool]:
    """Correlated on ``PharmacyPurchase``: a fever-clinic visit at or after the purchase for this buyer
    (the purchase's own counter screening, or the same phone, or the same ID number)."""
    P = PharmacyPurchase
    return (select(Visit.id).join(Patient, Patient.id == Visit.patient_id)
            .where(Visit.registered_at >= P.at,
                   or_(and_(P.screening_id.is_not(None), Visit.screening_id == P.screening_id),
                       and_(P.phone.is_not(None), Patient.phone == P.phone),
                       and_(P.id_number.is_not(None), Patient.id_number == P.id_number)))
            .exists())


def called_back() -> ColumnElement[bool]:
    """Correlated on ``PharmacyPurchase``: a call-back with a closing outcome."""
    return (select(PharmacyCallback.id)
            .where(PharmacyCallback.purchase_id == PharmacyPurchase.id,
                   PharmacyCallback.outcome.in_(CLOSING_OUTCOMES))
            .exists())


def is_open() -> ColumnElement[bool]:
    return and_(PharmacyPurchase.follow_up.is_(True), ~seen_visits(), ~called_back())


def first_seen_visit(s: Session, p: PharmacyPurchase) -> tuple[str, datetime] | None:
    """The first fever-clinic visit that matches the purchase: (visit number, registered at)."""
    matches = [Visit.screening_id == p.screening_id] if p.screening_id is not None else []
    if p.phone:
        matches.append(Patient.phone == p.phone)
    if p.id_number:
        matches.append(Patient.id_number == p.id_number)
    if not matches:
        return None
    row = s.execute(select(Visit.visit_no, Visit.registered_at).join(Patient, Patient.id == Visit.patient_id)
                    .where(Visit.registered_at >= p.at, or_(*matches))
                    .order_by(Visit.registered_at, Visit.id).limit(1)).first()
    return (row.visit_no, row.registered_at) if row else None


def state_of(s: Session, p: PharmacyPurchase) -> tuple[FollowUpState, str | None, PharmacyCallback | None]:
    """(state, the matching visit number when seen, the closing call-back when called back)."""
    if not p.follow_up:
        return FollowUpState.NOT_REQUIRED, None, None
    seen = first_seen_visit(s, p)
    if seen is not None:
        return FollowUpState.SEEN_AT_FEVER_CLINIC, seen[0], None
    closing = s.scalars(select(PharmacyCallback).where(PharmacyCallback.purchase_id == p.id,
                                                       PharmacyCallback.outcome.in_(CLOSING_OUTCOMES))
                        .order_by(PharmacyCallback.id).limit(1)).first()
    if closing is not None:
        return FollowUpState.CALLED_BACK, None, closing
    return FollowUpState.OPEN, None, None


def attempts_of(s: Session, purchase_ids: list[int]) -> dict[int, tuple[int, datetime | None]]:
    """For each purchase: how many calls were made, and when the last one was."""
    if not purchase_ids:
        return {}
    rows = s.execute(select(PharmacyCallback.purchase_id, func.count(), func.max(PharmacyCallback.at))
                     .where(PharmacyCallback.purchase_id.in_(purchase_ids))
                     .group_by(PharmacyCallback.purchase_id))
    return {pid: (int(n), last) for pid, n, last in rows}
