"""Display names for domain values on the desks, in the desk's language at call time.

issue 15 — one vocabulary: every word comes from app/vocabulary (the same table the printed forms read), picked
by the desk's language; nothing here holds words of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.vocabulary import Words, labels
from app.vocabulary import audit as A
from app.vocabulary import casework as C
from app.vocabulary import clinic as K
from app.vocabulary import report as R
from app.vocabulary import rules as G
from app.vocabulary import transfer as T
from app.vocabulary import triage as P
from app.vocabulary import wards as W
from app.vocabulary.phrases import AGE, AWAITING_RESULT, LIST_SEPARATOR, NO, SETTLED, YES
from ui.i18n import current_language


def say(words: Words) -> str:
    """The one picker: ``words`` in the desk's current language."""
    return words.say(current_language())


def _name(table: Mapping[str, Words], code: object, default: str = "") -> str:
    """The words for ``code`` on this desk; the code itself when the table has none, ``default`` when empty."""
    if code is None or code == "":
        return default
    words = table.get(str(code))
    return say(words) if words is not None else str(code)


def role_name(role: str) -> str:
    return _name(K.ROLE, role)


def role_names(roles: Iterable[str]) -> str:
    order = ["admin", "triage_nurse", "doctor", "gatekeeper"]
    ranked = sorted((r for r in roles if r), key=lambda r: (order.index(r) if r in order else 99, r))
    return say(LIST_SEPARATOR).join(role_name(r) for r in ranked)


def level_name(level: str) -> str:
    return _name(K.CLINIC_LEVEL, level)


def clinic_mode_name(mode: str) -> str:
    """How the clinic handles fever patients (app.clinic_mode.ClinicMode), as the status bar shows it."""
    return _name(K.CLINIC_MODE, mode)


def clinic_mode_explanation(mode: str) -> str:
    return _name(K.CLINIC_MODE_EXPLANATION, mode)


def outcome_name(outcome: str) -> str:
    return _name(A.OUTCOME, outcome)


def action_name(action: str) -> str:
    return _name(A.ACTION, action)


def entity_name(entity: str) -> str:
    return _name(A.ENTITY, entity)


# ----- desk keys and trust (app/desk_vocab.py) ---------------------------------------------------
def desk_key_state_name(code: str) -> str:
    return _name(K.DESK_KEY_STATE, code)


def desk_purpose_name(code: str) -> str:
    return _name(K.DESK_PURPOSE, code)


def trust_purpose_name(code: str) -> str:
    return _name(K.TRUST_PURPOSE, code)


# ----- triage vocabularies (app/triage/vocab.py) -----------------------------------------------
def decision_name(code: str) -> str:
    return _name(P.DECISION, code)


def symptom_name(code: str) -> str:
    return _name(P.SYMPTOM, code)


def symptom_names(codes: Iterable[str]) -> str:
    return say(LIST_SEPARATOR).join(labels(P.SYMPTOM, codes, current_language()))


def temp_method_name(code: str) -> str:
    return _name(P.TEMP_METHOD, code)


def health_code_name(code: str) -> str:
    return _name(P.HEALTH_CODE, code)


def occupation_name(code: str) -> str:
    return _name(P.OCCUPATION, code)


def risk_level_name(code: str) -> str:
    return _name(P.RISK_LEVEL, code)


def id_type_name(code: str) -> str:
    return _name(P.ID_TYPE, code)


def sex_name(code: str | None) -> str:
    return _name(P.SEX, code)


def reason_name(code: str, fever_threshold: float = 37.3, travel_days: int = 14) -> str:
    """A reason in plain words, with the clinic's own thresholds."""
    return P.reason_words(code, current_language(), fever_threshold, travel_days)


def handoff_state_name(code: str | None) -> str:
    return _name(P.HANDOFF_STATE, code)


def drug_category_name(code: str) -> str:
    return _name(P.DRUG_CATEGORY, code)


def prescription_name(code: str | None) -> str:
    return _name(P.PRESCRIPTION, code)


def sale_outcome_name(code: str | None) -> str:
    return _name(P.SALE_OUTCOME, code)


def callback_outcome_name(code: str | None) -> str:
    return _name(P.CALLBACK_OUTCOME, code)


def followup_state_name(code: str | None) -> str:
    return _name(P.FOLLOWUP_STATE, code)


def source_name(code: str) -> str:
    return _name(P.VISIT_SOURCE, code)


def reason_names(codes: Iterable[str], fever_threshold: float = 37.3, travel_days: int = 14) -> str:
    return say(LIST_SEPARATOR).join(reason_name(c, fever_threshold, travel_days) for c in codes)


# ----- fever clinic casework (app/casework/vocab.py) -------------------------------------------
def classification_name(code: str | None) -> str:
    return _name(C.CLASSIFICATION, code)


def test_kind_name(code: str) -> str:
    return _name(C.TEST_KIND, code)


def test_result_name(code: str | None) -> str:
    return _name(C.TEST_RESULT, code, say(AWAITING_RESULT))


def population_name(code: str) -> str:
    return _name(C.POPULATION, code)


def clock_kind_name(code: str) -> str:
    return _name(C.CLOCK_KIND, code)


def settled_reason_name(code: str | None) -> str:
    """Why a clock was closed by the case's end rather than met (ClockRecord.settled_reason)."""
    return say(SETTLED).format(reason=_name(C.CLOCK_SETTLED, code))


def clock_state_name(code: str) -> str:
    return _name(C.CLOCK_STATE, code)


def disposition_name(code: str | None) -> str:
    return _name(C.DISPOSITION, code)



def span_text(seconds: float) -> str:
    """A running countdown: "1:05:09" (hours may pass 24: 26:00:00)."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def time_left_text(seconds: float) -> str:
    """In words, as people say it (ui/durations.py): "超时 85 小时", "还剩 12 分钟"."""
    from ui.durations import seconds_text

    return seconds_text(seconds)


def age_text(birth: object, today: object) -> str:
    from datetime import date

    if not isinstance(birth, date) or not isinstance(today, date):
        return ""
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return say(AGE).format(years=years)


# ----- transfers to the designated hospital (app/transfer/vocab.py) ------------------------------
def transfer_state_name(code: str) -> str:
    return _name(T.TRANSFER_STATE, code)


def condition_name(code: str | None) -> str:
    return _name(T.CONDITION, code)


def hospital_kind_name(code: str) -> str:
    return _name(T.HOSPITAL_KIND, code)


def step_name(target: str) -> str:
    """The action that moves a transfer into ``target``."""
    return _name(T.TRANSFER_STEP, target)


def yes_no(flag: bool | None) -> str:
    if flag is None:
        return ""
    return say(YES) if flag else say(NO)


# ----- wards, permits and the gate ---------------------------------------------------------------
def ward_type_name(code: str) -> str:
    return _name(W.WARD_TYPE, code)


def nursing_level_name(code: str) -> str:
    return _name(W.NURSING_LEVEL, code)


def permit_kind_name(code: str | None) -> str:
    return _name(W.PERMIT_KIND, code)


def permit_state_name(code: str) -> str:
    return _name(W.PERMIT_STATE, code)


def exception_kind_name(code: str) -> str:
    return _name(W.EXCEPTION_KIND, code)


def gate_outcome_name(code: str) -> str:
    return _name(W.GATE_OUTCOME, code)


def direction_name(code: str) -> str:
    """The gatekeeper's action at the gate (F2 / F3)."""
    return _name(W.DIRECTION, code)


def exit_flag_name(code: str) -> str:
    """What was wrong when a holder left (leaving is never refused; the exit is recorded with it)."""
    return _name(W.EXIT_FLAG, code)


def deny_reason_name(code: str | None) -> str:
    """Why the gate said no, in words a gatekeeper can repeat to the visitor."""
    return _name(W.DENY, code)


# ----- daily report and early warning ---------------------------------------------------------------
REPORT_COUNT_KEYS = R.REPORT_COUNT_KEYS  # the rows in printed order, one list for screen and paper


def report_count_name(key: str) -> str:
    """The words of a daily-report row: the printed report's own table (app/vocabulary/report.py)."""
    return _name(R.REPORT_COUNT, key)


# ----- rules in force (app/guideline_rules.py) ---------------------------------------------------------
def rule_area_name(area: str) -> str:
    return _name(G.RULE_AREA, area)


def rule_name(rule_id: str) -> str:
    """A guideline rule the product enforces, in plain words (its source phrase is shown next to it)."""
    return _name(G.RULE, rule_id)


def figure_name(key: str, name: str) -> str:
    """A figure in force (``<set key>:<name>`` of app/guideline_rules.py), without its unit."""
    words = G.FIGURE.get(f"{key}:{name}")
    return say(words) if words is not None else name


def figure_unit(unit: str) -> str:
    return _name(G.UNIT, unit)


def figure_value(value: object, unit: str) -> str:
    """``2 hours``, ``37.3 °C``, ``09:00``."""
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    words = figure_unit(unit)
    return f"{text} {words}" if words else text


def edited_on_name(code: str) -> str:
    """Where a figure is changed (app.guideline_rules.EditedOn)."""
    return _name(G.EDITED_ON, code)


def alert_kind_name(kind: str) -> str:
    return _name(R.ALERT_KIND, kind)


def alert_series_name(series: str) -> str:
    return _name(R.ALERT_SERIES, series)
