"""Issue 16: a save is one write transaction, and the visit number is taken inside it — a refused attempt
takes no number, and desks registering at once get distinct, consecutive numbers (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, audit_rows
from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.db.models import AuditEvent, Counter
from app.errors import Conflict, FeverSentinelError, NotFound, PermissionDenied, StaleEdit, ValidationError
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.triage.records import PatientInput, ScreeningInput, TravelEntry
from app.triage.screening_service import add_screening

FEVER = ScreeningInput(38.6, symptoms=frozenset({"fever", "cough"}), health_code="green")
DAY = "visit:20261123"


def counter(ctx: AppContext) -> int | None:
    with ctx.db.read() as s:
        return s.scalar(select(Counter.value).where(Counter.name == DAY))


def person(i: int) -> PatientInput:
    return PatientInput(name=f"测试{i}", id_type="passport", id_number=f"E{i:08d}", sex="male")


@contextmanager
def write_transactions(ctx: AppContext) -> Iterator[list[int]]:
    """Counts the write transactions opened while the block runs (the services' only way to commit)."""
    opened: list[int] = []
    original = ctx.db.write

    @contextmanager
    def counting() -> Iterator[Session]:
        opened.append(1)
        with original() as session:
            yield session

    ctx.db.write = counting  # type: ignore[method-assign]  # instance-level spy, restored below
    try:
        yield opened
    finally:
        del ctx.db.write


def test_a_registration_commits_once(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    with write_transactions(ctx) as opened:
        screening = ctx.screening.record(nurse, FEVER)
    assert len(opened) == 1
    with write_transactions(ctx) as opened:
        visit = ctx.registration.register(nurse, screening_id=screening.id, patient=person(1))
    assert len(opened) == 1 and visit.visit_no.endswith("-0001")
    with write_transactions(ctx) as opened:
        ctx.handoffs.send(nurse, visit.visit_no, "保安 刘强")
        ctx.handoffs.confirm_arrival(staff["doctor"], visit.visit_no)
    assert len(opened) == 2


def test_refused_registrations_take_no_number(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    first = ctx.registration.register(nurse, screening_id=ctx.screening.record(nurse, FEVER).id, patient=person(1))
    assert counter(ctx) == 1
    healthy = ctx.screening.record(nurse, ScreeningInput(36.5, health_code="green"))
    waiting = ctx.screening.record(nurse, FEVER)
    refusals: list[tuple[type[FeverSentinelError], Callable[[], object]]] = [
        (ValidationError, lambda: ctx.registration.register(nurse, screening_id=healthy.id, patient=person(2))),
        (ValidationError, lambda: ctx.registration.register(nurse, screening_id=waiting.id, patient=person(2),
                                                            vaccination_doses=11)),
        (ValidationError, lambda: ctx.registration.register(nurse, screening_id=waiting.id, patient=PatientInput(
            name="", id_type="passport", id_number="E1", sex="male"))),
        (NotFound, lambda: ctx.registration.register(nurse, screening_id=10_000, patient=person(2))),
        (Conflict, lambda: ctx.registration.register(nurse, screening_id=waiting.id, patient=person(1))),
        (Conflict, lambda: ctx.registration.register(nurse, screening_id=first_screening_of(ctx, first.visit_no),
                                                     patient=person(3))),
        (StaleEdit, lambda: ctx.registration.register(nurse, screening_id=waiting.id, patient_id=first.patient.id,
                                                      patient_version=first.patient.version + 1, patient=person(1))),
    ]
    for error, attempt in refusals:
        with pytest.raises(error):
            attempt()
        assert counter(ctx) == 1, error
    second = ctx.registration.register(nurse, screening_id=waiting.id, patient=person(2))
    assert (first.visit_no, second.visit_no) == ("XH01-20261123-0001", "XH01-20261123-0002")


def first_screening_of(ctx: AppContext, visit_no: str) -> int:
    from app.triage.tables import Visit

    with ctx.db.read() as s:
        return int(s.scalar(select(Visit.screening_id).where(Visit.visit_no == visit_no)) or 0)


def test_concurrent_registrations_get_distinct_consecutive_numbers(ctx: AppContext, staff: dict[str, Actor]
                                                                   ) -> None:
    """Four desks (four connections) registering at once, some attempts refused in between: every saved
    visit has its own number, and the numbers run 0001… without a gap."""
    nurse = staff["nurse"]
    per_desk = 6
    fever = [[ctx.screening.record(nurse, FEVER).id for _ in range(per_desk)] for _ in range(4)]
    healthy = ctx.screening.record(nurse, ScreeningInput(36.5, health_code="green")).id
    barrier = threading.Barrier(4)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def desk(d: int) -> None:
        try:
            barrier.wait()
            for i, screening_id in enumerate(fever[d]):
                with pytest.raises(ValidationError):  # a refused attempt between two saves
                    ctx.registration.register(nurse, screening_id=healthy, patient=person(900 + d))
                numbers.append(ctx.registration.register(nurse, screening_id=screening_id,
                                                         patient=person(d * 100 + i)).visit_no)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(d,)) for d in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [f"XH01-{date(2026, 11, 23):%Y%m%d}-{n:04d}" for n in range(1, 4 * per_desk + 1)]
    assert counter(ctx) == 4 * per_desk


def test_a_save_keeps_the_digest_of_the_rows_as_the_database_holds_them(ctx: AppContext,
                                                                          staff: dict[str, Actor]) -> None:
    """A save digests the rows its INSERT … RETURNING gave back instead of reading them again (issue 16): each
    audit row's digest equals the one read from the database afterwards, for every kind of value (a whole-degree
    temperature, dates, travel JSON, Chinese notes, a returning patient, a code checked at registration)."""
    nurse = staff["nurse"]
    rich = ScreeningInput(37.0, temp_method="ear", symptoms=frozenset({"cough", "fatigue"}),
                          onset_date=date(2026, 11, 20),
                          travel=(TravelEntry("广东省广州市白云区", date(2026, 11, 18)),),
                          contact_case=True, health_code="none", occupation="medical",
                          health_code_note="老人无 智能手机")
    first = ctx.registration.register(nurse, screening_id=ctx.screening.record(nurse, rich).id, patient=PatientInput(
        name="欧阳娜娜", id_type="passport", id_number="E00000001", sex="female", birth_date=date(1950, 2, 28),
        phone="13800138000", address="新河镇一村"), onset_date=date(2026, 11, 21), vaccination_doses=3)
    ctx.registration.register(nurse, screening_id=ctx.screening.record(nurse, FEVER).id, patient=person(1),
                              patient_id=first.patient.id, patient_version=first.patient.version)
    with ctx.db.write() as s:
        counter_screening, _ = add_screening(s, nurse, ctx.clock, ScreeningInput(38.4), decision=None,
                                             override_reason=None, source="pharmacy")
    ctx.registration.register(nurse, screening_id=counter_screening.id, patient=person(2), health_code="red")
    with ctx.db.read() as s:
        saved = [e for e in audit.page(s, offset=0, limit=50)
                 if e.action in ("triage.screen", "triage.register") and e.outcome == "success"]
        assert len(saved) == 5
        for entry in saved:
            kept = s.scalar(select(AuditEvent.row_digest).where(AuditEvent.seq == entry.seq))
            assert kept is not None and kept == audit_rows.digest(s, entry.entity, entry.entity_id), entry
        assert audit.verify_all(s).ok


def test_a_role_taken_away_at_another_desk_stops_the_next_save(ctx: AppContext, staff: dict[str, Actor],
                                                               paths: DataPaths, db_url: str,
                                                               clock: FixedClock) -> None:
    """Authorisation is read from the database at every save: nothing remembered at this desk outlives a role
    change made at another one."""
    nurse = staff["nurse"]
    ctx.screening.record(nurse, FEVER)
    other_desk = open_context(paths, db_url, clock=clock, argon2=OWASP_FLOOR)
    try:
        [info] = [u for u in other_desk.users.list(staff["admin"]) if u.username == "nurse"]
        other_desk.users.update(staff["admin"], username="nurse", expected_version=info.version,
                                full_name=info.full_name, roles=["doctor"])
    finally:
        other_desk.close()
    with pytest.raises(PermissionDenied):
        ctx.screening.record(nurse, FEVER)
