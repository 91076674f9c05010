"""Roles and what each may do. Enforced in the services (app.services.base.authorize): the UI only hides
what would be refused. Plain data, no database, so the log-in window and the command line load it cheaply."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    TRIAGE_NURSE = "triage_nurse"
    DOCTOR = "doctor"
    GATEKEEPER = "gatekeeper"


class Perm(StrEnum):
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    MANAGE_BACKUPS = "manage_backups"
    MANAGE_CLINIC_SETTINGS = "manage_clinic_settings"
    TRIAGE = "triage"  # screen, register, send to the fever clinic, pharmacy register
    RECEIVE_PATIENTS = "receive_patients"  # confirm arrival, report a patient who left
    VIEW_PATIENTS = "view_patients"  # look-up, lists, printed forms
    IMPORT_RECORDS = "import_records"  # paper records kept during an outage
    CASEWORK = "casework"  # take cases, interview, classify, order and result tests, dispose
    VIEW_CLOCKS = "view_clocks"  # the deadline board
    TRANSFER = "transfer"  # record 120 dispatch, departure, handover, disinfection; receive transfers
    MANAGE_WARDS = "manage_wards"  # admit and discharge inpatients
    ISSUE_PERMITS = "issue_permits"  # escort and visitor permits: issue, revoke, reprint
    APPROVE_EXCEPTIONS = "approve_exceptions"  # an escort or visit the rules refuse, approved and recorded
    GATE = "gate"  # check permits at the ward gate, record entries and exits
    SUBMIT_REPORTS = "submit_reports"  # review and submit the daily report to the county
    ACKNOWLEDGE_ALERTS = "acknowledge_alerts"  # an early-warning alert: who saw it, what was done
    REASSIGN_CASES = "reassign_cases"  # the medical director gives an open case to another doctor (with a reason)
    STAFF_TESTING = "staff_testing"  # key-post staff roster, their tests, environmental swabs (issue 18)
    STOCKPILE = "stockpile"  # stock items, receipts and issues, full-load daily use (issue 18)


ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.ADMIN: frozenset({Perm.MANAGE_USERS, Perm.VIEW_AUDIT, Perm.MANAGE_BACKUPS, Perm.MANAGE_CLINIC_SETTINGS,
                           Perm.VIEW_PATIENTS, Perm.IMPORT_RECORDS, Perm.VIEW_CLOCKS, Perm.MANAGE_WARDS,
                           Perm.ISSUE_PERMITS, Perm.APPROVE_EXCEPTIONS, Perm.SUBMIT_REPORTS,
                           Perm.ACKNOWLEDGE_ALERTS, Perm.REASSIGN_CASES, Perm.STAFF_TESTING,
                           Perm.STOCKPILE}),
    Role.TRIAGE_NURSE: frozenset({Perm.TRIAGE, Perm.RECEIVE_PATIENTS, Perm.VIEW_PATIENTS, Perm.IMPORT_RECORDS,
                                  Perm.TRANSFER, Perm.ISSUE_PERMITS}),
    Role.DOCTOR: frozenset({Perm.RECEIVE_PATIENTS, Perm.VIEW_PATIENTS, Perm.CASEWORK, Perm.VIEW_CLOCKS,
                            Perm.TRANSFER, Perm.MANAGE_WARDS, Perm.ISSUE_PERMITS, Perm.ACKNOWLEDGE_ALERTS}),
    Role.GATEKEEPER: frozenset({Perm.GATE}),
}


def permissions_of(roles: frozenset[str]) -> frozenset[Perm]:
    granted: set[Perm] = set()
    for name in roles:
        if name in Role._value2member_map_:
            granted |= ROLE_PERMISSIONS[Role(name)]
    return frozenset(granted)


def parse_roles(names: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[Role]:
    from app.errors import ValidationError

    roles: set[Role] = set()
    for name in names:
        if name not in Role._value2member_map_:
            raise ValidationError("unknown_role", field="roles", role=name)
        roles.add(Role(name))
    if not roles:
        raise ValidationError("no_role", field="roles")
    return frozenset(roles)
