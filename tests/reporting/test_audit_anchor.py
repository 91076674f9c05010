"""The audit trail anchored at the county hub (issue 13): an insider with write access to the clinic's
database file, against a real hub process on loopback. Each tampering fails ``audit verify --hub``
with exit 1 and one line naming it; an untouched clinic passes; a recorded restore is explained and
the hub flags the roll-back; a receipt signed by another key is refused and audited."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text

from app import audit
from app.actor import Actor
from app.cli import main as cli_main
from app.context import AppContext
from app.db.models import AuditEvent, HubReceipt
from app.hub import anchors
from app.hub.store import add_clinic, open_hub
from app.reporting.anchor_check import AnchorService
from app.triage.records import PatientInput, ScreeningInput
from tests.conftest import init_clinic
from tests.reporting.loopback import HubProcess
from tests.test_audit_chain import raw

DAY = date(2026, 11, 22)  # the fixture clock is 23 Nov 09:00 clinic time


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub").start()
    yield process
    process.stop()


@pytest.fixture
def clinic(ctx: AppContext, hub: HubProcess) -> Actor:
    admin = init_clinic(ctx)
    row = ctx.clinic.get()
    hub_db = open_hub(hub.db_url)
    add_clinic(hub_db, row.code, row.name, row.public_key, ctx.clock.now())
    hub_db.dispose()
    ctx.sync.set_hub_url(admin, hub.url)
    return admin


def work(ctx: AppContext, admin: Actor, n: int = 3, prefix: str = "nurse") -> list[str]:
    """Some audited writes: staff accounts and registered visits. Returns the visit numbers."""
    visits = []
    for i in range(n):
        ctx.users.create(admin, username=f"{prefix}{i}", full_name=f"护士{i}", roles=["triage_nurse", "doctor"],
                         password=f"pass-word-{i}")
        nurse = ctx.users.authenticate(f"{prefix}{i}", f"pass-word-{i}", "ws-triage")
        screening = ctx.screening.record(nurse, ScreeningInput(38.6 + i / 10, symptoms=frozenset({"cough"}),
                                                               health_code="green"))
        patient = PatientInput(name=f"患者{i}", id_type="other", id_missing_reason="未带证件", sex="female")
        visits.append(ctx.registration.register(nurse, screening_id=screening.id, patient=patient).visit_no)
    return visits


def report_day(ctx: AppContext, day: date = DAY) -> int:
    """Submit the day's report and deliver it: the hub keeps its anchor (returned) and answers with a receipt."""
    anchored = ctx.reports.submit(Actor.system(), day).audit_seq
    assert ctx.sync.push(Actor.system(), force=True).delivered == 1
    return anchored


def verify_hub(ctx: AppContext, db_url: str, hub: HubProcess) -> tuple[int, str]:
    out = io.StringIO()
    code = cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "audit", "verify", "--hub", hub.url],
                    out=out)
    return code, out.getvalue()


def head(ctx: AppContext) -> tuple[int, str]:
    with ctx.db.read() as s:
        return audit.head(s)


def test_an_untouched_clinic_agrees_with_the_hub_and_keeps_receipts(ctx: AppContext, clinic: Actor, db_url: str,
                                                                     hub: HubProcess) -> None:
    work(ctx, clinic)
    report_day(ctx)
    ctx.clock._now += timedelta(days=1)  # type: ignore[attr-defined]  # a second day: two anchors at the hub
    work(ctx, clinic, 1, prefix="late")
    report_day(ctx, DAY + timedelta(days=1))
    code, line = verify_hub(ctx, db_url, hub)
    assert code == 0, line
    assert "2 anchors checked" in line
    service = AnchorService(ctx.sync)
    pinned = service.hub_key()
    assert pinned is not None and pinned.source == "receipt"
    with ctx.db.read() as s:
        assert len(s.scalars(select(HubReceipt)).all()) == 2
        pin_rows = s.scalars(select(AuditEvent).where(AuditEvent.action == "audit.hub_key")).all()
    assert len(pin_rows) == 1  # pinned once, audited
    public = httpx.get(f"{hub.url}/api/v1/status").status_code  # the hub is up; its key is the pinned one
    assert public in (200, 401)
    out = io.StringIO()
    assert cli_main(["--data-dir", str(hub.data_dir), "hub", "public-key", "--quiet"], out=out) == 0
    assert out.getvalue().strip() == pinned.public_key


def test_tail_deleted_is_named(ctx: AppContext, clinic: Actor, db_url: str, hub: HubProcess) -> None:
    work(ctx, clinic)
    seq = report_day(ctx)
    keep = seq - 4
    with raw(ctx) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq > :k"), {"k": keep})
        h = conn.execute(text("SELECT hash FROM audit_events WHERE seq = :k"), {"k": keep}).scalar_one()
        conn.execute(text("UPDATE audit_head SET seq = :k, hash = :h"), {"k": keep, "h": h})
    plain = io.StringIO()
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "audit", "verify"], out=plain) == 0
    code, line = verify_hub(ctx, db_url, hub)  # the local chain alone still looks intact: the hub does not
    assert code == 1 and "tail deleted" in line and f"seq {seq} " in line, line


def test_rows_edited_and_chain_recomputed_is_named(ctx: AppContext, clinic: Actor, db_url: str,
                                                   hub: HubProcess) -> None:
    work(ctx, clinic)
    anchored = report_day(ctx)
    target = 3
    with ctx.db.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.seq >= target).order_by(AuditEvent.seq)).all()
        prev = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == target - 1))
        forged = []
        for r in rows:  # the insider rewrites who did it, and recomputes every later hash and the head
            user = "nobody" if r.seq == target else r.username
            h = audit.row_hash(seq=r.seq, at=r.at, user_id=r.user_id, username=user, roles=r.roles,
                               workstation=r.workstation, action=r.action, entity=r.entity, entity_id=r.entity_id,
                               summary=r.summary, outcome=r.outcome, prev_hash=prev, row_digest=r.row_digest)
            forged.append((r.seq, user, prev, h))
            prev = h
    with raw(ctx) as conn:
        for seq, user, p, h in forged:
            conn.execute(text("UPDATE audit_events SET username = :u, prev_hash = :p, hash = :h WHERE seq = :s"),
                         {"u": user, "p": p, "h": h, "s": seq})
        conn.execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
    with ctx.db.read() as s:
        assert audit.verify_all(s).ok  # locally undetectable
    code, line = verify_hub(ctx, db_url, hub)
    assert code == 1 and "rows edited and the chain recomputed" in line and f"seq {anchored} " in line, line


def test_trail_wiped_is_named(ctx: AppContext, clinic: Actor, db_url: str, hub: HubProcess) -> None:
    work(ctx, clinic)
    report_day(ctx)
    with raw(ctx) as conn:
        conn.execute(text("DELETE FROM audit_events"))
        conn.execute(text("UPDATE audit_head SET seq = 0, hash = :h"), {"h": audit.GENESIS_HASH})
    code, line = verify_hub(ctx, db_url, hub)
    assert code == 1 and "trail wiped" in line, line


def test_a_business_row_edited_by_raw_sql_is_named(ctx: AppContext, clinic: Actor, db_url: str,
                                                   hub: HubProcess) -> None:
    visits = work(ctx, clinic)
    report_day(ctx)
    with ctx.db.write() as s:  # a visit's temperature, changed in the file
        screening = s.execute(text("SELECT screening_id FROM visits WHERE visit_no = :v"), {"v": visits[1]}).scalar()
        s.execute(text("UPDATE screenings SET temperature_c = 36.5 WHERE id = :i"), {"i": screening})
    code, line = verify_hub(ctx, db_url, hub)  # the screening's own audit row comes first, then the visit's
    assert code == 1 and "business_row_edited" in line and f"screening {screening} " in line, line
    out = io.StringIO()
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "audit", "verify", "--json"],
                    out=out) == 1
    assert json.loads(out.getvalue())["problem"] == "business_row_edited"


def test_a_receipt_signed_by_another_key_is_refused_and_audited(ctx: AppContext, clinic: Actor, db_url: str,
                                                                hub: HubProcess, tmp_path: Path) -> None:
    other = anchors.load_or_create_key(tmp_path / "impostor")
    AnchorService(ctx.sync).set_hub_key(clinic, other.public_text)  # the county read out another key
    work(ctx, clinic, 1)
    ctx.reports.submit(Actor.system(), DAY)
    with pytest.raises(Exception) as refused:
        ctx.sync.push(Actor.system(), force=True)
    assert getattr(refused.value, "code", None) == "hub_key_mismatch"
    with ctx.db.read() as s:
        assert s.scalars(select(HubReceipt)).all() == []
        failed = s.scalars(select(AuditEvent).where(AuditEvent.action == "audit.hub_receipt")).all()
    assert [e.outcome for e in failed] == ["failed"]
    code, _ = verify_hub(ctx, db_url, hub)  # the anchor list is signed by the same (unpinned) key: refused too
    assert code == 1


def test_a_receipt_is_accepted_with_the_right_pinned_key(ctx: AppContext, clinic: Actor, hub: HubProcess) -> None:
    real = anchors.load_or_create_key(hub.data_dir)
    AnchorService(ctx.sync).set_hub_key(clinic, real.public_text)
    work(ctx, clinic, 1)
    report_day(ctx)
    with ctx.db.read() as s:
        assert len(s.scalars(select(HubReceipt)).all()) == 1


@pytest.fixture
def sqlite_clinic(sqlite_ctx: AppContext, hub: HubProcess) -> Actor:
    admin = init_clinic(sqlite_ctx)
    info = sqlite_ctx.clinic.get()
    hub_db = open_hub(hub.db_url)
    add_clinic(hub_db, info.code, info.name, info.public_key, sqlite_ctx.clock.now())
    hub_db.dispose()
    sqlite_ctx.sync.set_hub_url(admin, hub.url)
    return admin


def test_a_restore_is_explained_and_the_hub_flags_the_roll_back(sqlite_ctx: AppContext, sqlite_clinic: Actor,
                                                                 hub: HubProcess, tmp_path: Path) -> None:
    ctx, admin = sqlite_ctx, sqlite_clinic
    url = ctx.db.engine.url.render_as_string(hide_password=False)
    work(ctx, admin, 1)
    report_day(ctx)
    backup = ctx.backup.backup(admin, tmp_path / "before.sqlite3")
    with ctx.db.read() as s:
        backup_head = audit.head(s)
    ctx.clock._now += timedelta(days=1)  # type: ignore[attr-defined]
    work(ctx, admin, 2, prefix="later")
    replaced_anchor = report_day(ctx, DAY + timedelta(days=1))
    replaced = head(ctx)
    ctx.backup.restore(admin, backup.path, confirm="yes")
    with ctx.db.read() as s:
        row = s.scalars(select(AuditEvent).where(AuditEvent.action == "db.restore")).one()
        summary = json.loads(row.summary)
    assert (summary["replaced_seq"], summary["replaced_hash"]) == replaced
    assert summary["backup_seq"] == backup_head[0] - 1  # the copy was taken before its db.backup row
    assert replaced_anchor > summary["backup_seq"]

    code, line = verify_hub(ctx, url, hub)
    assert code == 0, line
    assert f"anchors after seq {summary['backup_seq']} were replaced by the restore recorded at seq {row.seq}" in line
    assert "restored from a backup at" in line

    ctx.clock._now += timedelta(days=1)  # type: ignore[attr-defined]
    report_day(ctx, DAY + timedelta(days=2))  # carries the restored head: below what the hub holds
    hub_db = open_hub(hub.db_url)
    try:
        assert anchors.rolled_back(hub_db) == {"XH01"}
        from app.hub import store
        from app.hub.web import status_text

        status = {r.code: r for r in store.status_on(hub_db, DAY + timedelta(days=2))}["XH01"]
        assert status.audit_rollback and anchors.ROLLBACK_WORD in status_text(status)
    finally:
        hub_db.dispose()
    code, line = verify_hub(ctx, url, hub)  # still explained, and the new anchor agrees
    assert code == 0, line


def test_a_restore_that_does_not_match_the_hub_is_not_explained(sqlite_ctx: AppContext, sqlite_clinic: Actor,
                                                                hub: HubProcess, tmp_path: Path) -> None:
    """A forged restore row naming a replaced head the hub never held does not excuse a rewritten trail."""
    ctx, admin = sqlite_ctx, sqlite_clinic
    url = ctx.db.engine.url.render_as_string(hide_password=False)
    work(ctx, admin, 1)
    backup = ctx.backup.backup(admin, tmp_path / "early.sqlite3")
    work(ctx, admin, 1, prefix="more")
    anchored = report_day(ctx)
    with ctx.db.read() as s:
        at_anchor = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == anchored))
    ctx.backup.restore(admin, backup.path, confirm="yes")
    with ctx.db.read() as s:
        summary = json.loads(s.scalars(select(AuditEvent).where(AuditEvent.action == "db.restore")).one().summary)
    assert summary["replaced_seq"] >= anchored
    # the honest restore explains it ...
    assert verify_hub(ctx, url, hub)[0] == 0
    # ... but the hub's anchor at the replaced head must match when the seq is the same
    from app.reporting.anchor_check import compare

    fake = [{"seq": summary["replaced_seq"], "hash": "f" * 64, "received_at": "x"}]
    with ctx.db.read() as s:
        chain = audit.verify_all(s)
    assert at_anchor and not compare(AnchorService(ctx.sync), chain, fake).ok


def test_sync_hub_key_pins_a_key_by_hand_and_refuses_a_malformed_one(ctx: AppContext, db_url: str,
                                                                       tmp_path: Path, capsys) -> None:
    init_clinic(ctx)
    key = anchors.load_or_create_key(tmp_path / "hub")
    base = ["--data-dir", str(ctx.paths.root), "--db-url", db_url, "sync", "hub-key"]
    out = io.StringIO()
    assert cli_main(base, out=out) == 0 and "no hub key pinned yet" in out.getvalue()
    assert cli_main([*base, "not-a-key"], out=io.StringIO()) == 1
    assert "error [hub_key_format]" in capsys.readouterr().err
    out = io.StringIO()
    assert cli_main([*base, key.public_text], out=out) == 0
    assert key.key_id[:4] in out.getvalue() and "from admin" in out.getvalue()
    pinned = AnchorService(ctx.sync).hub_key()
    assert pinned is not None and pinned.key_id == key.key_id
