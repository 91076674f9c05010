"""Issue 17, parts 1–2: the vital signs at pre-triage and the severity in the screening decision (SQLite and
PostgreSQL). A level I/II patient goes to the doctor at once whatever the epidemic decision; the readings are
kept with the screening and come back with it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app import audit
from app.actor import Actor
from app.context import AppContext
from app.errors import ValidationError
from app.severity import store
from app.severity.figures import TriageLevelFigures
from app.triage.records import PatientInput, ScreeningInput
from app.triage.tables import Screening

PLAIN = ScreeningInput(36.6, health_code="green")
#: Every reading normal: NEWS2 0, complete, level IV.
WELL = replace(PLAIN, spo2=98, respiratory_rate=16, heart_rate=80, systolic_bp=120, consciousness="A", oxygen=False)


def test_the_set_is_saved_with_the_screening_and_comes_back(ctx: AppContext, staff: dict[str, Actor]) -> None:
    record = ctx.screening.record(staff["nurse"], replace(WELL, spo2=88))
    assert record.vital_signs is not None
    assert (record.inputs.spo2, record.inputs.respiratory_rate, record.inputs.heart_rate, record.inputs.systolic_bp,
            record.inputs.consciousness, record.inputs.oxygen) == (88, 16, 80, 120, "A", False)
    # SpO₂ 88 on scale 1 scores 3: a single 3 sets level II, and the guideline's SpO₂ 80–90 % does too
    assert (record.severity_level, record.news2, record.urgent) == (2, 3, True)
    assert record.vital_signs.news2_complete and record.vital_signs.vitals.spo2_scale == 1
    assert set(record.vital_signs.reasons) == {"spo2_low", "news2_single_3"}
    with ctx.db.read() as s:
        row = s.get(Screening, record.id)
        assert (row.severity_level, row.news2, row.urgent) == (2, 3, True)
        kept = store.for_screening(s, record.id)
    assert kept == record.vital_signs


def test_the_temperature_alone_is_a_set_too(ctx: AppContext, staff: dict[str, Actor]) -> None:
    """Level IV from a normal temperature (a partial NEWS2), level II from one that scores 3 — and no row in
    vital_signs: the temperature is on the screening already."""
    nurse = staff["nurse"]
    plain = ctx.screening.record(nurse, PLAIN)
    assert (plain.severity_level, plain.news2, plain.urgent, plain.vital_signs) == (4, 0, False, None)
    assessment = ctx.screening.assess(PLAIN)
    assert assessment.severity is not None and not assessment.severity.news2.complete
    assert len(assessment.severity.missing) == 6
    cold = ctx.screening.record(nurse, replace(PLAIN, temperature_c=34.8))
    assert (cold.severity_level, cold.news2, cold.urgent) == (2, 3, True)
    # a normal reading added never changes the level the temperature gave
    assert ctx.screening.record(nurse, replace(PLAIN, heart_rate=80)).severity_level == 4
    with ctx.db.read() as s:
        assert store.for_screening(s, plain.id) is None


def test_urgent_whatever_the_epidemic_decision(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    general = ctx.screening.record(nurse, replace(WELL, heart_rate=190))  # level I, nothing epidemic
    assert (general.decision, general.severity_level, general.urgent) == ("general", 1, True)
    isolate = ctx.screening.record(nurse, replace(WELL, temperature_c=38.5, contact_case=True, consciousness="V"))
    assert (isolate.decision, isolate.severity_level, isolate.urgent) == ("isolate", 2, True)
    fever = ctx.screening.record(nurse, replace(WELL, temperature_c=38.5))
    assert (fever.decision, fever.severity_level, fever.urgent) == ("fever_clinic", 4, False)
    # NEWS2 ≥ 7 without any single indicator: RR 24 (2) + SpO₂ 94 (1) + HR 105 (1) + O₂ (2) + T 39.2 (2) = 8
    high = ctx.screening.record(nurse, replace(WELL, respiratory_rate=24, spo2=94, heart_rate=105, oxygen=True,
                                               temperature_c=39.2))
    assert (high.news2, high.urgent) == (8, True) and high.severity_level <= 2


def test_the_nurses_override_does_not_clear_urgent(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    sick = replace(WELL, temperature_c=38.5, spo2=86)
    lowered = ctx.screening.record(nurse, sick, decision="general", override_reason="已在急诊科就诊，由急诊处理")
    assert (lowered.decision, lowered.computed_decision, lowered.urgent, lowered.severity_level) == (
        "general", "fever_clinic", True, 2)
    raised = ctx.screening.record(nurse, sick, decision="isolate")
    assert (raised.decision, raised.urgent) == ("isolate", True)


def test_the_clinics_figures_decide_the_level(ctx: AppContext, staff: dict[str, Actor]) -> None:
    figures, version = ctx.figures.get(TriageLevelFigures)
    reading = replace(WELL, heart_rate=102)  # level III by the default (≥ 100)
    assert ctx.screening.record(staff["nurse"], reading).severity_level == 3
    ctx.figures.update(staff["admin"], replace(figures, level_iii_hr_at_or_above=110), version)
    assert ctx.screening.assess(reading).severity is not None
    assert ctx.screening.record(staff["nurse"], reading).severity_level == 4


@pytest.mark.parametrize(("reading", "value", "field", "code"), [
    ("spo2", 30, "spo2", "spo2_range"),
    ("spo2", 101, "spo2", "spo2_range"),
    ("respiratory_rate", 0, "respiratory_rate", "respiratory_rate_range"),
    ("heart_rate", 400, "heart_rate", "heart_rate_range"),
    ("systolic_bp", 20, "systolic_bp", "systolic_bp_range"),
    ("consciousness", "X", "consciousness", "consciousness_code"),
])
def test_an_impossible_reading_is_refused_naming_the_field(ctx: AppContext, staff: dict[str, Actor], reading: str,
                                                          value: object, field: str, code: str) -> None:
    inputs = replace(WELL, **{reading: value})
    for attempt in (lambda: ctx.screening.assess(inputs), lambda: ctx.screening.record(staff["nurse"], inputs)):
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert (exc.value.code, exc.value.details["field"]) == (code, field)
    with ctx.db.read() as s:
        assert s.query(Screening).count() == 0


def test_unusual_readings_are_warnings_to_confirm(ctx: AppContext, staff: dict[str, Actor]) -> None:
    assessment = ctx.screening.assess(replace(WELL, spo2=65, heart_rate=210, temperature_c=34.5))
    assert assessment.warnings == ("temperature_low", "spo2_low", "heart_rate_high")
    assert assessment.severity is not None and "spo2_low" in assessment.severity.warnings
    record = ctx.screening.record(staff["nurse"], replace(WELL, spo2=65))  # confirmed at the desk: recorded
    assert record.inputs.spo2 == 65 and record.severity_level == 1


def test_assess_and_record_agree(ctx: AppContext, staff: dict[str, Actor]) -> None:
    for inputs in (PLAIN, WELL, replace(WELL, spo2=91, respiratory_rate=26, consciousness="C"),
                   replace(WELL, systolic_bp=85, heart_rate=52, oxygen=True, temperature_c=39.4)):
        severity = ctx.screening.assess(inputs).severity
        record = ctx.screening.record(staff["nurse"], inputs)
        assert severity is not None
        assert (record.severity_level, record.news2, record.urgent) == (severity.level, severity.news2.total,
                                                                         severity.immediate)
        if record.vital_signs is not None:
            assert record.vital_signs.reasons == tuple(dict.fromkeys(r.code for r in severity.reasons))
            assert record.vital_signs.news2_complete == severity.news2.complete


def test_the_audit_names_the_level_and_news2_not_the_readings(ctx: AppContext, staff: dict[str, Actor]) -> None:
    ctx.screening.record(staff["nurse"], replace(WELL, spo2=88, heart_rate=123))
    with ctx.db.read() as s:
        summary = json.loads(audit.page(s, offset=0, limit=1)[0].summary)
    assert (summary["severity_level"], summary["news2"], summary["urgent"]) == (2, 5, True)
    assert "spo2" not in summary and "heart_rate" not in summary


def test_the_visit_carries_the_set(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    screening = ctx.screening.record(nurse, replace(WELL, temperature_c=38.6, spo2=93, respiratory_rate=22))
    detail = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name="赵六", id_type="passport", id_number="E2024001", sex="male"))
    assert detail.screening.vital_signs == screening.vital_signs
    assert (detail.screening.inputs.spo2, detail.screening.inputs.respiratory_rate) == (93, 22)
    again = ctx.registration.detail(nurse, detail.visit_no)
    assert again.screening.vital_signs == screening.vital_signs and again.screening.news2 == screening.news2


def test_the_pharmacy_counter_keeps_no_severity(ctx: AppContext, staff: dict[str, Actor]) -> None:
    from app.triage.screening_service import add_screening

    with ctx.db.write() as s:
        row, assessment = add_screening(s, staff["nurse"], ctx.clock, ScreeningInput(38.2), decision=None,
                                        override_reason=None, source="pharmacy")
    assert (row.severity_level, row.news2, row.urgent, assessment.severity) == (None, None, False, None)


def test_the_list_shows_the_level_and_urgent(ctx: AppContext, staff: dict[str, Actor]) -> None:
    from app.triage.lists import ListQuery

    nurse = staff["nurse"]
    ctx.screening.record(nurse, replace(WELL, spo2=88))
    ctx.screening.record(nurse, PLAIN)
    urgent_row, plain_row = ctx.lists.page(nurse, ListQuery())[:2][::-1]
    assert (urgent_row.severity_level, urgent_row.news2, urgent_row.urgent) == (2, 3, True)
    assert (plain_row.severity_level, plain_row.news2, plain_row.urgent) == (4, 0, False)
