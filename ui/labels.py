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
