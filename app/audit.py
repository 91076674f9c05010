"""The responsibility trail (责任倒查): an append-only, hash-chained audit table.

Each row's hash is SHA-256 over a canonical JSON of its fields and the previous row's hash,
so editing, deleting or inserting a row out of band breaks the chain at that row. The head
row (audit_head) is locked for every append, which serialises appends across workstations.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, cast
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.actor import Actor
from app.audit_vocab import Outcome
from app.db.engine import connection_of
from app.db.prepared import Prepared
from app.db.models import AuditEvent, AuditHead

GENESIS_HASH = "0" * 64

# Built once, run with Core on the session's connection: building them took longer than running them (issue 16).
_HEAD_FOR_UPDATE = Prepared(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1).with_for_update())
_INSERT_EVENT = Prepared(insert(cast(Table, AuditEvent.__table__)))
_HEAD = cast(Table, AuditHead.__table__)
_ADVANCE_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
# The head this process last wrote through each engine: the next append advances the head only if it still is that
# one (the UPDATE's WHERE checks, and locks the row as the read would), instead of reading it first — a statement
# less per save (issue 16). Another desk's append, a restore or a rolled-back save makes it miss: the head is read.
_ADVANCE_IF = Prepared(_ADVANCE_HEAD.where(_HEAD.c.seq == bindparam("old_seq"), _HEAD.c.hash == bindparam("old_hash")))
_ADVANCE = Prepared(_ADVANCE_HEAD)
_LAST_HEAD: WeakKeyDictionary[Engine, tuple[int, str]] = WeakKeyDictionary()


def last_written(engine: Engine) -> tuple[int, str] | None:
    """The head (seq, hash) this process's last append through ``engine`` left (committed or not)."""
    return _LAST_HEAD.get(engine)


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_hash(
    *, seq: int, at: datetime, user_id: int | None, username: str, roles: str, workstation: str,
    action: str, entity: str, entity_id: str | None, summary: str, outcome: str, prev_hash: str,
    row_digest: str | None = None,
) -> str:
    """The row's chained hash. The business-row digest (issue 13) is part of it when present; a row
    without one (every row before the digest existed) hashes exactly as before."""
    fields: list[Any] = [seq, _iso(at), user_id, username, roles, workstation, action, entity, entity_id, summary,
                         outcome, prev_hash]
    if row_digest is not None:
        fields.append(row_digest)
    canonical = json.dumps(
        fields,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _event_hash(e: AuditEvent) -> str:
    return row_hash(
        seq=e.seq, at=e.at, user_id=e.user_id, username=e.username, roles=e.roles, workstation=e.workstation,
        action=e.action, entity=e.entity, entity_id=e.entity_id, summary=e.summary, outcome=e.outcome,
        prev_hash=e.prev_hash, row_digest=e.row_digest,
    )


def append(
    session: Session, at: datetime, actor: Actor, action: str, entity: str, entity_id: str | int | None,
    summary: dict[str, Any], outcome: Outcome = Outcome.SUCCESS, row_digest: str | None = None,
) -> int:
    """Add one audit row in the caller's transaction; returns its sequence number (see ``link``)."""
    return link(session, at, actor, action, entity, entity_id, summary, outcome, row_digest)[1][0]


def link(
    session: Session, at: datetime, actor: Actor, action: str, entity: str, entity_id: str | int | None,
    summary: dict[str, Any], outcome: Outcome = Outcome.SUCCESS, row_digest: str | None = None,
) -> tuple[tuple[int, str], tuple[int, str]]:
    """Add one audit row in the caller's transaction; returns the head it chained onto and the new head, each
    (seq, hash): the head before tells a caller whether anything was written since a head it knows. ``row_digest``:
    the digest of the business row the write left (app.audit_rows.digest), kept in the chain; a
    successful row appended without one (a log-in, a read of personal data, a discharge another
    service does in its own transaction) gets the digest of its entity's row as it is now, so it
    never hides an earlier digest of the same row."""
    session.flush()  # the caller's changes first: every writer locks its business rows before the head
    if row_digest is None and outcome == Outcome.SUCCESS:
        from app.audit_rows import digest

        row_digest = digest(session, entity, entity_id)
    conn = connection_of(session)
    at = at.astimezone(timezone.utc)
    fields: dict[str, Any] = dict(
        seq=0, at=at, user_id=actor.user_id, username=actor.username[:64],
        roles=",".join(sorted(actor.roles))[:100], workstation=actor.workstation[:64], action=action,
        entity=entity, entity_id=None if entity_id is None else str(entity_id),
        summary=json.dumps(summary, ensure_ascii=False, sort_keys=True, default=str),
        outcome=outcome.value, prev_hash="", row_digest=row_digest,
    )
    guess = _LAST_HEAD.get(conn.engine)
    if guess is not None:
        fields["seq"], fields["prev_hash"] = guess[0] + 1, guess[1]
        event_hash = row_hash(**fields)
        moved = _ADVANCE_IF.rowcount(conn, {"old_seq": guess[0], "old_hash": guess[1], "new_seq": fields["seq"],
                                            "new_hash": event_hash})
        if moved != 1:
            guess = None
    if guess is None:
        head = _HEAD_FOR_UPDATE.first(conn, {})
        if head is None:
            raise RuntimeError("audit_head row missing: database not migrated")
        fields["seq"], fields["prev_hash"] = head.seq + 1, head.hash
        event_hash = row_hash(**fields)
        _ADVANCE.rowcount(conn, {"new_seq": fields["seq"], "new_hash": event_hash})
    _INSERT_EVENT.rowcount(conn, {**fields, "hash": event_hash})
    seq: int = fields["seq"]
    _LAST_HEAD[conn.engine] = (seq, event_hash)
    return (seq - 1, fields["prev_hash"]), (seq, event_hash)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    head_seq: int
    head_hash: str
    first_broken_seq: int | None = None
    problem: str | None = None  # edited / missing / out_of_order / head_mismatch / business_row_edited
    edited: EditedRow | None = None  # problem "business_row_edited": the row and its audit row's seq


def verify_all(session: Session) -> ChainReport:
    """The chain, then (when it holds) every business row against the digest its latest audit row keeps."""
    report = verify(session)
    if not report.ok:
        return report
    edited = verify_rows(session)
    if edited is None:
        return report
    return ChainReport(False, report.rows, report.head_seq, report.head_hash, edited.seq, "business_row_edited",
                       edited)


def verify(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the whole chain; report the first sequence number where it breaks."""
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    expected_seq, prev = 1, GENESIS_HASH
    rows = 0
    stream = session.execute(select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch))
    for event in stream.scalars():
        rows += 1
        if event.seq != expected_seq:
            problem = "missing" if event.seq > expected_seq else "out_of_order"
            return ChainReport(False, rows, head_seq, head_hash, expected_seq, problem)
        if event.prev_hash != prev or _event_hash(event) != event.hash:
            return ChainReport(False, rows, head_seq, head_hash, event.seq, "edited")
        prev = event.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if last_seq != head_seq or prev != head_hash:
        broken = min(last_seq, head_seq) + 1 if last_seq != head_seq else last_seq
        problem = "missing" if head_seq > last_seq else "head_mismatch"
        return ChainReport(False, rows, head_seq, head_hash, broken, problem)
    return ChainReport(True, rows, head_seq, head_hash)


def head(session: Session) -> tuple[int, str]:
    """The chain head (seq, hash) as audit_head holds it."""
    row = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    return (row.seq, row.hash) if row else (0, GENESIS_HASH)


def time_of(session: Session, seq: int) -> datetime | None:
    """When the audit row ``seq`` was written (None: no such row)."""
    return session.scalar(select(AuditEvent.at).where(AuditEvent.seq == seq))


def restore_summary(replaced: tuple[int, str], backup: tuple[int, str], backup_at: datetime | None) -> dict[str, Any]:
    """What a restore's audit row keeps (app.services.backup; app.reporting.anchor_check reads it): the
    head it replaced and the backup's own head, so the next report carries the roll-back to the hub."""
    return {"replaced_seq": replaced[0], "replaced_hash": replaced[1], "backup_seq": backup[0],
            "backup_hash": backup[1], "backup_at": _iso(backup_at) if backup_at else None}


@dataclass(frozen=True)
class EditedRow:
    """A business row that no longer matches the digest its latest audit row keeps."""

    entity: str
    entity_id: str
    seq: int


def verify_rows(session: Session) -> EditedRow | None:
    """Recompute the digest of every business row whose latest successful audit row carries one;
    the first (by that row's seq) that differs was edited out of band."""
    from app.audit_rows import digest

    latest = (select(AuditEvent.entity, AuditEvent.entity_id, func.max(AuditEvent.seq).label("seq"))
              .where(AuditEvent.outcome == Outcome.SUCCESS.value, AuditEvent.entity_id.is_not(None))
              .group_by(AuditEvent.entity, AuditEvent.entity_id).subquery())
    rows = session.execute(
        select(AuditEvent.seq, AuditEvent.entity, AuditEvent.entity_id, AuditEvent.row_digest)
        .join(latest, AuditEvent.seq == latest.c.seq)
        .where(AuditEvent.row_digest.is_not(None)).order_by(AuditEvent.seq)).all()
    for r in rows:
        if digest(session, r.entity, r.entity_id) != r.row_digest and not _changed_under_parent(session, r):
            return EditedRow(r.entity, r.entity_id, r.seq)
    return None


def _changed_under_parent(session: Session, r: Any) -> bool:
    """A row another entity's audited write may change after its own last audit row (a permit revoked with
    its admission's discharge): a later successful audit row of that parent accounts for the change."""
    from app.audit_rows import parent_of

    parent = parent_of(session, r.entity, r.entity_id)
    if parent is None:
        return False
    later = session.scalar(select(AuditEvent.seq).where(
        AuditEvent.entity == parent[0], AuditEvent.entity_id == parent[1], AuditEvent.seq > r.seq,
        AuditEvent.outcome == Outcome.SUCCESS.value).limit(1))
    return later is not None


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    username: str
    roles: str
    workstation: str
    action: str
    entity: str
    entity_id: str | None
    summary: str
    outcome: str


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def page(session: Session, *, offset: int, limit: int, newest_first: bool = True,
         entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
    query = select(AuditEvent)
    if entity is not None:
        query = query.where(AuditEvent.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    query = query.order_by(AuditEvent.seq.desc() if newest_first else AuditEvent.seq).offset(offset).limit(limit)
    return [
        AuditEntry(e.seq, e.at, e.username, e.roles, e.workstation, e.action, e.entity, e.entity_id, e.summary, e.outcome)
        for e in session.scalars(query)
    ]
