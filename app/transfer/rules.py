"""Who owes a transfer, and what a transfer has already done — read by the transfer service, the case
reassignment service and (as data) by the fever-clinic casework.

"疑似病例、确诊病例…专人专车(救护车)尽快转运至定点医院…不得以任何理由延迟转诊": a suspected, confirmed or
asymptomatic case — or one with a positive nucleic-acid or antigen result that has not been excluded since —
leaves only by ambulance transfer, also when the patient is already in a ward (buffer ward included).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.casework.tables import Case, LabTest
from app.casework.vocab import REPORTABLE, Classification, Disposition, TestKind, TestResult
from app.transfer.tables import Transfer
from app.transfer.vocab import DONE_STATES
from app.wards.tables import Admission

#: A positive result of these kinds is an event that makes the case owe a transfer (逢阳必报).
POSITIVE_KINDS = (TestKind.NUCLEIC_ACID.value, TestKind.ANTIGEN.value)


def has_positive_result(s: Session, case_id: int, after: datetime | None = None) -> bool:
    """A positive nucleic-acid or antigen result on the case (with ``after``: one resulted after that time)."""
    query = select(LabTest.id).where(LabTest.case_id == case_id, LabTest.kind.in_(POSITIVE_KINDS),
                                     LabTest.result == TestResult.POSITIVE.value)
    if after is not None:
        query = query.where(LabTest.result_at > after)
    return s.scalar(query.limit(1)) is not None


def owes_transfer(s: Session, case: Case) -> bool:
    """True for a suspected, confirmed or asymptomatic case, and for one with a positive nucleic-acid or
    antigen result — unless the case was excluded after that result (on a negative NAT): the only way out for
    it is a transfer to the designated hospital. A positive result after the exclusion counts again."""
    if case.classification in REPORTABLE:
        return True
    if case.classification == Classification.EXCLUDED:
        return has_positive_result(s, case.id, after=case.classified_at)
    return has_positive_result(s, case.id)


def in_ward(case: Case) -> bool:
    """The case was closed by admitting the patient to a ward of this clinic (buffer ward included)."""
    return case.closed_at is not None and case.disposition == Disposition.ADMITTED


def open_admission(s: Session, visit_id: int) -> Admission | None:
    """The patient's admission of this visit that has not been discharged yet."""
    return s.scalars(select(Admission).where(Admission.visit_id == visit_id, Admission.discharged_at.is_(None))
                     .order_by(Admission.id.desc())).first()


def finished_transfer(s: Session, case_id: int) -> Transfer | None:
    """The transfer that already handed this case's patient over to the receiving hospital, if any."""
    return s.scalars(select(Transfer).where(Transfer.case_id == case_id, Transfer.state.in_(DONE_STATES))
                     .order_by(Transfer.id)).first()
