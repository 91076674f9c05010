"""Names of the transfer codes on screen: states, conditions, hospital kinds, the next step.

Every name is a literal ``translate("Labels", ...)`` so lupdate extracts it; the clock kinds
(transfer_request/depart/handover) are named by ``ui.labels.clock_kind_name``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate extracts translate("Labels", ...)

# colours of the state badge: (text, background)
STATE_COLOURS: dict[str, tuple[str, str]] = {
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
