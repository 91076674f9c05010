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
from enum import StrEnum
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.actor import Actor
from app.db.models import AuditEvent, AuditHead

GENESIS_HASH = "0" * 64


class Outcome(StrEnum):
    SUCCESS = "success"
    DENIED = "denied"
    FAILED = "failed"


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_hash(
    *, seq: int, at: datetime, user_id: int | None, username: str, roles: str, workstation: str,
    action: str, entity: str, entity_id: str | None, summary: str, outcome: str, prev_hash: str,
) -> str:
    canonical = json.dumps(
        [seq, _iso(at), user_id, username, roles, workstation, action, entity, entity_id, summary, outcome, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _event_hash(e: AuditEvent) -> str:
    return row_hash(
        seq=e.seq, at=e.at, user_id=e.user_id, username=e.username, roles=e.roles, workstation=e.workstation,
        action=e.action, entity=e.entity, entity_id=e.entity_id, summary=e.summary, outcome=e.outcome,
        prev_hash=e.prev_hash,
    )


def append(
    session: Session, at: datetime, actor: Actor, action: str, entity: str, entity_id: str | int | None,
    summary: dict[str, Any], outcome: Outcome = Outcome.SUCCESS,
) -> int:
    """Add one audit row in the caller's transaction; returns its sequence number."""
    head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1).with_for_update()).first()
    if head is None:
        raise RuntimeError("audit_head row missing: database not migrated")
    seq = head.seq + 1
    at = at.astimezone(timezone.utc)
    fields: dict[str, Any] = dict(
        seq=seq, at=at, user_id=actor.user_id, username=actor.username[:64],
        roles=",".join(sorted(actor.roles))[:100], workstation=actor.workstation[:64], action=action,
        entity=entity, entity_id=None if entity_id is None else str(entity_id),
        summary=json.dumps(summary, ensure_ascii=False, sort_keys=True, default=str),
        outcome=outcome.value, prev_hash=head.hash,
    )
    digest = row_hash(**fields)
    session.execute(insert(AuditEvent).values(hash=digest, **fields))
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=seq, hash=digest))
    return seq


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    head_seq: int
    head_hash: str
    first_broken_seq: int | None = None
    problem: str | None = None  # edited / missing / out_of_order / head_mismatch


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
