"""Desk keys by purpose (issue 13, deliverable 1): enrolment and revocation, transfer forms from another
clinic's desks, hub submissions signed by a desk. Permits at the gate: tests/wards/test_desk_key_permits.py."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.desk_keys import DeskPurpose, DeskSigner, desk_signer, signer_for, with_enrolment
from app.desk_vocab import DeskKeyState, TrustPurpose
from app.errors import NotFound, PermissionDenied, ValidationError
from app.keys import ClinicKey, public_key_text
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.signing import TokenError, sign_token
from tests.conftest import init_clinic


def second_desk(ctx: AppContext, db_url: str, root: Path, name: str = "desk2") -> AppContext:
    return open_context(DataPaths(root / name), db_url, clock=ctx.clock, argon2=OWASP_FLOOR)


@pytest.fixture
def receiver(tmp_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    """Another clinic (the designated hospital), with a doctor who receives transfers."""
    other = open_context(DataPaths(tmp_path / "hospital"), clock=clock, argon2=OWASP_FLOOR)
    other.clinic.initialize(Actor.system(), code="SZ01", name="市传染病医院", level="county", admin_username="boss",
                            admin_full_name="院长", admin_password="admin-pass-1")
    other.users.create(Actor.system(), username="recv", full_name="周医生", roles=["doctor"], password="recv-pass-1")
    yield other
    other.close()


def transfer_token(desk: AppContext, code: str = "XH01") -> str:
    with desk.db.read() as s:
        signer = desk_signer(s, desk.keys, DeskPurpose.TRANSFER.value)
    return with_enrolment(signer, {"kind": "transfer", "iss": code, "tid": 1, "vno": "V1", "exp": 2e9})


def test_init_enrols_this_desk_and_the_key_file_is_private(ctx: AppContext, admin: Actor) -> None:
    desks = ctx.desk_keys.list(admin)
    assert [(d.state, d.this_desk, d.enrolment_valid) for d in desks] == [("enrolled", True, True)]
    assert set(desks[0].purposes) == {p.value for p in DeskPurpose}
    assert ctx.keys.desk_path.is_file()
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(ctx.keys.desk_path).st_mode) == 0o600
    before = ctx.keys.desk_path.read_bytes()
    assert ctx.keys.desk().key_id == desks[0].key_id and ctx.keys.desk_path.read_bytes() == before  # never remade
    actions = [e.action for e in ctx.audit.page(admin, offset=0, limit=50)]
    assert {"desk.register", "desk.enrol"} <= set(actions)  # audited as the system at init


def test_enrol_and_revoke_both_ways(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path) -> None:
    other = second_desk(ctx, db_url, tmp_path)
    try:
        mine = other.desk_keys.this_desk("分诊台2")
        assert mine is not None and mine.state == DeskKeyState.PENDING and not mine.enrolment_valid
        assert other.desk_keys.this_desk("分诊台2") == mine  # registered once
        with pytest.raises(PermissionDenied) as not_here:
            other.desk_keys.enrol(admin, mine.key_id)
        assert not_here.value.code == "clinic_key_not_here"
        ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
        nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "ws")
        with pytest.raises(PermissionDenied):
            ctx.desk_keys.enrol(nurse, mine.key_id)
        with pytest.raises(ValidationError):
            ctx.desk_keys.enrol(admin, mine.key_id, ["permit", "everything"])
        with pytest.raises(NotFound):
            ctx.desk_keys.enrol(admin, "0" * 16)
        done = ctx.desk_keys.enrol(admin, mine.key_id, ["transfer"])
        assert done.state == "enrolled" and done.purposes == ("transfer",) and done.enrolled_by == "boss"
        with pytest.raises(PermissionDenied) as purpose:  # enrolled for transfers, not for the hub
            signer_for(other.db, other.clock, other.keys, admin, DeskPurpose.HUB.value)
        assert purpose.value.code == "desk_not_enrolled"
        assert signer_for(other.db, other.clock, other.keys, admin, DeskPurpose.TRANSFER.value).enrolment
        with pytest.raises(Exception) as again:
            ctx.desk_keys.enrol(admin, mine.key_id)
        assert getattr(again.value, "code", "") == "desk_not_pending"
        with pytest.raises(ValidationError) as reason:
            ctx.desk_keys.revoke(admin, mine.key_id, " ")
        assert reason.value.code == "revoke_reason"
        with pytest.raises(PermissionDenied):
            ctx.desk_keys.revoke(nurse, mine.key_id, "lost")
        gone = ctx.desk_keys.revoke(admin, mine.key_id, "电脑丢失")
        assert (gone.state, gone.revoked_by, gone.revoke_reason) == ("revoked", "boss", "电脑丢失")
        with pytest.raises(PermissionDenied) as revoked:
            signer_for(other.db, other.clock, other.keys, admin, DeskPurpose.TRANSFER.value)
        assert revoked.value.code == "desk_revoked"
    finally:
        other.close()


def test_a_revocation_undone_in_the_file_is_named_by_audit_verify(ctx: AppContext, admin: Actor, db_url: str,
                                                                  tmp_path: Path) -> None:
    """Flipping a revoked desk key back to enrolled by SQL keeps a valid enrolment, so the gate would trust it
    again; the desk row's digest in the audit trail names the edit."""
    from sqlalchemy import text

    from app import audit

    other = second_desk(ctx, db_url, tmp_path)
    try:
        mine = other.desk_keys.this_desk("分诊台2")
        assert mine is not None
        ctx.desk_keys.enrol(admin, mine.key_id)
        ctx.desk_keys.revoke(admin, mine.key_id, "电脑丢失")
        with ctx.db.read() as s:
            assert audit.verify_all(s).ok
        with ctx.db.write() as s:
            s.execute(text("UPDATE desk_keys SET state = 'enrolled' WHERE key_id = :k"), {"k": mine.key_id})
        with ctx.db.read() as s:
            report = audit.verify_all(s)
        assert not report.ok and report.problem == "business_row_edited"
        assert report.edited is not None and (report.edited.entity, report.edited.entity_id) == ("desk", mine.key_id)
    finally:
        other.close()


def test_a_transfer_form_from_a_trusted_clinics_desks(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path,
                                                      receiver: AppContext) -> None:
    recv = receiver.users.authenticate("recv", "recv-pass-1", "er-1")
    sender = ctx.clinic.get()
    token = transfer_token(ctx)
    with pytest.raises(TokenError) as untrusted:
        receiver.transfers.verify_handover(recv, token)
    assert untrusted.value.code == "unknown_key"
    with pytest.raises(ValidationError):
        receiver.transfers.trust_clinic(Actor.system(), code=sender.code, name=sender.name,
                                        public_key=sender.public_key, purpose="permit")
    receiver.transfers.trust_clinic(Actor.system(), code=sender.code, name=sender.name, public_key=sender.public_key)
    assert receiver.transfers.trusted_clinics(Actor.system())[0].purpose == TrustPurpose.TRANSFER
    assert receiver.transfers.verify_handover(recv, token)["vno"] == "V1"  # enrolled desk → clinic key → token
    signed, _, enrolment = token.partition("~")
    with pytest.raises(TokenError):
        receiver.transfers.verify_handover(recv, signed)  # without its enrolment the desk key is unknown there
    other = second_desk(ctx, db_url, tmp_path)  # an unenrolled desk of the sending clinic
    try:
        other.desk_keys.this_desk("急诊")
        own_key = other.keys.desk()
        self_made = sign_token(ClinicKey(Ed25519PrivateKey.generate()), {  # an enrolment not by the clinic key
            "kind": "desk_enrolment", "iss": "XH01", "kid": own_key.key_id, "pub": public_key_text(own_key.public_raw),
            "ws": "x", "pur": ["transfer"], "iat": 0, "exp": 4102444800})
        body = {"kind": "transfer", "iss": "XH01", "tid": 2, "vno": "V2", "exp": 2e9}
        for carried in ("", "~" + self_made, "~" + enrolment):  # none, forged, another desk's
            with pytest.raises(TokenError):
                receiver.transfers.verify_handover(recv, sign_token(own_key, body) + carried)
        ctx.desk_keys.enrol(admin, own_key.key_id, ["permit"])  # enrolled, but not for transfer forms
        with pytest.raises(TokenError):
            receiver.transfers.verify_handover(recv, with_enrolment(signer_for(
                other.db, other.clock, other.keys, admin, DeskPurpose.PERMIT.value), body))
        ctx.desk_keys.revoke(admin, own_key.key_id, "wrong purposes")
        revoked_token = sign_token(own_key, body)
        with pytest.raises(TokenError):  # at its own clinic, a revoked desk's form is refused
            ctx.transfers.verify_handover(admin_with_transfer(ctx, admin), revoked_token)
    finally:
        other.close()
    receiver.transfers.distrust_clinic(Actor.system(), sender.code, "closed")
    with pytest.raises(TokenError):
        receiver.transfers.verify_handover(recv, token)


def admin_with_transfer(ctx: AppContext, admin: Actor) -> Actor:
    ctx.users.create(admin, username="doc", full_name="张伟", roles=["doctor"], password="doc-pass-12")
    return ctx.users.authenticate("doc", "doc-pass-12", "ws")


def test_hub_accepts_a_desk_signed_report_and_refuses_a_forged_enrolment(ctx: AppContext, admin: Actor,
                                                                        tmp_path: Path) -> None:
    from app.hub.clinic_auth import ClinicAuthError, verify_signed
    from app.hub.store import add_clinic, open_hub
    from app.reporting.hub_auth import signed_headers

    hub = open_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        clinic = ctx.clinic.get()
        add_clinic(hub, clinic.code, clinic.name, clinic.public_key, ctx.clock.now())
        body = json.dumps({"type": "daily_report", "clinic": "XH01"}).encode()
        desk = signer_for(ctx.db, ctx.clock, ctx.keys, admin, DeskPurpose.HUB.value)
        headers = signed_headers(desk, clinic.code, body)
        assert headers["x-enrolment"] and headers["x-key-id"] == desk.key_id
        assert verify_signed(hub, headers, body) == "XH01"
        assert verify_signed(hub, signed_headers(ctx.keys.load("XH01"), "XH01", body), body) == "XH01"  # old release
        intruder = ClinicKey(Ed25519PrivateKey.generate())
        forged = sign_token(intruder, {"kind": "desk_enrolment", "iss": "XH01", "kid": intruder.key_id,
                                       "pub": public_key_text(intruder.public_raw), "ws": "x", "pur": ["hub"],
                                       "iat": 0, "exp": 4102444800})
        bad = signed_headers(intruder, "XH01", body) | {"x-enrolment": forged}
        with pytest.raises(ClinicAuthError) as refused:
            verify_signed(hub, bad, body)
        assert (refused.value.code, refused.value.status) == ("bad_enrolment", 401)
        stolen = signed_headers(intruder, "XH01", body) | {"x-enrolment": headers["x-enrolment"]}
        with pytest.raises(ClinicAuthError):  # a real enrolment does not vouch for another key
            verify_signed(hub, stolen, body)
        with pytest.raises(ClinicAuthError) as altered:
            verify_signed(hub, headers, body + b" ")
        assert altered.value.code == "bad_signature"
    finally:
        hub.dispose()


def test_words_for_every_desk_code() -> None:
    from app.vocabulary.audit import ACTION
    from app.vocabulary.enums import TABLES, code_of
    from app.printing.audit_text import WORDING
    from app.desk_vocab import DeskPurpose as Purpose

    for enum in (DeskKeyState, Purpose, TrustPurpose):
        assert all(code_of(member) in TABLES[enum] for member in enum)
    assert {"desk.register", "desk.enrol", "desk.revoke"} <= set(ACTION) & set(WORDING)


def test_cli_desk_commands(tmp_path: Path) -> None:
    from app.cli import main

    root, second = tmp_path / "first", tmp_path / "second"
    db = f"sqlite:///{root / 'fever-sentinel.sqlite3'}"
    ctx = open_context(DataPaths(root), argon2=OWASP_FLOOR)
    init_clinic(ctx)
    ctx.close()

    def run(*args: str, where: Path = root) -> tuple[int, str]:
        out = io.StringIO()
        code = main(["--data-dir", str(where), "--db-url", db, *args], out=out)
        return code, out.getvalue()

    code, text = run("desk", "key", "--json", where=second)
    pending = json.loads(text)
    assert code == 0 and pending["state"] == "pending" and pending["this_desk"]
    assert run("desk", "enrol", pending["key_id"], where=second)[0] == 1  # no clinic key on that desk
    code, text = run("desk", "enrol", pending["key_id"], "--purpose", "permit")
    assert code == 0 and "enrolled for permit" in text
    assert run("desk", "revoke", pending["key_id"], "--reason", "x")[0] == 1
    assert run("desk", "revoke", pending["key_id"], "--reason", "lost laptop")[0] == 0
    listed = {d["key_id"]: d["state"] for d in json.loads(run("desk", "list", "--json")[1])}
    assert sorted(listed.values()) == ["enrolled", "revoked"]


@pytest.mark.parametrize("workstation", ["发热门诊2号", "发" * 32])
def test_a_desk_signed_form_with_its_enrolment_still_scans_from_the_printed_form(workstation: str) -> None:
    """The enrolment the token carries makes it longer (~750–800 characters): the handover form's QR still
    decodes from a 200 dpi rendering (zxing-cpp), with the longest workstation name an enrolment holds."""
    import zxingcpp

    from app.desk_keys import ENROLMENT_WS_MAX
    from app.printing.transfer_form import transfer_handover_pdf
    from tests.printing import fixtures as F
    from tests.printing import pdftools as T

    clinic_key, desk_key = ClinicKey(Ed25519PrivateKey.generate()), ClinicKey(Ed25519PrivateKey.generate())
    enrolment = sign_token(clinic_key, {
        "kind": "desk_enrolment", "iss": "HN0231", "pub": public_key_text(desk_key.public_raw),
        "ws": workstation[:ENROLMENT_WS_MAX], "pur": [p.value for p in DeskPurpose], "iat": 1790000000,
        "exp": 4102444800})
    signer = DeskSigner(desk_key.private, enrolment=enrolment, clinic_code="HN0231")
    token = with_enrolment(signer, {
        "kind": "transfer", "iss": "HN0231", "tid": 123456, "vno": F.VISIT_NO, "name": "欧阳*明", "sex": "male",
        "age": 41, "cls": "suspected", "dst": F.HOSPITAL, "at": 1790000000, "exp": 1790259200})
    assert len(token) < 850
    pdf = transfer_handover_pdf(F.transfer(), F.transfer_tests(), F.clinic(), token, F.TRANSFER_PRINTED_AT)
    found = zxingcpp.read_barcodes(T.render(pdf, 200)[0])
    assert [b.text for b in found] == [token]
