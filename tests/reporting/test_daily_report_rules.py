"""The daily report under issue 12: 病例零报告 (no new reportable case and no positive result, whatever
else happened), classification counts from the day's events, clocks settled by a case's end not
counted as met, and the new counts (exceptions, alarms, overstays, deaths, purchases per category).

The records are written straight into the tables (one row per event, as the services record them),
so each count is checked against exactly the events of a day; the services that write those rows are
tested in their own areas."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, MetaData, String, Table, Text, insert, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.tables import Case, CaseClassification, Clock, LabTest, RuleException
from app.context import AppContext
from app.reporting.alerts import AlertKind, raise_now
from app.reporting.daily import DRUG_CATEGORIES, is_zero_report
from app.reporting.tables import OutboxEntry
from app.triage.tables import Patient, PharmacyPurchase, Screening, Visit
from app.wards.tables import Admission, PermitException, Ward

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 21)  # two days before the fixed clock's day (2026-11-23 09:00 Shanghai)
NEXT = DAY + timedelta(days=1)
_serial = count(1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI).astimezone(timezone.utc)


def row(model: Any, **values: Any) -> Any:
    """A row with the given values and a plain value in every other required column, so these tests
    keep working when an area adds a NOT NULL column with a default."""
    for column in model.__table__.columns:
        if column.key in values or column.primary_key or column.nullable or column.default is not None \
                or column.server_default is not None:
            continue
        kind = column.type
        if isinstance(kind, Boolean):
            values[column.key] = False
        elif isinstance(kind, Integer):
            values[column.key] = 0
        elif isinstance(kind, Float):
            values[column.key] = 36.5
        elif isinstance(kind, Date):
            values[column.key] = DAY
        elif isinstance(kind, DateTime) or "DateTime" in type(kind).__name__:
            values[column.key] = at(DAY, 8)
        elif isinstance(kind, Text):
            values[column.key] = "{}"
        elif isinstance(kind, String):
            values[column.key] = f"t{next(_serial)}"[: kind.length or 20]
        else:  # pragma: no cover - a new column type: say which
            raise TypeError(f"{model.__name__}.{column.key}: {kind!r}")
    return model(**values)


def screening(s: Session, day: date = DAY, decision: str = "general") -> Screening:
    sc = row(Screening, clinic_day=day, screened_at=at(day, 8), decision=decision, computed_decision=decision)
    s.add(sc)
    s.flush()
    return sc


def new_case(s: Session, day: date = DAY) -> Case:
    n = next(_serial)
    patient = row(Patient, name=f"患者{n}", id_number=None)
    s.add(patient)
    s.flush()
    visit = row(Visit, visit_no=f"XH01-{day:%Y%m%d}-{n:04d}", clinic_day=day, patient_id=patient.id,
                screening_id=screening(s, day, "fever_clinic").id, registered_at=at(day, 8))
    s.add(visit)
    s.flush()
    case = row(Case, visit_id=visit.id, doctor_username="doc1", taken_at=at(day, 8), classification="pending",
               disposition=None, closed_at=None, classified_at=None)
    s.add(case)
    s.flush()
    return case


def old_row(s: Session, model: Any, **values: Any) -> int:
    """A row written as an older release wrote it: only the columns its schema has (the models follow the
    newest migration). Returns its id."""
    old = Table(model.__tablename__, MetaData(), autoload_with=s.connection())
    full = row(model, **values)
    data: dict[str, Any] = {}
    for column in model.__table__.columns:
        value = getattr(full, column.key)
        if value is None and column.default is not None and column.default.is_scalar:
            value = column.default.arg
        if column.name in old.c and value is not None:
            data[column.name] = value
    return int(s.execute(insert(old).values(**data).returning(old.c.id)).scalar_one())


def old_case(s: Session, day: date = DAY, **case: Any) -> int:
    """A case as release 0013 kept it (see ``new_case``)."""
    n = next(_serial)
    patient = old_row(s, Patient, name=f"患者{n}", id_number=None)
    sc = old_row(s, Screening, clinic_day=day, screened_at=at(day, 8), decision="fever_clinic",
                 computed_decision="fever_clinic")
    visit = old_row(s, Visit, visit_no=f"XH01-{day:%Y%m%d}-{n:04d}", clinic_day=day, patient_id=patient,
                    screening_id=sc, registered_at=at(day, 8))
    return old_row(s, Case, **{"visit_id": visit, "doctor_username": "doc1", "taken_at": at(day, 8),
                               "classification": "pending", "disposition": None, "closed_at": None,
                               "classified_at": None, **case})


def classify(s: Session, case: Case, when: datetime, before: str, after: str) -> None:
    s.add(CaseClassification(case_id=case.id, at=when, before=before, after=after, username="doc1"))
    case.classification, case.classified_at = after, when


def result(s: Session, case: Case, when: datetime, kind: str, outcome: str) -> None:
    s.add(row(LabTest, case_id=case.id, kind=kind, population="fever_clinic", ordered_at=when - timedelta(hours=3),
              ordered_by="doc1", sample_at=when - timedelta(hours=3), result=outcome, result_at=when))


@pytest.fixture
def write(ctx: AppContext) -> Iterator[Any]:
    def run(fn: Any) -> Any:
        with ctx.db.write() as s:
            return fn(s)

    yield run


def counts(ctx: AppContext, admin: Actor, day: date = DAY) -> dict[str, int]:
    return ctx.reports.preview(admin, day).counts


def test_fifty_screenings_and_no_case_is_a_zero_report(ctx: AppContext, admin: Actor, write: Any) -> None:
    write(lambda s: [screening(s) for _ in range(50)])
    draft = ctx.reports.preview(admin, DAY)
    assert draft.counts["screened"] == 50 and draft.counts["decision_general"] == 50
    assert draft.zero_report  # 50 screenings, no case, no positive result: still a 零报告
    report = ctx.reports.submit(admin, DAY)
    assert report.zero_report and report.counts["screened"] == 50  # the other counts travel with it
    with ctx.db.read() as s:
        body = json.loads(s.scalars(select(OutboxEntry.body)).one())
    assert body["zero_report"] is True and body["counts"]["screened"] == 50


def test_one_positive_result_is_not_a_zero_report(ctx: AppContext, admin: Actor, write: Any) -> None:
    def day(s: Session) -> None:
        case = new_case(s)
        result(s, case, at(DAY, 10), "nucleic_acid", "positive")
        result(s, new_case(s), at(NEXT, 10), "antigen", "positive")

    write(day)
    first = ctx.reports.preview(admin, DAY)
    assert (first.counts["positive_nat_antigen"], first.counts["tests_positive"]) == (1, 1)
    assert not first.zero_report and not ctx.reports.submit(admin, DAY).zero_report
    assert not ctx.reports.preview(admin, NEXT).zero_report  # an antigen positive counts too


def test_other_positive_tests_and_negative_results_keep_the_zero_report(ctx: AppContext, admin: Actor,
                                                                        write: Any) -> None:
    def day(s: Session) -> None:
        case = new_case(s)
        result(s, case, at(DAY, 10), "nucleic_acid", "negative")
        result(s, case, at(DAY, 11), "influenza", "positive")
        result(s, case, at(DAY, 12), "antibody", "positive")

    write(day)
    draft = ctx.reports.preview(admin, DAY)
    assert (draft.counts["tests_resulted"], draft.counts["tests_positive"], draft.counts["positive_nat_antigen"]) \
        == (3, 2, 0)
    assert draft.zero_report


def test_classifications_count_on_the_day_they_happened(ctx: AppContext, admin: Actor, write: Any) -> None:
    """Suspected at 06:00 on the first day, excluded the next day: suspected on day one, excluded on
    day two — whatever the case's state when either report is made."""
    def days(s: Session) -> None:
        case = new_case(s)
        classify(s, case, at(DAY, 6), "pending", "suspected")
        classify(s, case, at(NEXT, 15), "suspected", "excluded")

    write(days)
    first, second = ctx.reports.preview(admin, DAY), ctx.reports.preview(admin, NEXT)
    assert (first.counts["classified_suspected"], first.counts["classified_excluded"], first.counts["new_cases"]) \
        == (1, 0, 1)
    assert not first.zero_report
    assert (second.counts["classified_suspected"], second.counts["classified_excluded"],
            second.counts["new_cases"]) == (0, 1, 0)
    assert second.zero_report  # an exclusion is not a new case


def test_a_suspected_case_confirmed_later_is_not_a_new_case_that_day(ctx: AppContext, admin: Actor,
                                                                     write: Any) -> None:
    def days(s: Session) -> None:
        case = new_case(s)
        classify(s, case, at(DAY, 9), "pending", "suspected")
        classify(s, case, at(NEXT, 9), "suspected", "confirmed")
        other = new_case(s, NEXT)
        classify(s, other, at(NEXT, 23, 59), "pending", "asymptomatic")

    write(days)
    second = ctx.reports.preview(admin, NEXT).counts
    assert (second["classified_confirmed"], second["classified_asymptomatic"], second["new_cases"]) == (1, 1, 1)
    assert not is_zero_report(second)
    assert is_zero_report({**second, "new_cases": 0})  # the confirmation alone keeps the day a 零报告


def test_events_outside_the_clinic_day_belong_to_their_own_day(ctx: AppContext, admin: Actor, write: Any) -> None:
    def days(s: Session) -> None:
        classify(s, new_case(s), at(NEXT, 0, 0), "pending", "suspected")  # midnight: the next day

    write(days)
    assert ctx.reports.preview(admin, DAY).zero_report
    assert ctx.reports.preview(admin, NEXT).counts["classified_suspected"] == 1


def test_a_clock_settled_by_the_case_ending_is_not_reported_in_time(ctx: AppContext, admin: Actor,
                                                                    write: Any) -> None:
    def clocks(s: Session) -> None:
        case = new_case(s)
        visit_no = f"V{case.id}"
        start = at(DAY, 8)
        due = start + timedelta(hours=2)
        common = {"case_id": case.id, "visit_no": visit_no, "kind": "report_2h", "started_at": start,
                  "warn_at": start + timedelta(hours=1, minutes=30), "due_at": due}
        s.add(Clock(**common, met_at=start + timedelta(hours=1)))  # met by the report: in time
        s.add(Clock(**common, met_at=start + timedelta(minutes=30), settled_reason="left_without_permission"))
        s.add(Clock(**common, met_at=due + timedelta(hours=1), settled_reason="transfer"))  # overdue, then settled
        s.add(Clock(**common, met_at=due + timedelta(minutes=5)))  # reported late

    write(clocks)
    c = counts(ctx, admin)
    assert (c["reported_within_2h"], c["reported_late"]) == (1, 2)


def test_the_new_counts(ctx: AppContext, admin: Actor, write: Any) -> None:
    def day(s: Session) -> None:
        case = new_case(s)
        died = new_case(s)
        died.disposition, died.closed_at = "died", at(DAY, 20)
        case.disposition, case.closed_at = "left_without_permission", at(DAY, 21)
        s.add(RuleException(kind="downgrade", subject="V1", reason="复核", approved_by="boss", approved_at=at(DAY, 9)))
        s.add(RuleException(kind="downgrade", subject="V2", reason="复核", approved_by="boss", approved_at=at(NEXT, 9)))
        ward = row(Ward, name="隔离留观病区", type="isolation", gates="东门")
        s.add(ward)
        s.flush()
        admission = row(Admission, patient_id=s.get(Visit, case.visit_id).patient_id, ward_id=ward.id, bed="1",
                        nursing_level="1", admitted_at=at(DAY, 7), admitted_by="doc1", discharged_at=None)
        s.add(admission)
        s.flush()
        s.add(row(PermitException, admission_id=admission.id, kind="escort_level_3", reason="病危", approved_by="boss",
                  approved_at=at(DAY, 10)))
        now = at(DAY, 12)
        raise_now(s, AlertKind.UNTAKEN_PATIENT, "untaken:1", DAY, {"visit_no": "V1"}, now)
        raise_now(s, AlertKind.UNTAKEN_PATIENT, "untaken:2", DAY, {"visit_no": "V2"}, now)
        raise_now(s, AlertKind.VISITOR_OVERSTAY, "overstay:1", DAY, {"permit": "P1"}, now)
        raise_now(s, AlertKind.VISITOR_OVERSTAY, "overstay:2", NEXT, {"permit": "P2"}, at(NEXT, 12))
        for category, n in (("antipyretic", 3), ("antiviral", 2), ("antibiotic", 1)):
            for i in range(n):  # one antipyretic registered but not sold (no level-2+ prescription)
                s.add(row(PharmacyPurchase, at=at(DAY, 11), clinic_day=DAY, drug_category=category,
                          screening_id=None, outcome="not_sold" if (category, i) == ("antipyretic", 0) else "sold"))

    write(day)
    c = counts(ctx, admin)
    assert (c["exceptions_granted"], c["untaken_alarms"], c["visitor_overstays"], c["deaths"],
            c["left_without_permission"]) == (2, 2, 1, 1, 1)
    assert {k: c[f"purchases_{k}"] for k in DRUG_CATEGORIES} == {"antipyretic": 3, "antiviral": 2,
                                                                  "antibiotic": 1, "cough": 0}
    assert (c["antipyretic_purchases"], c["purchases_not_sold"]) == (6, 1) and "purchases_antidiarrhoeal" not in c
    assert is_zero_report(c)  # none of these is a new case or a positive result


def test_a_legacy_category_is_counted_when_the_day_has_some(ctx: AppContext, admin: Actor, write: Any) -> None:
    write(lambda s: s.add(row(PharmacyPurchase, at=at(DAY, 11), clinic_day=DAY, drug_category="antidiarrhoeal",
                              screening_id=None)))
    c = counts(ctx, admin)
    assert (c["purchases_antidiarrhoeal"], c["antipyretic_purchases"], c["purchases_antipyretic"]) == (1, 1, 0)


def test_upgrade_gives_cases_classified_before_the_events_table_their_event(paths: Any, db_url: str,
                                                                            clock: Any) -> None:
    """Migration 0014: a case classified by an older release counts on the day it was classified."""
    from app.context import open_context
    from app.db import migrate
    from app.db.engine import Database
    from app.passwords import OWASP_FLOOR
    from tests.conftest import init_clinic

    paths.ensure()
    db = Database(db_url)
    migrate.upgrade(db, "0013")
    with db.write() as s:
        old = old_case(s, classification="suspected", classified_at=at(DAY, 6))
        old_case(s)  # still pending: no event
        kept = old_case(s, classification="confirmed", classified_at=at(NEXT, 6))
        old_row(s, CaseClassification, case_id=kept, at=at(NEXT, 6), before="suspected", after="confirmed",
                username="doc1")
    db.dispose()
    ctx = open_context(paths, db_url, clock=clock, argon2=OWASP_FLOOR)
    try:
        with ctx.db.read() as s:
            events = [(e.case_id, e.before, e.after, e.at) for e in
                      s.scalars(select(CaseClassification).order_by(CaseClassification.case_id))]
        assert events == [(old, "pending", "suspected", at(DAY, 6)), (kept, "suspected", "confirmed", at(NEXT, 6))]
        admin = init_clinic(ctx)
        assert ctx.reports.preview(admin, DAY).counts["classified_suspected"] == 1
    finally:
        ctx.close()
