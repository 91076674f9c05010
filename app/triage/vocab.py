"""The fixed vocabularies of the triage desk, as codes. Labels live with whoever shows them
(the Qt translator on screen, app.printing.labels on paper)."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Decision(IntEnum):
    """Ordered: a nurse may escalate (higher) but not downgrade without a recorded reason."""

    GENERAL = 0  # general outpatient
    FEVER_CLINIC = 1  # escorted to the fever clinic
    ISOLATE = 2  # immediate isolation and report

    @property
    def code(self) -> str:
        return self.name.lower()

    @classmethod
    def from_code(cls, code: str) -> Decision:
        return cls[code.upper()]


class Symptom(StrEnum):
    FEVER = "fever"
    COUGH = "cough"
    FATIGUE = "fatigue"
    SORE_THROAT = "sore_throat"
    SMELL_TASTE_LOSS = "smell_taste_loss"
    DIARRHOEA = "diarrhoea"
    NASAL = "nasal"  # stuffy or runny nose
    CONJUNCTIVITIS = "conjunctivitis"
    MYALGIA = "myalgia"


class TempMethod(StrEnum):
    FOREHEAD = "forehead"
    AXILLARY = "axillary"
    EAR = "ear"
    ORAL = "oral"


class HealthCode(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"  # not shown / no code


class Occupation(StrEnum):
    NONE = "none"
    COLD_CHAIN = "cold_chain"
    PORT = "port"
    QUARANTINE_HOTEL = "quarantine_hotel"
    MEDICAL = "medical"


class RiskLevel(StrEnum):
    MEDIUM = "medium"
    HIGH = "high"


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAU_PERMIT = "hk_macau_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    OTHER = "other"  # none or unknown: a reason is required


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class Reason(StrEnum):
    """Why the rules reached their decision (shown in plain words, printed on the form)."""

    FEVER = "fever"
    SYMPTOMS = "symptoms"
    TRAVEL_MEDIUM = "travel_medium"
    TRAVEL_HIGH = "travel_high"
    CONTACT = "contact"
    CLUSTER = "cluster"
    CODE_YELLOW = "code_yellow"
    CODE_RED = "code_red"
    OCCUPATION = "occupation"
    ANTIPYRETIC = "antipyretic"
    FEVER_WITH_EPI_RISK = "fever_with_epi_risk"
    NURSE_ESCALATED = "nurse_escalated"
    NURSE_DOWNGRADED = "nurse_downgraded"


class HandoffState(StrEnum):
    ESCORTING = "escorting"  # sent from the desk, not yet received
    ARRIVED = "arrived"
    LEFT_WITHOUT_PERMISSION = "left_without_permission"


class DrugCategory(StrEnum):
    ANTIPYRETIC = "antipyretic"
    COUGH = "cough"
    ANTIDIARRHOEAL = "antidiarrhoeal"
