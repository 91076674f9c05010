"""Codes of the fever clinic's casework (labels live with the screen and the printer)."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum


class Classification(StrEnum):
    PENDING = "pending"
    EXCLUDED = "excluded"
    SUSPECTED = "suspected"
    CONFIRMED = "confirmed"
    ASYMPTOMATIC = "asymptomatic"


REPORTABLE = frozenset({Classification.SUSPECTED, Classification.CONFIRMED, Classification.ASYMPTOMATIC})


class TestKind(StrEnum):
    NUCLEIC_ACID = "nucleic_acid"
    BLOOD_ROUTINE = "blood_routine"
    ANTIGEN = "antigen"
    ANTIBODY = "antibody"
    CT = "ct"
    INFLUENZA = "influenza"


class TestResult(StrEnum):
    NEGATIVE = "negative"
    POSITIVE = "positive"
    INVALID = "invalid"


class Population(StrEnum):
    """Who is tested decides the nucleic-acid turnaround (DOMAIN.md time limits)."""

    FEVER_CLINIC = "fever_clinic"
    EMERGENCY = "emergency"
    OUTPATIENT = "outpatient"
    INPATIENT = "inpatient"
    ESCORT = "escort"
    VOLUNTARY = "voluntary"


# (warn after, overdue after) from sample time
TURNAROUND: dict[str, tuple[timedelta, timedelta]] = {
    Population.FEVER_CLINIC: (timedelta(hours=4), timedelta(hours=6)),
    Population.EMERGENCY: (timedelta(hours=4), timedelta(hours=6)),
    Population.OUTPATIENT: (timedelta(hours=10), timedelta(hours=12)),
    Population.INPATIENT: (timedelta(hours=10), timedelta(hours=12)),
    Population.ESCORT: (timedelta(hours=10), timedelta(hours=12)),
    Population.VOLUNTARY: (timedelta(hours=20), timedelta(hours=24)),
}
REPORT_WINDOW = (timedelta(hours=1, minutes=30), timedelta(hours=2))
EPI_WINDOW = (timedelta(hours=20), timedelta(hours=24))


class ClockKind(StrEnum):
    REPORT = "report_2h"  # direct network report of a suspected/confirmed/asymptomatic case
    EPI = "epi_24h"  # epidemiological investigation
    RESULT = "result"  # nucleic-acid turnaround


class ClockState(StrEnum):
    OK = "ok"
    WARNING = "warning"
    OVERDUE = "overdue"


class Disposition(StrEnum):
    EXCLUDED_GENERAL = "excluded_general"  # excluded, back to general outpatient (with the excluding result)
    HOME_ADVICE = "home_advice"
    ADMITTED = "admitted"  # to a ward; buffer-ward single room while COVID is not excluded
    TRANSFER = "transfer"  # to the designated hospital (the transfer itself: issue 5)
    LEFT_WITHOUT_PERMISSION = "left_without_permission"  # an incident


class HandoverState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
