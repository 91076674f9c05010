"""Codes for wards, permits and gate decisions."""

from __future__ import annotations

from enum import StrEnum


class WardType(StrEnum):
    GENERAL = "general"
    BUFFER = "buffer"  # 缓冲病区: a patient not yet excluded, single room, until excluded
    OBSERVATION = "observation"  # 隔离留观病区: isolation observation
    CRITICAL_CARE = "critical_care"
    INFECTIOUS = "infectious"


#: "隔离留观病区…不安排陪护和探视"; "先在缓冲区进行单人单间隔离治疗": the isolation wards — no escorts or
#: visitors there without an approved exception, and the only wards a patient not yet excluded may enter.
ISOLATION_WARDS = frozenset({WardType.BUFFER, WardType.OBSERVATION})


class NursingLevel(StrEnum):
    SPECIAL = "special"
    LEVEL_1 = "1"
    LEVEL_2 = "2"
    LEVEL_3 = "3"


class PermitKind(StrEnum):
    ESCORT = "escort"
    VISITOR = "visitor"


class PermitState(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class ExceptionKind(StrEnum):
    ESCORT_LEVEL_3 = "escort_level_3"  # an escort for a level-3 nursing patient
    ESCORT_RESTRICTED_WARD = "escort_restricted_ward"  # critical care or infectious ward
    VISITOR_INFECTIOUS = "visitor_infectious"
    ESCORT_ISOLATION_WARD = "escort_isolation_ward"  # buffer or isolation-observation ward
    VISITOR_ISOLATION_WARD = "visitor_isolation_ward"


class Deny(StrEnum):
    """Why the gate says no (shown in plain words on the gate screen)."""

    UNREADABLE = "unreadable"  # not a permit, truncated, garbled
    FORGED = "forged"  # signature does not match: forged or altered
    UNKNOWN_KEY = "unknown_key"  # signed by a key this site does not know
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    REVOKED = "revoked"  # includes a lost card that was reprinted
    WRONG_WARD = "wrong_ward"
    DISCHARGED = "discharged"
    ESCORT_TEST_OLD = "escort_test_old"
    VISITOR_INSIDE = "visitor_inside"  # another visitor for the same patient is inside
    VISIT_TIME_OVER = "visit_time_over"
    VISIT_USED = "visit_used"  # a visitor permit is good for one passage: the visitor has already left
    UNKNOWN_PERMIT = "unknown_permit"  # typed permit number not found
    # the offline gate refuses to decide (issue 13)
    OFFLINE_DATA_TOO_OLD = "offline_data_too_old"  # its copy of the lists is older than the admin's limit
    CLOCK_WENT_BACK = "clock_went_back"  # this PC's clock is earlier than a time it has already seen


class GateOutcome(StrEnum):
    ADMIT = "admit"  # entry
    EXIT = "exit"  # the holder leaves: always let through, the permit's state flagged (ExitFlag)
    DENY = "deny"
    REPEAT = "repeat"  # 重复扫描: the same card again within seconds of its passage, not a second passage


class Direction(StrEnum):
    """The gate's action, chosen by the gatekeeper (F2 进入 / F3 离开), never guessed from the last passage."""

    IN = "in"
    OUT = "out"


class ExitFlag(StrEnum):
    """What was wrong when a holder left (recorded with the exit; leaving is never refused)."""

    NOT_INSIDE = "not_inside"  # no recorded entry
    OVERSTAY = "overstay"  # a visitor leaving after the visit's end (an incident, alerted)
    REVOKED = "revoked"
    DISCHARGED = "discharged"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    VISIT_TIME_OVER = "visit_time_over"
    ESCORT_TEST_OLD = "escort_test_old"
    WRONG_WARD = "wrong_ward"  # left through a gate that does not serve the permit's ward


#: The defaults of app.wards.figures.WardFigures (the figures in force are data: load them from there).
VISIT_MAX_MINUTES = 30
ESCORT_TEST_HOURS = 48
