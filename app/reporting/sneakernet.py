"""The clinic's side of the road to the county without a network (issue 18; the file formats and the hub's
side: app/hub/sneakernet.py).

- ``export_outbox``: every queued submission in one file signed as the network sends it (this desk's hub key,
  with its enrolment). Nothing is marked delivered: only the county's receipt does that.
- ``import_receipt``: the county's receipt, checked against the hub key pinned here (the key the anchor
  receipts pinned, or the admin set with ``sync hub-key``) — the file travelled by hand, so a receipt signed by
  any other key is refused. Each entry stored or already held marks its outbox entry delivered (when the body is
  the one queued here) and keeps its anchor receipt; a refused entry waits for the admin with the hub's reason,
  as a 4xx on the network does. All in one transaction: a bad entry anywhere applies nothing.
- ``import_lists``: the county's lists file, checked against the same pinned key, applied by
  SyncService.apply_lists — the code that applies a pull.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.actor import Actor
from app.db.models import Clinic, HubReceipt
from app.desk_keys import DeskPurpose, signer_for
from app.errors import ValidationError
from app.hub import sneakernet as files
from app.hub.anchors import receipt_bytes
from app.permissions import Perm
from app.reporting.anchor_check import AnchorService, _head_of, _verify_signature
from app.reporting.automatic import refuse_automatic
from app.reporting.hub_auth import signed_headers
from app.reporting.sync import SyncService, check_hub_lists
from app.reporting.tables import OutboxEntry
from app.services.base import Service


@dataclass(frozen=True)
class Exported:
    path: str
    count: int
    digest: str


@dataclass(frozen=True)
class ReceiptApplied:
    delivered: int  # marked delivered now
    already: int  # delivered before (by the network, or this receipt imported again)
    refused: int  # the hub refused them: waiting for the admin
    unknown: int  # not in this outbox (or another body under the key): left alone


def default_file_name(code: str, day: str) -> str:
    """What the export dialog offers: the clinic code and the date, so the county sees whose file it is."""
    return f"fever-sentinel-outbox-{code}-{day}.json"


def _read(path: str | Path, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError("file_unreadable", field="file", path=str(path), what=what) from exc


def _write(path: Path, data: bytes) -> None:
    """Written whole or not at all (a temporary file beside it, then renamed): a pulled USB stick leaves no half
    file under the final name."""
    part = path.with_name(path.name + ".part")
    try:
        with open(part, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ValidationError("file_unwritable", field="file", path=str(path), reason=exc.strerror or "") from exc


class SneakernetService(Service):
    def __init__(self, sync: SyncService) -> None:
        super().__init__(sync.db, sync.clock)
        self.sync = sync

    def clinic_code(self) -> str:
        with self.db.read() as s:
            return s.scalars(select(Clinic.code)).one()

    def default_name(self) -> str:
        return default_file_name(self.clinic_code(), f"{self.clock.now():%Y%m%d}")

    # ----- clinic -> county --------------------------------------------------------------------------------------
    def export_outbox(self, actor: Actor, path: str | Path) -> Exported:
        """Write every undelivered submission (not those the hub already refused) to ``path``; audited."""
        refuse_automatic(actor, Perm.SUBMIT_REPORTS, "sync.export")
        code = self.clinic_code()
        key = signer_for(self.db, self.clock, self.sync.keys, actor, DeskPurpose.HUB.value)
        target = Path(path)
        with self.audited_write(actor, "sync.export", "outbox", Perm.SUBMIT_REPORTS) as op:
            rows = list(op.session.scalars(select(OutboxEntry).where(
                OutboxEntry.delivered_at.is_(None), OutboxEntry.needs_admin.is_(False)).order_by(OutboxEntry.id)))
            if not rows:
                raise ValidationError("outbox_empty")
            entries = [{"kind": r.kind, "idempotency_key": r.idempotency_key, "body": r.body,
                        "headers": signed_headers(key, code, r.body.encode("utf-8"))} for r in rows]
            header = {"clinic": code, "created_at": self.clock.now().isoformat(), "count": len(entries),
                      "digest": files.entries_digest(entries)}
            document = {"format": files.OUTBOX_FORMAT, "version": files.FILE_VERSION, "header": header,
                        "signer": signed_headers(key, code, files.canonical(header)), "entries": entries}
            _write(target, files.write_bytes(document))
            op.summary = {"file": str(target), "count": len(entries), "digest": header["digest"],
                          "keys": [r.idempotency_key for r in rows]}
        return Exported(str(target), len(entries), str(header["digest"]))

    # ----- county -> clinic --------------------------------------------------------------------------------------
    def _hub_signed(self, data: bytes, what: str, expected_format: str) -> dict[str, Any]:
        """The payload of a file the hub signed with the key pinned here; refused otherwise."""
        document = files.read_document(data, what, expected_format)
        payload, public = files.signed_payload(document, what)
        pinned = AnchorService(self.sync).hub_key()
        if pinned is None:
            raise ValidationError("hub_key_unknown", what=what)
        if pinned.public_key != public:
            raise ValidationError("hub_key_mismatch", key_id=str(document.get("key_id", "")),
                                  pinned=pinned.key_id, what=what)
        return payload

    def import_receipt(self, actor: Actor, path: str | Path) -> ReceiptApplied:
        """Apply the county's receipt for an outbox file (see the module's docstring); audited, refusals too."""
        refuse_automatic(actor, Perm.SUBMIT_REPORTS, "sync.import_receipt")
        code = self.clinic_code()
        pinned = AnchorService(self.sync).hub_key()
        with self.audited_write(actor, "sync.import_receipt", "outbox", Perm.SUBMIT_REPORTS) as op:
            op.summary = {"file": str(path)}
            payload = self._hub_signed(_read(path, "receipt"), "receipt", files.RECEIPT_FORMAT)
            if payload.get("clinic") != code:
                raise ValidationError("sneakernet_other_clinic", clinic=str(payload.get("clinic", "")), mine=code)
            entries = payload.get("entries")
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                raise files.file_problem("receipt", "fields")
            now = self.clock.now()
            counts = {"delivered": 0, "already": 0, "refused": 0, "unknown": 0}
            for item in entries:
                row = op.session.scalars(select(OutboxEntry).where(
                    OutboxEntry.idempotency_key == str(item.get("idempotency_key", "")))).first()
                if row is None or hashlib.sha256(row.body.encode("utf-8")).hexdigest() != item.get("body_sha256"):
                    counts["unknown"] += 1
                    continue
                if row.delivered_at is not None:
                    counts["already"] += 1
                elif item.get("outcome") in ("stored", "already_stored"):
                    row.delivered_at, row.last_error, row.needs_admin = now, None, False
                    counts["delivered"] += 1
                elif item.get("outcome") == "refused":
                    if not row.needs_admin:  # as SyncService._refused marks a 4xx
                        row.needs_admin, row.attempts = True, row.attempts + 1
                        row.last_error = f"hub refused ({item.get('http')}): {item.get('error')}"[:300]
                    counts["refused"] += 1
                else:
                    raise files.file_problem("receipt", "fields")
                if isinstance(item.get("receipt"), dict) and pinned is not None:
                    self._keep_anchor(op.session, code, row.body, item["receipt"], pinned.public_key)
            op.summary = {"file": str(path), "hub_created_at": str(payload.get("created_at", "")),
                          "file_digest": str(payload.get("file_digest", "")), **counts}
        return ReceiptApplied(counts["delivered"], counts["already"], counts["refused"], counts["unknown"])

    def _keep_anchor(self, session: Any, code: str, body: str, receipt: dict[str, Any], public: str) -> None:
        """The anchor receipt inside an entry, kept as a network delivery keeps it (app.reporting.anchor_check);
        it is covered by the file's signature, and checked on its own too."""
        head = _head_of(body)
        if head is None:
            return
        signed = receipt_bytes(code, head[0], head[1], str(receipt.get("received_at", "")))
        if (receipt.get("seq"), receipt.get("hash"), receipt.get("clinic"), receipt.get("public_key")) \
                != (head[0], head[1], code, public):
            raise files.tampered("receipt", "anchor")
        if not _verify_signature(public, str(receipt.get("signature", "")), signed):
            raise files.tampered("receipt", "anchor")
        if session.scalars(select(HubReceipt.id).where(HubReceipt.seq == head[0],
                                                       HubReceipt.hash == head[1])).first() is None:
            session.add(HubReceipt(seq=head[0], hash=head[1], received_at=str(receipt["received_at"])[:40],
                                   key_id=str(receipt.get("key_id", ""))[:16],
                                   signature=str(receipt["signature"])[:100], stored_at=self.clock.now()))

    def import_lists(self, actor: Actor, path: str | Path) -> dict[str, int]:
        """Apply the county's lists file as a pull applies them (all or nothing, versions remembered)."""
        known = self.sync.list_versions(actor, "sync.import_lists")
        with self.audited_write(actor, "sync.import_lists", "setting", Perm.MANAGE_CLINIC_SETTINGS) as op:
            op.summary = {"file": str(path)}
            payload = self._hub_signed(_read(path, "lists"), "lists", files.LISTS_FORMAT)
            lists = payload.get("lists")
            if not isinstance(lists, dict):
                raise files.file_problem("lists", "fields")
            check_hub_lists(dict(lists))  # a bad list is refused (and audited) here, before anything applies
            op.summary = {"file": str(path), "hub_created_at": str(payload.get("created_at", "")),
                          "versions": {k: v.get("version") for k, v in lists.items() if isinstance(v, dict)}}
        return self.sync.apply_lists(actor, dict(lists), known)
