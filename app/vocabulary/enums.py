"""Every enum a person can meet and its table of words, so a test can prove no value is left without words."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from app.access_log import Access, Criteria
from app.audit_vocab import Outcome
from app.casework.vocab import (CaseExceptionKind, Classification, ClockKind, ClockState, Disposition,
                                HandoverState, Population, TestKind, TestResult)
from app.clinic_info import ClinicLevel
from app.clinic_mode import ClinicMode
from app.desk_vocab import DeskKeyState, DeskPurpose, TrustPurpose
from app.guideline_rules import Area, EditedOn
from app.permissions import Role
from app.reporting.alerts import AlertKind
from app.staff.vocab import RosterState, SampleResult, StaffClock, StaffPost
from app.stock.vocab import CoverState, MoveKind, StockUnit
from app.severity.vocab import (Avpu, Level, LevelReason, ObservationAlert, Parameter, Risk, Spo2Scale,
                                VitalWarning)
from app.transfer.vocab import Condition, HospitalKind, TransferClock, TransferState
from app.triage.vocab import (CallbackOutcome, Decision, DrugCategory, FollowUpState, HandoffState, HealthCode,
                              IdType, Occupation, Prescription, Reason, RiskLevel, SaleOutcome, Sex, Symptom,
                              TempMethod)
from app.vocabulary import Words
from app.vocabulary import audit as A
from app.vocabulary import casework as C
from app.vocabulary import clinic as K
from app.vocabulary import report as R
from app.vocabulary import severity as S
from app.vocabulary import staff as F
from app.vocabulary import stock as U
from app.vocabulary import rules as G
from app.vocabulary import transfer as T
from app.vocabulary import triage as P
from app.vocabulary import wards as W
from app.wards.vocab import (Deny, Direction, ExceptionKind, ExitFlag, GateOutcome, NursingLevel, PermitKind,
                             PermitState, WardType)

TABLES: Mapping[type[Enum], Mapping[str, Words]] = {
    Access: A.ACTION, Criteria: A.ACCESS_CRITERIA, Outcome: A.OUTCOME,
    Classification: C.CLASSIFICATION, TestKind: C.TEST_KIND, TestResult: C.TEST_RESULT, Population: C.POPULATION,
    ClockKind: C.CLOCK_KIND, ClockState: C.CLOCK_STATE, Disposition: C.DISPOSITION,
    CaseExceptionKind: W.EXCEPTION_KIND, HandoverState: C.CASE_HANDOVER_STATE,
    ClinicLevel: K.CLINIC_LEVEL, ClinicMode: K.CLINIC_MODE, Role: K.ROLE,
    DeskKeyState: K.DESK_KEY_STATE, DeskPurpose: K.DESK_PURPOSE, TrustPurpose: K.TRUST_PURPOSE,
    Area: G.RULE_AREA, EditedOn: G.EDITED_ON, AlertKind: R.ALERT_KIND,
    TransferState: T.TRANSFER_STATE, Condition: T.CONDITION, HospitalKind: T.HOSPITAL_KIND, TransferClock: C.CLOCK_KIND,
    Decision: P.DECISION, Symptom: P.SYMPTOM, TempMethod: P.TEMP_METHOD, HealthCode: P.HEALTH_CODE,
    Occupation: P.OCCUPATION, RiskLevel: P.RISK_LEVEL, IdType: P.ID_TYPE, Sex: P.SEX, Reason: P.REASON,
    HandoffState: P.HANDOFF_STATE, DrugCategory: P.DRUG_CATEGORY, Prescription: P.PRESCRIPTION,
    SaleOutcome: P.SALE_OUTCOME, CallbackOutcome: P.CALLBACK_OUTCOME, FollowUpState: P.FOLLOWUP_STATE,
    WardType: W.WARD_TYPE, NursingLevel: W.NURSING_LEVEL, PermitKind: W.PERMIT_KIND, PermitState: W.PERMIT_STATE,
    ExceptionKind: W.EXCEPTION_KIND, Deny: W.DENY, GateOutcome: W.GATE_OUTCOME, Direction: W.DIRECTION,
    ExitFlag: W.EXIT_FLAG,
    Parameter: S.PARAMETER, Avpu: S.AVPU, Spo2Scale: S.SPO2_SCALE, Risk: S.RISK, Level: S.LEVEL,
    LevelReason: S.LEVEL_REASON, VitalWarning: S.VITAL_WARNING, ObservationAlert: S.OBSERVATION_ALERT,
    StaffPost: F.STAFF_POST, SampleResult: F.SAMPLE_RESULT, RosterState: F.ROSTER_STATE, StaffClock: C.CLOCK_KIND,
    StockUnit: U.STOCK_UNIT, MoveKind: U.MOVE_KIND, CoverState: U.COVER_STATE,
}


def code_of(value: Enum) -> str:
    """The stored code of an enum value (``Decision`` is an IntEnum stored by its lower-case name)."""
    code = getattr(value, "code", None)
    return code if isinstance(code, str) else str(value.value)
