"""The fever-clinic page's case list (issue 16): light rows a page at a time, in (taken_at, id) order with a
keyset cursor; the count; mine or everyone's; what each row says; who may read it."""

from __future__ import annotations

import pytest

from app.actor import Actor
from app.casework.records import CaseRecord, CaseRow
from app.context import AppContext
from app.errors import PermissionDenied
from app.triage.identity import check_digit
from tests.casework.conftest import arrive, observed_with_tests, result, set_mode


@pytest.fixture(autouse=True)
def fever_clinic(ctx: AppContext, admin: Actor) -> None:
    set_mode(ctx, "treat")


def resident_id(n: int) -> str:
    first17 = f"32010219800101{n:03d}"
    return first17 + check_digit(first17)


def take(ctx: AppContext, clinic: dict[str, Actor], doctor: str, n: int) -> str:
    visit_no = arrive(ctx, clinic["nurse"], clinic[doctor], f"病人{n}", resident_id(n))
    ctx.cases.take(clinic[doctor], visit_no)
    return visit_no


def every_page(ctx: AppContext, actor: Actor, limit: int, mine_only: bool = False) -> list[list[CaseRow]]:
    pages = [ctx.cases.case_list(actor, mine_only=mine_only, limit=limit)]
    while pages[-1]:
        pages.append(ctx.cases.case_list(actor, mine_only=mine_only, after=pages[-1][-1].cursor, limit=limit))
    return pages[:-1]


def as_row(r: CaseRecord) -> CaseRow:
    """What the list must say of a case, from the whole record the case window reads."""
    return CaseRow(r.id, r.visit_no, r.patient_name, r.doctor_username, r.doctor_name, r.classification,
                   r.observation_room, r.observation_bed, len(r.pending_results), r.taken_at,
                   r.pending_handover.to_username if r.pending_handover else None)


def test_pages_follow_taken_time_then_id_without_gap_or_repeat(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    """Cases taken in the same second (the clock stands still between them) still page exactly once each."""
    taken = []
    for n in range(7):
        if n in (3, 5):
            ctx.clock.advance(minutes=1)  # type: ignore[attr-defined]
        taken.append(take(ctx, clinic, "doc1" if n % 2 else "doc2", n))
    ctx.clock.advance(minutes=1)  # type: ignore[attr-defined]
    doc1 = clinic["doc1"]
    for limit in (1, 2, 3, 7, 200):
        pages = every_page(ctx, doc1, limit)
        assert all(0 < len(p) <= limit for p in pages)
        rows = [r for p in pages for r in p]
        assert [r.visit_no for r in rows] == taken
        assert [r.cursor for r in rows] == sorted(r.cursor for r in rows)
    assert ctx.cases.count_open(doc1) == 7
    assert ctx.cases.case_list(doc1, after=rows[-1].cursor) == []


def test_mine_or_everyones_and_the_counts(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    mine = [take(ctx, clinic, "doc1", n) for n in range(3)]
    theirs = [take(ctx, clinic, "doc2", n) for n in range(3, 5)]
    doc1, doc2 = clinic["doc1"], clinic["doc2"]
    assert [r.visit_no for p in every_page(ctx, doc1, 2, mine_only=True) for r in p] == mine
    assert [r.visit_no for r in ctx.cases.case_list(doc2, mine_only=True)] == theirs
    assert [r.visit_no for r in ctx.cases.case_list(doc2)] == mine + theirs
    assert (ctx.cases.count_open(doc1, mine_only=True), ctx.cases.count_open(doc2, mine_only=True),
            ctx.cases.count_open(doc1)) == (3, 2, 5)
    # closed for the fever clinic: no longer open (the page never showed closed cases, admitted ones included)
    case = ctx.cases.get(doc1, mine[1])
    ctx.cases.dispose(doc1, mine[1], case.version, "left_without_permission",
                      {"left_at": "10:05", "noticed_by": "护士 李娜", "reported_to": "保卫科"})
    assert [r.visit_no for r in ctx.cases.case_list(doc1, mine_only=True)] == [mine[0], mine[2]]
    assert ctx.cases.count_open(doc1, mine_only=True) == 2 and ctx.cases.count_open(doc2) == 4
    assert {r.visit_no for r in ctx.cases.case_list(doc1)} == {c.visit_no for c in ctx.cases.open_cases(doc1)}


def test_each_row_says_what_the_whole_record_says(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    """Doctor's real name, classification, observation place, results pending, a hand-over's receiver."""
    doc1, doc2 = clinic["doc1"], clinic["doc2"]
    first, second, third = (take(ctx, clinic, "doc1", n) for n in range(3))
    nat = observed_with_tests(ctx, doc1, first)  # NAT and blood routine: two pending
    [row] = [r for r in ctx.cases.case_list(doc1) if r.visit_no == first]
    assert (row.pending_results, row.observation_room, row.observation_bed) == (2, "留观1室", "3床")
    case = result(ctx, doc1, first, nat, "negative")
    ctx.cases.classify(doc1, first, case.version, "excluded")
    ctx.cases.classify(doc1, second, ctx.cases.get(doc1, second).version, "suspected")
    ctx.cases.request_handover(doc1, third, "doc2", "下班交接")
    rows = {r.visit_no: r for r in ctx.cases.case_list(doc1)}
    assert rows[first].pending_results == 1 and rows[first].classification == "excluded"
    assert rows[second].classification == "suspected" and rows[second].handover_to is None
    assert rows[third].handover_to == "doc2"
    assert {r.doctor_name for r in rows.values()} == {"张伟"}
    assert list(rows.values()) == [as_row(r) for r in ctx.cases.open_cases(doc1)]

    [h] = ctx.cases.handovers_for(doc2)
    assert (h.visit_no, h.patient_name, h.from_username, h.reason) == (third, "病人2", "doc1", "下班交接")
    ctx.cases.answer_handover(doc2, h.id, True)
    [row] = ctx.cases.case_list(doc2, mine_only=True)
    assert (row.visit_no, row.doctor_username, row.doctor_name, row.handover_to) == (third, "doc2", "刘洋", None)
    assert ctx.cases.handovers_for(doc2) == []


def test_hand_overs_waiting_come_oldest_first(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visits = [take(ctx, clinic, "doc1", n) for n in range(3)]
    for visit_no in visits[::-1]:
        ctx.clock.advance(minutes=1)  # type: ignore[attr-defined]
        ctx.cases.request_handover(clinic["doc1"], visit_no, "doc2", "交接")
    assert [h.visit_no for h in ctx.cases.handovers_for(clinic["doc2"])] == visits[::-1]
    assert ctx.cases.handovers_for(clinic["doc1"]) == []


def test_only_who_may_see_patients_reads_the_list(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    take(ctx, clinic, "doc1", 0)
    for who in ("nurse", "admin"):  # the same permission as open_cases: the nurse and the director may look
        assert ctx.cases.count_open(clinic[who]) == len(ctx.cases.case_list(clinic[who])) == 1
    for call in (ctx.cases.case_list, ctx.cases.count_open):
        with pytest.raises(PermissionDenied):
            call(clinic["gate"])
