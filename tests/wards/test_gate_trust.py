"""Issue 13, the gate: exit is its own action and always let through (the permit's state flagged), a
repeated scan is not a second passage, who is inside comes from the passages and each gate sees its own
wards, every recorded scan is in the audit chain; the offline gate refuses on old data and a clock set
back, keeps a torn queue from blocking it, and back online an offline admission the live data refuses
is an incident. Scanned text mangled by a Chinese input method or Caps Lock decodes the same."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app import scan_text
from app.clock import FixedClock
from app.context import AppContext
from app.db.engine import Database
from app.db.models import AuditEvent
from app.figures import FiguresService
from app.reporting.alert_tables import Alert
from app.wards import credential
from app.wards.figures import WardFigures
from app.wards.gate import GateService, GateStation
from app.wards.tables import GateEvent
from tests.wards.conftest import ESCORT, VISITOR, Ward, escort, visitor

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
GATE = "内科门岗"


def scan(ctx: AppContext, h: Ward, text: str, direction: str = "in", gate: str = GATE,  # type: ignore[no-untyped-def]
         **kw):
    return ctx.gate.check(h.gatekeeper, text, gate, direction=direction, **kw)


def later(ctx: AppContext, **kw: float) -> None:
    ctx.clock.advance(**kw)  # type: ignore[attr-defined]


def passages(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(GateEvent).where(GateEvent.outcome.in_(["admit", "exit"])))


def alerts(ctx: AppContext, kind: str) -> list[Alert]:
    with ctx.db.read() as s:
        return list(s.scalars(select(Alert).where(Alert.kind == kind)))


def offline_station(ctx: AppContext, data_dir: Path, clock: FixedClock | None = None) -> GateStation:
    clock = clock or ctx.clock  # type: ignore[assignment]
    return GateStation(GateService(Database(UNREACHABLE), clock), clock, data_dir, GATE)


# ----- passages ---------------------------------------------------------------------------------------

def test_leaving_is_always_let_through_with_the_permit_state_flagged(ctx: AppContext, hospital: Ward) -> None:
    p = escort(ctx, hospital)
    assert scan(ctx, hospital, p.payload).outcome == "admit"
    later(ctx, minutes=5)
    ctx.permits.revoke(hospital.nurse, p.id, "陪护人发热")
    refused = scan(ctx, hospital, p.payload)
    assert (refused.outcome, refused.reason) == ("deny", "revoked")  # entering: refused
    later(ctx, minutes=1)
    out = scan(ctx, hospital, p.payload, "out")
    assert (out.outcome, out.flags, out.direction) == ("exit", ("revoked",), "out")  # leaving: let through
    assert ctx.gate.inside(hospital.gatekeeper) == []
    later(ctx, minutes=1)
    again = scan(ctx, hospital, p.payload, "out")  # no recorded entry: still let out, and flagged
    assert (again.outcome, again.flags) == ("exit", ("not_inside", "revoked"))
    with ctx.db.read() as s:
        flags = s.scalars(select(GateEvent.flags).where(GateEvent.outcome == "exit").order_by(GateEvent.id)).all()
    assert flags == ["revoked", "not_inside,revoked"]


def test_a_discharged_patients_escort_and_a_wrong_gate_leave_flagged(ctx: AppContext, hospital: Ward) -> None:
    p = escort(ctx, hospital)
    scan(ctx, hospital, p.payload)
    later(ctx, minutes=5)
    ctx.wards.discharge(hospital.nurse, hospital.patients["general"])
    out = scan(ctx, hospital, p.payload, "out", gate="ICU门岗")
    assert out.outcome == "exit" and set(out.flags) == {"discharged", "wrong_ward"}
    assert ctx.gate.inside(hospital.gatekeeper) == []


def test_a_visitor_stuck_inside_leaves_and_no_longer_blocks_the_next(ctx: AppContext, hospital: Ward) -> None:
    first = visitor(ctx, hospital)
    assert scan(ctx, hospital, first.payload).outcome == "admit"
    later(ctx, days=40)  # the visitor's exit was never recorded: still inside, an overstay — not dropped by age
    [stuck] = ctx.gate.inside(hospital.gatekeeper)
    assert stuck.permit_number == first.number and stuck.overdue
    second = visitor(ctx, hospital)
    assert scan(ctx, hospital, second.payload).reason == "visitor_inside"
    later(ctx, minutes=1)
    out = scan(ctx, hospital, first.number, "out")  # a typed number works at the exit too
    assert out.outcome == "exit" and out.flags == ("overstay",) and out.overstay_minutes
    assert [json.loads(a.evidence)["permit"] for a in alerts(ctx, "visitor_overstay")] == [first.number]
    assert ctx.gate.inside(hospital.gatekeeper) == []
    assert scan(ctx, hospital, second.payload).outcome == "admit"


def test_the_same_card_again_within_seconds_is_a_repeated_scan(ctx: AppContext, hospital: Ward) -> None:
    p = escort(ctx, hospital)
    assert scan(ctx, hospital, p.payload).outcome == "admit"
    later(ctx, seconds=4)
    repeat = scan(ctx, hospital, p.payload)
    assert (repeat.outcome, repeat.repeat_of, repeat.permit_number) == ("repeat", "admit", p.number)
    later(ctx, seconds=4)
    assert scan(ctx, hospital, p.number, "out").outcome == "repeat"  # whatever the direction: no passage
    assert passages(ctx) == 1 and len(ctx.gate.inside(hospital.gatekeeper)) == 1
    later(ctx, seconds=3)  # 11 s after the passage
    assert scan(ctx, hospital, p.payload, "out").outcome == "exit"
    assert passages(ctx) == 2


def test_the_repeat_window_is_a_figure(ctx: AppContext, hospital: Ward) -> None:
    figures = FiguresService(ctx.db, ctx.clock)
    current, version = figures.get(WardFigures)
    assert (current.repeat_scan_seconds, current.offline_max_age_hours) == (10, 24)
    figures.update(hospital.admin, WardFigures(**{**current.__dict__, "repeat_scan_seconds": 3}), version)
    p = escort(ctx, hospital)
    scan(ctx, hospital, p.payload)
    later(ctx, seconds=4)
    assert scan(ctx, hospital, p.payload, "out").outcome == "exit"


def test_each_gate_lists_and_warns_about_its_own_wards(ctx: AppContext, hospital: Ward) -> None:
    general = visitor(ctx, hospital)
    icu_escort = ctx.wards.approve_exception(hospital.admin, hospital.patients["icu"], "escort_restricted_ward",
                                             "病人躁动需家属陪护")
    icu = escort(ctx, hospital, "icu", exception_id=icu_escort)
    scan(ctx, hospital, general.payload)
    scan(ctx, hospital, icu.payload, gate="ICU门岗")
    assert [r.permit_number for r in ctx.gate.inside(hospital.gatekeeper, GATE)] == [general.number]
    assert [r.permit_number for r in ctx.gate.inside(hospital.gatekeeper, "ICU门岗")] == [icu.number]
    assert len(ctx.gate.inside(hospital.gatekeeper)) == 2  # the ward desk sees every ward
    later(ctx, minutes=31)
    assert ctx.gate.overstays(hospital.gatekeeper, "ICU门岗") == []
    assert [r.permit_number for r in ctx.gate.overstays(hospital.gatekeeper, GATE)] == [general.number]
    assert ctx.gate.raise_overstays(hospital.gatekeeper, "ICU门岗") == [] and alerts(ctx, "visitor_overstay") == []


def test_every_recorded_scan_is_in_the_audit_chain_and_a_dry_check_writes_nothing(ctx: AppContext,
                                                                                   hospital: Ward) -> None:
    p = escort(ctx, hospital)
    with ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    dry = scan(ctx, hospital, p.payload, record=False)
    assert dry.outcome == "admit" and passages(ctx) == 0
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before
    scan(ctx, hospital, p.payload)
    scan(ctx, hospital, "FSP1:GARBAGE")
    with ctx.db.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == "gate.scan").order_by(AuditEvent.seq)).all()
    assert [json.loads(r.summary)["outcome"] for r in rows] == ["admit", "deny"]
    first = json.loads(rows[0].summary)
    assert first == {"gate": GATE, "direction": "in", "outcome": "admit", "permit": p.number}
    assert ESCORT.name not in rows[0].summary and "王" not in rows[0].summary


# ----- the offline gate ---------------------------------------------------------------------------------

def test_offline_gate_refuses_on_data_older_than_the_limit_but_lets_people_out(ctx: AppContext, hospital: Ward,
                                                                              tmp_path: Path) -> None:
    p = escort(ctx, hospital, valid_until=ctx.clock.now() + timedelta(days=3))
    GateStation(ctx.gate, ctx.clock, tmp_path, GATE).refresh_cache()
    down = offline_station(ctx, tmp_path)
    later(ctx, hours=23)
    ok = down.check(hospital.gatekeeper, p.payload)
    assert (ok.outcome, ok.offline, ok.data_taken_at) == ("admit", True, ctx.clock.now() - timedelta(hours=23))
    later(ctx, hours=1, seconds=1)  # 24 h and a second: the clinic's limit
    old = down.check(hospital.gatekeeper, p.payload, "out")
    assert old.outcome == "exit"  # leaving is never refused
    later(ctx, minutes=1)
    refused = down.check(hospital.gatekeeper, p.payload)
    assert (refused.outcome, refused.reason) == ("deny", "offline_data_too_old")
    assert down.status().data_taken_at == ctx.clock.now() - timedelta(hours=24, minutes=1, seconds=1)
    empty = offline_station(ctx, tmp_path / "new-pc")  # no copy at all
    assert empty.check(hospital.gatekeeper, p.payload).reason == "offline_data_too_old"


def test_offline_gate_detects_a_clock_set_back(ctx: AppContext, hospital: Ward, tmp_path: Path) -> None:
    p = escort(ctx, hospital)
    GateStation(ctx.gate, ctx.clock, tmp_path, GATE).refresh_cache()
    taken = ctx.clock.now()
    clock = FixedClock(taken - timedelta(minutes=30))  # earlier than the copy it holds
    down = offline_station(ctx, tmp_path, clock)
    assert down.check(hospital.gatekeeper, p.payload).reason == "clock_went_back"
    clock.advance(minutes=90)  # taken + 1 h
    assert down.check(hospital.gatekeeper, p.payload).outcome == "admit"
    clock.advance(minutes=-40)  # set back to taken + 20 min: earlier than the scan it has queued
    fresh_pc = offline_station(ctx, tmp_path, clock)  # even after a restart: the queue remembers
    assert fresh_pc.check(hospital.gatekeeper, p.payload).reason == "clock_went_back"
    clock.advance(minutes=39)  # within the tolerance of the latest time seen
    assert fresh_pc.check(hospital.gatekeeper, p.payload).outcome == "admit"


def test_a_torn_queue_record_is_set_aside_and_never_blocks_the_gate(ctx: AppContext, hospital: Ward,
                                                                    tmp_path: Path) -> None:
    p, v = escort(ctx, hospital), visitor(ctx, hospital, "level3")
    online = GateStation(ctx.gate, ctx.clock, tmp_path, GATE)
    online.refresh_cache()
    down = offline_station(ctx, tmp_path)
    assert down.check(hospital.gatekeeper, p.payload).outcome == "admit"
    with open(down.pending_path, "a", encoding="utf-8") as fh:
        fh.write('{"e": {"event_key": "torn", "gate": "内科')  # the power went out mid-write
    later(ctx, minutes=1)
    assert down.check(hospital.gatekeeper, v.payload).outcome == "admit"  # the next scan still works
    with open(down.pending_path, "a", encoding="utf-8") as fh:  # a line altered on the disk
        fh.write(down.pending_path.read_text(encoding="utf-8").splitlines()[0].replace('"admit"', '"exit"') + "\n")
    assert [e["outcome"] for e in down.pending()] == ["admit", "admit"]
    assert down.set_aside() == 2 and "torn" in down.quarantine_path.read_text(encoding="utf-8")
    assert down.status().set_aside == 2
    result = online.flush_pending(hospital.gatekeeper)
    assert (result.stored, result.set_aside, result.refusable) == (2, 2, ())
    assert online.pending() == []


def test_offline_admission_refused_by_live_data_is_an_incident(ctx: AppContext, hospital: Ward,
                                                               tmp_path: Path) -> None:
    gone, ok = escort(ctx, hospital), visitor(ctx, hospital, "level3")
    online = GateStation(ctx.gate, ctx.clock, tmp_path, GATE)
    online.refresh_cache()
    later(ctx, minutes=10)
    ctx.permits.revoke(hospital.nurse, gone.id, "陪护人发热")  # the offline copy does not know yet
    down = offline_station(ctx, tmp_path)
    later(ctx, minutes=1)
    assert down.check(hospital.gatekeeper, gone.payload).outcome == "admit"  # what the copy allowed
    assert down.check(hospital.gatekeeper, ok.payload).outcome == "admit"
    result = online.flush_pending(hospital.gatekeeper)
    assert result.stored == 2 and [(r.permit_number, r.reason) for r in result.refusable] == [(gone.number,
                                                                                              "revoked")]
    [alert] = alerts(ctx, "offline_admit_refusable")
    assert json.loads(alert.evidence) == {"permit": gone.number, "gate": GATE, "reason": "revoked"}
    with ctx.db.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == "gate.scan")).all()
    summaries = [json.loads(r.summary) for r in rows]
    assert len(summaries) == 2 and all(x["offline"] for x in summaries)
    assert [x.get("refusable") for x in summaries] == ["revoked", None]
    assert {r.permit_number for r in ctx.gate.inside(hospital.gatekeeper)} == {gone.number, ok.number}
    assert online.flush_pending(hospital.gatekeeper).stored == 0 and len(alerts(ctx, "offline_admit_refusable")) == 1


def test_offline_gate_applies_the_escort_test_and_one_visitor_at_a_time(ctx: AppContext, hospital: Ward,
                                                                        tmp_path: Path) -> None:
    p = escort(ctx, hospital, test_at=ctx.clock.now() - timedelta(hours=40))  # valid 8 more hours
    first = visitor(ctx, hospital, "level3")
    second = visitor(ctx, hospital, "level3", start_in=30, holder=ESCORT)
    GateStation(ctx.gate, ctx.clock, tmp_path, GATE).refresh_cache()
    down = offline_station(ctx, tmp_path)
    assert down.check(hospital.gatekeeper, first.payload).outcome == "admit"
    later(ctx, minutes=31)
    assert down.check(hospital.gatekeeper, second.payload).reason == "visitor_inside"
    out = down.check(hospital.gatekeeper, first.payload, "out")
    assert out.outcome == "exit" and out.overstay_minutes == 1 and out.flags == ("overstay",)
    later(ctx, minutes=1)
    assert down.check(hospital.gatekeeper, second.payload).outcome == "admit"
    assert down.check(hospital.gatekeeper, first.payload).reason == "visit_used"
    later(ctx, hours=9)
    assert down.check(hospital.gatekeeper, p.payload).reason == "escort_test_old"
    assert VISITOR.name not in down.pending_path.read_text(encoding="utf-8")


# ----- scanned text ---------------------------------------------------------------------------------

IME = {":": ["：", ":"], "$": ["￥", "¥", "＄"], "%": ["％"], ".": ["。", "．"], "/": ["、", "／"],
       "*": ["＊", "×"], "+": ["＋"], "-": ["－", "—"], " ": ["\u3000", " "]}
NOISE = st.sampled_from(["", " ", "\r\n", "\t", "\n", '"', "“", "\u3000", "]Q1", "]Q3 ", "扫码：", "\x02"])
SUFFIX = st.sampled_from(["", " ", "\r\n", "\t", '"', "”", "\r", "\x03"])


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    caps = draw(st.booleans())
    out = []
    for ch in text:
        if ch in IME and draw(st.booleans()):
            out.append(draw(st.sampled_from(IME[ch])))
        elif ch.isalpha():
            ch = ch.lower() if caps else ch
            out.append(chr(ord(ch) + 0xFEE0) if draw(st.integers(0, 9)) == 0 else ch)  # a full-width letter
        elif ch.isdigit() and draw(st.integers(0, 9)) == 0:
            out.append(chr(ord(ch) + 0xFEE0))
        else:
            out.append(ch)
    return draw(NOISE) + "".join(out) + draw(SUFFIX)


def _valid(ctx: AppContext, hospital: Ward,  # type: ignore[type-arg]
           cache: dict) -> tuple[str, credential.Credential, Any]:
    if cache.get("ctx") is not ctx:
        payload = escort(ctx, hospital, valid_until=ctx.clock.now() + timedelta(days=1)).payload
        cache.update(ctx=ctx, payload=payload)

        def key_for(kid: str):  # type: ignore[no-untyped-def]
            with ctx.db.read() as s:
                return ctx.gate._public_key(s, kid)  # the keys the gate trusts for permits

        cache.update(keys=key_for, cred=credential.decode(payload, key_for))
    return cache["payload"], cache["cred"], cache["keys"]


_CACHE: dict = {}  # type: ignore[type-arg]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_ime_and_caps_lock_mangled_permits_decode_to_the_same_permit(ctx: AppContext, hospital: Ward,
                                                                     data: st.DataObject) -> None:
    payload, real, keys = _valid(ctx, hospital, _CACHE)
    text = data.draw(mangled(payload))
    assert credential.decode(scan_text.permit_text(text), keys) == real


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_gate_reads_a_mangled_permit(ctx: AppContext, hospital: Ward, data: st.DataObject) -> None:
    payload, real, _ = _valid(ctx, hospital, _CACHE)
    decision = scan(ctx, hospital, data.draw(mangled(payload)), record=False)
    assert (decision.outcome, decision.ward, decision.id_last4) == ("admit", real.ward, real.id_last4)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=200), st.text(max_size=200).map(lambda t: "fsp1：" + t),
                      st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", max_size=200)
                      .map(lambda t: "FSP1:" + t)))
def test_random_scanned_text_is_always_a_deny(ctx: AppContext, hospital: Ward, text: str) -> None:
    _valid(ctx, hospital, _CACHE)
    decision = scan(ctx, hospital, text, record=False)
    assert decision.outcome == "deny" and decision.reason in ("unreadable", "unknown_permit", "unknown_key",
                                                              "forged")


def test_typed_numbers_and_transfer_tokens_are_cleaned(ctx: AppContext, hospital: Ward) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.keys import ClinicKey
    from app.signing import TokenError, sign_token, verify_token

    p = escort(ctx, hospital)
    assert scan(ctx, hospital, " " + p.number.lower().replace("", "")[:] + "\r\n", record=False).outcome == "admit"
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in p.number)
    assert scan(ctx, hospital, full_width, record=False).outcome == "admit"
    key = ClinicKey(Ed25519PrivateKey.generate())
    token = sign_token(key, {"kind": "transfer", "exp": 4102444800, "vno": "V1"})
    public = key.private.public_key()

    def verify(t: str) -> dict:  # type: ignore[type-arg]
        return verify_token(t, lambda kid: public if kid == key.key_id else None, kind="transfer",
                            now=datetime(2026, 1, 1))

    caps = "  " + token.swapcase().replace(":", "：").replace(".", "。") + "\r\n"
    assert scan_text.verify_first(caps, verify)["vno"] == "V1"
    assert scan_text.verify_first(token.replace("_", "——"), verify)["vno"] == "V1"
    with pytest.raises(TokenError):
        scan_text.verify_first(token[:-3] + "AAA", verify)
