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
        # issue 15 — sentences: the automatic actor (app/reporting/automatic.py) is marked "automatic"
        "automatic": translate("Labels", "Automatic (daily report)"),
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


def clinic_mode_name(mode: str) -> str:
    """How the clinic handles fever patients (app.clinic_mode.ClinicMode), as the status bar shows it."""
    names = {
        "refer": translate("Labels", "Sentinel room (refers)"),
        "treat": translate("Labels", "Fever room (treats)"),
    }
    return names.get(mode, mode)


def clinic_mode_explanation(mode: str) -> str:
    names = {
        "refer": translate("Labels", "Every fever patient is registered, isolated, sampled if the clinic can, and "
                           "referred by transfer to the designated fever clinic. No other disposition here."),
        "treat": translate("Labels", "The fever room sees its patients: tests, observation until the result, "
                           "classification and disposition here; reportable cases are transferred."),
    }
    return names.get(mode, mode)


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
        "clinic.mode_change": translate("Labels", "Clinic mode changed"),
        "figures.update": translate("Labels", "Rule figures changed"),
        "triage.risk_areas_replace": translate("Labels", "Risk-area list replaced"),
        "sync.list_applied": translate("Labels", "County list applied (version from the hub)"),
        "handoff.send": translate("Labels", "Escorted to fever clinic"),
        "handoff.arrive": translate("Labels", "Arrived at fever clinic"),
        "handoff.left_without_permission": translate("Labels", "Left without permission"),
        "pharmacy.purchase": translate("Labels", "Medicine purchase registered"),
        "pharmacy.callback": translate("Labels", "Medicine buyer called back"),
        "import.visits": translate("Labels", "Paper records imported"),
        "case.take": translate("Labels", "Case taken (first-diagnosis doctor)"),
        "case.handover_request": translate("Labels", "Hand-over requested"),
        "case.handover_accept": translate("Labels", "Hand-over accepted"),
        "case.handover_decline": translate("Labels", "Hand-over declined"),
        "case.reassign": translate("Labels", "Case reassigned by the medical director"),
        "case.interview": translate("Labels", "Interview and findings saved"),
        "case.classify": translate("Labels", "Case classified"),
        "case.reported": translate("Labels", "Direct network report recorded"),
        "case.investigated": translate("Labels", "Epidemiological investigation done"),
        "case.observe": translate("Labels", "Observation room and bed"),
        "case.order_test": translate("Labels", "Test ordered"),
        "case.result": translate("Labels", "Test result recorded"),
        "case.dispose": translate("Labels", "Case closed with a disposition"),
        "case.exception_approve": translate("Labels", "Exception approved (classification change)"),
        "case.incident_reported": translate("Labels", "Incident reported (patient left without permission)"),
        "transfer.request": translate("Labels", "Transfer requested"),
        "transfer.dispatch": translate("Labels", "Ambulance (120) dispatched"),
        "transfer.depart": translate("Labels", "Transfer departed"),
        "transfer.handover": translate("Labels", "Transfer handed over"),
        "transfer.disinfect": translate("Labels", "Terminal disinfection"),
        "transfer.cancel": translate("Labels", "Transfer cancelled"),
        "transfer.receive": translate("Labels", "Transferred patient received"),
        "transfer.trust_clinic": translate("Labels", "Clinic trusted (its QR codes accepted)"),
        "transfer.distrust_clinic": translate("Labels", "Clinic no longer trusted"),
        "desk.register": translate("Labels", "Desk key registered (waiting for enrolment)"),
        "desk.enrol": translate("Labels", "Desk key enrolled"),
        "desk.revoke": translate("Labels", "Desk key revoked"),
        # issue 13 — audit anchor
        "audit.hub_key": translate("Labels", "County hub key pinned"),
        "audit.hub_receipt": translate("Labels", "County hub receipt checked"),
        # issue 13 — privacy (app/access_log.py)
        "access.search": translate("Labels", "Personal data searched"),
        "access.view": translate("Labels", "Personal data viewed"),
        "access.export": translate("Labels", "Personal data exported"),
        "access.print": translate("Labels", "Personal data printed"),
        # issue 15 — sentences: every audited action has words
        "alert.raise": translate("Labels", "Alert raised"),
        "alert.acknowledge": translate("Labels", "Alert dealt with"),
        "gate.scan": translate("Labels", "Gate scan"),
        "permit.issue_escort": translate("Labels", "Escort permit issued"),
        "permit.issue_visitor": translate("Labels", "Visitor permit issued"),
        "permit.revoke": translate("Labels", "Permit cancelled"),
        "permit.reprint": translate("Labels", "Permit reissued (old one cancelled)"),
        "permit.escort_test": translate("Labels", "Escort's test result updated"),
        "permit.exception_approve": translate("Labels", "Exception approved (escort or visitor)"),
        "ward.save": translate("Labels", "Ward saved"),
        "ward.admit": translate("Labels", "Patient admitted to a ward"),
        "ward.discharge": translate("Labels", "Patient discharged from a ward"),
        "transfer.hospital_save": translate("Labels", "Designated hospital saved"),
        "transfer.hospitals_replace": translate("Labels", "Designated hospital list updated (from the county)"),
        "transfer.targets_update": translate("Labels", "Transfer time limits changed"),
        "report.submit": translate("Labels", "Daily report submitted"),
        "report.auto_submit": translate("Labels", "Daily report submitted automatically"),
        "report.correct": translate("Labels", "Daily report corrected"),
        "report.auto_submit_time": translate("Labels", "Automatic report time changed"),
        "sync.hub_url": translate("Labels", "County hub address set"),
        "sync.hub_ca": translate("Labels", "County hub certificate set"),
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
        "desk": translate("Labels", "Desk key"),
        # issue 13 — audit anchor: the business rows a digest covers (app/audit_rows.py)
        "admission": translate("Labels", "Ward admission"),
        "alert": translate("Labels", "Alert"),
        "hospital": translate("Labels", "Designated hospital"),
        "permit": translate("Labels", "Permit"),
        "received": translate("Labels", "Transferred-in patient"),
        "ward": translate("Labels", "Ward"),
        "gate_event": translate("Labels", "Gate passage"),
        "report": translate("Labels", "Daily report"),
        # issue 13 — privacy: kinds of records read (app/access_log.py)
        "screening_list": translate("Labels", "Screening list"),
        "patient": translate("Labels", "Patient records"),
        "visit_record": translate("Labels", "Registration"),
        "timeline": translate("Labels", "Case timeline"),
        "case": translate("Labels", "Case"),
        "permit_list": translate("Labels", "Permit list"),
        "transfer_list": translate("Labels", "Transfer records"),
        "printed_form": translate("Labels", "Printed form"),
    }
    return names.get(entity, entity)


# ----- desk keys and trust (app/desk_vocab.py) ---------------------------------------------------
def desk_key_state_name(code: str) -> str:
    names = {
        "pending": translate("Labels", "Waiting for enrolment"),
        "enrolled": translate("Labels", "Enrolled"),
        "revoked": translate("Labels", "Revoked"),
    }
    return names.get(code, code)


def desk_purpose_name(code: str) -> str:
    names = {
        "permit": translate("Labels", "Permits"),
        "transfer": translate("Labels", "Transfer forms and receipts"),
        "hub": translate("Labels", "Reports to the county hub"),
    }
    return names.get(code, code)


def trust_purpose_name(code: str) -> str:
    names = {"transfer": translate("Labels", "Transfer forms and receipts")}
    return names.get(code, code)


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
        "not_checked": translate("Labels", "Not checked"),
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
        "travel_medium": translate("Labels", "Stayed in a medium-risk area within {days} days before onset").format(
            days=travel_days),
        "travel_high": translate("Labels", "Stayed in a high-risk area within {days} days before onset").format(
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
        "antiviral": translate("Labels", "Antiviral"),
        "antibiotic": translate("Labels", "Antibiotic"),
        "cough": translate("Labels", "Cough medicine"),
        "antidiarrhoeal": translate("Labels", "Antidiarrhoeal (no longer registered)"),  # rows before issue 12
    }
    return names.get(code, code)


def prescription_name(code: str | None) -> str:
    names = {
        "none": translate("Labels", "No prescription"),
        "level2_plus": translate("Labels", "Prescription from a level-2 or higher institution"),
        "below_level2": translate("Labels", "Prescription from a lower-level institution"),
    }
    return names.get(code or "", code or "")


def sale_outcome_name(code: str | None) -> str:
    names = {
        "sold": translate("Labels", "Sold"),
        "not_sold": translate("Labels", "Not sold"),
    }
    return names.get(code or "", code or "")


def callback_outcome_name(code: str | None) -> str:
    names = {
        "seen_elsewhere": translate("Labels", "Seen at another fever clinic"),
        "no_fever": translate("Labels", "Fever gone, feels well"),
        "refused": translate("Labels", "Refuses to see a doctor"),
        "unreachable": translate("Labels", "Cannot be reached"),
        "no_answer": translate("Labels", "No answer (call again)"),
    }
    return names.get(code or "", code or "")


def followup_state_name(code: str | None) -> str:
    names = {
        "open": translate("Labels", "To follow up"),
        "seen_at_fever_clinic": translate("Labels", "Seen at the fever clinic"),
        "called_back": translate("Labels", "Called back"),
        "not_required": translate("Labels", "Not followed up (registered before the list)"),
    }
    return names.get(code or "", code or "")


def source_name(code: str) -> str:
    names = {
        "desk": translate("Labels", "Desk"),
        "pharmacy": translate("Labels", "Pharmacy"),
        "import": translate("Labels", "Paper record"),
    }
    return names.get(code, code)


def reason_names(codes: Iterable[str], fever_threshold: float = 37.3, travel_days: int = 14) -> str:
    return translate("Labels", ", ").join(reason_name(c, fever_threshold, travel_days) for c in codes)


# ----- fever clinic casework (app/casework/vocab.py) -------------------------------------------
def classification_name(code: str | None) -> str:
    names = {
        "pending": translate("Labels", "Not yet classified"),
        "excluded": translate("Labels", "Excluded"),
        "suspected": translate("Labels", "Suspected case"),
        "confirmed": translate("Labels", "Confirmed case"),
        "asymptomatic": translate("Labels", "Asymptomatic infection"),
    }
    return names.get(code or "", code or "")


CLASSIFICATION_COLORS: dict[str, str] = {"pending": "#455a64", "excluded": "#1b6e20", "suspected": "#b35c00",
                                         "confirmed": "#b3261e", "asymptomatic": "#8e24aa"}
CLASSIFICATION_BACKGROUNDS: dict[str, str] = {"pending": "#eceff1", "excluded": "#e3f4e4", "suspected": "#fff0d6",
                                              "confirmed": "#fde3e1", "asymptomatic": "#f3e5f5"}


def test_kind_name(code: str) -> str:
    names = {
        "nucleic_acid": translate("Labels", "Nucleic acid test"),
        "blood_routine": translate("Labels", "Blood routine"),
        "antigen": translate("Labels", "Antigen test"),
        "antibody": translate("Labels", "Antibody test"),
        "ct": translate("Labels", "Chest CT"),
        "influenza": translate("Labels", "Influenza test"),
    }
    return names.get(code, code)


def test_result_name(code: str | None) -> str:
    names = {
        "negative": translate("Labels", "Negative"),
        "positive": translate("Labels", "Positive"),
        "invalid": translate("Labels", "Invalid"),
    }
    return names.get(code or "", code or translate("Labels", "Awaiting result"))


def population_name(code: str) -> str:
    names = {
        "fever_clinic": translate("Labels", "Fever clinic patient"),
        "emergency": translate("Labels", "Emergency patient"),
        "outpatient": translate("Labels", "Outpatient"),
        "inpatient": translate("Labels", "Inpatient"),
        "escort": translate("Labels", "Escort or carer"),
        "voluntary": translate("Labels", "Voluntary testing"),
    }
    return names.get(code, code)


def clock_kind_name(code: str) -> str:
    names = {
        "report_2h": translate("Labels", "2 h direct network report"),
        "epi_24h": translate("Labels", "24 h epidemiological investigation"),
        "result": translate("Labels", "Nucleic acid turnaround"),
        "transfer_request": translate("Labels", "Transfer request"),
        "transfer_depart": translate("Labels", "Transfer departure"),
        "transfer_handover": translate("Labels", "Transfer hand-over at the hospital"),
        "nat_12h": translate("Labels", "12 h nucleic acid sample (suspected case)"),
        "incident_2h": translate("Labels", "2 h incident report"),
    }
    return names.get(code, code)


def settled_reason_name(code: str | None) -> str:
    """Why a clock was closed by the case's end rather than met (ClockRecord.settled_reason)."""
    if code == "reclassified":
        return translate("Labels", "Settled: classification changed")
    if code == "transfer_cancelled":
        return translate("Labels", "Settled: transfer cancelled")
    return translate("Labels", "Settled: {disposition}").format(disposition=disposition_name(code))


def clock_state_name(code: str) -> str:
    names = {
        "ok": translate("Labels", "In time"),
        "warning": translate("Labels", "Due soon"),
        "overdue": translate("Labels", "Overdue"),
    }
    return names.get(code, code)


CLOCK_COLORS: dict[str, str] = {"ok": "#1b6e20", "warning": "#8a4b00", "overdue": "#8c1d18"}
CLOCK_BACKGROUNDS: dict[str, str] = {"ok": "#e3f4e4", "warning": "#ffe0a3", "overdue": "#f8c4be"}


def disposition_name(code: str | None) -> str:
    names = {
        "excluded_general": translate("Labels", "Excluded: back to general outpatient"),
        "home_advice": translate("Labels", "Home observation with advice"),
        "admitted": translate("Labels", "Admitted to a ward"),
        "transfer": translate("Labels", "Transferred to the designated hospital"),
        "left_without_permission": translate("Labels", "Left without permission"),
        "died": translate("Labels", "Died"),
    }
    return names.get(code or "", code or "")



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
    return translate("Labels", "{years} years").format(years=years)


# ----- transfers to the designated hospital (app/transfer/vocab.py) ------------------------------
# colours of the state badge: (text, background)
TRANSFER_STATE_COLORS: dict[str, tuple[str, str]] = {
    "requested": ("#6b3a00", "#fff0d6"),
    "dispatched": ("#0d47a1", "#e3f2fd"),
    "departed": ("#4a148c", "#f3e5f5"),
    "handed_over": ("#1b6e20", "#e3f4e4"),
    "closed": ("#263238", "#eceff1"),
    "cancelled": ("#5f6b73", "#f5f5f5"),
}


def transfer_state_name(code: str) -> str:
    names = {
        "requested": translate("Labels", "Requested"),
        "dispatched": translate("Labels", "Ambulance dispatched"),
        "departed": translate("Labels", "On the way to the hospital"),
        "handed_over": translate("Labels", "Handed over"),
        "closed": translate("Labels", "Closed"),
        "cancelled": translate("Labels", "Cancelled"),
    }
    return names.get(code, code)


def condition_name(code: str | None) -> str:
    names = {
        "stable": translate("Labels", "Stable"),
        "serious": translate("Labels", "Serious"),
        "critical": translate("Labels", "Critical"),
    }
    return names.get(code or "", code or "")


def hospital_kind_name(code: str) -> str:
    names = {
        "designated": translate("Labels", "Designated hospital"),
        "backup": translate("Labels", "Backup hospital"),
        "fever_clinic": translate("Labels", "Designated fever clinic"),
    }
    return names.get(code, code)


def step_name(target: str) -> str:
    """The action that moves a transfer into ``target``."""
    names = {
        "dispatched": translate("Labels", "Record the 120 dispatch"),
        "departed": translate("Labels", "Record the departure"),
        "handed_over": translate("Labels", "Record the handover at the hospital"),
        "closed": translate("Labels", "Record terminal disinfection of the vehicle"),
        "cancelled": translate("Labels", "Cancel the transfer"),
    }
    return names.get(target, target)


def yes_no(flag: bool | None) -> str:
    if flag is None:
        return ""
    return translate("Labels", "Yes") if flag else translate("Labels", "No")


# ----- wards, permits and the gate ---------------------------------------------------------------
def ward_type_name(code: str) -> str:
    names = {
        "general": translate("Labels", "General ward"),
        "buffer": translate("Labels", "Buffer ward"),
        "observation": translate("Labels", "Isolation observation ward"),
        "critical_care": translate("Labels", "Critical care ward"),
        "infectious": translate("Labels", "Infectious diseases ward"),
    }
    return names.get(code, code)


def nursing_level_name(code: str) -> str:
    names = {
        "special": translate("Labels", "Special nursing care"),
        "1": translate("Labels", "Level 1 nursing care"),
        "2": translate("Labels", "Level 2 nursing care"),
        "3": translate("Labels", "Level 3 nursing care"),
    }
    return names.get(code, code)


def permit_kind_name(code: str | None) -> str:
    names = {
        "escort": translate("Labels", "Escort permit"),
        "visitor": translate("Labels", "Visitor permit"),
    }
    return names.get(code or "", code or "")


def permit_state_name(code: str) -> str:
    names = {
        "active": translate("Labels", "Valid"),
        "revoked": translate("Labels", "Revoked"),
        "expired": translate("Labels", "Expired"),
    }
    return names.get(code, code)


def exception_kind_name(code: str) -> str:
    names = {
        "escort_level_3": translate("Labels", "Escort for a level-3 nursing patient"),
        "escort_restricted_ward": translate("Labels", "Escort in a critical care or infectious diseases ward"),
        "visitor_infectious": translate("Labels", "Visitor in an infectious diseases ward"),
        "classification_downgrade": translate("Labels", "Classification change the forward-only rule refuses"),
        "escort_isolation_ward": translate("Labels", "Escort in a buffer or isolation observation ward"),
        "visitor_isolation_ward": translate("Labels", "Visitor in a buffer or isolation observation ward"),
    }
    return names.get(code, code)


def gate_outcome_name(code: str) -> str:
    names = {
        "admit": translate("Labels", "ADMIT"),
        "exit": translate("Labels", "EXIT"),
        "deny": translate("Labels", "DENY"),
        "repeat": translate("Labels", "REPEATED SCAN"),
    }
    return names.get(code, code)


def direction_name(code: str) -> str:
    """The gatekeeper's action at the gate (F2 / F3)."""
    names = {
        "in": translate("Labels", "Entering"),
        "out": translate("Labels", "Leaving"),
    }
    return names.get(code, code)


def exit_flag_name(code: str) -> str:
    """What was wrong when a holder left (leaving is never refused; the exit is recorded with it)."""
    names = {
        "not_inside": translate("Labels", "No recorded entry"),
        "overstay": translate("Labels", "Visitor left after the visit's end"),
        "revoked": translate("Labels", "Permit revoked"),
        "discharged": translate("Labels", "The patient has been discharged"),
        "expired": translate("Labels", "Permit expired"),
        "not_yet_valid": translate("Labels", "Permit not valid yet"),
        "visit_time_over": translate("Labels", "Visit time is over"),
        "escort_test_old": translate("Labels", "Escort's nucleic acid test is too old"),
        "wrong_ward": translate("Labels", "Left through a gate of another ward"),
    }
    return names.get(code, code)


def deny_reason_name(code: str | None) -> str:
    """Why the gate said no, in words a gatekeeper can repeat to the visitor."""
    names = {
        "unreadable": translate("Labels", "Unreadable: not a permit, or the code is damaged"),
        "forged": translate("Labels", "Forged or altered permit"),
        "unknown_key": translate("Labels", "Signed by an unknown clinic key"),
        "not_yet_valid": translate("Labels", "Not valid yet"),
        "expired": translate("Labels", "Permit expired"),
        "revoked": translate("Labels", "Permit revoked (withdrawn or replaced)"),
        "wrong_ward": translate("Labels", "Wrong ward: this gate does not serve the permit's ward"),
        "discharged": translate("Labels", "The patient has been discharged"),
        "escort_test_old": translate("Labels", "Escort's nucleic acid test is too old"),
        "visitor_inside": translate("Labels", "Another visitor for this patient is inside"),
        "visit_time_over": translate("Labels", "Visit time is over"),
        "visit_used": translate("Labels", "Visit already made: the visitor has left, no re-entry"),
        "unknown_permit": translate("Labels", "Unknown permit number"),
        "offline_data_too_old": translate("Labels", "Offline data too old: entry paused, call the ward"),
        "clock_went_back": translate("Labels", "This computer's clock was set back: entry paused, fix the time"),
    }
    return names.get(code or "", code or "")


# ----- daily report and early warning ---------------------------------------------------------------
REPORT_COUNT_KEYS = (
    "screened", "decision_general", "decision_fever_clinic", "decision_isolate", "fever_registered",
    "new_cases", "classified_suspected", "classified_confirmed", "classified_asymptomatic", "classified_excluded",
    "tests_ordered", "tests_resulted", "tests_positive", "positive_nat_antigen", "tests_overdue",
    "reported_within_2h", "reported_late", "transfers_requested", "transfers_handed_over", "transfers_late",
    "handoffs_unconfirmed", "untaken_alarms", "left_without_permission", "deaths", "exceptions_granted",
    "antipyretic_purchases", "purchases_antipyretic", "purchases_antiviral", "purchases_antibiotic",
    "purchases_cough", "purchases_antidiarrhoeal", "purchases_not_sold", "permits_issued", "permits_revoked",
    "gate_denials", "visitor_overstays", "open_alerts",
)


def report_count_name(key: str) -> str:
    """The words of a daily-report row; in Chinese the same words as the printed report
    (app/printing/labels.py REPORT_COUNT)."""
    names = {
        "screened": translate("Labels", "Patients screened at pre-triage"),
        "decision_general": translate("Labels", "Sent to the general clinic"),
        "decision_fever_clinic": translate("Labels", "Sent to the fever clinic"),
        "decision_isolate": translate("Labels", "Isolated on the spot"),
        "fever_registered": translate("Labels", "Fever clinic registrations"),
        "new_cases": translate("Labels", "New cases (suspected, confirmed, asymptomatic)"),
        "classified_suspected": translate("Labels", "Classified suspected"),
        "classified_confirmed": translate("Labels", "Classified confirmed"),
        "classified_asymptomatic": translate("Labels", "Classified asymptomatic infection"),
        "classified_excluded": translate("Labels", "Cases excluded"),
        "tests_ordered": translate("Labels", "Tests ordered"),
        "tests_resulted": translate("Labels", "Test results received"),
        "tests_positive": translate("Labels", "Positive results"),
        "positive_nat_antigen": translate("Labels", "Positive nucleic acid or antigen results"),
        "tests_overdue": translate("Labels", "Results past their time limit"),
        "reported_within_2h": translate("Labels", "Reported within 2 h"),
        "reported_late": translate("Labels", "Reported late (over 2 h)"),
        "transfers_requested": translate("Labels", "Transfers requested"),
        "transfers_handed_over": translate("Labels", "Transfers handed over"),
        "transfers_late": translate("Labels", "Transfer steps late"),
        "handoffs_unconfirmed": translate("Labels", "Hand-offs not confirmed"),
        "untaken_alarms": translate("Labels", "Alarms: patient waiting, no doctor"),
        "left_without_permission": translate("Labels", "Left without permission (on the way or from the clinic)"),
        "deaths": translate("Labels", "Deaths"),
        "exceptions_granted": translate("Labels", "Exceptions approved"),
        "antipyretic_purchases": translate("Labels", "Pharmacy purchases registered (all)"),
        "purchases_antipyretic": translate("Labels", "of which fever reducers"),
        "purchases_antiviral": translate("Labels", "of which antivirals"),
        "purchases_antibiotic": translate("Labels", "of which antibiotics"),
        "purchases_cough": translate("Labels", "of which cough medicine"),
        "purchases_antidiarrhoeal": translate("Labels", "of which antidiarrhoeals (former category)"),
        "purchases_not_sold": translate("Labels", "of which registered, not sold (no level-2+ prescription)"),
        "permits_issued": translate("Labels", "Permits issued"),
        "permits_revoked": translate("Labels", "Permits revoked"),
        "gate_denials": translate("Labels", "Refused at the ward gate"),
        "visitor_overstays": translate("Labels", "Visitors overstaying"),
        "open_alerts": translate("Labels", "Early-warning alerts still open"),
    }
    return names.get(key, key)


# ----- rules in force (app/guideline_rules.py) ---------------------------------------------------------
def rule_area_name(area: str) -> str:
    names = {
        "pre_triage": translate("Labels", "Pre-triage"),
        "fever_clinic": translate("Labels", "Fever clinic"),
        "transfer": translate("Labels", "Transfer"),
        "wards": translate("Labels", "Wards, escorts and visitors"),
        "pharmacy": translate("Labels", "Pharmacy register"),
        "report": translate("Labels", "Reporting and warning"),
    }
    return names.get(area, area)


def rule_name(rule_id: str) -> str:
    """A guideline rule the product enforces, in plain words (its source phrase is shown next to it)."""
    names = {
        "triage.everyone_screened": translate(
            "Labels", "Everyone arriving is pre-triaged; a patient sent to the fever clinic is escorted by staff "
            "and the fever clinic confirms the arrival in time."),
        "triage.symptoms": translate(
            "Labels", "Fever (from the threshold) or the listed symptoms send a patient to the fever clinic."),
        "triage.travel_window": translate(
            "Labels", "Travel and residence history counts from the window before onset (before the visit when "
            "there is no onset date) up to the visit."),
        "triage.identity_and_health_code": translate(
            "Labels", "Identity is registered, the health code checked (green, yellow, red, or not shown with a "
            "reason) and the epidemiological history taken."),
        "clinic.refer": translate(
            "Labels", "Sentinel room: every fever patient is referred by transfer to the designated fever clinic; "
            "no other disposition here."),
        "clinic.first_diagnosis": translate(
            "Labels", "No patient is refused: a patient waiting at the fever clinic without a doctor raises an "
            "alarm until a doctor takes the case."),
        "clinic.tests_and_observation": translate(
            "Labels", "Every fever-clinic patient gets a nucleic acid test and a blood routine and stays under "
            "observation until the nucleic acid result is in."),
        "clinic.exclusion": translate(
            "Labels", "Only a negative nucleic acid result of this visit excludes a case (a suspected case: two, "
            "sampled apart); antigen, antibody, blood routine and CT never exclude."),
        "clinic.report_cases": translate(
            "Labels", "Suspected, confirmed and asymptomatic cases are reported within the time limit; the "
            "epidemiological investigation is done within 24 h."),
        "clinic.positive_result": translate(
            "Labels", "A positive nucleic acid or antigen result is reported at once: a report clock starts, an "
            "alert is raised, and the case can only be classified and transferred."),
        "clinic.suspect_nat": translate(
            "Labels", "A suspected case has its nucleic acid test within the time limit."),
        "clinic.left_without_permission": translate(
            "Labels", "A suspected or positive patient who leaves without permission is an incident, reported "
            "within the time limit."),
        "transfer.ambulance": translate(
            "Labels", "Suspected, confirmed and asymptomatic cases leave only by ambulance transfer to the "
            "designated hospital, within the time targets; a finished transfer is final."),
        "wards.admission_tested": translate(
            "Labels", "A new inpatient needs a nucleic acid sample or result."),
        "wards.buffer_first": translate(
            "Labels", "A patient not yet excluded goes to a buffer-ward single room first; a suspected case is "
            "never admitted to a general ward."),
        "wards.isolation_no_escort_or_visit": translate(
            "Labels", "No escorts and no visitors in isolation-observation and buffer wards."),
        "wards.no_escort_restricted": translate(
            "Labels", "No escorts in critical-care or infectious diseases wards; in principle none for level-3 "
            "nursing."),
        "wards.escort_tested": translate(
            "Labels", "One escort per patient, with a negative nucleic acid result that is still valid."),
        "wards.visitor_limit": translate(
            "Labels", "One visitor at a time, with a reason, for at most the visit time; one entry only, and an "
            "overstay is an incident."),
        "pharmacy.prescription_and_guide": translate(
            "Labels", "Fever reducers are sold only on a level-2+ hospital doctor's prescription; every buyer is "
            "registered and guided to the fever clinic."),
        "report.daily_and_zero": translate(
            "Labels", "A report is due every day; a day with no new case and no positive result is a zero "
            "report."),
        "report.early_warning": translate(
            "Labels", "Early warning from several signals: new cases, clusters, unusual rises in fever visits "
            "and medicine sales."),
        "report.traceback": translate(
            "Labels", "Every step is recorded with who and when, so a missed diagnosis or a late transfer can be "
            "traced back."),
    }
    return names.get(rule_id, rule_id)


def figure_name(key: str, name: str) -> str:
    """A figure in force (``<set key>:<name>`` of app/guideline_rules.py), without its unit."""
    names = {
        "casework.figures:report_hours": translate("Labels", "Report a case or a positive result within"),
        "casework.figures:suspect_nat_hours": translate("Labels", "Suspected case: nucleic acid test within"),
        "casework.figures:incident_report_hours": translate("Labels", "Report a patient who left within"),
        "casework.figures:untaken_minutes": translate("Labels", "Alarm when no doctor has taken the patient after"),
        "casework.figures:exclusion_interval_hours": translate(
            "Labels", "Suspected case excluded on two negative tests sampled at least"),
        "wards.figures:visit_max_minutes": translate("Labels", "Longest visit"),
        "wards.figures:escort_test_valid_hours": translate("Labels", "Escort's negative test valid for"),
        "wards.figures:admission_nat_hours": translate("Labels", "New inpatient's test sampled within"),
        "wards.figures:repeat_scan_seconds": translate("Labels", "Same card again counts as a repeated scan within"),
        "wards.figures:offline_max_age_hours": translate("Labels", "Offline gate decides from its data for at most"),
        "triage.rules:fever_threshold_c": translate("Labels", "Fever from"),
        "triage.rules:travel_window_days": translate("Labels", "Travel history window"),
        "triage.rules:handoff_timeout_minutes": translate("Labels", "Escorted hand-off overdue after"),
        "transfer.targets:request_minutes": translate("Labels", "Ambulance requested within (from classification)"),
        "transfer.targets:departure_minutes": translate("Labels", "Ambulance departs within (from the request)"),
        "transfer.targets:handover_minutes": translate("Labels", "Handed over within (from departure)"),
        "report.auto_submit_at:time": translate("Labels", "Unsent report submitted automatically the next day at"),
        "guideline:nat_result_fever_clinic_hours": translate("Labels", "Fever-clinic nucleic acid result within"),
        "guideline:epi_hours": translate("Labels", "Epidemiological investigation within"),
    }
    return names.get(f"{key}:{name}", name)


def figure_unit(unit: str) -> str:
    names = {
        "seconds": translate("Labels", "seconds"),
        "minutes": translate("Labels", "minutes"),
        "hours": translate("Labels", "hours"),
        "days": translate("Labels", "days"),
        "celsius": "°C",
        "time": "",
        "count": "",
    }
    return names.get(unit, unit)


def figure_value(value: object, unit: str) -> str:
    """``2 hours``, ``37.3 °C``, ``09:00``."""
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    words = figure_unit(unit)
    return f"{text} {words}" if words else text


def edited_on_name(code: str) -> str:
    """Where a figure is changed (app.guideline_rules.EditedOn)."""
    names = {
        "rules": translate("Labels", "Changed on this page (administrator)"),
        "triage_rules": translate("Labels", "Changed on the Screening rules page"),
        "transfer_settings": translate("Labels", "Changed on the Transfer settings page"),
        "report": translate("Labels", "Changed on the Daily report page"),
        "fixed": translate("Labels", "Set by the guideline"),
    }
    return names.get(code, code)


def alert_kind_name(kind: str) -> str:
    names = {
        "case": translate("Labels", "Reportable case"),
        "cluster": translate("Labels", "Cluster"),
        "ears_fever_visits": translate("Labels", "Unusual rise in fever visits"),
        "ears_antipyretic": translate("Labels", "Unusual rise in fever-medicine sales"),
        "ears_antiviral": translate("Labels", "Unusual rise in antiviral sales"),
        "ears_antibiotic": translate("Labels", "Unusual rise in antibiotic sales"),
        "ears_cough": translate("Labels", "Unusual rise in cough-medicine sales"),
        "positive_result": translate("Labels", "Positive result"),
        "left_without_permission": translate("Labels", "Patient left without permission"),
        "untaken_patient": translate("Labels", "Patient waiting, no doctor"),
        "visitor_overstay": translate("Labels", "Visitor overstaying"),
        "offline_admit_refusable": translate("Labels", "Offline gate let in a permit it should have refused"),
    }
    return names.get(kind, kind)


def alert_series_name(series: str) -> str:
    names = {
        "fever_clinic_registrations": translate("Labels", "fever clinic registrations"),
        "antipyretic_purchases": translate("Labels", "fever-medicine purchases"),
        "antiviral_purchases": translate("Labels", "antiviral purchases"),
        "antibiotic_purchases": translate("Labels", "antibiotic purchases"),
        "cough_purchases": translate("Labels", "cough-medicine purchases"),
    }
    return names.get(series, series)
