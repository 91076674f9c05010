"""Error codes (plus details) to translated sentences, in one place.

Services raise typed errors with a stable ``code``; this module is the only place that turns a
code into words. Every sentence is a literal ``QCoreApplication.translate("Errors", ...)`` call,
so ``pyside6-lupdate`` extracts each one into the .ts file for translation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.errors import (
    AuthError,
    Conflict,
    FeverSentinelError,
    NotFound,
    PermissionDenied,
    StaleEdit,
    StorageError,
    ValidationError,
)
from ui.labels import disposition_name, transfer_state_name

translate = QCoreApplication.translate  # lupdate extracts every literal translate("Errors", ...) call


def _sentences() -> dict[str, Callable[[dict[str, Any]], str]]:
    """Built on each call, so the sentences follow the language switched to at run time."""
    return {
        # validation
        "username": lambda d: translate(
            "Errors", "User names are 2–32 characters: lower-case letters, digits, '.', '_' "
            "or '-', starting with a letter or digit."),
        "full_name": lambda d: translate(
            "Errors", "Enter a name of 1 to 64 characters."),
        "clinic_code": lambda d: translate(
            "Errors", "The clinic code is 2–20 capital letters or digits, e.g. the "
            "institution code."),
        "clinic_name": lambda d: translate(
            "Errors", "Enter the clinic's name (2 to 100 characters)."),
        "clinic_level": lambda d: translate(
            "Errors", "Choose the clinic level."),
        "timezone": lambda d: translate(
            "Errors", "The time zone is not known on this computer."),
        "unknown_role": lambda d: translate(
            "Errors", "Unknown role: {role}.").format(role=d.get("role", "?")),
        "no_role": lambda d: translate(
            "Errors", "Choose at least one role."),
        "password_too_short": lambda d: translate(
            "Errors", "The password needs at least {minimum} characters.").format(
            minimum=d.get("minimum", 8)),
        "password_too_simple": lambda d: translate(
            "Errors", "The password is too simple: use at least 4 different "
            "characters."),
        "passwords_differ": lambda d: translate(
            "Errors", "The two passwords are not the same."),
        "last_admin": lambda d: translate(
            "Errors", "This is the last active administrator: keep the administrator "
            "role on at least one active account."),
        "cannot_disable_self": lambda d: translate(
            "Errors", "You cannot disable your own account."),
        "setting_type": lambda d: translate(
            "Errors", "This setting has the wrong kind of value."),
        "setting_choice": lambda d: translate(
            "Errors", "This value is not one of the allowed choices."),
        "setting_range": lambda d: translate(
            "Errors", "Enter a value from {minimum} to {maximum}.").format(
            minimum=d.get("minimum", "?"), maximum=d.get("maximum", "?")),
        "invalid": lambda d: translate(
            "Errors", "Some of the input is not valid."),
        "figure_range": lambda d: translate(
            "Errors", "Enter a value from {minimum} to {maximum}.").format(
            minimum=d.get("minimum", "?"), maximum=d.get("maximum", "?")),
        # conflicts and concurrency
        "username_taken": lambda d: translate(
            "Errors", "The user name {username} is already taken.").format(
            username=d.get("username", "")),
        "already_initialized": lambda d: translate(
            "Errors", "This workstation's clinic is already set up."),
        "not_demo_clinic": lambda d: translate(
            "Errors", "Demo accounts can only be added to a demo clinic."),
        "conflict": lambda d: translate(
            "Errors", "This conflicts with existing data."),
        "stale_edit": lambda d: (
            translate("Errors", "Someone else changed this patient's details in the meantime. Pick the "
                      "patient again, then save.") if d.get("entity") == "patient"
            else translate("Errors", "Someone else changed this case in the meantime; it has been reloaded. "
                           "Check it, then save again.") if d.get("entity") == "case"
            else translate("Errors", "Someone else recorded this test in the meantime; it has been "
                           "reloaded.") if d.get("entity") == "test"
            else translate("Errors", "Someone else changed the screening rules in the meantime; they "
                           "have been reloaded.") if d.get("key") == "triage.rules"
            else translate("Errors", "Someone else updated this transfer in the meantime; it has been "
                           "reloaded.") if d.get("entity") == "transfer"
            else translate("Errors", "Someone else changed this hospital in the meantime; the list has been "
                           "reloaded.") if d.get("entity") == "hospital"
            else translate("Errors", "Someone else changed the transfer time targets in the meantime; they "
                           "have been reloaded.") if d.get("key") == "transfer.targets"
            else translate("Errors", "Someone else changed this account in the meantime; it has been "
                           "reloaded.")),
        # not found / permissions / set-up
        "user": lambda d: translate(
            "Errors", "The account {username} does not exist.").format(
            username=d.get("username", "")),
        "not_found": _not_found,
        "permission_denied": lambda d: translate(
            "Errors", "Your account is not allowed to do this."),
        "account_disabled": lambda d: translate(
            "Errors", "This account has been disabled. Ask an administrator."),
        "not_initialized": lambda d: translate(
            "Errors", "The clinic has not been set up yet."),
        # log-in
        "bad_credentials": lambda d: (  # the same answer for an unknown name, a wrong password, a locked account
            translate("Errors", "Wrong user name or password. After {attempts} wrong passwords in a row an account "
                      "is locked for {minutes} minutes; an administrator can unlock it sooner.").format(
                attempts=d["max_attempts"], minutes=d.get("lock_minutes", "?")) if "max_attempts" in d
            else translate("Errors", "Wrong user name or password.")),
        "account_locked": lambda d: translate(
            "Errors", "Too many wrong passwords: the account is locked until {time}.").format(
            time=_clock_time(d.get("until"))),
        # storage
        "network_share": lambda d: translate(
            "Errors", "The data folder {path} is on a network share. SQLite is not safe "
            "there: use a local folder, or a PostgreSQL server for several "
            "desks.").format(path=d.get("path", "")),
        "disk_full": lambda d: translate(
            "Errors", "The disk is full. Free some space, then try again."),
        "db_busy": lambda d: translate(
            "Errors", "The database is busy with another desk. Try again in a moment."),
        "db_read_only": lambda d: translate(
            "Errors", "The database cannot be written to (read-only file or folder)."),
        "db_corrupt": lambda d: translate(
            "Errors", "The database file is damaged. Restore the latest backup."),
        "db_newer_than_app": lambda d: translate(
            "Errors", "The data was written by a newer version of Fever Sentinel (database version {revision}; "
            "this program knows up to {head}). Install the newer version again; nothing was changed."
        ).format(revision=d.get("revision", "?"), head=d.get("head", "?")),
        "db_unreachable": lambda d: translate(
            "Errors", "The database server cannot be reached. Check that the server computer is on and its "
            "database is running, this computer's network cable or Wi-Fi, and the server address and port set "
            "for this desk."),
        "backup_needs_sqlite": lambda d: translate(
            "Errors", "Backups from this screen need the local SQLite database; "
            "PostgreSQL sites back up with pg_dump."),
        "backup_over_live": lambda d: translate(
            "Errors", "A backup cannot overwrite the live database. Choose another "
            "file."),
        "backup_failed": lambda d: translate(
            "Errors", "The backup could not be written. Check the folder and the free "
            "space."),
        "backup_check_failed": lambda d: translate(
            "Errors", "The backup was written but failed its integrity check; it "
            "was not kept."),
        "backup_missing": lambda d: translate(
            "Errors", "The backup file {path} was not found.").format(
            path=d.get("path", "")),
        "corrupt_backup": lambda d: translate(
            "Errors", "The backup file is damaged and cannot be restored."),
        "not_a_backup": lambda d: translate(
            "Errors", "This file is not a Fever Sentinel backup."),
        "backup_chain_broken": lambda d: translate(
            "Errors", "The backup's responsibility trail is broken at entry #{seq}; "
            "it was not restored.").format(seq=d.get("seq", "?")),
        "backup_other_clinic": lambda d: translate(
            "Errors", "This backup belongs to another clinic ({clinic}); it was not "
            "restored.").format(clinic=d.get("clinic", "?")),
        "restore_failed": lambda d: translate(
            "Errors", "The restore failed; the current data was left unchanged."),
        "key_exists": lambda d: translate(
            "Errors", "A signing key for this clinic already exists and was not "
            "overwritten."),
        "key_missing": lambda d: translate(
            "Errors", "The clinic's signing key file is missing: {path}.").format(
            path=d.get("path", "")),
        "key_invalid": lambda d: translate(
            "Errors", "The clinic's signing key file is damaged: {path}.").format(
            path=d.get("path", "")),
        "storage": lambda d: translate(
            "Errors", "The data could not be read or written."),
        # triage desk: screening
        "temperature_range": lambda d: translate(
            "Errors", "The temperature must be between {minimum} and {maximum} °C. Measure again.").format(
            minimum=d.get("minimum", 34.0), maximum=d.get("maximum", 43.0)),
        "temperature_required": lambda d: translate(
            "Errors", "Enter the measured temperature."),
        "temp_method": lambda d: translate(
            "Errors", "Choose how the temperature was measured."),
        "symptom": lambda d: translate(
            "Errors", "An unknown symptom was chosen."),
        "health_code": lambda d: translate(
            "Errors", "Choose the colour of the health code."),
        "occupation": lambda d: translate(
            "Errors", "Choose the high-risk occupation, or none."),
        "onset_in_future": lambda d: translate(
            "Errors", "The onset date cannot be in the future."),
        "travel_in_future": lambda d: translate(
            "Errors", "The last day in an area cannot be in the future."),
        "screened_in_future": lambda d: translate(
            "Errors", "The screening time cannot be in the future."),
        "decision": lambda d: translate(
            "Errors", "Choose general outpatient, fever clinic or isolation."),
        "downgrade_needs_reason": lambda d: translate(
            "Errors", "Lowering the decision needs a reason (at least 4 characters)."),
        "not_fever_patient": lambda d: translate(
            "Errors", "Only patients sent to the fever clinic or isolation are registered."),
        "date_format": lambda d: translate(
            "Errors", "Enter a date as YYYY-MM-DD, or a number of days ago (0 = today)."),
        # triage desk: registration
        "patient_name": lambda d: translate(
            "Errors", "Enter the name (1 to 64 characters)."),
        "id_type": lambda d: translate(
            "Errors", "Choose the type of identity document."),
        "id_format": lambda d: translate(
            "Errors", "This is not a valid number for this kind of document."),
        "id_birth_date": lambda d: translate(
            "Errors", "The birth date inside this ID number is not a real date."),
        "id_check_digit": lambda d: translate(
            "Errors", "The ID number's last character (check digit) does not match: a digit was "
            "probably mistyped."),
        "id_missing_reason": lambda d: translate(
            "Errors", "Without an identity document, write why (e.g. child, forgot the card)."),
        "birth_date": lambda d: translate(
            "Errors", "The birth date is not plausible."),
        "birth_date_mismatch": lambda d: translate(
            "Errors", "The birth date differs from the one in the ID number."),
        "sex": lambda d: translate(
            "Errors", "Choose the sex."),
        "sex_mismatch": lambda d: translate(
            "Errors", "The sex differs from the one in the ID number."),
        "phone": lambda d: translate(
            "Errors", "Enter an 11-digit mobile number or a landline such as 0731-1234567."),
        "vaccination_doses": lambda d: translate(
            "Errors", "Vaccination doses are a number from 0 to 10."),
        "required": lambda d: translate(
            "Errors", "This field is required."),
        "too_long": lambda d: translate(
            "Errors", "Too long: at most {maximum} characters.").format(maximum=d.get("maximum", "?")),
        "patient_exists": lambda d: translate(
            "Errors", "A patient with this ID number is already registered."),
        "already_registered": lambda d: translate(
            "Errors", "This screening has already been registered."),
        # hand-offs
        "handoff_open": lambda d: translate(
            "Errors", "Visit {visit_no} is already on the way to the fever clinic.").format(
            visit_no=d.get("visit_no", "")),
        "already_arrived": lambda d: translate(
            "Errors", "Visit {visit_no} has already arrived at the fever clinic.").format(
            visit_no=d.get("visit_no", "")),
        "handoff_closed": lambda d: translate(
            "Errors", "The hand-off of visit {visit_no} is already closed.").format(
            visit_no=d.get("visit_no", "")),
        # pharmacy
        "drug_category": lambda d: translate(
            "Errors", "Choose the kind of medicine."),
        # rules and risk areas
        "rule_fever_threshold": lambda d: translate(
            "Errors", "The fever threshold must be between 36.0 and 39.0 °C."),
        "rule_travel_window": lambda d: translate(
            "Errors", "The travel window must be 1 to 60 days."),
        "rule_implausible": lambda d: translate(
            "Errors", "The implausible-temperature limits are not in order."),
        "rule_handoff_timeout": lambda d: translate(
            "Errors", "The hand-off time limit must be 1 to 240 minutes."),
        "rule_level": lambda d: translate(
            "Errors", "A rule points to an unknown decision level."),
        "risk_level": lambda d: translate(
            "Errors", "The risk level of {area} must be medium or high.").format(area=d.get("area", "?")),
        "risk_file_format": lambda d: translate(
            "Errors", "The file is not a risk-area list: use CSV (name,level[,since]) or a JSON list."),
        "risk_file_row": lambda d: translate(
            "Errors", "Line {row} of the risk-area file is not valid: it needs an area name and the level "
            "medium/high (中风险/高风险).").format(row=d.get("row", "?")),
        "file_encoding": lambda d: translate(
            "Errors", "The file is neither UTF-8 nor GBK/GB18030 text. Save it from Excel as CSV or .xlsx and try "
            "again."),
        "file_unreadable": lambda d: translate(
            "Errors", "The file could not be read."),
        "csv_header": lambda d: translate(
            "Errors", "The CSV file's first line does not have the expected column names."),
        # fever clinic casework
        "already_taken": lambda d: translate(
            "Errors", "This patient has already been taken by doctor {doctor}, who is responsible for the "
            "case.").format(doctor=d.get("doctor", "?")),
        "not_arrived": lambda d: translate(
            "Errors", "This patient has not been received at the fever clinic yet."),
        "not_responsible": lambda d: translate(
            "Errors", "Only the responsible doctor ({doctor}) can do this. Ask them, or ask for a "
            "hand-over.").format(doctor=d.get("doctor", "?")),
        "handover_target": lambda d: translate(
            "Errors", "Hand over to an active doctor's account: check the user name."),
        "handover_self": lambda d: translate(
            "Errors", "You are already responsible for this case: choose another doctor."),
        "handover_pending": lambda d: translate(
            "Errors", "A hand-over of this case is already waiting for an answer."),
        "handover_answered": lambda d: translate(
            "Errors", "This hand-over has already been answered."),
        "not_handover_target": lambda d: translate(
            "Errors", "Only the doctor the case is handed to can answer this hand-over."),
        "epi_field": lambda d: translate(
            "Errors", "The interview contains an unknown field."),
        "classification": lambda d: translate(
            "Errors", "Choose the case classification."),
        "not_reportable": lambda d: translate(
            "Errors", "Only suspected cases, confirmed cases and asymptomatic infections are reported to the "
            "network: classify the case first."),
        "time_in_future": lambda d: translate(
            "Errors", "The time cannot be in the future."),
        "time_too_early": lambda d: translate(
            "Errors", "The time is too early: it cannot be before the step it follows (registration, sample "
            "or classification)."),
        "naive_time": lambda d: translate(
            "Errors", "The time has no time zone."),
        "observation_required": lambda d: translate(
            "Errors", "A nucleic acid test needs the patient under observation: set the observation room and "
            "bed first."),
        "test_kind": lambda d: translate(
            "Errors", "Choose the kind of test."),
        "population": lambda d: translate(
            "Errors", "Choose who is being tested."),
        "test_result": lambda d: translate(
            "Errors", "Choose negative, positive or invalid."),
        "ct_value": lambda d: translate(
            "Errors", "The Ct value must be greater than 0 and less than 50, or left empty."),
        "result_recorded": lambda d: translate(
            "Errors", "This test already has a result."),
        "disposition": lambda d: translate(
            "Errors", "Choose the disposition."),
        "pending_result_reason": lambda d: translate(
            "Errors", "A test result is still pending: write why the patient leaves before it is back."),
        "not_excluded": lambda d: translate(
            "Errors", "Only a case classified as excluded can go back to general outpatient."),
        "excluding_result": lambda d: translate(
            "Errors", "Choose the negative test result that excludes the case."),
        "reportable_cannot_go_home": lambda d: translate(
            "Errors", "A suspected, confirmed or asymptomatic case cannot go home: admit or transfer the "
            "patient."),
        "buffer_room_required": lambda d: translate(
            "Errors", "Until the case is excluded, the patient must be admitted to a single room in the buffer "
            "ward."),
        "transfer_reason": lambda d: translate(
            "Errors", "Transferring a case that is not suspected, confirmed or asymptomatic needs a reason."),
        "transfer_via_request": lambda d: translate(
            "Errors", "A transfer is recorded through the transfer request (which books the ambulance), not as a "
            "disposition here."),
        "case_closed": lambda d: translate(
            "Errors", "This case is already closed ({disposition}).").format(
            disposition=disposition_name(d.get("disposition"))),
        # transfers to the designated hospital
        "illegal_transition": lambda d: _illegal_transition(d),
        "transfer_open": lambda d: translate(
            "Errors", "This case already has an open transfer: see the transfer board."),
        "hospital_not_accepting": lambda d: translate(
            "Errors", "This hospital is not accepting patients at the moment: choose another one."),
        "hospital_exists": lambda d: translate(
            "Errors", "A hospital named {name} already exists.").format(name=d.get("name", "")),
        "hospital_kind": lambda d: translate(
            "Errors", "Choose the kind: designated hospital, backup hospital or designated fever clinic."),
        "condition": lambda d: translate(
            "Errors", "Choose the patient's condition: stable, serious or critical."),
        "transfer_target": lambda d: translate(
            "Errors", "Each time target must be from 5 to 1440 minutes."),
        "public_key": lambda d: translate(
            "Errors", "This is not a valid public key: paste the whole key the other clinic gave you."),
        "wrong_clinic": lambda d: translate(
            "Errors", "This receipt belongs to a transfer sent by another clinic, not by this one."),
        "already_received": lambda d: translate(
            "Errors", "This transferred patient has already been received here."),
        # signed QR codes (transfer handover and receipt)
        "bad_token": lambda d: translate(
            "Errors", "The QR code could not be read: it is incomplete or not a Fever Sentinel code. Scan it "
            "again."),
        "unknown_key": lambda d: translate(
            "Errors", "The QR code was signed by a clinic this site does not trust. An administrator can add that "
            "clinic's public key."),
        "bad_signature": lambda d: translate(
            "Errors", "The QR code's signature does not match: it was forged or altered. Do not accept it."),
        "issuer_mismatch": lambda d: translate(
            "Errors", "The QR code says it comes from {claimed} but was signed by {signer}'s key: do not accept it."
        ).format(claimed=d.get("claimed", "?"), signer=d.get("signer", "?")),
        "expired": lambda d: translate(
            "Errors", "The QR code has expired."),
        "wrong_kind": lambda d: translate(
            "Errors", "This is a different kind of QR code."),
        # wards, permits and the gate
        "escort_exists": lambda d: translate(
            "Errors", "This patient already has a valid escort permit: only one escort at a time. Revoke the "
            "old permit first if the escort changes."),
        "escort_refused": lambda d: translate(
            "Errors", "The rules do not allow an escort for this patient ({needs}). An administrator can approve "
            "an exception.").format(needs=_needs(d)),
        "visitor_refused": lambda d: translate(
            "Errors", "The rules do not allow visitors for this patient ({needs}). An administrator can approve "
            "an exception.").format(needs=_needs(d)),
        "visitor_overlap": lambda d: translate(
            "Errors", "Another visitor permit for this patient overlaps this time: visitors come one at a time."),
        "visit_window": lambda d: translate(
            "Errors", "The visiting time must end after it starts, and end in the future."),
        "escort_test_old": lambda d: translate(
            "Errors", "The escort's negative nucleic acid test must be from the last {hours} hours.").format(
            hours=d.get("hours", 48)),
        "permit_not_active": lambda d: translate(
            "Errors", "This permit is no longer valid (revoked or replaced)."),
        "discharged": lambda d: translate(
            "Errors", "The patient has been discharged: no permits can be issued."),
        "already_admitted": lambda d: translate(
            "Errors", "This patient is already admitted to a ward."),
        "already_discharged": lambda d: translate(
            "Errors", "This patient has already been discharged."),
        "ward_exists": lambda d: translate(
            "Errors", "A ward named {name} already exists.").format(name=d.get("name", "")),
        "ward_type": lambda d: translate(
            "Errors", "Choose the type of ward."),
        "gates": lambda d: translate(
            "Errors", "Enter at least one gate name (separate several with commas)."),
        "nursing_level": lambda d: translate(
            "Errors", "Choose the nursing level."),
        "exception_kind": lambda d: translate(
            "Errors", "Choose which rule the exception is for."),
        # daily report, early warning, county hub
        "report_day_not_over": lambda d: translate(
            "Errors", "A day's report can be submitted only after the day is over: choose an earlier day."),
        "report_submitted": lambda d: translate(
            "Errors", "This day's report is already submitted (version {version}). To change it, submit a "
            "correction with a note.").format(version=d.get("version", "?")),
        "correction_note": lambda d: translate(
            "Errors", "A correction needs a note saying what was wrong."),
        "already_acknowledged": lambda d: translate(
            "Errors", "This alert was already acknowledged by {by}.").format(by=d.get("by") or "?"),
        "time_format": lambda d: translate(
            "Errors", "Enter the time as hours and minutes, e.g. 09:00."),
        "hub_url": lambda d: translate(
            "Errors", "Set the county hub's address first (https://…)."),
        "hub_unreachable": lambda d: translate(
            "Errors", "The county hub cannot be reached now. Reports stay queued and are sent when it is "
            "back."),
        "hub_certificate": _hub_certificate,
        "ca_file": lambda d: translate(
            "Errors", "This file is not a certificate. Ask the county for its CA (root) certificate file "
            "(.crt, .cer or .pem)."),
        # issue 12 — casework rules (add this area's sentences directly below this line)
        "nat_and_blood_routine_required": lambda d: translate(
            "Errors", "Every fever-clinic patient needs a nucleic acid test and a blood routine: order them "
            "first (the patient waits under observation)."),
        "nat_result_pending": lambda d: translate(
            "Errors", "The nucleic acid result is not in yet: the patient stays under observation until it is. "
            "Meanwhile the patient can only be admitted to a single room in the buffer ward, or transferred. "
            "If the last result was invalid, order a new test."),
        "reportable_transfer_only": lambda d: translate(
            "Errors", "A suspected, confirmed or asymptomatic case leaves only by transfer to the designated "
            "hospital, without delay: request the transfer."),
        "positive_transfer_only": lambda d: translate(
            "Errors", "This patient has a positive result: classify the case, report it within 2 hours and "
            "request the transfer to the designated hospital."),
        "positive_reportable_only": lambda d: translate(
            "Errors", "This patient has a positive result: classify the case as suspected, confirmed or "
            "asymptomatic."),
        "refer_mode_transfer_only": lambda d: translate(
            "Errors", "This clinic is a sentinel room: every fever patient is referred to the designated fever "
            "clinic. Request the transfer."),
        "exclusion_needs_negative_nat": lambda d: translate(
            "Errors", "Only a negative nucleic acid result of this visit excludes the case (antigen, antibody, "
            "blood routine and CT do not): wait for the result."),
        "exclusion_needs_two_negative_nat": lambda d: translate(
            "Errors", "A suspected case is excluded after two negative nucleic acid results sampled at least "
            "{hours} hours apart: order the next test, or ask the medical director for an exception.").format(
            hours=d.get("hours", 24)),
        "classification_forward_only": lambda d: translate(
            "Errors", "A classification only moves forward. To correct it, ask the medical director to approve "
            "an exception, then choose it here."),
        "exception_reason": lambda d: translate(
            "Errors", "Write why the exception is approved (at least {minimum} characters).").format(
            minimum=d.get("minimum", 4)),
        "exception_detail": lambda d: translate(
            "Errors", "Choose the classification the case may change to."),
        "exception_unknown": lambda d: translate(
            "Errors", "This exception does not exist: choose one approved for this case."),
        "exception_self": lambda d: translate(
            "Errors", "You approved this exception yourself: a second person must use it (another doctor for a "
            "case, another staff member for a permit)."),
        "exception_used": lambda d: translate(
            "Errors", "This exception has already been used. Ask the medical director for a new one."),
        "exception_mismatch": lambda d: translate(
            "Errors", "This exception was approved for another case or another classification: choose the one "
            "for this case and this change."),
        "exception_not_needed": lambda d: translate(
            "Errors", "This change needs no exception: classify without choosing one."),
        "not_an_incident": lambda d: translate(
            "Errors", "Only a suspected, confirmed, asymptomatic or positive patient who left without "
            "permission is reported as an incident."),
        "incident_reported": lambda d: translate(
            "Errors", "This incident has already been reported (to {to}).").format(to=d.get("reported_to") or "?"),
        # issue 12 — transfers and responsibility (add this area's sentences directly below this line)
        "transfer_done": lambda d: translate(
            "Errors", "This patient has already been handed over to the receiving hospital: the transfer is "
            "finished and cannot be asked for again or reopened."),
        "time_before_previous_step": lambda d: translate(
            "Errors", "The time cannot be earlier than the previous step ({previous}): check the time and enter "
            "it again.").format(previous={
                "requested_at": translate("Errors", "the transfer request"),
                "call_120_at": translate("Errors", "the 120 call"),
                "departed_at": translate("Errors", "the departure"),
                "handed_over_at": translate("Errors", "the handover at the hospital"),
            }.get(str(d.get("previous", "")), translate("Errors", "the previous step"))),
        "reassign_target": lambda d: translate(
            "Errors", "Reassign the case to an active doctor's account: choose one from the list."),
        "reassign_same": lambda d: translate(
            "Errors", "This doctor is already responsible for the case: choose another doctor."),
        "doctor_has_open_cases": lambda d: translate(
            "Errors", "{username} is still responsible for {count} open case(s) ({visits}). Reassign them to "
            "another doctor first, or confirm that you have seen the list.").format(
            username=d.get("username", "?"), count=len(d.get("visits") or []),
            visits=translate("Errors", ", ").join(str(v) for v in d.get("visits") or [])),
        # issue 12 — pre-triage and clinic mode (add this area's sentences directly below this line)
        "health_code_unchecked": lambda d: translate(
            "Errors", "Check the patient's health code and choose green, yellow, red or not shown."),
        "health_code_reason": lambda d: translate(
            "Errors", "The patient showed no health code: write why (e.g. elderly, no smartphone)."),
        "id_number_taken": lambda d: translate(
            "Errors", "This ID number belongs to another patient's record (last visit {visit_no}). Use that "
            "record, or check the number.").format(visit_no=d.get("visit_no") or "—"),
        "clinic_mode": lambda d: translate(
            "Errors", "Choose how the clinic works: sentinel room (refers) or fever room (treats)."),
        "mode_unchanged": lambda d: translate(
            "Errors", "The clinic already works this way; nothing was changed."),
        "mode_change_reason": lambda d: translate(
            "Errors", "Changing the clinic mode needs a reason (at least 4 characters), e.g. the county's "
            "decision."),
        # issue 12 — wards, escorts and visitors (add this area's sentences directly below this line)
        "escort_test_negative_required": lambda d: translate(
            "Errors", "An escort needs a NEGATIVE nucleic acid test result: enter the test's date and time and its "
            "result. A positive or missing result cannot be accepted."),
        "escort_test_not_newer": lambda d: translate(
            "Errors", "This test is not newer than the one already recorded: enter the newer negative result."),
        "visit_reason_required": lambda d: translate(
            "Errors", "In principle there are no on-site visits (video visits are encouraged): enter the reason "
            "this visit is needed, e.g. critical condition notice."),
        "visit_too_long": lambda d: translate(
            "Errors", "A visit lasts at most {minutes} minutes, one visitor at a time: shorten the visiting "
            "time.").format(minutes=d.get("minutes", 30)),
        "admission_needs_disposition": lambda d: translate(
            "Errors", "This patient's fever-clinic case is still open: the responsible doctor records the "
            "disposition \"admitted\" first, then the ward admits the patient."),
        "admission_nat_required": lambda d: translate(
            "Errors", "Every new inpatient is tested: enter the time the nucleic acid sample was taken (for a "
            "fever-clinic visit, order the test in the fever clinic first)."),
        "admission_nat_old": lambda d: translate(
            "Errors", "The nucleic acid sample must be from the last {hours} hours: take a new sample and enter "
            "its time.").format(hours=d.get("hours", 48)),
        "buffer_ward_first": lambda d: translate(
            "Errors", "This patient has no negative nucleic acid result yet: admit to the buffer ward (single "
            "room) first, or to the isolation observation ward, until excluded."),
        "reportable_not_admitted": lambda d: translate(
            "Errors", "A suspected, confirmed or asymptomatic case, or a positive result, is not admitted here: "
            "request the transfer to the designated hospital."),
        "nat_result": lambda d: translate(
            "Errors", "Choose the nucleic acid result: negative, positive, or not known yet."),
        # issue 12 — antipyretic register (add this area's sentences directly below this line)
        "buyer_phone_required": lambda d: translate(
            "Errors", "Enter the buyer's phone number: every buyer is registered and called back."),
        "prescription": lambda d: translate(
            "Errors", "Choose whether the buyer has a prescription, and from what kind of institution."),
        "prescriber_required": lambda d: translate(
            "Errors", "Enter the doctor who wrote the prescription, or choose \"No prescription\"."),
        "prescriber_institution_required": lambda d: translate(
            "Errors", "Enter the institution where the prescription was written, or choose \"No "
            "prescription\"."),
        "callback_outcome": lambda d: translate(
            "Errors", "Choose the outcome of the call."),
        "followup_closed": lambda d: (
            translate("Errors", "This buyer has already been seen at the fever clinic (visit {visit_no}): they "
                      "are off the follow-up list.").format(visit_no=d["visit_no"]) if d.get("visit_no")
            else translate("Errors", "This buyer is no longer on the follow-up list: the list has been "
                           "reloaded.")),
        # issue 12 — daily report and rule figures (add this area's sentences directly below this line)
        "figure_unknown": lambda d: translate(
            "Errors", "This figure is not one the rules page can change here: reload the page and change it "
            "where it is shown."),
        # issue 12 — casework desk (add this area's sentences directly below this line)
        "approver_not_allowed": lambda d: translate(
            "Errors", "{approver} may not approve exceptions: the medical director (an administrator) signs in "
            "here as the second person.").format(approver=d.get("approver") or "?"),
        # issue 13 — desk keys and trust (add this area's sentences directly below this line)
        "desk_not_enrolled": lambda d: translate(
            "Errors", "This desk's signing key is not enrolled yet, so it cannot sign permits, transfer forms or "
            "reports: ask the administrator to enrol this desk on the Data maintenance page (Workstation keys)."),
        "desk_revoked": lambda d: translate(
            "Errors", "This desk's signing key was revoked: it signs nothing any more. Ask the administrator; a "
            "revoked key cannot be enrolled again (a new data directory makes a new key)."),
        "clinic_key_not_here": lambda d: translate(
            "Errors", "Desks are enrolled with the clinic key, which is not on this desk: enrol from the desk "
            "where the clinic was set up."),
        "desk_not_pending": lambda d: translate(
            "Errors", "This desk key is already enrolled or revoked: the list has been reloaded."),
        "desk_revoked_already": lambda d: translate(
            "Errors", "This desk key is already revoked: the list has been reloaded."),
        "desk_purpose": lambda d: translate(
            "Errors", "Choose what the desk key may sign: permits, transfer forms and receipts, hub reports."),
        "revoke_reason": lambda d: translate(
            "Errors", "Enter why the desk key is revoked (2 to 200 characters), e.g. the computer was lost."),
        "trust_purpose": lambda d: translate(
            "Errors", "Another clinic's key is trusted only for its transfer forms and receipts: choose "
            "\"transfer\"."),
        "unknown_clinic": lambda d: translate(
            "Errors", "The county hub does not know this clinic: ask the county to register the clinic's public key "
            "(fever-sentinel clinic public-key)."),
        "bad_enrolment": lambda d: translate(
            "Errors", "The desk enrolment sent with this signature is not signed by the clinic key: enrol the "
            "desk again on the Data maintenance page."),
        # issue 13 — the gate (add this area's sentences directly below this line)
        # issue 13 — audit anchor (add this area's sentences directly below this line)
        "hub_key_mismatch": lambda d: translate(
            "Errors", "The answer was signed by a key other than the county hub's key pinned here: it was refused "
            "and recorded. Ask the county to read out the hub's key (fingerprint) and compare it with the one on "
            "the audit page before setting a new one."),
        "hub_key_format": lambda d: translate(
            "Errors", "This is not a hub public key: copy the whole key the hub prints with \"hub public-key\"."),
        "hub_anchors_refused": lambda d: translate(
            "Errors", "The county hub did not give this clinic's audit anchors (answer {status}): check that the "
            "clinic is registered at the hub and this desk is enrolled, then try again.").format(
            status=d.get("status", "?")),
        # issue 13 — county hub doors (add this area's sentences directly below this line)
        "list_item": lambda d: translate(
            "Errors", "Item {item} of the list has a wrong \"{field}\" ({reason}); nothing was published. Correct "
            "it and publish the list again.").format(item=d.get("item", "?"), field=d.get("field", "?"),
                                                     reason=d.get("reason", "?")),
        "list_duplicate": lambda d: translate(
            "Errors", "Item {item} repeats the name of item {first}; nothing was published. Keep one of them and "
            "publish the list again.").format(item=d.get("item", "?"), first=d.get("first", "?")),
        "list_format": lambda d: translate(
            "Errors", "The file is not a list the county hub can publish (a JSON list of objects, or for risk "
            "areas the CSV \"name,level[,since]\"); nothing was published."),
        # issue 13 — reports and county lists (add this area's sentences directly below this line)
        "hub_list_invalid": _hub_list_invalid,
        "automatic_not_allowed": lambda d: translate(
            "Errors", "The automatic submission only submits overdue daily reports and delivers what is queued; "
            "this needs a person who has the right to log in and do it."),
        # issue 13 — privacy (add this area's sentences directly below this line)
        "control_characters": lambda d: translate(
            "Errors", "This text holds an invisible or control character (character {position}, {code_point}), "
            "often from copying and pasting: delete the text and type it again.").format(
            position=d.get("position", "?"), code_point=d.get("code_point", "?")),
        # issue 14 — failing clearly (add this area's sentences directly below this line)
        "db_auth_failed": lambda d: translate(
            "Errors", "The database server refused the user name or password. Check the user and password set "
            "for this desk with whoever runs the database server."),
        "db_missing": lambda d: translate(
            "Errors", "The database {database} does not exist on the server. Check the database name set for "
            "this desk, or ask whoever runs the database server to create it.").format(
            database=d.get("database", "")),
        "db_url_malformed": lambda d: translate(
            "Errors", "The database address set for this desk is not valid. Ask the administrator to correct it "
            "(postgresql+psycopg://user@server:port/database), or leave it empty to use this computer's own "
            "database file."),
        # issue 14 — data directory and backups (add this area's sentences directly below this line)
        "backup_exists": lambda d: translate(
            "Errors", "The file {path} exists already; nothing was written. Choose another name (or, on the "
            "command line, overwrite it with --force).").format(path=d.get("path", "")),
        "backup_out_is_folder": lambda d: translate(
            "Errors", "{path} is a folder: give a file name for the backup.").format(path=d.get("path", "")),
        "no_signing_keys": lambda d: translate(
            "Errors", "There is no signing key in this desk's keys folder to put in the backup."),
        "passphrase_too_short": lambda d: translate(
            "Errors", "The passphrase must have at least {minimum} characters.").format(
            minimum=d.get("minimum", 8)),
        "backup_keys_missing": lambda d: translate(
            "Errors", "The key file {path} of this backup was not found; nothing was restored. Restore without "
            "the keys, or put the .keys file beside the backup.").format(path=d.get("path", "")),
        "backup_keys_format": lambda d: translate(
            "Errors", "The key file beside the backup is damaged or not a key file; nothing was restored."),
        "backup_keys_other_clinic": lambda d: translate(
            "Errors", "The key file belongs to another clinic ({clinic}); nothing was restored.").format(
            clinic=d.get("clinic", "?")),
        "key_passphrase_wrong": lambda d: translate(
            "Errors", "Wrong passphrase for the signing keys (or the key file was changed); nothing was restored. "
            "Type the passphrase given when the backup was made."),
        "restore_not_confirmed": lambda d: translate(
            "Errors", "Not confirmed: type the clinic code {clinic} exactly to restore; nothing was "
            "changed.").format(clinic=d.get("clinic", "")),
        "restore_needs_yes": lambda d: translate(
            "Errors", "A restore must be confirmed: run it on a terminal, or add --yes in a script; nothing was "
            "changed."),
        "automatic_only": lambda d: translate(
            "Errors", "Only this desk's automatic backup may do this; use \"Back up now\" instead."),
        "backup_folder_missing": lambda d: translate(
            "Errors", "The backup folder {path} is not there (is the USB drive plugged in?). Plug it in or "
            "choose another folder on the Data maintenance page.").format(path=d.get("path", "")),
        # issue 14 — configuration, version and small truths (add this area's sentences directly below this line)
        "config_malformed": lambda d: translate(
            "Errors", "The machine configuration file {file} has a mistake at line {line} ({reason}). Ask the "
            "administrator to correct that line; nothing was opened.").format(
            file=d.get("file", "?"), line=d.get("line", "?"), reason=d.get("reason", "?")),
        "config_value": lambda d: translate(
            "Errors", "The machine configuration file {file} has a wrong \"{key}\" ({reason}). Ask the "
            "administrator to correct it (allowed: data_dir, db_url without a password, db_password_file); "
            "nothing was opened.").format(file=d.get("file", "?"), key=d.get("key", "?"),
                                          reason=d.get("reason", "?")),
        "config_unreadable": lambda d: translate(
            "Errors", "The machine configuration file {file} cannot be read by this Windows/computer account "
            "({reason}). Ask the administrator to let every account of this desk read it.").format(
            file=d.get("file", "?"), reason=d.get("reason", "?")),
        "password_file_open": lambda d: translate(
            "Errors", "The database password file {file} can be read by everyone on this computer, so it was "
            "not used. Ask the administrator to make it readable only by its owner (chmod 600).").format(
            file=d.get("file", "?")),
        "password_file_missing": lambda d: translate(
            "Errors", "The database password file {file} named in the machine configuration cannot be read "
            "({reason}). Ask the administrator to put it back or correct db_password_file.").format(
            file=d.get("file", "?"), reason=d.get("reason", "?")),
        "password_file_empty": lambda d: translate(
            "Errors", "The database password file {file} is empty. Ask the administrator to write the database "
            "password on its first line.").format(file=d.get("file", "?")),
        "before_clinic": lambda d: translate(
            "Errors", "{day} is before this clinic's first day ({first_day}): there is no report for it. Choose "
            "a later day.").format(day=d.get("day", "?"), first_day=d.get("first_day", "?")),
        "port_in_use": lambda d: translate(
            "Errors", "Port {port} is already in use on this computer (is the county hub already running?). Stop "
            "the other program or choose another port.").format(port=d.get("port", "?")),
        "port_unavailable": lambda d: translate(
            "Errors", "The county hub cannot listen on {host} port {port} ({reason}). Check the address; ports "
            "below 1024 need an administrator.").format(host=d.get("host", "?"), port=d.get("port", "?"),
                                                      reason=d.get("reason", "?")),
        # issue 14 — paper import and risk areas (add this area's sentences directly below this line)
        "risk_areas_shrink": lambda d: translate(
            "Errors", "The new risk-area list has {new} areas; the current one has {old}. An empty or truncated "
            "file would stop high-risk travel from sending patients to the fever clinic: check the file, or confirm "
            "to replace the list anyway.").format(new=d.get("new", "?"), old=d.get("old", "?")),
        "file_format": lambda d: translate(
            "Errors", "The file is neither a CSV file nor an Excel workbook (.xlsx) that can be read. Save it again "
            "from Excel as .xlsx or CSV and try again."),
        "yes_no": lambda d: translate(
            "Errors", "Write 是 (yes) or 否 (no)."),
        "travel_area": lambda d: translate(
            "Errors", "Name each area stayed in (e.g. 广东省广州市白云区): \"yes\" does not say which risk level applies."),
        # issue 14 — printing (add this area's sentences directly below this line)
    }


def _hub_list_invalid(d: dict[str, Any]) -> str:
    """Which county list, which item and which field: nothing was applied."""
    lists = {"risk_areas": translate("Errors", "medium/high-risk area list"),
             "hospitals": translate("Errors", "designated hospital list")}
    fields = {"name": translate("Errors", "name"), "level": translate("Errors", "risk level"),
              "since": translate("Errors", "date listed"), "kind": translate("Errors", "hospital kind"),
              "address": translate("Errors", "address"), "phone": translate("Errors", "phone"),
              "accepting": translate("Errors", "accepting patients"), "version": translate("Errors", "version"),
              "items": translate("Errors", "items"), "item": translate("Errors", "item"),
              "list": translate("Errors", "whole list")}
    which = lists.get(str(d.get("list")), translate("Errors", "a county list"))
    field = fields.get(str(d.get("field")), translate("Errors", "a field"))
    if d.get("item"):
        text = translate("Errors", "The county's {list} is wrong at item {item} ({field}).").format(
            list=which, item=d["item"], field=field)
    else:
        text = translate("Errors", "The county's {list} is wrong ({field}).").format(list=which, field=field)
    return text + " " + translate(
        "Errors", "Neither list was applied; the lists here are unchanged. Tell the county so it publishes a "
        "corrected list, then pull again.")


def _hub_certificate(d: dict[str, Any]) -> str:
    problem = d.get("problem")
    if problem == "expired":
        text = translate("Errors", "The county hub's certificate has expired (or is not valid yet). Tell the "
                         "county so they renew it, and check that this computer's date and time are right.")
    elif problem == "host_name":
        text = translate("Errors", "The county hub's certificate is for another address. Check the hub address "
                         "with the county: use the name written in its certificate.")
    else:
        text = translate("Errors", "The county hub's certificate is not trusted on this computer. Ask the county "
                         "for its CA (root) certificate file and set it under \"County hub\" on the daily report "
                         "page.")
    text = translate("Errors", "{problem} Nothing was sent; the reports stay queued.").format(problem=text)
    if d.get("reason"):  # OpenSSL's words, for the county's IT staff
        text = translate("Errors", "{sentence} (Details: {reason})").format(sentence=text, reason=d["reason"])
    return text


def _illegal_transition(d: dict[str, Any]) -> str:
    return translate("Errors", "This transfer is already \"{current}\": it cannot become \"{requested}\". It "
                     "has been reloaded.").format(current=transfer_state_name(str(d.get("current", ""))),
                                                  requested=transfer_state_name(str(d.get("requested", ""))))


def _not_found(d: dict[str, Any]) -> str:
    entity = d.get("entity")
    if entity == "visit":
        return translate("Errors", "No visit with the number {visit_no} was found.").format(
            visit_no=d.get("visit_no", ""))
    if entity == "handoff":
        return translate("Errors", "Visit {visit_no} was never sent to the fever clinic.").format(
            visit_no=d.get("visit_no", ""))
    if entity == "patient":
        return translate("Errors", "This patient's record no longer exists.")
    if entity == "screening":
        return translate("Errors", "This screening no longer exists.")
    if entity == "case":
        return translate("Errors", "No doctor has taken visit {visit_no} yet: there is no case record.").format(
            visit_no=d.get("visit_no", ""))
    if entity == "test":
        return translate("Errors", "This test order no longer exists.")
    if entity == "handover":
        return translate("Errors", "This hand-over no longer exists.")
    if entity == "transfer":
        return translate("Errors", "This transfer was not found here.")
    if entity == "hospital":
        return translate("Errors", "This hospital no longer exists.")
    if entity == "trusted_clinic":
        return translate("Errors", "{code} is not among the trusted clinics (any more): the list has been "
                         "reloaded.").format(code=d.get("key", ""))
    if entity == "ward":
        return translate("Errors", "This ward no longer exists.")
    if entity == "admission":
        return translate("Errors", "This admission no longer exists.")
    if entity == "report":
        return translate("Errors", "No report for {day} has been submitted yet: submit it first.").format(
            day=d.get("day", ""))
    if entity == "alert":
        return translate("Errors", "This alert no longer exists.")
    if entity == "permit":
        return translate("Errors", "No permit with the number {number} was found.").format(
            number=d.get("key", ""))
    return translate("Errors", "The record no longer exists.")


def _needs(d: dict[str, Any]) -> str:
    from ui.labels import exception_kind_name

    return translate("Errors", "; ").join(exception_kind_name(str(k)) for k in d.get("needs", []))


def _clock_time(iso: Any) -> str:
    try:
        return datetime.fromisoformat(str(iso)).astimezone().strftime("%H:%M")
    except ValueError:
        return str(iso or "?")


def known_codes() -> frozenset[str]:
    return frozenset(_sentences())


def error_text(exc: BaseException) -> str:
    """The sentence for an error; unexpected exceptions get a generic one (they are logged)."""
    if isinstance(exc, FeverSentinelError):
        sentence = _sentences().get(exc.code)
        if sentence is not None:
            return sentence(exc.details)
        return translate("Errors", "Something went wrong ({code}).").format(code=exc.code)
    from app.logfile import current_path

    log = current_path()
    if log is not None:
        return translate("Errors", "Something unexpected went wrong. The details were written to the log file "
                         "{path}: send it to whoever supports this workstation.").format(path=log)
    return translate("Errors", "Something unexpected went wrong. The details were written to the log.")


def code_text(code: str, **details: Any) -> str:
    """A sentence for a code raised by the UI itself (e.g. passwords_differ)."""
    return error_text(ValidationError(code, **details))


def error_title(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return translate("Errors", "Please check the input")
    if isinstance(exc, (AuthError, PermissionDenied)):
        return translate("Errors", "Not allowed")
    if isinstance(exc, StaleEdit):
        return translate("Errors", "Changed elsewhere")
    if isinstance(exc, Conflict):
        return translate("Errors", "Already exists")
    if isinstance(exc, StorageError):
        return translate("Errors", "Data storage problem")
    if isinstance(exc, NotFound):
        return translate("Errors", "Not found")
    return translate("Errors", "Error")


def field_of(exc: BaseException) -> str | None:
    """Which form field an error belongs to, so the form can show it next to that field."""
    if not isinstance(exc, FeverSentinelError):
        return None
    if exc.code == "username_taken":
        return "username"
    field = exc.details.get("field")
    return str(field) if field else None
