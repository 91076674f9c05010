"""The codes of the severity computation. Their words, for screen, paper and command line alike, live in
app/vocabulary/severity.py."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Parameter(StrEnum):
    """The NEWS2 chart's parameters, in the chart's order."""

    RESPIRATORY_RATE = "respiratory_rate"
    SPO2 = "spo2"
    OXYGEN = "oxygen"  # air or supplemental oxygen
    SYSTOLIC_BP = "systolic_bp"
    HEART_RATE = "heart_rate"
    CONSCIOUSNESS = "consciousness"
    TEMPERATURE = "temperature"


class Avpu(StrEnum):
    """Consciousness on the ACVPU scale: Alert, new Confusion, responds to Voice, to Pain, Unresponsive."""

    ALERT = "A"
    CONFUSION = "C"
    VOICE = "V"
    PAIN = "P"
    UNRESPONSIVE = "U"


class Spo2Scale(IntEnum):
    """Scale 2 only for a patient a clinician has judged to have hypercapnic respiratory failure (target 88–92 %)."""

    SCALE_1 = 1
    SCALE_2 = 2


class Risk(StrEnum):
    """NEWS2's clinical risk (RCP 2017): low 0–4, low–medium a single parameter scoring 3, medium 5–6, high ≥ 7."""

    LOW = "low"
    LOW_MEDIUM = "low_medium"
    MEDIUM = "medium"
    HIGH = "high"


class Level(IntEnum):
    """急诊预检分级: I 濒危, II 危重, III 急症, IV 非急症 (a lower number is more urgent)."""

    I = 1
    II = 2
    III = 3
    IV = 4


class LevelReason(StrEnum):
    """Why a patient reached a triage level (each with the reading that did it)."""

    HEART_RATE_LOW = "heart_rate_low"
    HEART_RATE_HIGH = "heart_rate_high"
    SYSTOLIC_BP_LOW = "systolic_bp_low"
    SYSTOLIC_BP_HIGH = "systolic_bp_high"
    SPO2_LOW = "spo2_low"
    CONSCIOUSNESS = "consciousness"
    NEWS2_HIGH = "news2_high"
    NEWS2_MEDIUM = "news2_medium"
    NEWS2_SINGLE_3 = "news2_single_3"


class VitalWarning(StrEnum):
    """A reading that is possible but unusual: measure again and confirm."""

    TEMPERATURE_LOW = "temperature_low"
    TEMPERATURE_HIGH = "temperature_high"
    RESPIRATORY_RATE_LOW = "respiratory_rate_low"
    RESPIRATORY_RATE_HIGH = "respiratory_rate_high"
    SPO2_LOW = "spo2_low"
    SYSTOLIC_BP_LOW = "systolic_bp_low"
    SYSTOLIC_BP_HIGH = "systolic_bp_high"
    HEART_RATE_LOW = "heart_rate_low"
    HEART_RATE_HIGH = "heart_rate_high"


class ObservationAlert(StrEnum):
    """Why a round of observations raises an alert to the responsible doctor."""

    NEWS2_ROSE = "news2_rose"
    NEWS2_REACHED = "news2_reached"
