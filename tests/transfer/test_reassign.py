"""Orphaned cases (issue 12): a disabled doctor's open cases, or hand-overs waiting for a disabled doctor, are
listed for the medical director, who reassigns each to an active doctor with a reason (audited); disabling a
doctor who owns open cases is refused until the list has been seen."""

from __future__ import annotations

import json

import pytest

from app import audit
from app.actor import Actor
from app.casework.reassign import CaseReassignService
from app.context import AppContext
from app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)


def reassigner(ctx: AppContext) -> CaseReassignService:
    return CaseReassignService(ctx.db, ctx.clock)


def taken(ctx: AppContext, clinic: dict[str, Actor], name: str = "王䶮",  # noqa: F811
          id_number: str = "11010519491231002X") -> str:
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"], name=name, id_number=id_number)
    ctx.cases.take(clinic["doc1"], visit_no)
    return visit_no


def last(ctx: AppContext, action: str) -> tuple[str, dict[str, object]]:
    with ctx.db.read() as s:
        entry = next(e for e in audit.page(s, offset=0, limit=30) if e.action == action)
        return entry.outcome, json.loads(entry.summary)


def test_disabling_a_doctor_with_open_cases_needs_the_list_seen(ctx: AppContext,
                                                                clinic: dict[str, Actor]) -> None:  # noqa: F811
    admin = clinic["admin"]
    visit_no = taken(ctx, clinic)
    with pytest.raises(Conflict) as exc:
        ctx.users.set_active(admin, "doc1", False)
    assert exc.value.code == "doctor_has_open_cases"
    assert exc.value.details == {"username": "doc1", "visits": [visit_no]}
    assert last(ctx, "user.disable")[0] == "failed"
    assert [c.visit_no for c in reassigner(ctx).open_cases_of(admin, "doc1")] == [visit_no]
    assert not ctx.users.disable(admin, "doc1", open_cases_seen=True).active
    assert last(ctx, "user.disable") == ("success", {"username": "doc1", "open_cases": [visit_no]})
    # a doctor without open cases, and anyone who is not a doctor, is disabled as before
    assert not ctx.users.set_active(admin, "doc2", False).active
    assert not ctx.users.set_active(admin, "gate", False).active


def test_an_orphaned_case_is_reassigned_by_the_medical_director(ctx: AppContext,
                                                                clinic: dict[str, Actor]) -> None:  # noqa: F811
    admin, service = clinic["admin"], reassigner(ctx)
    visit_no = taken(ctx, clinic)
    other = taken(ctx, clinic, name="李四", id_number="440106198503070011")
    ctx.cases.request_handover(clinic["doc1"], other, "doc2", "下班交接")
    assert service.orphaned(admin) == []
    ctx.users.disable(admin, "doc1", open_cases_seen=True)
    orphans = service.orphaned(admin)
    assert [(c.visit_no, c.doctor_username, c.doctor_able, c.handover_to) for c in orphans] == [
        (visit_no, "doc1", False, None), (other, "doc1", False, "doc2")]
    with pytest.raises(PermissionDenied):  # nobody but the doctor could work on it: now nobody can
        ctx.cases.classify(clinic["doc2"], visit_no, ctx.cases.get(admin, visit_no).version, "suspected")

    for who in ("doc2", "nurse"):  # only the medical director (admin) reassigns
        with pytest.raises(PermissionDenied):
            service.reassign(clinic[who], visit_no, "doc2", "原医生停用")
    with pytest.raises(ValidationError) as exc:
        service.reassign(admin, visit_no, "doc2", "  ")
    assert exc.value.code == "required" and exc.value.details["field"] == "reason"
    for target in ("doc1", "gate", "nobody"):  # inactive, not a doctor, unknown
        with pytest.raises(ValidationError) as exc:
            service.reassign(admin, visit_no, target, "原医生停用")
        assert exc.value.code == "reassign_target"
    with pytest.raises(NotFound):
        service.reassign(admin, "XH01-00000000-9999", "doc2", "原医生停用")

    moved = service.reassign(admin, visit_no, "doc2", "原医生停用，由刘洋接管")
    assert (moved.visit_no, moved.doctor_username, moved.doctor_able) == (visit_no, "doc2", True)
    assert last(ctx, "case.reassign") == ("success", {"from": "doc1", "to": "doc2", "reason": "原医生停用，由刘洋接管"})
    case = ctx.cases.get(admin, visit_no)
    assert case.doctor_username == "doc2"
    assert ctx.cases.classify(clinic["doc2"], visit_no, case.version, "suspected").classification == "suspected"
    with pytest.raises(ValidationError) as exc:
        service.reassign(admin, visit_no, "doc2", "再次改派")
    assert exc.value.code == "reassign_same"

    # the case with a pending hand-over: reassigning cancels it (responsibility moves at once)
    service.reassign(admin, other, "doc2", "原医生停用")
    assert last(ctx, "case.reassign")[1]["handover_cancelled"] == "doc2"
    assert ctx.cases.get(admin, other).pending_handover is None
    assert ctx.cases.handovers_for(clinic["doc2"]) == []
    assert service.orphaned(admin) == []


def test_a_hand_over_waiting_for_a_disabled_doctor_is_orphaned(ctx: AppContext,
                                                              clinic: dict[str, Actor]) -> None:  # noqa: F811
    admin, service = clinic["admin"], reassigner(ctx)
    visit_no = taken(ctx, clinic)
    ctx.cases.request_handover(clinic["doc1"], visit_no, "doc2", "下班交接")
    assert [c.visit_no for c in service.open_cases_of(admin, "doc2")] == [visit_no]  # waiting for their answer
    with pytest.raises(Conflict):
        ctx.users.disable(admin, "doc2")
    ctx.users.disable(admin, "doc2", open_cases_seen=True)
    orphans = service.orphaned(admin)
    assert [(c.visit_no, c.doctor_able, c.handover_to, c.handover_to_able) for c in orphans] == [
        (visit_no, True, "doc2", False)]
    ctx.users.create(admin, username="doc3", full_name="陈静", roles=["doctor"], password="doc3-pass-1")
    with pytest.raises(Conflict) as exc:  # doc1 cannot hand over to anyone else while it is pending
        ctx.cases.request_handover(clinic["doc1"], visit_no, "doc3", "再交接")
    assert exc.value.code == "handover_pending"
    service.reassign(admin, visit_no, "doc1", "接收医生已停用，仍由张伟负责")  # the owner keeps it
    assert last(ctx, "case.reassign")[1] == {"from": "doc1", "to": "doc1", "reason": "接收医生已停用，仍由张伟负责",
                                             "handover_cancelled": "doc2"}
    assert service.orphaned(admin) == [] and ctx.cases.get(admin, visit_no).doctor_username == "doc1"
    assert ctx.cases.request_handover(clinic["doc1"], visit_no, "doc3", "再交接").state == "pending"


def test_closed_cases_are_not_reassigned(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    admin = clinic["admin"]
    visit_no = taken(ctx, clinic)
    case = ctx.cases.get(admin, visit_no)
    ctx.cases.dispose(clinic["doc1"], visit_no, case.version, "left_without_permission",
                      {"left_at": "10:00", "noticed_by": "护士", "reported_to": "医务科"})
    assert reassigner(ctx).open_cases_of(admin, "doc1") == []
    with pytest.raises(Conflict) as exc:
        reassigner(ctx).reassign(admin, visit_no, "doc2", "原医生停用")
    assert exc.value.code == "case_closed"
    assert not ctx.users.disable(admin, "doc1").active  # nothing open: no list to see
