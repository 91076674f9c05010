"""Transfers: the state machine (every allowed and forbidden move), clocks, signed QR summaries."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.signing import TokenError, sign_token, verify_token
from app.transfer.vocab import TRANSITIONS, TransferState
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)


def suspected_case(ctx: AppContext, staff: dict[str, Actor]) -> str:
    doc = staff["doc1"]
    visit_no = arrive(ctx, staff["nurse"], doc)
    case = ctx.cases.take(doc, visit_no)
    ctx.cases.classify(doc, visit_no, case.version, "suspected")
    return visit_no


@pytest.fixture
def hospital(ctx: AppContext, clinic: dict[str, Actor]) -> int:  # noqa: F811
    ctx.transfers.save_hospital(clinic["admin"], name="县人民医院（后备）", kind="backup", accepting=False)
    return ctx.transfers.save_hospital(clinic["admin"], name="市传染病医院", kind="designated",
                                       address="市北路1号", phone="0755-88886666").id


def set_mode(ctx: AppContext, mode: str) -> None:
    """The clinic's mode (ClinicMode) as the admin's setting would store it."""
    from app.clinic_mode import MODE_KEY
    from app.db.models import ClinicSetting

    with ctx.db.write() as s:
        row = s.get(ClinicSetting, MODE_KEY)
        if row is None:
            s.add(ClinicSetting(key=MODE_KEY, value=mode, updated_at=ctx.clock.now()))
        else:
            row.value = mode


def request(ctx: AppContext, staff: dict[str, Actor], hospital_id: int, visit_no: str):  # type: ignore[no-untyped-def]
    return ctx.transfers.request(staff["doc1"], visit_no, hospital_id=hospital_id, condition="serious", oxygen=True,
                                 precautions="N95、隔离衣、面屏", staff="护士 李娜")


def walk(ctx: AppContext, staff: dict[str, Actor], clock: FixedClock, t, until: str):  # type: ignore[no-untyped-def]
    nurse = staff["nurse"]
    steps = [
        ("dispatched", lambda t: ctx.transfers.dispatch(nurse, t.id, t.version, call_120_at=clock.now(),
                                                        dispatch_ref="120-2026-0042", vehicle_plate="粤b12345",
                                                        negative_pressure=True, crew="司机 王强；医生 刘芳")),
        ("departed", lambda t: ctx.transfers.depart(nurse, t.id, t.version, clock.now())),
        ("handed_over", lambda t: ctx.transfers.record_handover(nurse, t.id, t.version, receiving_staff="周医生",
                                                                receiving_department="感染科",
                                                                handed_over_at=clock.now(),
                                                                arrival_condition="stable")),
        ("closed", lambda t: ctx.transfers.record_disinfection(nurse, t.id, t.version, disinfected_at=clock.now(),
                                                               method="过氧化氢喷雾", by="洗消员 陈")),
    ]
    for state, act in steps:
        if t.state == until:
            break
        clock.advance(minutes=10)
        t = act(t)
        assert t.state == state
    return t


def test_full_transfer_and_its_clocks(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                                      clock: FixedClock) -> None:
    visit_no = suspected_case(ctx, clinic)
    clock.advance(minutes=12)
    t = request(ctx, clinic, hospital, visit_no)
    assert t.state == "requested" and t.hospital_name == "市传染病医院"
    case = ctx.cases.get(clinic["doc1"], visit_no)
    assert case.disposition == "transfer" and case.closed_at is not None  # nobody leaves without a disposition
    request_clock = next(c for c in case.clocks if c.kind == "transfer_request")
    assert request_clock.met_at == clock.now() and not request_clock.missed
    t = walk(ctx, clinic, clock, t, "closed")
    assert t.vehicle_plate == "粤B12345" and t.negative_pressure
    assert {c.kind: bool(c.met_at) for c in t.clocks} == {"transfer_request": True, "transfer_depart": True,
                                                          "transfer_handover": True}
    events = [e.action for e in ctx.timelines.timeline(clinic["admin"], visit_no).events]
    assert events[-5:] == ["transfer.request", "transfer.dispatch", "transfer.depart", "transfer.handover",
                           "transfer.disinfect"]


@pytest.mark.parametrize(("start", "target"), [
    (s, t) for s, t in itertools.product([x.value for x in TransferState], [x.value for x in TransferState])
    if s not in ("cancelled",)])
def test_every_transition(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                          clock: FixedClock, start: str, target: str) -> None:
    """Allowed moves succeed; every other jump is refused with illegal_transition."""
    t = walk(ctx, clinic, clock, request(ctx, clinic, hospital, suspected_case(ctx, clinic)), start)
    assert t.state == start
    nurse, now = clinic["nurse"], clock.now()
    act = {
        "dispatched": lambda: ctx.transfers.dispatch(nurse, t.id, t.version, call_120_at=now, dispatch_ref="r",
                                                     vehicle_plate="A1", negative_pressure=False, crew="c"),
        "departed": lambda: ctx.transfers.depart(nurse, t.id, t.version, now),
        "handed_over": lambda: ctx.transfers.record_handover(nurse, t.id, t.version, receiving_staff="s",
                                                             receiving_department="d", handed_over_at=now,
                                                             arrival_condition="stable"),
        "closed": lambda: ctx.transfers.record_disinfection(nurse, t.id, t.version, disinfected_at=now, method="m",
                                                            by="b"),
        "cancelled": lambda: ctx.transfers.cancel(nurse, t.id, t.version, "家属拒绝转运"),
        "requested": None,
    }[target]
    if act is None:
        return  # nothing moves back to "requested"
    if target in TRANSITIONS[start]:
        assert act().state == target
    else:
        with pytest.raises(Conflict) as exc:
            act()
        assert exc.value.code == "illegal_transition" and exc.value.details["current"] == start


def test_cancel_needs_reason_and_reopens_the_case(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                                                  ) -> None:
    visit_no = suspected_case(ctx, clinic)
    t = request(ctx, clinic, hospital, visit_no)
    with pytest.raises(ValidationError):
        ctx.transfers.cancel(clinic["nurse"], t.id, t.version, " ")
    cancelled = ctx.transfers.cancel(clinic["nurse"], t.id, t.version, "定点医院满员，改送后备医院")
    assert cancelled.state == "cancelled"
    # issue 12: the cancelled transfer's own clocks are settled; a suspected case still owes a transfer, so its
    # transfer-request clock runs again (before: every clock was closed and the case free for another disposition)
    assert all(c.met_at for c in cancelled.clocks if c.ref_id == t.id)
    assert [c.kind for c in cancelled.clocks if c.met_at is None] == ["transfer_request"]
    assert ctx.cases.get(clinic["doc1"], visit_no).disposition is None  # reopened: a new request is due
    assert request(ctx, clinic, hospital, visit_no).state == "requested"


def test_request_rules(ctx: AppContext, clinic: dict[str, Actor], hospital: int) -> None:  # noqa: F811
    visit_no = suspected_case(ctx, clinic)
    backup = next(h for h in ctx.transfers.hospitals(clinic["admin"]) if not h.accepting)
    with pytest.raises(ValidationError) as exc:
        ctx.transfers.request(clinic["doc1"], visit_no, hospital_id=backup.id, condition="stable", oxygen=False,
                              precautions="N95", staff="护士")
    assert exc.value.code == "hospital_not_accepting"
    with pytest.raises(PermissionDenied):
        ctx.transfers.request(clinic["doc2"], visit_no, hospital_id=hospital, condition="stable", oxygen=False,
                              precautions="N95", staff="护士")
    other = arrive(ctx, clinic["nurse"], clinic["doc1"], name="李四", id_number="440106198503070011")
    ctx.cases.take(clinic["doc1"], other)
    set_mode(ctx, "treat")  # a fever clinic (a sentinel room refers every patient: tests/transfer/test_transfer_rules.py)
    with pytest.raises(ValidationError) as exc:  # pending classification: only with a reason
        ctx.transfers.request(clinic["doc1"], other, hospital_id=hospital, condition="critical", oxygen=True,
                              precautions="N95", staff="医生")
    assert exc.value.code == "transfer_reason"
    assert ctx.transfers.request(clinic["doc1"], other, hospital_id=hospital, condition="critical", oxygen=True,
                                 precautions="N95", staff="医生", reason="呼吸衰竭需上级救治").state == "requested"


def test_late_departure_is_red_on_the_board(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                                            clock: FixedClock) -> None:
    t = request(ctx, clinic, hospital, suspected_case(ctx, clinic))
    clock.advance(minutes=61)
    late = [e for e in ctx.deadlines.board(clinic["doc1"]).entries if e.clock.kind == "transfer_depart"]
    assert late and late[0].state == "overdue" and late[0].clock.ref_id == t.id


# ----- signed summaries -------------------------------------------------------------------------

def other_clinic(tmp_path: Path, clock: FixedClock) -> AppContext:
    ctx = open_context(DataPaths(tmp_path / "hospital"), clock=clock, argon2=OWASP_FLOOR)
    ctx.clinic.initialize(Actor.system(), code="SZ01", name="市传染病医院", level="county", admin_username="boss",
                          admin_full_name="院长", admin_password="admin-pass-1")
    ctx.users.create(Actor.system(), username="recv", full_name="周医生", roles=["doctor"], password="recv-pass-1")
    return ctx


def test_receiving_hospital_verifies_and_returns_a_receipt(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                           hospital: int, clock: FixedClock, tmp_path: Path) -> None:
    t = walk(ctx, clinic, clock, request(ctx, clinic, hospital, suspected_case(ctx, clinic)), "departed")
    token = ctx.transfers.handover_token(clinic["doc1"], t.id)
    assert "11010519491231002X" not in token and "王䶮" not in token
    receiver = other_clinic(tmp_path, clock)
    try:
        recv = receiver.users.authenticate("recv", "recv-pass-1", "er-1")
        with pytest.raises(TokenError) as exc:  # the sender's key is not trusted yet
            receiver.transfers.receive(recv, token, receiving_staff="周医生", receiving_department="感染科",
                                       arrival_condition="stable")
        assert exc.value.code == "unknown_key"
        sender = ctx.clinic.get()
        receiver.transfers.trust_clinic(Actor.system(), code=sender.code, name=sender.name,
                                        public_key=sender.public_key)
        got = receiver.transfers.receive(recv, token, receiving_staff="周医生", receiving_department="感染科",
                                         arrival_condition="stable")
        assert got.visit_no == t.visit_no and got.masked_name == "王*"
        with pytest.raises(Conflict):
            receiver.transfers.receive(recv, token, receiving_staff="周医生", receiving_department="感染科",
                                       arrival_condition="stable")
        me = receiver.clinic.get()
        with pytest.raises(TokenError):  # the receipt's signer is not trusted by the sender yet
            ctx.transfers.complete_from_receipt(clinic["nurse"], got.receipt_token)
        ctx.transfers.trust_clinic(clinic["admin"], code=me.code, name=me.name, public_key=me.public_key)
        done = ctx.transfers.complete_from_receipt(clinic["nurse"], got.receipt_token)
        assert done.state == "handed_over" and done.receiving_staff == "周医生" and done.handover_source == "receipt"
    finally:
        receiver.close()


def test_token_tampering_is_refused(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                                   clock: FixedClock, tmp_path: Path) -> None:
    t = request(ctx, clinic, hospital, suspected_case(ctx, clinic))
    token = ctx.transfers.handover_token(clinic["doc1"], t.id)
    assert ctx.transfers.verify_handover(clinic["nurse"], token)["vno"] == t.visit_no
    signed, _, enrolment = token.partition("~")  # signed by this desk's key, carrying its enrolment
    head, body, sig = signed.split(".")
    for i in range(len(body)):  # one character changed anywhere in the payload
        flipped = body[:i] + ("A" if body[i] != "A" else "B") + body[i + 1:]
        with pytest.raises(TokenError):
            ctx.transfers.verify_handover(clinic["nurse"], f"{head}.{flipped}.{sig}~{enrolment}")
    with pytest.raises(TokenError):
        ctx.transfers.verify_handover(clinic["nurse"], token[:-3])
    foreign = other_clinic(tmp_path, clock)
    try:  # signed by another clinic's key but claiming to be ours
        from app.keys import KeyStore

        forged = sign_token(KeyStore(foreign.paths.keys).load("SZ01"), {"kind": "transfer", "iss": "XH01", "exp": 2e9})
        with pytest.raises(TokenError) as exc:
            ctx.transfers.verify_handover(clinic["nurse"], forged)
        assert exc.value.code == "unknown_key"
        other = foreign.clinic.get()  # once trusted, it may sign for itself, still not in another clinic's name
        ctx.transfers.trust_clinic(clinic["admin"], code=other.code, name=other.name, public_key=other.public_key)
        with pytest.raises(TokenError) as exc:
            ctx.transfers.verify_handover(clinic["nurse"], forged)
        assert exc.value.code == "issuer_mismatch" and exc.value.details == {"claimed": "XH01", "signer": "SZ01"}
        own_name = sign_token(KeyStore(foreign.paths.keys).load("SZ01"), {"kind": "transfer", "iss": "SZ01", "exp": 2e9})
        assert ctx.transfers.verify_handover(clinic["nurse"], own_name)["iss"] == "SZ01"
    finally:
        foreign.close()
    clock.advance(hours=73)
    with pytest.raises(TokenError) as exc:
        ctx.transfers.verify_handover(clinic["nurse"], token)
    assert exc.value.code == "expired"


def test_history_and_csv(ctx: AppContext, clinic: dict[str, Actor], hospital: int, clock: FixedClock) -> None:  # noqa: F811
    import io

    from app.transfer.service import TransferQuery

    walk(ctx, clinic, clock, request(ctx, clinic, hospital, suspected_case(ctx, clinic)), "closed")
    assert [t.state for t in ctx.transfers.history(clinic["admin"], TransferQuery(state="closed"))] == ["closed"]
    assert ctx.transfers.open_transfers(clinic["admin"]) == []
    out = io.StringIO()
    assert ctx.transfers.export_csv(clinic["admin"], TransferQuery(), out) == 1
    assert "市传染病医院" in out.getvalue() and "粤B12345" in out.getvalue()


def test_verify_token_never_crashes_on_garbage() -> None:
    for junk in ["", "FST1:", "FST1:a.b.c", "FST1:" + "x" * 2000, "hello", "FST1:k.%%%.@@@", "FST1:k..."]:
        with pytest.raises(TokenError):
            verify_token(junk, lambda kid: None, kind="transfer")


# ----- trusted clinics ---------------------------------------------------------------------------

def foreign_key(tmp_path: Path, code: str):  # type: ignore[no-untyped-def]
    """Another clinic's signing key, and the public key text it would give us."""
    from app.keys import KeyStore, public_key_text

    key = KeyStore(tmp_path / f"keys-{code}-{len(list(tmp_path.iterdir()))}").create(code)
    return key, public_key_text(key.public_raw)


def handover_form(key, code: str, clock: FixedClock, tid: int = 1) -> str:  # type: ignore[no-untyped-def]
    """The QR on a handover form that clinic ``code`` printed (as its handover_token makes it)."""
    now = clock.now()
    return sign_token(key, {"kind": "transfer", "iss": code, "tid": tid, "vno": f"{code}-20261123-000{tid}",
                            "name": "王*", "sex": "F", "age": 40, "cls": "suspected", "dst": "市传染病医院",
                            "at": int(now.timestamp()), "exp": int((now + timedelta(hours=72)).timestamp())})


def receive(ctx: AppContext, actor: Actor, token: str):  # type: ignore[no-untyped-def]
    return ctx.transfers.receive(actor, token, receiving_staff="周医生", receiving_department="感染科",
                                 arrival_condition="stable")


def test_trusted_clinics_are_listed_by_code_for_administrators_only(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock, tmp_path: Path) -> None:  # noqa: F811
    admin = clinic["admin"]
    sy_key, sy_text = foreign_key(tmp_path, "SY02")
    ab_key, ab_text = foreign_key(tmp_path, "AB01")
    assert ctx.transfers.trusted_clinics(admin) == []
    ctx.transfers.trust_clinic(admin, code="sy02", name="石岩镇卫生院", public_key=sy_text)
    first = clock.now()
    clock.advance(minutes=5)
    ctx.transfers.trust_clinic(admin, code="AB01", name="安宝乡卫生院", public_key=ab_text)
    listed = ctx.transfers.trusted_clinics(admin)
    assert [(c.code, c.name, c.key_id, c.public_key, c.added_at) for c in listed] == [
        ("AB01", "安宝乡卫生院", ab_key.key_id, ab_text, clock.now()),
        ("SY02", "石岩镇卫生院", sy_key.key_id, sy_text, first)]
    for who in ("nurse", "doc1", "gate"):
        with pytest.raises(PermissionDenied):
            ctx.transfers.trusted_clinics(clinic[who])


def test_distrusted_clinic_is_removed_audited_and_its_forms_refused(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock, tmp_path: Path) -> None:  # noqa: F811
    from app import audit

    admin, nurse = clinic["admin"], clinic["nurse"]
    sy_key, sy_text = foreign_key(tmp_path, "SY02")
    ab_key, ab_text = foreign_key(tmp_path, "AB01")
    ctx.transfers.trust_clinic(admin, code="SY02", name="石岩镇卫生院", public_key=sy_text)
    ctx.transfers.trust_clinic(admin, code="AB01", name="安宝乡卫生院", public_key=ab_text)
    assert receive(ctx, nurse, handover_form(sy_key, "SY02", clock, tid=1)).issuer_code == "SY02"

    with pytest.raises(PermissionDenied):  # only an administrator
        ctx.transfers.distrust_clinic(nurse, "SY02", "私钥泄露")
    with pytest.raises(ValidationError) as invalid:  # the reason is required
        ctx.transfers.distrust_clinic(admin, "SY02", "  ")
    assert invalid.value.code == "required" and invalid.value.details["field"] == "reason"
    with pytest.raises(NotFound) as missing:
        ctx.transfers.distrust_clinic(admin, "XX99", "机构撤销")
    assert missing.value.code == "not_found" and missing.value.details == {"entity": "trusted_clinic", "key": "XX99"}
    assert [c.code for c in ctx.transfers.trusted_clinics(admin)] == ["AB01", "SY02"]  # nothing changed yet

    ctx.transfers.distrust_clinic(admin, " sy02 ", "私钥泄露")
    assert [c.code for c in ctx.transfers.trusted_clinics(admin)] == ["AB01"]
    with pytest.raises(NotFound):  # not twice
        ctx.transfers.distrust_clinic(admin, "SY02", "私钥泄露")

    # a form it signed is refused at the receiving desk, with the refusal for an untrusted signer
    for attempt in (lambda t: receive(ctx, nurse, t), lambda t: ctx.transfers.verify_handover(nurse, t)):
        with pytest.raises(TokenError) as refused:
            attempt(handover_form(sy_key, "SY02", clock, tid=2))
        assert refused.value.code == "unknown_key"
    assert receive(ctx, nurse, handover_form(ab_key, "AB01", clock)).issuer_code == "AB01"  # others still accepted

    with ctx.db.read() as s:
        trail = [(e.action, e.outcome, e.username, json.loads(e.summary))
                 for e in audit.page(s, offset=0, limit=20, newest_first=False, entity="clinic", entity_id="SY02")
                 if e.action == "transfer.distrust_clinic"]
    assert trail[0][:3] == ("transfer.distrust_clinic", "denied", "nurse")
    assert [t[1] for t in trail] == ["denied", "success", "failed"]
    assert trail[1][2:] == (admin.username, {"code": "SY02", "name": "石岩镇卫生院", "key_id": sy_key.key_id,
                                      "reason": "私钥泄露"})

    # a new key (the leaked one replaced): trusted again, old forms stay refused, new ones verify
    new_key, new_text = foreign_key(tmp_path, "SY02")
    ctx.transfers.trust_clinic(admin, code="SY02", name="石岩镇卫生院", public_key=new_text)
    assert [(c.code, c.key_id) for c in ctx.transfers.trusted_clinics(admin)] == [
        ("AB01", ab_key.key_id), ("SY02", new_key.key_id)]
    with pytest.raises(TokenError):
        ctx.transfers.verify_handover(nurse, handover_form(sy_key, "SY02", clock, tid=3))
    assert ctx.transfers.verify_handover(nurse, handover_form(new_key, "SY02", clock, tid=3))["tid"] == 3
