"""The clinic's side of the audit anchors (issue 13): the hub's signed receipts, its pinned key, and
checking the local trail against every anchor the county hub holds for this clinic.

- Each delivered daily report carries the audit head (seq, hash); the hub answers with a receipt
  signed by its own Ed25519 key. The first receipt pins that key here (audited, ``audit.hub_key``);
  an admin may also set it from the key the county reads out (``sync hub-key KEY``). A receipt (or
  an anchor list) signed by another key is refused, audited as refused and reported
  (``hub_key_mismatch``): someone else answers in the hub's name, or the hub's key changed.
- ``check(actor)`` (``audit verify --hub``, the audit page's "与县级平台核对") verifies the local chain
  and business rows, then fetches (signed request) every anchor the hub holds and names the first
  disagreement: ``tail_deleted`` (the hub holds a seq beyond the local head), ``rows_rewritten``
  (the hash at a seq differs: rows edited and the chain recomputed), ``trail_wiped`` (no rows left).
  A recorded restore (``db.restore`` with the head it replaced) explains anchors of the replaced
  timeline: after the backup's head and up to the replaced head (equal where the seq is the same).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.exceptions import InvalidSignature
from sqlalchemy import select

from app import audit
from app.actor import Actor
from app.db.models import AuditEvent, Clinic, ClinicSetting, HubReceipt
from app.errors import ValidationError
from app.hub.anchors import anchors_bytes, receipt_bytes
from app.keys import key_id_of, load_public_key
from app.permissions import Perm
from app.reporting.hub_auth import signed_headers
from app.services.base import Service, authorize

HUB_KEY_SETTING = "audit.hub_key"  # JSON {"public_key": base64, "key_id": hex16, "source": "receipt"|"admin"}
RESTORE_ACTION = "db.restore"


@dataclass(frozen=True)
class PinnedKey:
    public_key: str
    key_id: str
    source: str  # receipt (first receipt) / admin (set by hand)

    @property
    def fingerprint(self) -> str:
        """The key id in groups of four, as the county reads it out."""
        return " ".join(self.key_id[i:i + 4] for i in range(0, len(self.key_id), 4))


@dataclass(frozen=True)
class RestoreNote:
    """A restore recorded in the trail: anchors after ``backup_seq`` up to ``replaced_seq`` belong to the
    timeline it replaced."""

    seq: int
    backup_seq: int
    backup_at: str | None
    replaced_seq: int
    replaced_hash: str


@dataclass(frozen=True)
class HubCheck:
    ok: bool
    problem: str | None  # chain problem / business_row_edited / tail_deleted / rows_rewritten / trail_wiped
    anchors_checked: int
    local_head_seq: int
    seq: int | None = None  # the first disagreeing seq (or the broken chain's)
    hub_seq: int | None = None  # the highest seq the hub holds
    received_at: str | None = None  # when the hub received the disagreeing anchor
    chain: audit.ChainReport | None = None
    restores: tuple[RestoreNote, ...] = field(default_factory=tuple)  # restores that explain replaced anchors

    def line(self) -> str:
        """One English line for the command line."""
        if self.ok:
            text = f"audit trail agrees with the county hub: {self.anchors_checked} anchors checked, " \
                   f"local head {self.local_head_seq}"
            for r in self.restores:
                text += (f"\nrestored from a backup at {r.backup_at or 'an unknown time'}; anchors after seq "
                         f"{r.backup_seq} were replaced by the restore recorded at seq {r.seq}")
            return text
        if self.problem == "tail_deleted":
            return (f"audit trail DISAGREES with the county hub: the hub holds seq {self.seq} (received "
                    f"{self.received_at}) but the local trail ends at seq {self.local_head_seq} (tail deleted)")
        if self.problem == "rows_rewritten":
            return (f"audit trail DISAGREES with the county hub: the hash at seq {self.seq} differs from the anchor "
                    f"the hub received {self.received_at} (rows edited and the chain recomputed)")
        if self.problem == "trail_wiped":
            return (f"audit trail DISAGREES with the county hub: the local trail is empty but the hub holds anchors "
                    f"up to seq {self.hub_seq} (trail wiped)")
        if self.problem == "business_row_edited" and self.chain is not None and self.chain.edited is not None:
            e = self.chain.edited
            return (f"audit trail BROKEN: {e.entity} {e.entity_id} was edited outside the program after its "
                    f"audit row at seq {e.seq} (business_row_edited)")
        return f"audit chain BROKEN at sequence number {self.seq} ({self.problem})"


def _verify_signature(public_key: str, signature: str, data: bytes) -> bool:
    try:
        load_public_key(public_key).verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError, binascii.Error, TypeError):
        return False
    return True


def _head_of(body_text: str) -> tuple[int, str] | None:
    try:
        head = json.loads(body_text).get("audit_head") or {}
        return int(head["seq"]), str(head["hash"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class AnchorService(Service):
    """Receipts, the pinned hub key and the check against the hub; the hub's address, CA and HTTP client
    are the sync service's (app.reporting.sync.SyncService)."""

    def __init__(self, sync: Any) -> None:
        super().__init__(sync.db, sync.clock)
        self.sync = sync

    # ----- the pinned hub key -----------------------------------------------------------------------------------
    def hub_key(self) -> PinnedKey | None:
        with self.db.read() as s:
            text = s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == HUB_KEY_SETTING))
        if not text:
            return None
        data = json.loads(text)
        return PinnedKey(str(data["public_key"]), str(data["key_id"]), str(data.get("source", "receipt")))

    def set_hub_key(self, actor: Actor, public_key: str, *, source: str = "admin") -> PinnedKey:
        """Pin the county hub's public key (``hub public-key`` prints it at the hub)."""
        text = public_key.strip()
        try:
            raw = base64.b64decode(text, validate=True)
            load_public_key(text)
        except (ValueError, binascii.Error) as exc:
            raise ValidationError("hub_key_format", field="public_key") from exc
        pinned = PinnedKey(text, key_id_of(raw), source)
        perm = Perm.MANAGE_CLINIC_SETTINGS if source == "admin" else None
        with self.audited_write(actor, "audit.hub_key", "setting", perm, HUB_KEY_SETTING) as op:
            row = op.session.get(ClinicSetting, HUB_KEY_SETTING)
            before = json.loads(row.value)["key_id"] if row else None
            value = json.dumps({"public_key": pinned.public_key, "key_id": pinned.key_id, "source": source})
            if row is None:
                op.session.add(ClinicSetting(key=HUB_KEY_SETTING, value=value, updated_at=self.clock.now()))
            else:
                row.value, row.updated_at = value, self.clock.now()
            op.summary = {"key_id": pinned.key_id, "before": before, "source": source}
        return pinned

    def _refuse_key(self, actor: Actor, key_id: str, what: str) -> ValidationError:
        """Audit (as refused) and return the error for an answer signed by a key other than the pinned one."""
        pinned = self.hub_key()
        err = ValidationError("hub_key_mismatch", key_id=key_id, pinned=pinned.key_id if pinned else "", what=what)
        try:
            with self.audited_write(actor, "audit.hub_receipt", "setting", None, HUB_KEY_SETTING):
                raise err
        except ValidationError:
            pass
        return err

    # ----- receipts ---------------------------------------------------------------------------------------------
    def take_receipt(self, actor: Actor, report_body: str, answer: Any) -> ValidationError | None:
        """After the hub stored a report: check and keep its receipt (pinning the hub key on the first one).
        Returns the refusal (already audited) when the receipt is signed by another key, None otherwise."""
        receipt = answer.get("receipt") if isinstance(answer, dict) else None
        head = _head_of(report_body)
        if not isinstance(receipt, dict) or head is None:
            return None
        with self.db.read() as s:
            code = s.scalars(select(Clinic.code)).one()
        public, key_id = str(receipt.get("public_key", "")), str(receipt.get("key_id", ""))
        signed = receipt_bytes(code, head[0], head[1], str(receipt.get("received_at", "")))
        if (receipt.get("seq"), receipt.get("hash"), receipt.get("clinic")) != (head[0], head[1], code) \
                or not _verify_signature(public, str(receipt.get("signature", "")), signed):
            return self._refuse_key(actor, key_id, "receipt")
        pinned = self.hub_key()
        if pinned is None:
            self.set_hub_key(actor, public, source="receipt")
        elif pinned.public_key != public:
            return self._refuse_key(actor, key_id, "receipt")
        with self.db.write() as s:  # like the outbox's delivery status: kept, not a business row
            if s.scalars(select(HubReceipt.id).where(HubReceipt.seq == head[0], HubReceipt.hash == head[1])).first() \
                    is None:
                s.add(HubReceipt(seq=head[0], hash=head[1], received_at=str(receipt["received_at"])[:40],
                                 key_id=key_id[:16], signature=str(receipt["signature"])[:100],
                                 stored_at=self.clock.now()))
        return None

    def receipts(self, actor: Actor) -> int:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_AUDIT)
            return len(s.scalars(select(HubReceipt.id)).all())

    # ----- the check --------------------------------------------------------------------------------------------
    def fetch_anchors(self, actor: Actor, hub_url: str | None = None) -> list[dict[str, Any]]:
        """Every anchor the hub holds for this clinic (a signed request; the answer's signature checked
        against the pinned hub key when one is pinned)."""
        from app.desk_keys import DeskPurpose, signer_for
        from app.reporting.sync import certificate_error, certificate_problem

        url = hub_url or self.sync.hub_url()
        if not url:
            raise ValidationError("hub_url", field="url")
        with self.db.read() as s:
            code = s.scalars(select(Clinic.code)).one()
        key = signer_for(self.db, self.clock, self.sync.keys, actor, DeskPurpose.HUB.value)
        body = json.dumps({"type": "anchor_query", "clinic": code, "at": self.clock.now().isoformat()},
                          separators=(",", ":")).encode("utf-8")
        headers = {"content-type": "application/json", **signed_headers(key, code, body)}
        with self.sync.client_factory() as client:
            try:
                response = client.post(f"{url.rstrip('/')}/api/v1/anchors", content=body, headers=headers)
                answer = response.json()
            except (httpx.HTTPError, ValueError) as exc:
                if (found := certificate_problem(exc)) is not None:
                    raise certificate_error(found) from exc
                raise ValidationError("hub_unreachable", field="url", reason=type(exc).__name__) from exc
        if response.status_code >= 300 or not isinstance(answer, dict) or not isinstance(answer.get("anchors"), list):
            reason = answer.get("error") if isinstance(answer, dict) else None
            raise ValidationError("hub_anchors_refused", status=response.status_code, reason=str(reason or ""))
        anchors = [a for a in answer["anchors"] if isinstance(a, dict)]
        public = str(answer.get("public_key", ""))
        if not _verify_signature(public, str(answer.get("signature", "")), anchors_bytes(code, anchors)):
            raise self._refuse_key(actor, str(answer.get("key_id", "")), "anchors")
        pinned = self.hub_key()
        if pinned is not None and pinned.public_key != public:
            raise self._refuse_key(actor, str(answer.get("key_id", "")), "anchors")
        return anchors

    def check(self, actor: Actor, hub_url: str | None = None) -> HubCheck:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_AUDIT)
            chain = audit.verify_all(s)
        if not chain.ok:
            return HubCheck(False, chain.problem, 0, chain.head_seq, chain.first_broken_seq, chain=chain)
        anchors = self.fetch_anchors(actor, hub_url)
        return compare(self, chain, anchors)


def _restores(s: Any) -> list[RestoreNote]:
    notes = []
    for e in s.scalars(select(AuditEvent).where(AuditEvent.action == RESTORE_ACTION,
                                                AuditEvent.outcome == audit.Outcome.SUCCESS.value)
                       .order_by(AuditEvent.seq)):
        try:
            summary = json.loads(e.summary)
            notes.append(RestoreNote(e.seq, int(summary["backup_seq"]), summary.get("backup_at"),
                                     int(summary["replaced_seq"]), str(summary["replaced_hash"])))
        except (ValueError, KeyError, TypeError):
            continue  # a restore recorded before issue 13 names no head: it explains nothing
    return notes


def compare(service: AnchorService, chain: audit.ChainReport, anchors: list[dict[str, Any]]) -> HubCheck:
    """The local trail (``chain`` verified) against the hub's anchors; the first disagreement wins."""
    valid = [a for a in anchors if isinstance(a.get("seq"), int) and isinstance(a.get("hash"), str)]
    hub_seq = max((a["seq"] for a in valid), default=None)
    head = chain.head_seq
    if chain.rows == 0 and hub_seq:
        return HubCheck(False, "trail_wiped", 0, head, hub_seq=hub_seq, chain=chain)
    with service.db.read() as s:
        seqs = {a["seq"] for a in valid}
        local = {r.seq: r.hash for r in s.execute(select(AuditEvent.seq, AuditEvent.hash)
                                                  .where(AuditEvent.seq.in_(seqs)))} if seqs else {}
        local[0] = audit.GENESIS_HASH
        restores = _restores(s)
    used: dict[int, RestoreNote] = {}
    for a in sorted(valid, key=lambda a: a["seq"]):
        mine = local.get(a["seq"])
        if mine == a["hash"]:
            continue
        note = next((r for r in restores if r.backup_seq < a["seq"] <= r.replaced_seq
                     and (a["seq"] != r.replaced_seq or a["hash"] == r.replaced_hash)), None)
        if note is not None:
            used[note.seq] = note
            continue
        problem = "tail_deleted" if mine is None else "rows_rewritten"
        return HubCheck(False, problem, len(valid), head, a["seq"], hub_seq, str(a.get("received_at", "")),
                        chain=chain)
    return HubCheck(True, None, len(valid), head, hub_seq=hub_seq, chain=chain,
                    restores=tuple(used[k] for k in sorted(used)))


def take_receipt(sync: Any, actor: Actor, report_body: str, response: httpx.Response) -> ValidationError | None:
    """For SyncService.push after a delivered report: keep the hub's receipt; the refusal (audited) when
    it is signed by another key than the pinned one."""
    try:
        answer = response.json()
    except ValueError:
        return None
    return AnchorService(sync).take_receipt(actor, report_body, answer)
