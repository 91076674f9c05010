"""Verifying a transfer handover QR through the service, beside one raw Ed25519 verification in the
same run (figures, not assertions). Target (issue 5): verify p95 ≤ 5 ms."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.actor import Actor
from app.context import open_context
from app.keys import KeyStore, load_public_key
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.signing import sign_token
from tests.bench import table


@pytest.mark.slow
def test_bench_handover_qr_verify(tmp_path: Path) -> None:
    ctx = open_context(DataPaths(tmp_path / "data"), argon2=OWASP_FLOOR)
    system = Actor.system()
    clinic, _ = ctx.clinic.initialize(system, code="XH01", name="新河镇卫生院", level="township",
                                      admin_username="boss", admin_full_name="王", admin_password="admin-pass-1")
    ctx.users.create(system, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "desk-1")
    key = KeyStore(ctx.paths.keys).load("XH01")
    token = sign_token(key, {"kind": "transfer", "iss": "XH01", "tid": 1, "vno": "XH01-20261123-0001",
                             "name": "王*", "sex": "female", "age": 76, "cls": "suspected", "dst": "市传染病医院",
                             "at": 1_795_000_000, "exp": 4_000_000_000})
    signed, _, signature = token.rpartition(".")
    import base64

    raw_signature = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    public = load_public_key(clinic.public_key)
    service = table.timed(lambda i: ctx.transfers.verify_handover(nurse, token), 300)
    raw = table.timed(lambda i: public.verify(raw_signature, signed.encode("ascii")), 300)
    ctx.close()
    table.add_timed("verify handover QR", None, service, target=5, baseline=raw, note=f"{len(token)} characters")
