"""Business-row digests (issue 13's audit trail) for the tables of schema 0022 and 0023: a staff test, a surface
swab, a stock move and a set of vital signs changed in the database file without the service is named by
``audit verify``; the legitimate flows keep it passing — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from app import audit, audit_rows
from app.actor import Actor
from app.casework.tables import Case
from app.context import AppContext
from app.severity import store as vitals_store
from app.severity.vitals import Vitals
from app.triage.tables import Visit
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)

TODAY = date(2026, 11, 23)


def verify(ctx: AppContext) -> audit.ChainReport:
    with ctx.db.read() as s:
        return audit.verify_all(s)


def edit(ctx: AppContext, sql: str, **params: object) -> None:
    with ctx.db.write() as s:  # an insider, in the database file
        s.execute(text(sql), params)


def test_a_staff_test_changed_in_the_file_is_named(ctx: AppContext, admin: Actor) -> None:
    member = ctx.roster.add(admin, post="fever_clinic", full_name="刘芳")
    other = ctx.roster.add(admin, post="driver", full_name="周建国")
    test = ctx.roster.record_test(admin, member.id, TODAY, "positive")
    ctx.roster.record_test(admin, other.id, TODAY, "negative")
    ctx.roster.update(admin, other.id, other.version, post="ward", phone="", active=True)
    assert verify(ctx).ok
    edit(ctx, "UPDATE staff_tests SET result = 'negative' WHERE id = :i", i=test.id)  # back on duty, quietly
    report = verify(ctx)
    assert not report.ok and report.problem == "business_row_edited"
    assert report.edited is not None and (report.edited.entity, report.edited.entity_id) == ("staff", str(member.id))


def test_a_swab_changed_in_the_file_is_named(ctx: AppContext, admin: Actor) -> None:
    swab = ctx.roster.record_swab(admin, TODAY, "发热门诊诊室门把手", "positive")
    assert verify(ctx).ok
    edit(ctx, "UPDATE env_swabs SET result = 'negative' WHERE id = :i", i=swab.id)
    report = verify(ctx)
    assert report.edited is not None and (report.edited.entity, report.edited.entity_id) == ("env_swab", str(swab.id))


def test_a_stock_move_changed_in_the_file_is_named(ctx: AppContext, admin: Actor) -> None:
    items = {i.code: i for i in ctx.stock.items(admin)}
    suits = items["protective_suit"]
    ctx.stock.update_item(admin, suits.id, suits.version, name=suits.name, unit=suits.unit, daily_use=5, active=True)
    ctx.stock.receive(admin, suits.id, 100, "县卫健局调拨")
    ctx.stock.issue(admin, suits.id, 30, "发热门诊领用")
    ctx.stock.receive(admin, items["gloves"].id, 500)
    assert verify(ctx).ok
    edit(ctx, "UPDATE stock_moves SET quantity = 10 WHERE item_id = :i AND kind = 'issue'", i=suits.id)
    report = verify(ctx)
    assert report.edited is not None and (report.edited.entity, report.edited.entity_id) == ("stock_item",
                                                                                             str(suits.id))


def test_vital_signs_are_part_of_their_visit_and_screening(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    """A visit or screening without vital signs keeps the digest it had before schema 0023; a set of its case or
    of its screening is part of it, so a set changed in the file no longer matches."""
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)
    with ctx.db.read() as s:
        visit = s.scalars(select(Visit).where(Visit.visit_no == visit_no)).one()
        case_id = s.scalars(select(Case.id).where(Case.visit_id == visit.id)).one()
        screening_id = visit.screening_id
        without = audit_rows.digest(s, "visit", visit_no)
        assert without == _digest_before_0023(s, visit_no)
    with ctx.db.write() as s:
        vitals = Vitals(38.9, respiratory_rate=24, spo2=93, heart_rate=112)
        row = vitals_store.add(s, at=ctx.clock.now(), username="doc1", workstation="ws", vitals=vitals,
                               severity=vitals_store.severity_of(s, vitals), case_id=case_id)
        vitals_store.add(s, at=ctx.clock.now(), username="nurse", workstation="ws", vitals=vitals,
                         severity=vitals_store.severity_of(s, vitals), screening_id=screening_id)
    with ctx.db.read() as s:
        with_sets = audit_rows.digest(s, "visit", visit_no)
        screening = audit_rows.digest(s, "screening", screening_id)
    assert with_sets != without
    edit(ctx, "UPDATE vital_signs SET spo2 = 99 WHERE id = :i", i=row.id)
    with ctx.db.read() as s:
        assert audit_rows.digest(s, "visit", visit_no) != with_sets
        assert audit_rows.digest(s, "screening", screening_id) == screening  # the case's set is not the screening's


def _digest_before_0023(s: object, visit_no: str) -> str | None:
    """The visit digest as it was computed before the vital signs existed (visits and screenings only)."""
    import hashlib
    import json

    parts = [("visits", audit_rows._VISITS.rows(s, visit_no, {}))]  # type: ignore[arg-type]
    parts.append(("screenings", [r for v in parts[0][1]
                                 for r in audit_rows._SCREENINGS.rows(s, str(v["screening_id"]), {})]))  # type: ignore[arg-type]
    text_ = json.dumps(["visit", visit_no, parts], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()
