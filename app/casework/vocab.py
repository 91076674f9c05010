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

# Classification only moves forward (issue 12): from -> the classes it may move to without an exception.
# Moving to EXCLUDED also needs negative nucleic-acid results (CaseService.classify); any other move
# (a downgrade) needs an approved CaseExceptionKind.CLASSIFICATION_DOWNGRADE.
FORWARD: dict[str, frozenset[str]] = {
    Classification.PENDING: frozenset({Classification.SUSPECTED, Classification.ASYMPTOMATIC,
                                       Classification.CONFIRMED, Classification.EXCLUDED}),
    Classification.SUSPECTED: frozenset({Classification.CONFIRMED, Classification.ASYMPTOMATIC,
                                         Classification.EXCLUDED}),
    Classification.ASYMPTOMATIC: frozenset({Classification.CONFIRMED}),
    Classification.CONFIRMED: frozenset(),
    Classification.EXCLUDED: frozenset({Classification.SUSPECTED, Classification.ASYMPTOMATIC,
                                        Classification.CONFIRMED}),
}


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
    REPORT = "report_2h"  # direct network report of a suspected/confirmed/asymptomatic case, or of a positive result
    EPI = "epi_24h"  # epidemiological investigation
    RESULT = "result"  # nucleic-acid turnaround
    NAT_12H = "nat_12h"  # a suspected case's nucleic-acid sample within 12 h of the classification
    INCIDENT = "incident_2h"  # a suspected or positive patient left without permission: report the incident
    OBSERVATION_ROUND = "observation_round"  # the next set of vital signs under observation (app/casework/observation.py)


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
    DIED = "died"  # an incident (time of death, who certified it)


# the incidents: the only ways a case may end that no rule can refuse
INCIDENTS = frozenset({Disposition.LEFT_WITHOUT_PERMISSION, Disposition.DIED})
# the tests that make a case "positive" (逢阳必报、逢阳即报)
POSITIVE_KINDS = frozenset({TestKind.NUCLEIC_ACID, TestKind.ANTIGEN})


class CaseExceptionKind(StrEnum):
    """特殊情况 for a casework rule, approved by the medical director (Perm.APPROVE_EXCEPTIONS)."""

    CLASSIFICATION_DOWNGRADE = "classification_downgrade"  # a classification move the forward-only rule refuses


class HandoverState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"  # the case was reassigned by the medical director (app/casework/reassign.py)
