"""Resident ID (GB 11643), phone numbers, and the triage rules as data."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.triage.identity import check_digit, name_initials, normalise_patient, normalise_phone, parse_resident_id
from app.triage.records import PatientInput, ScreeningInput, TravelEntry
from app.triage.rules import TriageRules, assess, final_decision

TODAY = date(2026, 11, 23)
AREAS = {"广东省广州市白云区": "high", "河北省石家庄市藁城区": "medium"}


def valid_id(first17: str) -> str:
    return first17 + check_digit(first17)


def test_known_resident_id_and_lowercase_x() -> None:
    number, sex, birth = parse_resident_id("11010519491231002x", TODAY)
    assert (number, sex.value, birth) == ("11010519491231002X", "female", date(1949, 12, 31))
    number, sex, _ = parse_resident_id(valid_id("44010619850307001"), TODAY)
    assert sex.value == "male"


@pytest.mark.parametrize(("raw", "code"), [
    ("110105194912310021", "id_check_digit"), ("1101051949123100", "id_format"), ("11010519491331002X", "id_birth_date"),
    (valid_id("11010520300101001"), "id_birth_date"), ("01010519491231002X", "id_format"), ("", "id_format"),
])
def test_bad_resident_ids(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_resident_id(raw, TODAY)
    assert exc.value.code == code and exc.value.details["field"] == "id_number"


@given(st.text(alphabet="0123456789X", min_size=18, max_size=18))
def test_random_ids_never_crash(raw: str) -> None:
    try:
        number, _, _ = parse_resident_id(raw, TODAY)
    except ValidationError:
        return
    assert check_digit(number[:17]) == number[17]


def test_single_digit_change_is_caught() -> None:
    good = valid_id("32058319900815123")
    for i in range(17):
        digit = str((int(good[i]) + 1) % 10)
        bad = good[:i] + digit + good[i + 1:]
        with pytest.raises(ValidationError):
            parse_resident_id(bad, TODAY)


def test_patient_derives_sex_and_birth_and_refuses_mismatch() -> None:
    p = normalise_patient(PatientInput(name=" 王  䶮 ", id_type="resident_id", id_number="11010519491231002x",
                                       phone="138 0013 8000"), TODAY)
    assert (p.name, p.sex, p.birth_date, p.phone, p.id_number) == (
        "王 䶮", "female", date(1949, 12, 31), "13800138000", "11010519491231002X")
    with pytest.raises(ValidationError) as exc:
        normalise_patient(PatientInput(name="王", id_type="resident_id", id_number="11010519491231002X",
                                       sex="male"), TODAY)
    assert exc.value.code == "sex_mismatch"
    with pytest.raises(ValidationError) as exc:
        normalise_patient(PatientInput(name="无名氏", id_type="other", sex="male"), TODAY)
    assert exc.value.code == "id_missing_reason"
    ok = normalise_patient(PatientInput(name="无名氏", id_type="other", sex="unknown", id_missing_reason="昏迷 无证件"),
                           TODAY)
    assert ok.id_number is None and ok.id_missing_reason == "昏迷 无证件"


@pytest.mark.parametrize("field, kwargs", [
    ("id_number", {"id_number": "A" * 5000, "id_missing_reason": "外籍"}),
    ("id_missing_reason", {"id_missing_reason": "无" * 101}),
])
def test_an_other_id_or_its_reason_longer_than_the_form_holds_is_refused(field: str, kwargs: dict) -> None:
    """The service holds the desk's limits (a 5 000-character "other" ID once broke the printed form)."""
    with pytest.raises(ValidationError) as exc:
        normalise_patient(PatientInput(name="无名氏", id_type="other", sex="unknown", **kwargs), TODAY)
    assert (exc.value.code, exc.value.details["field"]) == ("too_long", field)


@pytest.mark.parametrize(("raw", "expected"), [("13800138000", "13800138000"), ("+86 139-1234-5678", "13912345678"),
                                               ("0755-88886666", "0755-88886666"), ("", None)])
def test_phones(raw: str, expected: str | None) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "1234567890123", "23800138000", "电话"])
def test_bad_phones(raw: str) -> None:
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_pinyin_initials() -> None:
    assert name_initials("张三丰") == "zsf" and name_initials("John Smith") == "js"


def test_healthy_walk_in_goes_to_general_outpatient() -> None:
    a = assess(ScreeningInput(36.6), TriageRules(), AREAS, TODAY)
    assert (a.decision, a.reasons) == ("general", ())


def test_fever_threshold_is_inclusive() -> None:
    assert assess(ScreeningInput(37.3), TriageRules(), AREAS, TODAY).decision == "fever_clinic"
    assert assess(ScreeningInput(37.2), TriageRules(), AREAS, TODAY).decision == "general"
    assert assess(ScreeningInput(37.2), TriageRules(fever_threshold_c=37.0), AREAS, TODAY).decision == "fever_clinic"


@pytest.mark.parametrize("temp", [33.9, 43.1, float("nan"), -1.0, 370.0])
def test_impossible_temperature_refused(temp: float) -> None:
    with pytest.raises(ValidationError) as exc:
        assess(ScreeningInput(temp), TriageRules(), AREAS, TODAY)
    assert exc.value.code == "temperature_range"


def test_implausible_temperature_warns() -> None:
    assert assess(ScreeningInput(34.5), TriageRules(), AREAS, TODAY).warnings == ("temperature_low",)
    assert assess(ScreeningInput(42.0), TriageRules(), AREAS, TODAY).warnings == ("temperature_high",)


def test_travel_inside_and_outside_the_window() -> None:
    inside = ScreeningInput(36.5, travel=(TravelEntry("河北石家庄藁城区", date(2026, 11, 10)),))
    a = assess(inside, TriageRules(), AREAS, TODAY)
    assert a.decision == "fever_clinic" and a.reasons == ("travel_medium",)
    outside = ScreeningInput(36.5, travel=(TravelEntry("河北省石家庄市藁城区", date(2026, 11, 8)),))
    assert assess(outside, TriageRules(), AREAS, TODAY).decision == "general"  # 15 days ago


def test_fever_with_epidemiological_risk_means_isolation() -> None:
    a = assess(ScreeningInput(38.5, symptoms=frozenset({"cough"}), travel=(TravelEntry("广州市白云区"),)),
               TriageRules(), AREAS, TODAY)
    assert a.decision == "isolate"
    assert set(a.reasons) == {"fever", "symptoms", "travel_high", "fever_with_epi_risk"}


@pytest.mark.parametrize(("inputs", "decision"), [
    (ScreeningInput(36.5, contact_case=True), "isolate"), (ScreeningInput(36.5, health_code="red"), "isolate"),
    (ScreeningInput(36.5, health_code="yellow"), "fever_clinic"), (ScreeningInput(36.5, cluster=True), "fever_clinic"),
    (ScreeningInput(36.5, occupation="cold_chain"), "fever_clinic"),
    (ScreeningInput(36.5, antipyretic_elsewhere=True), "fever_clinic"),
    (ScreeningInput(36.5, symptoms=frozenset({"conjunctivitis"})), "fever_clinic"),
])
def test_each_risk_factor(inputs: ScreeningInput, decision: str) -> None:
    assert assess(inputs, TriageRules(), AREAS, TODAY).decision == decision


def test_rules_are_data() -> None:
    rules = TriageRules(levels={"occupation": "general"})
    assert assess(ScreeningInput(36.5, occupation="medical"), rules, AREAS, TODAY).decision == "general"
    assert TriageRules.from_json(rules.to_json()) == rules
    with pytest.raises(ValidationError):
        TriageRules(fever_threshold_c=40.0)


def test_escalate_freely_downgrade_only_with_reason() -> None:
    a = assess(ScreeningInput(38.0), TriageRules(), AREAS, TODAY)
    assert final_decision(a, "isolate", None)[0] == "isolate"
    with pytest.raises(ValidationError) as exc:
        final_decision(a, "general", "  ")
    assert exc.value.code == "downgrade_needs_reason"
    decision, reasons, why = final_decision(a, "general", "刚运动后复测36.8℃")
    assert decision == "general" and reasons[-1] == "nurse_downgraded" and why == "刚运动后复测36.8℃"
