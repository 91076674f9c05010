"""Issue 12's ward rules, each both ways through the services: isolation wards take no escorts or
visitors without a second person's exception; a visit is one passage of at most 30 minutes with a
reason, an overstay an alert; an escort needs a negative result and the permit ends with it;
admission needs a nucleic-acid test, the buffer ward first, and never a reportable case."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.actor import Actor
from app.casework.tables import Case, LabTest
from app.context import AppContext
from app.db.engine import Database
from app.db.models import AuditEvent
from app.errors import Conflict, PermissionDenied, ValidationError
from app.figures import FiguresService
from app.reporting.alert_tables import Alert
from app.triage.records import PatientInput
from app.wards.figures import WardFigures
from app.wards.gate import GateService, GateStation
from app.wards.tables import Admission, PermitException
from tests.casework.conftest import arrive
from tests.wards.conftest import VISITOR, Ward, escort, visitor


def gate_check(ctx: AppContext, h: Ward, payload: str, gate: str = "内科门岗",  # type: ignore[no-untyped-def]
               direction: str = "in"):
    return ctx.gate.check(h.gatekeeper, payload, gate, direction=direction)


def set_figures(ctx: AppContext, admin: Actor, **values: int) -> None:
    figures = FiguresService(ctx.db, ctx.clock)
    current, version = figures.get(WardFigures)
    figures.update(admin, WardFigures(**{**current.__dict__, **values}), version)


def alerts(ctx: AppContext) -> list[Alert]:
    with ctx.db.read() as s:
        rows = s.scalars(select(Alert).where(Alert.kind == "visitor_overstay").order_by(Alert.id)).all()
        s.expunge_all()
        return list(rows)


# ----- 1. isolation wards: no escort, no visitor, unless a second person approves -------------------

@pytest.mark.parametrize("label", ["buffer", "observation"])
def test_isolation_wards_take_no_escort_or_visitor(ctx: AppContext, hospital: Ward, label: str) -> None:
    with pytest.raises(ValidationError) as exc:
        escort(ctx, hospital, label)
    assert exc.value.code == "escort_refused" and exc.value.details["needs"] == ["escort_isolation_ward"]
    with pytest.raises(ValidationError) as exc2:
        visitor(ctx, hospital, label)
    assert exc2.value.code == "visitor_refused" and exc2.value.details["needs"] == ["visitor_isolation_ward"]
    assert escort(ctx, hospital, "general").state == "active"  # a general ward: allowed
    assert visitor(ctx, hospital, "general").state == "active"


def test_isolation_ward_exception_approved_by_a_second_person(ctx: AppContext, hospital: Ward) -> None:
    buffer = hospital.patients["buffer"]
    approval = ctx.wards.approve_exception(hospital.admin, buffer, "escort_isolation_ward", "患者病危，医嘱留陪护一人")
    p = escort(ctx, hospital, "buffer")  # the approval waiting for this inpatient is used, once
    assert p.state == "active"
    with ctx.db.read() as s:
        e = s.get(PermitException, approval)
        assert e is not None and e.used and e.approved_at == ctx.clock.now()  # counted per day by approved_at
    ctx.permits.revoke(hospital.nurse, p.id, "更换陪护人")
    with pytest.raises(ValidationError) as again:
        escort(ctx, hospital, "buffer")
    assert again.value.code == "escort_refused"
    with ctx.db.read() as s:
        audited = s.execute(select(AuditEvent.username, AuditEvent.summary).where(
            AuditEvent.action == "permit.exception_approve")).one()
    assert audited.username == "boss" and "患者病危" in audited.summary


def test_the_approver_cannot_issue_with_their_own_exception(ctx: AppContext, hospital: Ward) -> None:
    obs = hospital.patients["observation"]
    approval = ctx.wards.approve_exception(hospital.admin, obs, "visitor_isolation_ward", "病危告知，家属见最后一面")
    start = ctx.clock.now()
    for exception_id in (approval, None):
        with pytest.raises(PermissionDenied) as exc:
            ctx.permits.issue_visitor(hospital.admin, obs, VISITOR, window_start=start,
                                      window_end=start + timedelta(minutes=20), reason="病危告知",
                                      exception_id=exception_id)
        assert exc.value.code == "exception_self"
    v = ctx.permits.issue_visitor(hospital.nurse, obs, VISITOR, window_start=start,
                                  window_end=start + timedelta(minutes=20), reason="病危告知", exception_id=approval)
    assert v.state == "active"


def test_a_level_3_approval_does_not_open_an_isolation_ward(ctx: AppContext, hospital: Ward) -> None:
    approval = ctx.wards.approve_exception(hospital.admin, hospital.patients["buffer"], "escort_level_3", "夜间躁动")
    with pytest.raises(ValidationError) as exc:
        escort(ctx, hospital, "buffer", exception_id=approval)
    assert exc.value.code == "escort_refused"


# ----- 2. visitors: 30 minutes, a reason, one passage, overstays ------------------------------------

def test_visit_window_at_most_the_figure(ctx: AppContext, hospital: Ward) -> None:
    with pytest.raises(ValidationError) as exc:
        visitor(ctx, hospital, minutes=31)
    assert exc.value.code == "visit_too_long" and exc.value.details["minutes"] == 30
    assert visitor(ctx, hospital, minutes=30).valid_until - ctx.clock.now() == timedelta(minutes=30)
    set_figures(ctx, hospital.admin, visit_max_minutes=20)
    with pytest.raises(ValidationError) as shorter:
        visitor(ctx, hospital, "level3", minutes=30)
    assert shorter.value.code == "visit_too_long" and shorter.value.details["minutes"] == 20
    assert visitor(ctx, hospital, "level3", minutes=20).state == "active"


def test_visitor_needs_a_reason(ctx: AppContext, hospital: Ward) -> None:
    for reason in (None, "", " ", "危"):
        with pytest.raises(ValidationError) as exc:
            visitor(ctx, hospital, reason=reason)
        assert exc.value.code == "visit_reason_required"
    v = visitor(ctx, hospital, reason=" 病危  告知 ")
    assert v.visit_reason == "病危 告知"


def test_one_passage_re_entry_refused(ctx: AppContext, hospital: Ward) -> None:
    v = visitor(ctx, hospital)
    assert gate_check(ctx, hospital, v.payload).outcome == "admit"
    ctx.clock.advance(minutes=10)  # type: ignore[attr-defined]
    out = gate_check(ctx, hospital, v.payload, direction="out")
    assert (out.outcome, out.overstay_minutes, out.flags) == ("exit", None, ())
    ctx.clock.advance(seconds=30)  # type: ignore[attr-defined]
    again = gate_check(ctx, hospital, v.number)  # within the window, but the visit is used
    assert (again.outcome, again.reason) == ("deny", "visit_used")
    ctx.clock.advance(minutes=30)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, v.payload).reason == "visit_used"
    unused = visitor(ctx, hospital, "level3")
    ctx.clock.advance(minutes=31)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, unused.payload).reason == "visit_time_over"  # never came: time is over


def test_visitor_leaving_late_is_an_overstay_alert(ctx: AppContext, hospital: Ward) -> None:
    v = visitor(ctx, hospital, minutes=20)
    assert gate_check(ctx, hospital, v.payload).outcome == "admit"
    ctx.clock.advance(minutes=35)  # type: ignore[attr-defined]
    out = gate_check(ctx, hospital, v.payload, direction="out")  # the time is over, but the visitor may leave
    assert (out.outcome, out.overstay_minutes, out.flags) == ("exit", 15, ("overstay",))
    [alert] = alerts(ctx)
    assert alert.dedupe_key == f"overstay:{v.id}"
    assert json.loads(alert.evidence) == {"permit": v.number, "ward": "内科病区", "minutes_over": 15}
    assert "病人" not in alert.evidence and VISITOR.name not in alert.evidence
    ctx.clock.advance(minutes=1)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, v.payload).reason == "visit_used"


def test_visitor_still_inside_is_raised_once_by_the_poll(ctx: AppContext, hospital: Ward) -> None:
    v = visitor(ctx, hospital)
    gate_check(ctx, hospital, v.payload)
    ctx.clock.advance(minutes=29)  # type: ignore[attr-defined]
    assert ctx.gate.raise_overstays(hospital.gatekeeper) == [] and alerts(ctx) == []
    ctx.clock.advance(minutes=3)  # type: ignore[attr-defined]
    late = ctx.gate.raise_overstays(hospital.gatekeeper)
    assert [r.permit_number for r in late] == [v.number] and late[0].overdue
    assert ctx.gate.overstays(hospital.nurse) == late  # the ward desk sees it too
    assert len(alerts(ctx)) == 1
    ctx.clock.advance(minutes=5)  # type: ignore[attr-defined]
    ctx.gate.raise_overstays(hospital.gatekeeper)
    assert len(alerts(ctx)) == 1  # raised once
    assert gate_check(ctx, hospital, v.payload, direction="out").overstay_minutes == 7
    assert len(alerts(ctx)) == 1 and ctx.gate.overstays(hospital.gatekeeper) == []


def test_offline_gate_refuses_a_used_visit(ctx: AppContext, hospital: Ward, tmp_path: Path) -> None:
    v = visitor(ctx, hospital)
    station = GateStation(ctx.gate, ctx.clock, tmp_path / "gate", "内科门岗")
    assert station.check(hospital.gatekeeper, v.payload).outcome == "admit"
    ctx.clock.advance(minutes=5)  # type: ignore[attr-defined]
    assert station.check(hospital.gatekeeper, v.payload, direction="out").outcome == "exit"
    station.refresh_cache()
    down = GateStation(GateService(Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"),
                                   ctx.clock), ctx.clock, tmp_path / "gate", "内科门岗")
    refused = down.check(hospital.gatekeeper, v.payload)
    assert (refused.outcome, refused.reason, refused.offline) == ("deny", "visit_used", True)
    fresh = visitor(ctx, hospital, "level3")
    station.refresh_cache()
    assert down.check(hospital.gatekeeper, fresh.payload).outcome == "admit"


# ----- 3. escorts: a negative result, and the permit ends with it ------------------------------------

@pytest.mark.parametrize("result", [None, "positive", "pending"])
def test_escort_needs_a_negative_result(ctx: AppContext, hospital: Ward, result: str | None) -> None:
    with pytest.raises(ValidationError) as exc:
        escort(ctx, hospital, test_result=result)
    assert exc.value.code == "escort_test_negative_required" and exc.value.details["field"] == "test_result"


def test_escort_validity_ends_with_the_test(ctx: AppContext, hospital: Ward) -> None:
    now = ctx.clock.now()
    p = escort(ctx, hospital, test_at=now - timedelta(hours=6))
    assert (p.valid_until, p.requested_until) == (now + timedelta(hours=42), now + timedelta(days=14))
    assert p.escort_test_result == "negative"
    short = escort(ctx, hospital, "level3", test_at=now - timedelta(hours=6), valid_until=now + timedelta(hours=5),
                   exception_id=ctx.wards.approve_exception(hospital.admin, hospital.patients["level3"],
                                                            "escort_level_3", "术后需陪护"))
    assert short.valid_until == now + timedelta(hours=5)  # asked for less than the test allows
    with pytest.raises(ValidationError) as old:
        escort(ctx, hospital, "icu", test_at=now - timedelta(hours=49))
    assert old.value.code == "escort_test_old" and old.value.details["hours"] == 48


def test_escort_test_validity_is_a_figure(ctx: AppContext, hospital: Ward) -> None:
    set_figures(ctx, hospital.admin, escort_test_valid_hours=24)
    with pytest.raises(ValidationError) as exc:
        escort(ctx, hospital, test_at=ctx.clock.now() - timedelta(hours=25))
    assert exc.value.code == "escort_test_old" and exc.value.details["hours"] == 24
    p = escort(ctx, hospital, test_at=ctx.clock.now() - timedelta(hours=4))
    assert p.valid_until == ctx.clock.now() + timedelta(hours=20)


def test_gate_refuses_after_the_test_then_a_new_result_renews(ctx: AppContext, hospital: Ward,
                                                               tmp_path: Path) -> None:
    clock = ctx.clock
    p = escort(ctx, hospital, test_at=clock.now() - timedelta(hours=6))
    station = GateStation(ctx.gate, clock, tmp_path / "gate", "内科门岗")
    assert station.check(hospital.gatekeeper, p.payload).outcome == "admit"
    clock.advance(minutes=5)  # type: ignore[attr-defined]
    assert station.check(hospital.gatekeeper, p.payload, direction="out").outcome == "exit"
    clock.advance(hours=43)  # type: ignore[attr-defined]
    station.refresh_cache()  # (a copy older than offline_max_age_hours is refused: offline_data_too_old)
    assert gate_check(ctx, hospital, p.payload).reason == "escort_test_old"
    down = GateStation(GateService(Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"),
                                   clock), clock, tmp_path / "gate", "内科门岗")
    assert down.check(hospital.gatekeeper, p.payload).reason == "escort_test_old"  # offline too
    with pytest.raises(ValidationError) as positive:
        ctx.permits.update_escort_test(hospital.nurse, p.id, p.version, clock.now() - timedelta(hours=1), "positive")
    assert positive.value.code == "escort_test_negative_required"
    with pytest.raises(ValidationError) as missing:
        ctx.permits.update_escort_test(hospital.nurse, p.id, p.version, clock.now() - timedelta(hours=1))
    assert missing.value.code == "escort_test_negative_required"
    with pytest.raises(ValidationError) as older:
        ctx.permits.update_escort_test(hospital.nurse, p.id, p.version, clock.now() - timedelta(hours=49),
                                       "negative")
    assert older.value.code == "escort_test_old"
    renewed = ctx.permits.update_escort_test(hospital.nurse, p.id, p.version, clock.now() - timedelta(hours=2),
                                             "negative")
    assert renewed.valid_until == clock.now() + timedelta(hours=46) and renewed.payload == p.payload
    assert gate_check(ctx, hospital, p.payload).outcome == "admit"  # the same card
    with pytest.raises(ValidationError) as not_newer:
        ctx.permits.update_escort_test(hospital.nurse, p.id, renewed.version, clock.now() - timedelta(hours=3),
                                       "negative")
    assert not_newer.value.code == "escort_test_not_newer"


def test_a_lapsed_escort_still_blocks_a_second_escort(ctx: AppContext, hospital: Ward) -> None:
    escort(ctx, hospital, test_at=ctx.clock.now() - timedelta(hours=6))
    ctx.clock.advance(hours=43)  # type: ignore[attr-defined]
    with pytest.raises(Conflict) as exc:
        escort(ctx, hospital, test_at=ctx.clock.now() - timedelta(hours=1))
    assert exc.value.code == "escort_exists"


def test_inside_escort_may_leave_after_the_test_lapsed(ctx: AppContext, hospital: Ward) -> None:
    p = escort(ctx, hospital, test_at=ctx.clock.now() - timedelta(hours=6))
    assert gate_check(ctx, hospital, p.payload).outcome == "admit"
    ctx.clock.advance(hours=43)  # type: ignore[attr-defined]
    out = gate_check(ctx, hospital, p.payload, direction="out")
    assert (out.outcome, out.flags) == ("exit", ("escort_test_old",))  # let out, the lapsed test recorded
    ctx.clock.advance(minutes=1)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, p.payload).reason == "escort_test_old"


# ----- 4. admission: 应检尽检, the buffer ward first, never a reportable case -------------------------

def direct(ctx: AppContext, h: Ward, ward: str, number: str = "110105196001010017", **kw):  # type: ignore[no-untyped-def]
    return ctx.wards.admit(h.nurse, ward_id=h.wards[ward], bed="9床", nursing_level="2",
                           patient=PatientInput(name="张新", id_type="resident_id", id_number=number), **kw)


def test_direct_admission_needs_a_nat_sample(ctx: AppContext, hospital: Ward) -> None:
    now = ctx.clock.now()
    with pytest.raises(ValidationError) as exc:
        direct(ctx, hospital, "buffer")
    assert (exc.value.code, exc.value.details["field"]) == ("admission_nat_required", "nat_sampled_at")
    with pytest.raises(ValidationError) as old:
        direct(ctx, hospital, "buffer", nat_sampled_at=now - timedelta(hours=49))
    assert old.value.code == "admission_nat_old"
    with pytest.raises(ValidationError) as future:
        direct(ctx, hospital, "buffer", nat_sampled_at=now + timedelta(minutes=5))
    assert future.value.code == "time_in_future"
    a = direct(ctx, hospital, "buffer", nat_sampled_at=now)  # sampled now, result pending
    assert (a.nat_sampled_at, a.nat_result, a.ward_type) == (now, None, "buffer")


@pytest.mark.parametrize("ward", ["general", "critical_care", "infectious"])
def test_not_yet_excluded_goes_to_the_buffer_ward_first(ctx: AppContext, hospital: Ward, ward: str) -> None:
    with pytest.raises(ValidationError) as exc:
        direct(ctx, hospital, ward, nat_sampled_at=ctx.clock.now())
    assert (exc.value.code, exc.value.details["field"]) == ("buffer_ward_first", "ward")
    assert direct(ctx, hospital, ward, nat_sampled_at=ctx.clock.now(), nat_result="negative").ward_type == ward


def test_isolation_observation_ward_takes_a_not_yet_excluded_patient(ctx: AppContext, hospital: Ward) -> None:
    assert direct(ctx, hospital, "observation", nat_sampled_at=ctx.clock.now()).ward_type == "observation"


def test_positive_patient_is_never_admitted(ctx: AppContext, hospital: Ward) -> None:
    for ward in ("general", "buffer"):
        with pytest.raises(ValidationError) as exc:
            direct(ctx, hospital, ward, nat_sampled_at=ctx.clock.now(), nat_result="positive")
        assert exc.value.code == "reportable_not_admitted"
    with pytest.raises(ValidationError) as bad:
        direct(ctx, hospital, "buffer", nat_sampled_at=ctx.clock.now(), nat_result="weakly")
    assert bad.value.code == "nat_result"


@pytest.fixture
def fever_visit(ctx: AppContext, hospital: Ward) -> tuple[str, int]:
    """A fever-clinic visit whose case the doctor disposed "admitted" (rows as the casework desk writes them)."""
    ctx.users.create(hospital.admin, username="doc", full_name="张伟", roles=["doctor"], password="doc-pass-1")
    doctor = ctx.users.authenticate("doc", "doc-pass-1", "fever-room")
    visit_no = arrive(ctx, hospital.nurse, doctor, name="周到", id_number="110105196501010013")
    with ctx.db.write() as s:
        from app.triage.tables import Visit

        visit_id = s.scalar(select(Visit.id).where(Visit.visit_no == visit_no))
        case = Case(visit_id=visit_id, doctor_username="doc", taken_at=ctx.clock.now(), classification="pending",
                    disposition="admitted", closed_at=ctx.clock.now(), closed_by="doc")
        s.add(case)
        s.flush()
        return visit_no, case.id


def add_test(ctx: AppContext, case_id: int, kind: str = "nucleic_acid", result: str | None = None) -> None:
    now = ctx.clock.now()
    with ctx.db.write() as s:
        s.add(LabTest(case_id=case_id, kind=kind, population="fever_clinic", ordered_at=now, ordered_by="doc",
                      sample_at=now, result=result, result_at=now if result else None))


def from_visit(ctx: AppContext, h: Ward, visit_no: str, ward: str):  # type: ignore[no-untyped-def]
    return ctx.wards.admit(h.nurse, ward_id=h.wards[ward], bed="8床", nursing_level="2", visit_no=visit_no,
                           nat_sampled_at=ctx.clock.now(), nat_result="negative")  # ignored: the case's test counts


def test_admission_from_a_visit_uses_its_case_test(ctx: AppContext, hospital: Ward,
                                                    fever_visit: tuple[str, int]) -> None:
    visit_no, case_id = fever_visit
    add_test(ctx, case_id, "blood_routine", "negative")  # not a nucleic-acid test
    with pytest.raises(ValidationError) as exc:
        from_visit(ctx, hospital, visit_no, "buffer")
    assert exc.value.code == "admission_nat_required"
    add_test(ctx, case_id)  # sampled, result pending
    with pytest.raises(ValidationError) as first:
        from_visit(ctx, hospital, visit_no, "general")
    assert first.value.code == "buffer_ward_first"
    a = from_visit(ctx, hospital, visit_no, "buffer")
    assert (a.nat_result, a.ward_type, a.visit_no) == (None, "buffer", visit_no)
    ctx.wards.discharge(hospital.nurse, a.id)
    with ctx.db.write() as s:
        s.scalars(select(LabTest).where(LabTest.case_id == case_id, LabTest.kind == "nucleic_acid")).one().result = \
            "negative"
    assert from_visit(ctx, hospital, visit_no, "general").nat_result == "negative"


@pytest.mark.parametrize("how", ["suspected", "confirmed", "asymptomatic", "positive"])
def test_reportable_case_is_never_admitted(ctx: AppContext, hospital: Ward, fever_visit: tuple[str, int],
                                           how: str) -> None:
    visit_no, case_id = fever_visit
    if how == "positive":
        add_test(ctx, case_id, result="positive")
    else:
        add_test(ctx, case_id, result="negative")
        with ctx.db.write() as s:
            s.get(Case, case_id).classification = how  # type: ignore[union-attr]
    for ward in ("general", "buffer"):
        with pytest.raises(ValidationError) as exc:
            from_visit(ctx, hospital, visit_no, ward)
        assert exc.value.code == "reportable_not_admitted"
    if how != "positive":  # nor directly, by the patient's identity, while the case is open
        with pytest.raises(ValidationError) as direct_exc:
            direct(ctx, hospital, "buffer", number="110105196501010013", nat_sampled_at=ctx.clock.now())
        assert direct_exc.value.code == "reportable_not_admitted"
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Admission).where(Admission.visit_id.is_not(None))) == 0


def test_a_visit_with_an_open_case_waits_for_the_doctors_disposition(ctx: AppContext, hospital: Ward,
                                                                     fever_visit: tuple[str, int]) -> None:
    visit_no, case_id = fever_visit
    add_test(ctx, case_id, result="negative")
    with ctx.db.write() as s:  # the fever clinic has not decided yet
        case = s.get(Case, case_id)
        assert case is not None
        case.disposition, case.closed_at, case.closed_by = None, None, None
    with pytest.raises(ValidationError) as exc:
        from_visit(ctx, hospital, visit_no, "general")
    assert exc.value.code == "admission_needs_disposition"
    with ctx.db.write() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.disposition, case.closed_at, case.closed_by = "admitted", ctx.clock.now(), "doc"
    assert from_visit(ctx, hospital, visit_no, "general").ward_name
