"""The fixed vocabularies of the triage desk, as codes. Their words, for screen and paper alike, live in
app/vocabulary/triage.py."""

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
    """Pre-triage starts at NOT_CHECKED: the nurse must record what was seen ("及时查验健康码").
    A desk or import screening is refused while NOT_CHECKED; NONE (not shown) needs a reason."""

    NOT_CHECKED = "not_checked"  # nobody has looked yet (allowed only at the pharmacy counter)
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"  # not shown / no code (with the reason, e.g. no smartphone)


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
    """What the drug monitoring counts: "一退两抗" (退热药、抗病毒药、抗菌药物) plus 止咳药, as many counties add."""

    ANTIPYRETIC = "antipyretic"
    ANTIVIRAL = "antiviral"
    ANTIBIOTIC = "antibiotic"
    COUGH = "cough"


#: Stored by earlier releases (退热/止咳/止泻): still shown on screen and paper, no longer accepted.
LEGACY_DRUG_CATEGORIES = frozenset({"antidiarrhoeal"})


class Prescription(StrEnum):
    """The buyer's prescription: "无二级以上医疗机构医生处方不得出售退烧药物" (二级以上 includes level 2)."""

    NONE = "none"
    LEVEL2_PLUS = "level2_plus"  # from a doctor of a level-2 or higher institution
    BELOW_LEVEL2 = "below_level2"  # from a doctor of a lower-level institution (not enough for antipyretics)


class SaleOutcome(StrEnum):
    SOLD = "sold"
    NOT_SOLD = "not_sold"  # registered and guided, but the sale was refused by the rule


class CallbackOutcome(StrEnum):
    """The pharmacy follow-up call: every outcome but NO_ANSWER takes the buyer off the list."""

    SEEN_ELSEWHERE = "seen_elsewhere"  # 已到其他发热门诊就诊
    NO_FEVER = "no_fever"  # 已退热无不适
    REFUSED = "refused"  # 拒绝就诊
    UNREACHABLE = "unreachable"  # 无法联系 (wrong or dead number, several calls unanswered)
    NO_ANSWER = "no_answer"  # 未接通: an attempt, call again


class FollowUpState(StrEnum):
    OPEN = "open"  # on the follow-up list
    SEEN_AT_FEVER_CLINIC = "seen_at_fever_clinic"  # a fever-clinic visit matched (screening, phone or ID)
    CALLED_BACK = "called_back"  # closed by a call-back outcome
    NOT_REQUIRED = "not_required"  # registered before the follow-up list existed
