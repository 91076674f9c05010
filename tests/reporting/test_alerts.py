"""Multi-point early warning: each trigger raises exactly one alert, a re-scan nothing; clusters by
normalised address/workplace within 7 days; EARS on constructed daily series; acknowledgement is
required, audited and refuses stale edits; evidence never names a patient."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.db.models import AuditEvent
from app.errors import Conflict, PermissionDenied, StaleEdit, ValidationError
from app.reporting.alerts import AlertRecord, AlertService, address_key, workplace_key
from app.triage.identity import check_digit
from app.triage.records import PatientInput, ScreeningInput
from app.triage.tables import Patient, PharmacyPurchase, Screening, Visit
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)

VILLAGER_A = ("张三丰", "东村12号")
VILLAGER_B = ("李四光", "东村 15号")


def resident_id(n: int) -> str:
    first17 = f"32010219800101{n:03d}"
    return first17 + check_digit(first17)


def register(ctx: AppContext, nurse: Actor, name: str, n: int, *, address: str = "", workplace: str = "",
             returning: int | None = None) -> str:
    """Screen and register one febrile patient (``returning``: their patient id); returns the visit number."""
    screening = ctx.screening.record(nurse, ScreeningInput(38.5, symptoms=frozenset({"fever"}), health_code="green"))
    visit = ctx.registration.register(nurse, screening_id=screening.id, patient_id=returning, patient=PatientInput(
        name=name, id_type="resident_id", id_number=resident_id(n), address=address, workplace=workplace))
    return visit.visit_no


def patient_id(ctx: AppContext, visit_no: str) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(Visit.patient_id).where(Visit.visit_no == visit_no)) or 0)


def service(ctx: AppContext) -> AlertService:
    return AlertService(ctx.db, ctx.clock)


def of_kind(alerts: list[AlertRecord], kind: str) -> list[AlertRecord]:
    return [a for a in alerts if a.kind == kind]


def assert_private(alerts: list[AlertRecord], *secrets: str) -> None:
    text = json.dumps([a.evidence for a in alerts], ensure_ascii=False) + "".join(a.dedupe_key for a in alerts)
    for secret in secrets:
        assert secret not in text


# ----- normalisation (no database) -----------------------------------------------------------------

def test_address_and_workplace_keys() -> None:
    assert address_key("新河镇东村12号") == address_key("新河镇东村 15号") == "新河镇东村"
    assert address_key("新河镇　光明小区３栋５０１室") == "新河镇光明小区"  # full-width space and digits
    assert address_key("新河镇东村1组") == "新河镇东村1组"  # a village group is not a house number
    assert address_key("新河镇") is None and address_key("12号") is None and address_key("") is None
    assert workplace_key("新河镇 中心小学") == workplace_key("新河镇中心小学。") == "新河镇中心小学"
    assert workplace_key("ＡＢＣ公司") == workplace_key("abc公司")
    assert workplace_key("无") is None and workplace_key(" ") is None


# ----- triggers -----------------------------------------------------------------------------------

def test_a_classified_case_raises_one_alert_per_classification(ctx: AppContext,
                                                               clinic: dict[str, Actor]) -> None:  # noqa: F811
    alerts = service(ctx)
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    case = ctx.cases.take(clinic["doc1"], visit_no)
    assert alerts.scan(clinic["doc1"]) == []  # pending is no signal
    case = ctx.cases.classify(clinic["doc1"], visit_no, case.version, "suspected")
    raised = alerts.scan(clinic["doc1"])
    assert [(a.kind, a.evidence["visit_no"], a.evidence["classification"]) for a in raised] == [
        ("case", visit_no, "suspected")]
    assert alerts.scan(clinic["doc1"]) == [] and alerts.scan(clinic["admin"]) == []
    ctx.cases.classify(clinic["doc1"], visit_no, case.version, "confirmed")
    again = alerts.scan(clinic["doc1"])
    assert [(a.kind, a.evidence["classification"]) for a in again] == [("case", "confirmed")]
    assert alerts.scan(clinic["doc1"]) == []
    assert_private(raised + again, "王䶮", "11010519491231002X")
    with pytest.raises(PermissionDenied):
        alerts.scan(clinic["nurse"])


def test_a_classification_changed_before_any_scan_is_still_alerted(ctx: AppContext,
                                                                   clinic: dict[str, Actor]) -> None:  # noqa: F811
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    case = ctx.cases.take(clinic["doc1"], visit_no)
    case = ctx.cases.classify(clinic["doc1"], visit_no, case.version, "suspected")
    # issue 12: a classification only moves forward (excluding needs negative NAT results), so the class
    # that changed before the scan is suspected → confirmed: the trail still gives the suspected one
    ctx.cases.classify(clinic["doc1"], visit_no, case.version, "confirmed")
    raised = service(ctx).scan(Actor.system("scheduler"))
    assert [(a.kind, a.evidence["classification"]) for a in raised] == [("case", "suspected"),
                                                                        ("case", "confirmed")]


def test_two_households_of_one_village_within_7_days_are_a_cluster(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    alerts = service(ctx)
    first = register(ctx, clinic["nurse"], VILLAGER_A[0], 1, address="新河镇" + VILLAGER_A[1])
    assert alerts.scan(clinic["admin"]) == []
    clock.advance(days=7)
    second = register(ctx, clinic["nurse"], VILLAGER_B[0], 2, address="新河镇" + VILLAGER_B[1])
    raised = alerts.scan(clinic["admin"])
    assert len(raised) == 1
    cluster = raised[0]
    assert cluster.kind == "cluster" and cluster.evidence["field"] == "address"
    assert cluster.evidence["key"] == "新河镇东村" and cluster.evidence["patients"] == 2
    assert [v["visit_no"] for v in cluster.evidence["visits"]] == [first, second]
    assert [v["date"] for v in cluster.evidence["visits"]] == ["2026-11-23", "2026-11-30"]
    assert alerts.scan(clinic["admin"]) == []
    assert_private(raised, VILLAGER_A[0], VILLAGER_B[0], resident_id(1), resident_id(2), "12号", "15号")


def test_8_days_apart_is_no_cluster(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    register(ctx, clinic["nurse"], VILLAGER_A[0], 1, address="新河镇" + VILLAGER_A[1])
    clock.advance(days=8)
    register(ctx, clinic["nurse"], VILLAGER_B[0], 2, address="新河镇" + VILLAGER_B[1])
    assert service(ctx).scan(clinic["admin"]) == []


def test_a_shared_school_is_a_cluster_but_one_patient_twice_is_not(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    nurse = clinic["nurse"]
    child = register(ctx, nurse, "赵小明", 3, workplace="新河镇中心小学")
    clock.advance(days=1)
    register(ctx, nurse, "赵小明", 3, workplace="新河镇中心小学", returning=patient_id(ctx, child))  # the same child back: no cluster
    assert service(ctx).scan(clinic["admin"]) == []
    clock.advance(days=2)
    third = register(ctx, nurse, "钱小红", 4, workplace="新河镇 中心小学")
    raised = service(ctx).scan(clinic["admin"])
    assert [(a.kind, a.evidence["field"], a.evidence["new_visit_no"], a.evidence["patients"]) for a in raised] == [
        ("cluster", "workplace", third, 2)]
    assert_private(raised, "赵小明", "钱小红", resident_id(3), resident_id(4))


# ----- EARS -----------------------------------------------------------------------------------------

def seed_series(ctx: AppContext, first: date, visits: list[int], antipyretic: list[int], cough: list[int]) -> None:
    """Minimal rows, one clinic day after another (the services would take too long for 28 days)."""
    noon = lambda d: datetime(d.year, d.month, d.day, 4, 0, tzinfo=timezone.utc)  # noqa: E731
    with ctx.db.write() as s:
        patient = Patient(name="测试", name_initials="cs", id_type="other", id_missing_reason="test", sex="male",
                          created_at=noon(first), updated_at=noon(first))
        s.add(patient)
        s.flush()
        n = 0
        for i, (v, a, c) in enumerate(zip(visits, antipyretic, cough)):
            day = first + timedelta(days=i)
            for _ in range(v):
                n += 1
                sc = Screening(screened_at=noon(day), clinic_day=day, username="t", workstation="t", temperature_c=38.2,
                               temp_method="forehead", health_code="green", occupation="none",
                               computed_decision="fever_clinic", decision="fever_clinic")
                s.add(sc)
                s.flush()
                s.add(Visit(visit_no=f"XH01{day:%Y%m%d}{n:04d}", clinic_day=day, patient_id=patient.id,
                            screening_id=sc.id, registered_at=noon(day), username="t", workstation="t"))
            for category, k in (("antipyretic", a), ("cough", c)):
                s.add_all(PharmacyPurchase(at=noon(day), clinic_day=day, username="t", buyer_name="购药人",
                                           drug_category=category) for _ in range(k))


def test_ears_alarm_on_yesterday_raises_one_alert_per_series(ctx: AppContext, admin: Actor,
                                                             clock: FixedClock) -> None:
    clock.advance(days=30)  # today 2026-12-23 in Shanghai: the series is 11-25 .. 12-22
    first, yesterday = date(2026, 11, 25), date(2026, 12, 22)
    base = [1, 2] * 13 + [1]
    seed_series(ctx, first, visits=base + [9], antipyretic=[3, 4] * 13 + [3] + [20], cough=[1] * 28)
    raised = service(ctx).scan(admin)
    assert sorted(a.kind for a in raised) == ["ears_antipyretic", "ears_fever_visits"]
    visits = of_kind(raised, "ears_fever_visits")[0]
    assert visits.clinic_day == yesterday and visits.evidence["count"] == 9 and visits.evidence["date"] == "2026-12-22"
    assert visits.evidence["c1"] > 3 and "c1" in visits.evidence["alarms"] and visits.evidence["min_sd"] == 0.5
    assert len(visits.evidence["counts"]) == 28
    assert of_kind(raised, "ears_antipyretic")[0].evidence["count"] == 20  # cough medicine not counted
    assert service(ctx).scan(admin) == []
    assert_private(raised, "测试", "购药人")


def test_ears_runs_one_series_per_drug_category(ctx: AppContext, admin: Actor, clock: FixedClock) -> None:
    """"一退两抗" + 止咳药: each category is its own series with its own alert kind; the retired
    antidiarrhoeal rows are in none of them."""
    clock.advance(days=30)
    first = date(2026, 11, 25)
    seed_series(ctx, first, visits=[1, 2] * 14, antipyretic=[2] * 28, cough=[1, 2] * 13 + [1] + [15])
    noon = lambda d: datetime(d.year, d.month, d.day, 4, 0, tzinfo=timezone.utc)  # noqa: E731
    with ctx.db.write() as s:
        for i in range(28):
            day = first + timedelta(days=i)
            k = {"antiviral": 12 if i == 27 else 1 + i % 2, "antibiotic": 2, "antidiarrhoeal": 40 if i == 27 else 0}
            s.add_all(PharmacyPurchase(at=noon(day), clinic_day=day, username="t", buyer_name="购药人",
                                       drug_category=category, outcome="not_sold" if n % 2 else "sold")
                      for category, count in k.items() for n in range(count))
    raised = service(ctx).scan(admin)
    assert sorted(a.kind for a in raised) == ["ears_antiviral", "ears_cough"]
    assert of_kind(raised, "ears_antiviral")[0].evidence["series"] == "antiviral_purchases"
    assert of_kind(raised, "ears_antiviral")[0].evidence["count"] == 12  # sold or not, every buyer counts
    assert of_kind(raised, "ears_cough")[0].evidence["series"] == "cough_purchases"
    assert service(ctx).scan(admin) == []


def test_ears_quiet_series_and_a_young_clinic_raise_nothing(ctx: AppContext, admin: Actor,
                                                            clock: FixedClock) -> None:
    clock.advance(days=5)  # five days since set-up: no baseline yet, however busy
    seed_series(ctx, date(2026, 11, 23), visits=[0, 0, 0, 0, 8], antipyretic=[0] * 5, cough=[0] * 5)
    assert service(ctx).scan(admin) == []
    clock.advance(days=25)
    seed_series(ctx, date(2026, 11, 28), visits=[2] * 25, antipyretic=[1, 2] * 12 + [2], cough=[30] * 25)
    assert service(ctx).scan(admin) == []


# ----- acknowledging ----------------------------------------------------------------------------------

def test_acknowledge_needs_an_action_is_audited_and_refuses_stale_edits(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    alerts = service(ctx)
    register(ctx, clinic["nurse"], VILLAGER_A[0], 1, address="新河镇" + VILLAGER_A[1])
    register(ctx, clinic["nurse"], VILLAGER_B[0], 2, address="新河镇" + VILLAGER_B[1])
    alert = alerts.scan(clinic["admin"])[0]
    assert [a.id for a in alerts.open_alerts(clinic["doc1"])] == [alert.id]
    with pytest.raises(ValidationError) as exc:
        alerts.acknowledge(clinic["admin"], alert.id, alert.version, "   ")
    assert exc.value.details["field"] == "action_taken"
    with pytest.raises(PermissionDenied):  # doctors and admins acknowledge; a triage nurse cannot
        alerts.acknowledge(clinic["nurse"], alert.id, alert.version, "已电话报告")
    with pytest.raises(StaleEdit):
        alerts.acknowledge(clinic["admin"], alert.id, alert.version + 1, "已电话报告")
    clock.advance(minutes=10)
    done = alerts.acknowledge(clinic["admin"], alert.id, alert.version, "  已电话报告乡镇防保所，\n开展流调 ")
    assert (done.acknowledged_by, done.acknowledged_at, done.action_taken) == (
        "boss", clock.now(), "已电话报告乡镇防保所， 开展流调")
    assert done.version == alert.version + 1 and done.acknowledged
    with pytest.raises(Conflict):
        alerts.acknowledge(clinic["admin"], alert.id, done.version, "再次确认")
    assert alerts.open_alerts(clinic["admin"]) == []
    assert [a.id for a in alerts.history(clinic["doc1"], clock.now() - timedelta(days=1))] == [alert.id]
    assert alerts.history(clinic["doc1"], clock.now()) == []
    with ctx.db.read() as s:
        trail = s.execute(select(AuditEvent.action, AuditEvent.outcome, AuditEvent.username, AuditEvent.entity_id)
                          .where(AuditEvent.action.like("alert.%")).order_by(AuditEvent.seq)).all()
    assert [(a, o, u) for a, o, u, _ in trail] == [
        ("alert.raise", "success", "boss"), ("alert.acknowledge", "failed", "boss"),
        ("alert.acknowledge", "denied", "nurse"), ("alert.acknowledge", "failed", "boss"),
        ("alert.acknowledge", "success", "boss"), ("alert.acknowledge", "failed", "boss")]
    assert trail[4].entity_id == str(alert.id)
