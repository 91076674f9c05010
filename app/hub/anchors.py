"""Audit anchors at the county hub (issue 13).

Every daily report carries its clinic's audit chain head (seq, hash). The hub keeps each one it
receives (``hub_anchors``) and answers with a receipt signed by the hub's own Ed25519 key (made at
first start next to the hub database: ``hub-key.ed25519.pem``, owner-only; ``hub public-key``
prints its public half for the clinics to pin). A clinic asks, signed with its key, for every
anchor the hub holds for it (``fever-sentinel audit verify --hub``) and compares them with its own
trail: a deleted tail, rows rewritten with the chain recomputed, or a wiped trail no longer match
what the county holds.

Roll-back: an anchor whose seq is below one the hub already holds for that clinic, or whose hash at
a seq the hub knows differs, is stored flagged (``rollback``); the clinic's row on the dashboard and
in /api/v1/status says so (a restore from a backup does this, and the clinic's trail records it).
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Boolean, Date, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from app.db.engine import Database
from app.db.types import UTCDateTime
from app.errors import ValidationError
from app.hub.store import HubBase
from app.keys import ClinicKey, load_or_create

log = logging.getLogger("app.hub")

HUB_KEY_FILE = "hub-key.ed25519.pem"
ROLLBACK_WORD = "审计链回退"  # what the county reads for a flagged clinic (dashboard, /api/v1/status)
INTACT_WORD = "正常"
HASH_CHARS = frozenset("0123456789abcdef")


class HubAnchor(HubBase):
    """One audit chain head a clinic sent (in a daily report), as the hub received it."""

    __tablename__ = "hub_anchors"
    __table_args__ = (UniqueConstraint("clinic_code", "seq", "hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_code: Mapped[str] = mapped_column(String(20), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    report_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    rollback: Mapped[bool] = mapped_column(Boolean, default=False)


# ----- the hub's own key -------------------------------------------------------------------------

def load_or_create_key(directory: Path) -> ClinicKey:
    """The hub's Ed25519 key (the same kind as a clinic's, app/keys.py) in ``directory`` (made on first start, owner-only; never overwritten)."""
    return load_or_create(Path(directory) / HUB_KEY_FILE)


_KEYS: dict[int, ClinicKey] = {}


def use_key(db: Database, key: ClinicKey) -> None:
    """The key this hub process signs receipts with for ``db`` (``hub serve`` sets it from the data dir)."""
    _KEYS[id(db)] = key


def key_for(db: Database) -> ClinicKey:
    """The key set by ``use_key``; otherwise the one next to a SQLite hub database; otherwise (a hub
    made in a test without a directory) a key for this process only."""
    found = _KEYS.get(id(db))
    if found is None:
        database = db.engine.url.database if db.engine.url.get_backend_name() == "sqlite" else None
        if database and database != ":memory:":
            found = load_or_create_key(Path(database).resolve().parent)
        else:
            log.warning("hub key: no data directory for %s; receipts are signed with a key for this process only",
                        db.display_url)
            found = ClinicKey(Ed25519PrivateKey.generate())
        _KEYS[id(db)] = found
    return found


# ----- receipts ----------------------------------------------------------------------------------

def receipt_bytes(clinic: str, seq: int, hash_: str, received_at: str) -> bytes:
    """What a receipt's signature covers (the clinic checks the same bytes: app.reporting.anchor_check)."""
    return json.dumps(["fever-sentinel-anchor-receipt", clinic, seq, hash_, received_at],
                      separators=(",", ":")).encode("utf-8")


def anchors_bytes(clinic: str, anchors: list[dict[str, Any]]) -> bytes:
    """What the signature on an anchor list covers."""
    return json.dumps(["fever-sentinel-anchors", clinic, [[a["seq"], a["hash"], a["received_at"]] for a in anchors]],
                      separators=(",", ":")).encode("utf-8")


def _receipt(key: ClinicKey, row: HubAnchor) -> dict[str, Any]:
    at = row.received_at.isoformat()
    return {"clinic": row.clinic_code, "seq": row.seq, "hash": row.hash, "received_at": at,
            "key_id": key.key_id, "public_key": key.public_text,
            "signature": key.sign_text(receipt_bytes(row.clinic_code, row.seq, row.hash, at))}


def head_of(report_body: bytes) -> tuple[int, str, date | None] | None:
    """The audit head a (checked) report body carries, or None when it has none."""
    try:
        body = json.loads(report_body)
        head = body.get("audit_head")
        if not isinstance(head, dict):
            return None
        seq, hash_ = head.get("seq"), head.get("hash")
        day = date.fromisoformat(body["date"]) if isinstance(body.get("date"), str) else None
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**31:
        raise ValidationError("report_body", field="audit_head", reason="seq not a whole number")
    if not isinstance(hash_, str) or len(hash_) != 64 or not set(hash_) <= HASH_CHARS:
        raise ValidationError("report_body", field="audit_head", reason="hash not 64 hex digits")
    return seq, hash_, day


def record(db: Database, clinic: str, seq: int, hash_: str, day: date | None, now: datetime) -> dict[str, Any]:
    """Keep the anchor (once: the same anchor again answers with its first receipt), flag a roll-back,
    and answer with the signed receipt."""
    key = key_for(db)
    with db.write() as s:
        row = s.scalars(select(HubAnchor).where(HubAnchor.clinic_code == clinic, HubAnchor.seq == seq,
                                                HubAnchor.hash == hash_)).first()
        if row is None:
            later = s.scalars(select(HubAnchor.id).where(HubAnchor.clinic_code == clinic, HubAnchor.seq > seq)
                              .limit(1)).first()
            differs = s.scalars(select(HubAnchor.id).where(HubAnchor.clinic_code == clinic, HubAnchor.seq == seq,
                                                           HubAnchor.hash != hash_).limit(1)).first()
            row = HubAnchor(clinic_code=clinic, seq=seq, hash=hash_, report_date=day, received_at=now,
                            rollback=later is not None or differs is not None)
            s.add(row)
            s.flush()
            if row.rollback:
                log.warning("clinic %s: audit trail rolled back (anchor seq %d)", clinic, seq)
        return _receipt(key, row)


def record_report(db: Database, clinic: str, report_body: bytes, now: datetime) -> dict[str, Any] | None:
    """After a report is stored: its anchor kept and the receipt, or None (a report without a head)."""
    head = head_of(report_body)
    if head is None:
        return None
    return record(db, clinic, head[0], head[1], head[2], now)


def for_clinic(db: Database, clinic: str) -> dict[str, Any]:
    """Every anchor held for ``clinic`` in arrival order, signed as a whole by the hub key."""
    key = key_for(db)
    with db.read() as s:
        rows = s.scalars(select(HubAnchor).where(HubAnchor.clinic_code == clinic).order_by(HubAnchor.id)).all()
        anchors = [{"seq": r.seq, "hash": r.hash, "received_at": r.received_at.isoformat(),
                    "report_date": r.report_date.isoformat() if r.report_date else None, "rollback": r.rollback}
                   for r in rows]
    return {"clinic": clinic, "anchors": anchors, "key_id": key.key_id, "public_key": key.public_text,
            "signature": key.sign_text(anchors_bytes(clinic, anchors))}


def rolled_back(db: Database) -> set[str]:
    """Clinics with a flagged roll-back."""
    with db.read() as s:
        return set(s.scalars(select(HubAnchor.clinic_code).where(HubAnchor.rollback.is_(True)).distinct()))
