"""Issue 12, pre-triage: the travel window counts from onset, the health code must be checked, and a
returning patient's ID number cannot be corrected to another patient's (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app import audit
from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.errors import Conflict, ValidationError
from app.triage.records import PatientInput, ScreeningInput, TravelEntry
from app.triage.rules import TriageRules, assess, travel_window_start
from app.triage.screening_service import add_screening
from app.triage.tables import Patient

TODAY = date(2026, 11, 23)  # the clinic day of the ``clock`` fixture
AREAS = {"河北省石家庄市藁城区": "medium"}
RESIDENT = "11010519491231002X"
OTHER_RESIDENT = "110105198506010011"


def stay(last: date, onset: date | None = None) -> ScreeningInput:
    return ScreeningInput(36.5, onset_date=onset, travel=(TravelEntry("石家庄藁城", last),), health_code="green")


def counted(inputs: ScreeningInput, rules: TriageRules = TriageRules()) -> bool:
    return "travel_medium" in assess(inputs, rules, AREAS, TODAY).reasons


# ----- 1. 发病前14天内的旅居史 ---------------------------------------------------------------------

def test_without_onset_the_window_runs_from_14_days_before_the_visit() -> None:
    assert travel_window_start(stay(TODAY), TriageRules(), TODAY) == date(2026, 11, 9)
    assert counted(stay(date(2026, 11, 9)))  # the first day of the window
    assert not counted(stay(date(2026, 11, 8)))  # left the day before the window: does not count
    assert counted(stay(TODAY))  # up to the visit


def test_with_onset_the_window_runs_from_14_days_before_onset_up_to_the_visit() -> None:
    onset = date(2026, 11, 18)
    assert travel_window_start(stay(TODAY, onset), TriageRules(), TODAY) == date(2026, 11, 4)
    assert counted(stay(date(2026, 11, 4), onset))  # 14 days before onset: counts
    assert not counted(stay(date(2026, 11, 3), onset))  # 15 days before onset: does not
    assert counted(stay(date(2026, 11, 6), onset))  # counts from onset, though 17 days before the visit
    assert not counted(stay(date(2026, 11, 6)))  # ...which the visit-based window would have missed
    assert counted(stay(date(2026, 11, 21), onset))  # after onset, before the visit: counts


def test_the_window_length_is_the_admins_figure() -> None:
    onset = date(2026, 11, 18)
    assert counted(stay(date(2026, 10, 29), onset), TriageRules(travel_window_days=20))
    assert not counted(stay(date(2026, 10, 28), onset), TriageRules(travel_window_days=20))
    assert counted(stay(date(2026, 11, 11), onset), TriageRules(travel_window_days=7))
    assert not counted(stay(date(2026, 11, 10), onset), TriageRules(travel_window_days=7))


def test_unknown_last_day_counts_and_onset_in_the_future_is_refused() -> None:
    assert counted(ScreeningInput(36.5, onset_date=date(2026, 11, 1), travel=(TravelEntry("藁城区"),)))
    with pytest.raises(ValidationError) as exc:
        assess(stay(TODAY, date(2026, 11, 24)), TriageRules(), AREAS, TODAY)
    assert exc.value.code == "onset_in_future"


def test_the_desk_applies_the_onset_window(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    onset = date(2026, 11, 16)  # window from 2026-11-02
    inside = ctx.screening.record(nurse, ScreeningInput(
        37.0, onset_date=onset, travel=(TravelEntry("石家庄藁城", date(2026, 11, 2)),), health_code="green"))
    assert inside.decision == "fever_clinic" and "travel_medium" in inside.reasons
    outside = ctx.screening.record(nurse, ScreeningInput(
        37.0, onset_date=onset, travel=(TravelEntry("石家庄藁城", date(2026, 11, 1)),), health_code="green"))
    assert outside.decision == "general" and outside.reasons == ()


# ----- 2. the health code starts as not checked ------------------------------------------------

def test_an_unchecked_health_code_is_refused_at_the_desk(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    assert ScreeningInput(36.5).health_code == "not_checked"
    assert ctx.screening.assess(ScreeningInput(36.5)).decision == "general"  # the form still assesses live
    with pytest.raises(ValidationError) as exc:
        ctx.screening.record(nurse, ScreeningInput(36.5))
    assert (exc.value.code, exc.value.details["field"]) == ("health_code_unchecked", "health_code")
    with pytest.raises(ValidationError) as exc:
        ctx.screening.record(nurse, ScreeningInput(36.5, health_code="blue"))
    assert exc.value.code == "health_code"
    with ctx.db.read() as s:
        entry = audit.page(s, offset=0, limit=2)[1]
    assert entry.action == "triage.screen" and entry.outcome == "failed" and "health_code_unchecked" in entry.summary
    for code in ("green", "yellow", "red"):
        record = ctx.screening.record(nurse, ScreeningInput(36.5, health_code=code, health_code_note="ignored"))
        assert record.inputs.health_code == code and record.inputs.health_code_note is None


def test_not_shown_needs_a_reason(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    for note in (None, "", "   ", "无"):
        with pytest.raises(ValidationError) as exc:
            ctx.screening.record(nurse, ScreeningInput(36.5, health_code="none", health_code_note=note))
        assert (exc.value.code, exc.value.details["field"]) == ("health_code_reason", "health_code_note")
    with pytest.raises(ValidationError) as exc:
        ctx.screening.record(nurse, ScreeningInput(36.5, health_code="none", health_code_note="长" * 101))
    assert exc.value.code == "too_long"
    record = ctx.screening.record(nurse, ScreeningInput(36.5, health_code="none", health_code_note=" 老人无 智能手机 "))
    assert record.inputs.health_code == "none" and record.inputs.health_code_note == "老人无 智能手机"
    assert record.decision == "general"
    with ctx.db.read() as s:
        summary = json.loads(audit.page(s, offset=0, limit=1)[0].summary)
    assert summary["health_code"] == "none" and summary["health_code_note"] == "老人无 智能手机"


def pharmacy_screening(ctx: AppContext, nurse: Actor, temperature: float = 38.2) -> int:
    """What the pharmacy counter records: a temperature, the code not checked."""
    with ctx.db.write() as s:
        row, _ = add_screening(s, nurse, ctx.clock, ScreeningInput(temperature), decision=None,
                               override_reason=None, source="pharmacy")
        return row.id


def test_the_pharmacy_counter_may_leave_the_code_unchecked(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    screening_id = pharmacy_screening(ctx, nurse)
    with ctx.db.read() as s:
        from app.triage.tables import Screening

        row = s.get(Screening, screening_id)
        assert (row.source, row.health_code, row.decision) == ("pharmacy", "not_checked", "fever_clinic")
    with pytest.raises(ValidationError) as exc:  # but not an import or the desk
        with ctx.db.write() as s:
            add_screening(s, nurse, ctx.clock, ScreeningInput(38.2), decision=None, override_reason=None,
                          source="import")
    assert exc.value.code == "health_code_unchecked"


def test_registration_checks_the_code_the_pharmacy_did_not(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    buyer = PatientInput(name="钱七", id_type="passport", id_number="E1234567", sex="male")
    screening_id = pharmacy_screening(ctx, nurse)
    with pytest.raises(ValidationError) as exc:
        ctx.registration.register(nurse, screening_id=screening_id, patient=buyer)
    assert exc.value.code == "health_code_unchecked"
    with pytest.raises(ValidationError) as exc:
        ctx.registration.register(nurse, screening_id=screening_id, patient=buyer, health_code="none")
    assert exc.value.code == "health_code_reason"
    visit = ctx.registration.register(nurse, screening_id=screening_id, patient=buyer, health_code="red")
    # a red code raises the decision as it would have at the desk (fever + red code: isolate)
    assert visit.screening.inputs.health_code == "red" and visit.screening.decision == "isolate"
    assert {"code_red", "fever_with_epi_risk"} <= set(visit.screening.reasons)
    with ctx.db.read() as s:
        summary = json.loads(audit.page(s, offset=0, limit=1)[0].summary)
    assert summary["health_code"] == "red"

    desk = ctx.screening.record(nurse, ScreeningInput(38.0, health_code="green"))  # checked at the desk already:
    detail = ctx.registration.register(nurse, screening_id=desk.id, health_code="red", patient=PatientInput(
        name="孙八", id_type="passport", id_number="E7654321", sex="male"))
    assert detail.screening.inputs.health_code == "green"  # ...the desk's record stands


# ----- 4. an ID number that belongs to another patient -----------------------------------------

def fever(ctx: AppContext, nurse: Actor) -> int:
    return ctx.screening.record(nurse, ScreeningInput(38.4, symptoms=frozenset({"fever"}), health_code="green")).id


def test_correcting_an_id_number_to_another_patients_is_refused(ctx: AppContext, staff: dict[str, Actor],
                                                                clock: FixedClock) -> None:
    nurse = staff["nurse"]
    first = ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient=PatientInput(
        name="王䶮", id_type="resident_id", id_number=RESIDENT))
    clock.advance(minutes=5)
    second = ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient=PatientInput(
        name="王艳", id_type="resident_id", id_number=OTHER_RESIDENT))
    clock.advance(minutes=5)
    screening_id = fever(ctx, nurse)
    with pytest.raises(Conflict) as exc:  # 王艳 returns; the nurse "corrects" her ID to 王䶮's
        ctx.registration.register(nurse, screening_id=screening_id, patient_id=second.patient.id,
                                  patient_version=second.patient.version,
                                  patient=PatientInput(name="王艳", id_type="resident_id", id_number=RESIDENT))
    assert exc.value.code == "id_number_taken"
    assert exc.value.details == {"field": "id_number", "patient_id": first.patient.id, "visit_no": first.visit_no}
    with ctx.db.read() as s:
        assert s.get(Patient, second.patient.id).id_number == OTHER_RESIDENT  # nothing changed
    # the desk then offers the existing record: this visit is registered on it
    visit = ctx.registration.register(nurse, screening_id=screening_id, patient_id=first.patient.id,
                                      patient_version=first.patient.version,
                                      patient=PatientInput(name="王䶮", id_type="resident_id", id_number=RESIDENT))
    assert visit.patient.id == first.patient.id


def test_correcting_an_id_number_to_a_free_one_is_allowed(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    first = ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient=PatientInput(
        name="王艳", id_type="resident_id", id_number=OTHER_RESIDENT))
    again = ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient_id=first.patient.id,
                                      patient_version=first.patient.version,
                                      patient=PatientInput(name="王艳", id_type="resident_id", id_number=RESIDENT))
    assert again.patient.id == first.patient.id and again.patient.id_number == RESIDENT
    # the same number under another document type is another document, not a clash
    other = ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient=PatientInput(
        name="Anna", id_type="passport", id_number="E1234567", sex="female"))
    later = ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient_id=other.patient.id,
                                      patient_version=other.patient.version, patient=PatientInput(
                                          name="Anna", id_type="passport", id_number="E7654321", sex="female"))
    assert later.patient.id_number == "E7654321"


def test_a_taken_number_without_visits_names_no_visit(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    ward_patient = ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient=PatientInput(
        name="王艳", id_type="resident_id", id_number=OTHER_RESIDENT))
    with ctx.db.write() as s:  # a patient known only from a ward admission (no visit of their own)
        from datetime import datetime, timezone

        s.add(Patient(name="赵一", name_initials="zy", id_type="passport", id_number="G12345678", sex="male",
                      created_at=datetime(2026, 11, 1, tzinfo=timezone.utc),
                      updated_at=datetime(2026, 11, 1, tzinfo=timezone.utc)))
    with pytest.raises(Conflict) as exc:
        ctx.registration.register(nurse, screening_id=fever(ctx, nurse), patient_id=ward_patient.patient.id,
                                  patient=PatientInput(name="王艳", id_type="passport", id_number="G12345678",
                                                       sex="female"))
    assert exc.value.code == "id_number_taken" and exc.value.details["visit_no"] is None
