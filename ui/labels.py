"""Display names for domain values (roles, clinic levels, audit actions), translated at call time."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate extracts every literal translate("Labels", ...) call


def role_name(role: str) -> str:
    names = {
        "admin": translate("Labels", "Administrator"),
        "triage_nurse": translate("Labels", "Pre-triage nurse"),
        "doctor": translate("Labels", "Sentinel doctor"),
        "gatekeeper": translate("Labels", "Gatekeeper"),
        "system": translate("Labels", "System (command line)"),
    }
    return names.get(role, role)


def role_names(roles: Iterable[str]) -> str:
    order = ["admin", "triage_nurse", "doctor", "gatekeeper"]
    ranked = sorted((r for r in roles if r), key=lambda r: (order.index(r) if r in order else 99, r))
    return translate("Labels", ", ").join(role_name(r) for r in ranked)


def level_name(level: str) -> str:
    names = {
        "township": translate("Labels", "Township health centre"),
        "county": translate("Labels", "County hospital"),
        "other": translate("Labels", "Other"),
    }
    return names.get(level, level)


def outcome_name(outcome: str) -> str:
    names = {
        "success": translate("Labels", "Done"),
        "denied": translate("Labels", "Refused"),
        "failed": translate("Labels", "Failed"),
    }
    return names.get(outcome, outcome)


def action_name(action: str) -> str:
    names = {
        "clinic.initialize": translate("Labels", "Clinic set up"),
        "auth.login": translate("Labels", "Log-in"),
        "user.create": translate("Labels", "Account created"),
        "user.update": translate("Labels", "Account edited"),
        "user.enable": translate("Labels", "Account enabled"),
        "user.disable": translate("Labels", "Account disabled"),
        "user.reset_password": translate("Labels", "Password reset"),
        "user.change_password": translate("Labels", "Own password changed"),
        "db.backup": translate("Labels", "Backup"),
        "db.restore": translate("Labels", "Restore"),
        "triage.screen": translate("Labels", "Pre-triage screening"),
        "triage.register": translate("Labels", "Fever registration"),
        "triage.rules_update": translate("Labels", "Screening rules changed"),
        "triage.risk_areas_replace": translate("Labels", "Risk-area list replaced"),
        "handoff.send": translate("Labels", "Escorted to fever clinic"),
        "handoff.arrive": translate("Labels", "Arrived at fever clinic"),
        "handoff.left_without_permission": translate("Labels", "Left without permission"),
        "pharmacy.purchase": translate("Labels", "Antipyretic purchase registered"),
        "import.visits": translate("Labels", "Paper records imported"),
    }
    return names.get(action, action)


def entity_name(entity: str) -> str:
    names = {
        "clinic": translate("Labels", "Clinic"),
        "user": translate("Labels", "Account"),
        "database": translate("Labels", "Database"),
        "visit": translate("Labels", "Visit"),
        "screening": translate("Labels", "Screening"),
        "purchase": translate("Labels", "Purchase"),
        "import": translate("Labels", "Import"),
        "setting": translate("Labels", "Setting"),
        "risk_areas": translate("Labels", "Risk areas"),
    }
    return names.get(entity, entity)


# ----- triage vocabularies (app/triage/vocab.py) -----------------------------------------------
def decision_name(code: str) -> str:
    names = {
        "general": translate("Labels", "General outpatient"),
        "fever_clinic": translate("Labels", "Fever clinic"),
        "isolate": translate("Labels", "Isolate now and report"),
    }
    return names.get(code, code)


DECISION_COLORS: dict[str, str] = {"general": "#1b6e20", "fever_clinic": "#b35c00", "isolate": "#b3261e"}
DECISION_BACKGROUNDS: dict[str, str] = {"general": "#e3f4e4", "fever_clinic": "#fff0d6", "isolate": "#fde3e1"}


def symptom_name(code: str) -> str:
    names = {
        "fever": translate("Labels", "Fever"),
        "cough": translate("Labels", "Cough"),
        "fatigue": translate("Labels", "Fatigue"),
        "sore_throat": translate("Labels", "Sore throat"),
        "smell_taste_loss": translate("Labels", "Loss of smell or taste"),
        "diarrhoea": translate("Labels", "Diarrhoea"),
        "nasal": translate("Labels", "Stuffy or runny nose"),
        "conjunctivitis": translate("Labels", "Conjunctivitis"),
        "myalgia": translate("Labels", "Muscle aches"),
    }
    return names.get(code, code)


def symptom_names(codes: Iterable[str]) -> str:
    order = ["fever", "cough", "fatigue", "sore_throat", "smell_taste_loss", "diarrhoea", "nasal",
             "conjunctivitis", "myalgia"]
    ranked = sorted(set(codes), key=lambda c: (order.index(c) if c in order else 99, c))
    return translate("Labels", ", ").join(symptom_name(c) for c in ranked)


def temp_method_name(code: str) -> str:
    names = {
        "forehead": translate("Labels", "Forehead"),
        "axillary": translate("Labels", "Armpit"),
        "ear": translate("Labels", "Ear"),
        "oral": translate("Labels", "Oral"),
    }
    return names.get(code, code)


def health_code_name(code: str) -> str:
    names = {
        "green": translate("Labels", "Green"),
        "yellow": translate("Labels", "Yellow"),
        "red": translate("Labels", "Red"),
        "none": translate("Labels", "Not shown"),
    }
    return names.get(code, code)


def occupation_name(code: str) -> str:
    names = {
        "none": translate("Labels", "None of these"),
        "cold_chain": translate("Labels", "Cold-chain work"),
        "port": translate("Labels", "Port or border work"),
        "quarantine_hotel": translate("Labels", "Quarantine hotel"),
        "medical": translate("Labels", "Medical staff"),
    }
    return names.get(code, code)


def risk_level_name(code: str) -> str:
    names = {
        "medium": translate("Labels", "Medium risk"),
        "high": translate("Labels", "High risk"),
    }
    return names.get(code, code)


def id_type_name(code: str) -> str:
    names = {
        "resident_id": translate("Labels", "Resident ID card"),
        "passport": translate("Labels", "Passport"),
        "hk_macau_permit": translate("Labels", "Hong Kong/Macao travel permit"),
        "taiwan_permit": translate("Labels", "Taiwan travel permit"),
        "other": translate("Labels", "Other / no document"),
    }
    return names.get(code, code)


def sex_name(code: str | None) -> str:
    names = {
        "male": translate("Labels", "Male"),
        "female": translate("Labels", "Female"),
        "unknown": translate("Labels", "Unknown"),
    }
    return names.get(code or "", code or "")


def reason_name(code: str, fever_threshold: float = 37.3, travel_days: int = 14) -> str:
    """A reason in plain words, with the clinic's own thresholds."""
    names = {
        "fever": translate("Labels", "Temperature {threshold} °C or higher").format(
            threshold=f"{fever_threshold:.1f}"),
        "symptoms": translate("Labels", "Has fever, cough or other listed symptoms"),
        "travel_medium": translate("Labels", "Stayed in a medium-risk area in the last {days} days").format(
            days=travel_days),
        "travel_high": translate("Labels", "Stayed in a high-risk area in the last {days} days").format(
            days=travel_days),
        "contact": translate("Labels", "Contact with a confirmed or suspected case"),
        "cluster": translate("Labels", "Part of a cluster of sick people"),
        "code_yellow": translate("Labels", "Yellow health code"),
        "code_red": translate("Labels", "Red health code"),
        "occupation": translate("Labels", "Works in a high-risk job"),
        "antipyretic": translate("Labels", "Bought fever medicine elsewhere"),
        "fever_with_epi_risk": translate("Labels", "Fever together with an epidemiological risk"),
        "nurse_escalated": translate("Labels", "Raised by the nurse"),
        "nurse_downgraded": translate("Labels", "Lowered by the nurse (reason recorded)"),
    }
    return names.get(code, code)


def handoff_state_name(code: str | None) -> str:
    names = {
        "escorting": translate("Labels", "On the way"),
        "arrived": translate("Labels", "Arrived"),
        "left_without_permission": translate("Labels", "Left without permission"),
    }
    return names.get(code or "", code or "")


def drug_category_name(code: str) -> str:
    names = {
        "antipyretic": translate("Labels", "Fever reducer"),
        "cough": translate("Labels", "Cough medicine"),
        "antidiarrhoeal": translate("Labels", "Antidiarrhoeal"),
    }
    return names.get(code, code)


def source_name(code: str) -> str:
    names = {
        "desk": translate("Labels", "Desk"),
        "pharmacy": translate("Labels", "Pharmacy"),
        "import": translate("Labels", "Paper record"),
    }
    return names.get(code, code)


def reason_names(codes: Iterable[str], fever_threshold: float = 37.3, travel_days: int = 14) -> str:
    return translate("Labels", ", ").join(reason_name(c, fever_threshold, travel_days) for c in codes)
