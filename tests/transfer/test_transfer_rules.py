"""Issue 12 transfer rules, each both ways through the services: a finished transfer is final, each step's time
follows the previous step's, a patient in a ward gets a transfer from the ward, a sentinel room refers every
patient without an extra reason, and the designated fever clinic is a hospital kind."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import audit
from app.actor import Actor
from app.casework.tables import Clock, LabTest
from app.clock import FixedClock
from app.context import AppContext
from app.errors import Conflict, PermissionDenied, ValidationError
from app.transfer.service import CANCELLED_CLOCK
from app.wards.tables import Admission, Permit
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)
from tests.transfer.test_transfers import hospital, request, set_mode, suspected_case, walk  # noqa: F401


def open_clocks(ctx: AppContext, visit_no: str, kind: str) -> list[Clock]:
    with ctx.db.read() as s:
        return list(s.scalars(select(Clock).where(Clock.visit_no == visit_no, Clock.kind == kind,
                                                  Clock.met_at.is_(None))))


def trail(ctx: AppContext, entity: str, entity_id: object, action: str) -> list[dict[str, object]]:
    with ctx.db.read() as s:
        return [json.loads(e.summary) for e in audit.page(s, offset=0, limit=50, newest_first=False, entity=entity,
                                                           entity_id=str(entity_id))
                if e.action == action and e.outcome == "success"]


# ----- 1. a finished transfer is final -------------------------------------------------------------------

@pytest.mark.parametrize("state", ["handed_over", "closed"])
def test_no_second_transfer_once_handed_over(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                                             clock: FixedClock, state: str) -> None:
    visit_no = suspected_case(ctx, clinic)
    t = walk(ctx, clinic, clock, request(ctx, clinic, hospital, visit_no), state)
    with pytest.raises(Conflict) as exc:
        request(ctx, clinic, hospital, visit_no)
    assert exc.value.code == "transfer_done" and exc.value.details == {"transfer_id": t.id, "state": state}
    case = ctx.cases.get(clinic["doc1"], visit_no)
    assert case.disposition == "transfer" and case.closed_at is not None
    with pytest.raises(Conflict) as closed:  # nor can the fever clinic dispose of it again
        ctx.cases.dispose(clinic["doc1"], visit_no, case.version, "admitted",
                          {"ward": "内科病区", "buffer_single_room": True})
    assert closed.value.code == "case_closed"
    if state == "handed_over":
        with pytest.raises(Conflict) as illegal:  # and nothing moves it back (cancel only before departure)
            ctx.transfers.cancel(clinic["nurse"], t.id, t.version, "家属要求")
        assert illegal.value.code == "illegal_transition"


def test_a_cancelled_request_may_be_asked_for_again(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                    hospital: int, clock: FixedClock) -> None:
    visit_no = suspected_case(ctx, clinic)
    t = walk(ctx, clinic, clock, request(ctx, clinic, hospital, visit_no), "dispatched")
    ctx.transfers.cancel(clinic["nurse"], t.id, t.version, "救护车故障")
    assert request(ctx, clinic, hospital, visit_no).state == "requested"


def test_cancelling_leaves_a_suspected_case_owing_a_transfer(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                             hospital: int, clock: FixedClock) -> None:
    set_mode(ctx, "treat")  # a fever clinic (a sentinel room refers every patient anyway)
    visit_no = suspected_case(ctx, clinic)
    clock.advance(minutes=10)
    t = request(ctx, clinic, hospital, visit_no)
    assert open_clocks(ctx, visit_no, "transfer_request") == []  # met by the request
    clock.advance(minutes=5)
    ctx.transfers.cancel(clinic["nurse"], t.id, t.version, "定点医院床位已满")
    case = ctx.cases.get(clinic["doc1"], visit_no)
    assert case.closed_at is None and case.disposition is None and case.classification == "suspected"
    running = open_clocks(ctx, visit_no, "transfer_request")
    assert len(running) == 1 and running[0].started_at == clock.now()  # a new request is due
    with ctx.db.read() as s:  # the cancelled transfer's departure clock is settled, not met
        depart = s.scalars(select(Clock).where(Clock.ref_id == t.id, Clock.kind == "transfer_depart")).one()
        assert depart.met_at == clock.now() and depart.settled_reason == CANCELLED_CLOCK
    assert trail(ctx, "visit", visit_no, "transfer.cancel")[-1] == {
        "reason": "定点医院床位已满", "case_reopened": True, "back_to_ward": False, "owes_transfer": True,
        "clocks_resumed": 1}  # the 12 h sample clock the request had settled is this clinic's again
    for disposition, detail in (("home_advice", {"advice": "居家"}),
                                ("admitted", {"ward": "内科病区", "buffer_single_room": True})):
        with pytest.raises((ValidationError, Conflict)):  # never free to be disposed otherwise (casework's rule)
            ctx.cases.dispose(clinic["doc1"], visit_no, case.version, disposition, detail)
    assert ctx.cases.get(clinic["doc1"], visit_no).closed_at is None
    clock.advance(minutes=3)
    again = request(ctx, clinic, hospital, visit_no)
    assert open_clocks(ctx, visit_no, "transfer_request") == [] and again.state == "requested"


def test_cancelling_a_case_that_owes_nothing_reopens_it_without_a_clock(
        ctx: AppContext, clinic: dict[str, Actor], hospital: int, clock: FixedClock) -> None:  # noqa: F811
    set_mode(ctx, "treat")
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)
    t = ctx.transfers.request(clinic["doc1"], visit_no, hospital_id=hospital, condition="critical", oxygen=True,
                              precautions="N95", staff="医生", reason="呼吸衰竭需上级救治")
    ctx.transfers.cancel(clinic["nurse"], t.id, t.version, "病情好转")
    assert ctx.cases.get(clinic["doc1"], visit_no).closed_at is None
    assert open_clocks(ctx, visit_no, "transfer_request") == []
    assert trail(ctx, "visit", visit_no, "transfer.cancel")[-1]["owes_transfer"] is False


# ----- 2. each step's time is at or after the previous step's ---------------------------------------------

def test_each_step_time_follows_the_previous_one(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                                                 clock: FixedClock) -> None:
    nurse = clinic["nurse"]
    t = request(ctx, clinic, hospital, suspected_case(ctx, clinic))
    requested = t.requested_at
    clock.advance(minutes=30)

    def refused(act, field: str, previous: str) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(ValidationError) as exc:
            act()
        assert exc.value.code == "time_before_previous_step"
        assert exc.value.details["field"] == field and exc.value.details["previous"] == previous

    def dispatch(at):  # type: ignore[no-untyped-def]
        return ctx.transfers.dispatch(nurse, t.id, t.version, call_120_at=at, dispatch_ref="120-1",
                                      vehicle_plate="粤B1", negative_pressure=True, crew="司机")

    refused(lambda: dispatch(requested - timedelta(minutes=1)), "call_120_at", "requested_at")  # was accepted
    with pytest.raises(ValidationError) as future:
        dispatch(clock.now() + timedelta(minutes=1))
    assert future.value.code == "time_in_future"
    t = dispatch(requested + timedelta(minutes=10))  # at or after: accepted
    refused(lambda: ctx.transfers.depart(nurse, t.id, t.version, requested + timedelta(minutes=9)),
            "departed_at", "call_120_at")
    t = ctx.transfers.depart(nurse, t.id, t.version, requested + timedelta(minutes=10))  # the same minute is fine
    refused(lambda: ctx.transfers.record_handover(nurse, t.id, t.version, receiving_staff="周", receiving_department="感染科",
                                                  handed_over_at=requested + timedelta(minutes=9),
                                                  arrival_condition="stable"), "handed_over_at", "departed_at")
    t = ctx.transfers.record_handover(nurse, t.id, t.version, receiving_staff="周", receiving_department="感染科",
                                      handed_over_at=requested + timedelta(minutes=25), arrival_condition="stable")
    refused(lambda: ctx.transfers.record_disinfection(nurse, t.id, t.version,
                                                      disinfected_at=requested + timedelta(minutes=24), method="喷雾",
                                                      by="陈"), "disinfected_at", "handed_over_at")
    t = ctx.transfers.record_disinfection(nurse, t.id, t.version, disinfected_at=requested + timedelta(minutes=25),
                                          method="喷雾", by="陈")
    assert t.state == "closed"


# ----- 3. a transfer from a ward ------------------------------------------------------------------------

def admitted_case(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> tuple[str, int, int]:
    """An excluded patient admitted to a general ward with an escort permit; an antigen test still pending.
    Returns (visit number, the pending antigen test's id, the admission id)."""
    doc = clinic["doc1"]
    set_mode(ctx, "treat")  # a fever clinic that admits (a sentinel room refers every patient)
    visit_no = arrive(ctx, clinic["nurse"], doc)
    ctx.cases.take(doc, visit_no)
    ctx.cases.start_observation(doc, visit_no, "留观1室", "2床")
    ctx.cases.order_test(doc, visit_no, "nucleic_acid", "fever_clinic", clock.now())
    ctx.cases.order_test(doc, visit_no, "blood_routine", "fever_clinic", clock.now())
    case = ctx.cases.order_test(doc, visit_no, "antigen", "fever_clinic", clock.now())
    nat, antigen = case.tests[0], case.tests[2]
    clock.advance(hours=3)
    case = ctx.cases.record_result(doc, nat.id, nat.version, result="negative", result_at=clock.now(), lab="县疾控")
    case = ctx.cases.classify(doc, visit_no, case.version, "excluded")
    ctx.cases.dispose(doc, visit_no, case.version, "admitted", {"ward": "内科病区", "bed": "12床"})
    ward = ctx.wards.save_ward(clinic["admin"], name="内科病区", type="general", gates=["内科东门"])
    admission = ctx.wards.admit(doc, ward_id=ward.id, bed="12", nursing_level="2", visit_no=visit_no)
    now = clock.now()
    with ctx.db.write() as s:  # an escort permit already issued (its own rules are tested with the wards)
        s.add(Permit(id=uuid.uuid4().hex, number="E90000001", kind="escort", admission_id=admission.id,
                     holder_name="王父", holder_id_type="resident_id", relation="父亲", valid_from=now,
                     valid_until=now + timedelta(days=2), state="active", issued_at=now, issued_by="doc1",
                     payload="demo"))
    clock.advance(minutes=30)
    return visit_no, antigen.id, admission.id


def positive(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock, test_id: int) -> None:
    with ctx.db.read() as s:
        test = s.get(LabTest, test_id)
        assert test is not None
        version = test.version
    ctx.cases.record_result(clinic["doc2"], test_id, version, result="positive", result_at=clock.now(), lab="本院检验科")


def test_a_patient_in_a_ward_who_turns_positive_is_transferred_from_the_ward(
        ctx: AppContext, clinic: dict[str, Actor], hospital: int, clock: FixedClock) -> None:  # noqa: F811
    visit_no, antigen, admission_id = admitted_case(ctx, clinic, clock)
    with pytest.raises(Conflict) as closed:  # excluded and in the ward: nothing owed, nothing to transfer
        request(ctx, clinic, hospital, visit_no)
    assert closed.value.code == "case_closed"

    positive(ctx, clinic, clock, antigen)  # 逢阳必报: a positive antigen in the ward
    clock.advance(minutes=5)
    with pytest.raises(PermissionDenied):  # a nurse cannot ask for it (no casework)
        ctx.transfers.request(clinic["nurse"], visit_no, hospital_id=hospital, condition="stable", oxygen=False,
                              precautions="N95", staff="护士")
    # any doctor on duty may ask for it: the fever-clinic doctor who owns the case is not on the ward
    t = ctx.transfers.request(clinic["doc2"], visit_no, hospital_id=hospital, condition="stable", oxygen=False,
                              precautions="N95、隔离衣", staff="护士 李娜")
    assert t.state == "requested" and t.origin_ward == "内科病区 12"
    case = ctx.cases.get(clinic["doc1"], visit_no)
    assert case.disposition == "transfer" and case.closed_at == clock.now()
    assert case.disposition_detail["from_ward"]["detail"] == {"ward": "内科病区", "bed": "12床"}
    summary = trail(ctx, "visit", visit_no, "transfer.request")[-1]
    assert summary["from_ward"] == "内科病区 12" and summary["admission"] == {"ward": "内科病区", "bed": "12床"}
    assert summary["admission_id"] == admission_id and summary["responsible_doctor"] == "doc1"

    t = walk(ctx, clinic, clock, t, "dispatched")
    with ctx.db.read() as s:  # still in the ward until the ambulance leaves
        assert s.get(Admission, admission_id).discharged_at is None  # type: ignore[union-attr]  # None fails
    clock.advance(minutes=10)
    t = ctx.transfers.depart(clinic["nurse"], t.id, t.version, clock.now())
    with ctx.db.read() as s:
        assert s.get(Admission, admission_id).discharged_at == t.departed_at  # type: ignore[union-attr]  # ditto
        permit = s.scalars(select(Permit).where(Permit.admission_id == admission_id)).one()
        assert (permit.state, permit.revoke_reason, permit.revoked_at) == ("revoked", "discharged", t.departed_at)
    assert trail(ctx, "admission", admission_id, "ward.discharge") == [{"permits_revoked": 1, "transfer": visit_no}]
    depart = trail(ctx, "visit", visit_no, "transfer.depart")[-1]
    assert depart["admission_discharged"] == admission_id and depart["permits_revoked"] == 1
    assert ctx.wards.inpatients(clinic["admin"]) == []


def test_a_ward_transfer_meets_the_request_clock_and_a_cancel_puts_the_case_back_in_its_ward(
        ctx: AppContext, clinic: dict[str, Actor], hospital: int, clock: FixedClock) -> None:  # noqa: F811
    visit_no, antigen, admission_id = admitted_case(ctx, clinic, clock)
    positive(ctx, clinic, clock, antigen)
    with ctx.db.write() as s:  # the transfer-request clock the positive result (casework) starts
        case_id = s.scalars(select(Clock.case_id).where(Clock.visit_no == visit_no)).first()
        assert case_id is not None
        s.add(Clock(case_id=case_id, visit_no=visit_no, kind="transfer_request", started_at=clock.now(),
                    warn_at=clock.now() + timedelta(minutes=20), due_at=clock.now() + timedelta(minutes=30)))
    before = ctx.cases.get(clinic["doc1"], visit_no)
    clock.advance(minutes=10)
    t = ctx.transfers.request(clinic["doc1"], visit_no, hospital_id=hospital, condition="serious", oxygen=True,
                              precautions="N95", staff="护士")
    assert open_clocks(ctx, visit_no, "transfer_request") == []
    clock.advance(minutes=5)
    ctx.transfers.cancel(clinic["nurse"], t.id, t.version, "定点医院改约")
    case = ctx.cases.get(clinic["doc1"], visit_no)
    assert (case.disposition, case.disposition_detail, case.closed_at) == (
        "admitted", {"ward": "内科病区", "bed": "12床"}, before.closed_at)
    assert len(open_clocks(ctx, visit_no, "transfer_request")) == 1  # still owed, from the ward
    with ctx.db.read() as s:
        assert s.get(Admission, admission_id).discharged_at is None  # type: ignore[union-attr]  # None fails
    assert trail(ctx, "visit", visit_no, "transfer.cancel")[-1]["back_to_ward"] is True
    assert ctx.transfers.request(clinic["doc2"], visit_no, hospital_id=hospital, condition="serious", oxygen=True,
                                 precautions="N95", staff="护士").origin_ward == "内科病区 12"


def test_a_case_not_in_a_ward_is_still_asked_for_by_its_own_doctor_only(
        ctx: AppContext, clinic: dict[str, Actor], hospital: int) -> None:  # noqa: F811
    visit_no = suspected_case(ctx, clinic)
    with pytest.raises(PermissionDenied) as exc:
        ctx.transfers.request(clinic["doc2"], visit_no, hospital_id=hospital, condition="stable", oxygen=False,
                              precautions="N95", staff="护士")
    assert exc.value.code == "not_responsible"
    assert request(ctx, clinic, hospital, visit_no).origin_ward == ""


# ----- 4. sentinel room (refer) and fever clinic (treat) ---------------------------------------------------

@pytest.mark.parametrize(("mode", "needs_reason"), [("refer", False), ("treat", True)])
def test_a_sentinel_room_refers_every_patient_without_an_extra_reason(
        ctx: AppContext, clinic: dict[str, Actor], mode: str, needs_reason: bool) -> None:  # noqa: F811
    set_mode(ctx, mode)
    fever_clinic = ctx.transfers.save_hospital(clinic["admin"], name="县人民医院发热门诊", kind="fever_clinic").id
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)  # pending: not reportable
    assert ctx.transfers.needs_reason(clinic["doc1"], visit_no) is needs_reason

    def refer(reason: str = ""):  # type: ignore[no-untyped-def]
        return ctx.transfers.request(clinic["doc1"], visit_no, hospital_id=fever_clinic, condition="stable",
                                     oxygen=False, precautions="外科口罩", staff="护士 李娜", reason=reason)

    if needs_reason:
        with pytest.raises(ValidationError) as exc:
            refer()
        assert exc.value.code == "transfer_reason"
        assert refer("需上级医院诊治").hospital_name == "县人民医院发热门诊"
    else:
        assert refer().hospital_name == "县人民医院发热门诊"
        assert trail(ctx, "visit", visit_no, "transfer.request")[-1]["referral"] is True


def test_the_designated_fever_clinic_is_a_hospital_kind(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    saved = ctx.transfers.save_hospital(clinic["admin"], name="县人民医院发热门诊", kind="fever_clinic")
    assert saved.kind == "fever_clinic"
    with pytest.raises(ValidationError) as exc:
        ctx.transfers.save_hospital(clinic["admin"], name="某诊所", kind="clinic")
    assert exc.value.code == "hospital_kind"
    assert ctx.transfers.replace_hospitals(clinic["admin"], [{"name": "县人民医院发热门诊", "kind": "fever_clinic"}]) == 1


# ----- the responsibility trail reads the new acts in plain Chinese ----------------------------------------

@pytest.mark.parametrize(("action", "summary", "expected"), [
    ("case.reassign", {"from": "doc1", "to": "doc2", "reason": "原医生停用", "handover_cancelled": "doc3"},
     "负责医生 doc1 → doc2；原因：原医生停用；同时取消待答复的移交（接收医生 doc3）"),
    ("transfer.cancel", {"reason": "床位已满", "case_reopened": True, "back_to_ward": False, "owes_transfer": True},
     "原因：床位已满；病例重新开放；仍须转运（申请转运时限重新计时）"),
    ("transfer.cancel", {"reason": "改约", "case_reopened": False, "back_to_ward": True, "owes_transfer": True},
     "原因：改约；患者仍在病区；仍须转运（申请转运时限重新计时）"),
    ("transfer.cancel", {"reason": "家属拒绝", "case_reopened": True}, "原因：家属拒绝；病例重新开放待处置"),
    ("transfer.depart", {"departed_at": "2026-11-23T02:00:00+00:00", "minutes_after_request": 20,
                         "admission_discharged": 7, "ward": "内科病区 12", "permits_revoked": 1},
     "出发时间 2026-11-23 10:00:00；申请后 20 分钟出发；同时办理出院（住院登记 #7）；病区 内科病区 12；同时作废通行证 1 张"),
    ("ward.discharge", {"permits_revoked": 0, "transfer": "XH01-20261123-0001"},
     "转运至定点医院，就诊号 XH01-20261123-0001；无有效通行证需作废"),
])
def test_new_acts_read_as_plain_chinese(action: str, summary: dict[str, object], expected: str) -> None:
    from app.printing.audit_text import summary_text

    assert summary_text(action, "success", summary, "Asia/Shanghai") == expected


def test_the_request_closes_the_case_and_settles_what_the_hospital_takes_over(
        ctx: AppContext, clinic: dict[str, Actor], hospital: int, clock: FixedClock) -> None:  # noqa: F811
    """Closing a case settles its clocks (issue 12): the 12 h sample is the designated hospital's once the
    transfer is requested; the 2 h report and the investigation are still owed by this clinic."""
    visit_no = suspected_case(ctx, clinic)  # no sample taken yet: the 12 h clock runs
    assert len(open_clocks(ctx, visit_no, "nat_12h")) == 1
    t = request(ctx, clinic, hospital, visit_no)
    assert open_clocks(ctx, visit_no, "nat_12h") == []
    with ctx.db.read() as s:
        settled = s.scalars(select(Clock).where(Clock.visit_no == visit_no, Clock.kind == "nat_12h")).one()
    assert (settled.met_at, settled.settled_reason) == (t.requested_at, "transfer")
    assert len(open_clocks(ctx, visit_no, "report_2h")) == 1 and len(open_clocks(ctx, visit_no, "epi_24h")) == 1
