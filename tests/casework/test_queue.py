"""The called queue (issue 17): numbers per clinic day, kept on a re-send, distinct under concurrent sends, never
wasted by a refused send; the order by level, then the epidemic decision, then the wait; overdue against the
level's target; calling the next, calling again; who may call."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.actor import Actor
from app.casework.queue import queue_label
from app.context import AppContext
from app.errors import Conflict, PermissionDenied
from app.severity.vocab import Level
from app.triage.records import PatientInput, ScreeningInput
from app.triage.tables import Handoff, Screening, Visit
from tests.casework.conftest import arrive


def registered(ctx: AppContext, nurse: Actor, name: str, seq: int, *, isolate: bool = False) -> str:
    """Screened febrile and registered, not yet sent."""
    inputs = ScreeningInput(38.4, symptoms=frozenset({"fever"}), health_code="green", contact_case=isolate)
    screening = ctx.screening.record(nurse, inputs)
    visit = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name=name, id_type="resident_id", id_number=_id_number(seq)))
    return visit.visit_no


def _id_number(seq: int) -> str:
    """A valid resident ID (check digit computed) for the seq-th test patient."""
    body = f"1101051949123{seq:03d}1"[:17]
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def received(ctx: AppContext, clinic: dict[str, Actor], name: str, seq: int, *, level: int | None = None,
             isolate: bool = False) -> str:
    visit_no = registered(ctx, clinic["nurse"], name, seq, isolate=isolate)
    set_level(ctx, visit_no, level)
    ctx.handoffs.send(clinic["nurse"], visit_no, "导医 陈")
    ctx.handoffs.confirm_arrival(clinic["doc1"], visit_no)
    return visit_no


def set_level(ctx: AppContext, visit_no: str, level: int | None) -> None:
    """The triage level as pre-triage saved it (the computation itself is tested in tests/severity)."""
    with ctx.db.write() as s:
        screening_id = s.scalar(select(Visit.screening_id).where(Visit.visit_no == visit_no))
        s.execute(update(Screening).where(Screening.id == screening_id).values(
            severity_level=level, urgent=level is not None and level <= Level.II))


def queue_no(ctx: AppContext, visit_no: str) -> int | None:
    with ctx.db.read() as s:
        return s.scalar(select(Visit.queue_no).where(Visit.visit_no == visit_no))


def test_numbers_count_per_clinic_day_and_a_resent_visit_keeps_its_number(ctx: AppContext,
                                                                          clinic: dict[str, Actor]) -> None:
    nurse, doc = clinic["nurse"], clinic["doc1"]
    first = registered(ctx, nurse, "王芳", 1)
    second = registered(ctx, nurse, "李强", 2)
    sent = ctx.handoffs.send(nurse, second, "导医 陈")  # the order of sending, not of registering
    assert sent.queue_no == 1 and queue_label(sent.queue_no) == "F001"
    assert ctx.handoffs.send(nurse, first, "导医 陈").queue_no == 2
    with pytest.raises(Conflict):
        ctx.handoffs.send(nurse, first, "导医 陈")  # refused (already on the way): no number wasted
    third = registered(ctx, nurse, "赵敏", 3)
    assert ctx.handoffs.send(nurse, third, "导医 陈").queue_no == 3

    # the patient left on the way, and is sent again: the same number
    ctx.handoffs.report_left(nurse, second, noticed_by="保安", reported_to="护士长")
    assert ctx.handoffs.send(nurse, second, "导医 李").queue_no == 1
    assert [queue_no(ctx, v) for v in (first, second, third)] == [2, 1, 3]
    assert ctx.handoffs.confirm_arrival(doc, first).queue_no == 2

    ctx.clock.advance(hours=24)  # type: ignore[attr-defined]  # the next clinic day starts at 1 again
    tomorrow = registered(ctx, nurse, "孙丽", 4)
    assert ctx.handoffs.send(nurse, tomorrow, "导医 陈").queue_no == 1


def test_queue_label_has_one_form() -> None:
    assert [queue_label(n) for n in (1, 12, 999, 1000)] == ["F001", "F012", "F999", "F1000"]
    assert queue_label(None) == ""


def test_concurrent_sends_get_distinct_numbers(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    """Desks sending at the same moment (threads here; on PostgreSQL separate connections under the counter's
    row lock): every number once, none lost."""
    nurse = clinic["nurse"]
    visits = [registered(ctx, nurse, f"患者{i}", 10 + i) for i in range(8)]
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def send(mine: list[str]) -> None:
        barrier.wait()
        try:
            for visit_no in mine:
                ctx.handoffs.send(nurse, visit_no, "导医 陈")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(visits[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(queue_no(ctx, v) or 0 for v in visits) == list(range(1, 9))


def test_order_is_severity_then_decision_then_wait(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    doc = clinic["doc1"]
    old_iv = received(ctx, clinic, "一号", 1, level=Level.IV)
    ctx.clock.advance(minutes=5)  # type: ignore[attr-defined]
    unknown = received(ctx, clinic, "二号", 2, level=None)
    ctx.clock.advance(minutes=5)  # type: ignore[attr-defined]
    old_iii = received(ctx, clinic, "三号", 3, level=Level.III)
    ctx.clock.advance(minutes=5)  # type: ignore[attr-defined]
    new_iii = received(ctx, clinic, "四号", 4, level=Level.III)
    ctx.clock.advance(minutes=5)  # type: ignore[attr-defined]
    isolate_iii = received(ctx, clinic, "五号", 5, level=Level.III, isolate=True)
    ctx.clock.advance(minutes=35)  # type: ignore[attr-defined]
    fresh_ii = received(ctx, clinic, "六号", 6, level=Level.II)
    # an overdue level III (45 min > 30) never passes a fresh level II; isolate first within level III;
    # no level goes with level IV, the longest wait first
    order = [w.visit_no for w in ctx.queue.waiting(doc)]
    assert order == [fresh_ii, isolate_iii, old_iii, new_iii, old_iv, unknown]
    assert [w.visit_no for w in ctx.cases.waiting(doc)] == order  # one ordering only

    now = ctx.clock.now()
    by_visit = {w.visit_no: w for w in ctx.queue.waiting(doc)}
    assert [by_visit[v].target_minutes for v in (fresh_ii, old_iii, old_iv, unknown)] == [15, 30, 60, 60]
    assert by_visit[old_iii].waited_minutes(now) == 45 and by_visit[old_iii].overdue(now)
    assert by_visit[old_iv].waited_minutes(now) == 55 and not by_visit[old_iv].overdue(now)
    assert not by_visit[fresh_ii].overdue(now) and not by_visit[unknown].overdue(now)
    assert by_visit[fresh_ii].urgent and by_visit[fresh_ii].masked_name == "六*"
    assert by_visit[fresh_ii].patient_name == "六号"


def test_overdue_only_after_the_target(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = received(ctx, clinic, "王芳", 1, level=Level.III)
    ctx.clock.advance(minutes=30)  # type: ignore[attr-defined]
    [w] = ctx.queue.waiting(clinic["doc1"])
    assert not w.overdue(ctx.clock.now())
    assert w.overdue(ctx.clock.now() + timedelta(seconds=1))
    assert w.visit_no == visit_no


def test_call_next_skips_the_called_and_calling_does_not_take(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    doc = clinic["doc1"]
    second = received(ctx, clinic, "王芳", 1, level=Level.IV)
    first = received(ctx, clinic, "李强", 2, level=Level.II)
    called = ctx.queue.call_next(doc)
    assert called.visit_no == first and called.called_at == ctx.clock.now() and called.called_by == "doc1"
    assert ctx.queue.call_next(doc).visit_no == second
    with pytest.raises(Conflict) as refused:
        ctx.queue.call_next(doc)
    assert refused.value.code == "queue_empty"

    # both still wait (calling is not taking), marked as called; the display shows the newest call first
    assert [(w.visit_no, w.called_at is not None) for w in ctx.queue.waiting(doc)] == [(first, True), (second, True)]
    view = ctx.queue.display(doc)
    assert [c.label for c in view.called] == [queue_label(queue_no(ctx, second)), queue_label(queue_no(ctx, first))]
    assert view.waiting == () and {c.masked_name for c in view.called} == {"王*", "李*"}

    ctx.clock.advance(minutes=3)  # type: ignore[attr-defined]
    again = ctx.queue.call(doc, first)  # call again: the newest call now
    assert again.called_at == ctx.clock.now()
    assert ctx.queue.display(doc).called[0].label == queue_label(queue_no(ctx, first))
    ctx.cases.take(doc, first)
    with pytest.raises(Conflict) as gone:
        ctx.queue.call(doc, first)
    assert gone.value.code == "not_waiting"
    assert [c.label for c in ctx.queue.display(doc).called] == [queue_label(queue_no(ctx, second))]
    with ctx.db.read() as s:
        taken = s.scalars(select(Handoff).join(Visit).where(Visit.visit_no == first)).one()
        assert taken.called_by == "doc1" and taken.taken_at is not None


def test_the_display_holds_numbers_and_masked_names_only(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"], "欧阳娜娜")
    view = ctx.queue.display(clinic["nurse"])  # any desk may show it
    assert [(n.label, n.masked_name) for n in view.waiting] == [(queue_label(queue_no(ctx, visit_no)), "欧**娜")]
    assert "欧阳娜娜" not in repr(view) and visit_no not in repr(view)


def test_who_may_call(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = received(ctx, clinic, "王芳", 1)
    for who in ("nurse", "gate"):
        with pytest.raises(PermissionDenied):
            ctx.queue.call_next(clinic[who])
        with pytest.raises(PermissionDenied):
            ctx.queue.call(clinic[who], visit_no)
    with pytest.raises(PermissionDenied):
        ctx.queue.display(clinic["gate"])
    assert ctx.queue.call(clinic["doc2"], visit_no).called_by == "doc2"


def test_a_call_is_audited(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    from app.db.models import AuditEvent

    visit_no = received(ctx, clinic, "王芳", 1)
    ctx.queue.call_next(clinic["doc1"])
    with pytest.raises(Conflict):
        ctx.queue.call_next(clinic["doc1"])
    with ctx.db.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == "queue.call").order_by(AuditEvent.seq)).all()
        assert [(r.entity_id, r.outcome) for r in rows] == [(visit_no, "success"), (None, "failed")]
