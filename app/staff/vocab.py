"""The codes of the staff-testing roster. Their words live in app/vocabulary/staff.py."""

from __future__ import annotations

from enum import StrEnum


class StaffPost(StrEnum):
    """The key posts whose staff are tested on a schedule ("发热门诊等重点岗位工作人员")."""

    FEVER_CLINIC = "fever_clinic"
    PRE_TRIAGE = "pre_triage"
    OBSERVATION = "observation"
    WARD = "ward"
    DRIVER = "driver"


class SampleResult(StrEnum):
    """A staff member's nucleic-acid test, or an environmental surface swab."""

    NEGATIVE = "negative"
    POSITIVE = "positive"


class RosterState(StrEnum):
    """Where a staff member stands against the testing interval on a given day."""

    IN_TIME = "in_time"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    OFF_DUTY = "off_duty"  # the latest test positive: off duty until a later negative test, not "overdue"


class StaffClock(StrEnum):
    """The deadline board's clock of a key-post staff member's next test."""

    STAFF_TEST = "staff_test"
    STAFF_RETEST = "staff_retest"  # off duty after a positive test: the retest, never an overdue ordinary test
