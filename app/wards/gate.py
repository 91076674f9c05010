"""The gate station's decision: ADMIT, EXIT or DENY with a reason, in a few milliseconds.

Online (the clinic database reachable) it also checks live state: revoked, discharged, the escort's
test validity, who is inside, and a visitor's one passage ("探视人数仅限1人，时间30分钟内": once the
visitor has left, the permit is used — VISIT_USED). A holder inside may always leave, even after the
permit's time is over; a visitor leaving after the visit's end is an overstay, raised at once as an
alert (VISITOR_OVERSTAY), as is one still inside (``raise_overstays``, polled by the gate and ward
pages). Offline it falls back to the signature, the validity window and the last copy of the
revocation list (with the escorts' test validity and the used visits) it holds, says so, and keeps
every scan to write back later."""

from __future__ import annotations

import json
import os
import tempfile
import uuid

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database
from app.db.models import Clinic
from app.errors import PermissionDenied, StorageError
from app.figures import load_figures
from app.keys import load_public_key
from app.permissions import Perm
from app.privacy import mask_name
from app.reporting.alerts import AlertKind, raise_now
from app.reporting.alert_tables import Alert
from app.services.base import Service, authorize
from app.transfer.tables import TrustedClinic
from app.triage.common import clinic_day
from app.wards import credential
from app.wards.figures import WardFigures
from app.wards.records import GateDecision, InsideRecord
from app.wards.tables import Admission, GateEvent, Permit, Ward
from app.wards.vocab import Deny, GateOutcome, PermitKind, PermitState
from app.wards.ward_service import gate_names

#: Refusals a holder already inside does not meet on the way out: their time ran out while inside.
TIME_OVER = frozenset({Deny.EXPIRED, Deny.VISIT_TIME_OVER, Deny.ESCORT_TEST_OLD})
#: Who may see (and raise) the visitors overstaying: the gate, and the ward and permit desks.
OVERSTAY_PERMS = (Perm.GATE, Perm.ISSUE_PERMITS, Perm.MANAGE_WARDS)


def _deny(reason: Deny, c: credential.Credential | None = None, offline: bool = False) -> GateDecision:
    if c is None:
        return GateDecision(GateOutcome.DENY.value, reason.value, offline=offline)
    return GateDecision(GateOutcome.DENY.value, reason.value, None, c.kind, c.masked_name, c.id_last4, c.ward, c.bed,
                        c.valid_until, offline=offline)


def _window(c: credential.Credential, now: datetime) -> Deny | None:
    if now < c.valid_from:
        return Deny.NOT_YET_VALID
    if now > c.valid_until:
        return Deny.VISIT_TIME_OVER if c.kind == PermitKind.VISITOR else Deny.EXPIRED
    return None


def _visit_deadline(valid_until: datetime, since: datetime, visit_minutes: int) -> datetime:
    """A visitor leaves by the window's end, and never stays longer than the visit's minutes."""
    return min(valid_until, since + timedelta(minutes=visit_minutes))


def _minutes_over(deadline: datetime, now: datetime) -> int:
    return max(1, int((now - deadline).total_seconds() // 60)) if now > deadline else 0


def _overstay_key(permit_id: str) -> str:
    return f"overstay:{permit_id}"


def _authorize_any(s: Session, actor: Actor, perms: tuple[Perm, ...]) -> None:
    for i, perm in enumerate(perms):
        try:
            authorize(s, actor, perm)
            return
        except PermissionDenied as exc:
            if exc.code != "permission_denied" or i == len(perms) - 1:
                raise


def _key_texts(s: Session) -> dict[str, str]:
    keys = {c.key_id: c.public_key for c in s.scalars(select(Clinic))}
    keys.update({t.key_id: t.public_key for t in s.scalars(select(TrustedClinic))})
    return keys


class GateService(Service):
    """Online checks; also produces the snapshot an offline gate works from."""

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db, clock)
        self._keys: dict[str, Ed25519PublicKey] = {}

    def check(self, actor: Actor, scanned: str, gate: str, event_key: str | None = None) -> GateDecision:
        now = self.clock.now()
        with self.db.write() as s:
            authorize(s, actor, Perm.GATE)
            decision, permit_id, admission_id = self._decide(s, scanned.strip(), gate, now)
            s.execute(insert(GateEvent).values(
                event_key=event_key or uuid.uuid4().hex, permit_id=permit_id, admission_id=admission_id, gate=gate,
                at=now, outcome=decision.outcome, reason=decision.reason, offline=False, username=actor.username,
                workstation=actor.workstation))
        return decision

    def _public_key(self, s: Session, kid: str) -> Ed25519PublicKey | None:
        if kid not in self._keys:
            text = _key_texts(s).get(kid)
            if text is None:
                return None
            self._keys[kid] = load_public_key(text)
        return self._keys[kid]

    def _decide(self, s: Session, scanned: str, gate: str, now: datetime
                ) -> tuple[GateDecision, str | None, int | None]:
        """Two small queries for the live state (a scan must answer in milliseconds)."""
        if not scanned.startswith(credential.PREFIX):  # a typed permit number
            payload = s.scalar(select(Permit.payload).where(Permit.number == scanned.upper()))
            if payload is None:
                return _deny(Deny.UNKNOWN_PERMIT), None, None
            scanned = payload
        try:
            c = credential.decode(scanned, lambda kid: self._public_key(s, kid))
        except credential.CredentialRefused as refused:
            return _deny(refused.reason), None, None
        live = s.execute(
            select(Permit.number, Permit.state, Permit.revoke_reason, Permit.escort_test_at,
                   Permit.escort_test_result, Permit.valid_until, Admission.discharged_at, Ward.gates)
            .join(Admission, Admission.id == Permit.admission_id).join(Ward, Ward.id == Admission.ward_id)
            .where(Permit.id == c.permit_id)).first()
        reason = _window(c, now)
        if live is None:
            return _deny(reason or Deny.REVOKED, c), c.permit_id, c.admission_id  # signed by us, unknown here
        if gate not in gate_names(live.gates):
            return _deny(reason or Deny.WRONG_WARD, c), c.permit_id, c.admission_id
        withdrawn = None
        if live.state != PermitState.ACTIVE:
            withdrawn = Deny.DISCHARGED if live.revoke_reason == "discharged" else Deny.REVOKED
        elif live.discharged_at is not None:
            withdrawn = Deny.DISCHARGED
        if reason is None and withdrawn is not None:
            reason = withdrawn
        elif reason is None and c.kind == PermitKind.ESCORT and (
                live.escort_test_at is None or live.escort_test_result != "negative" or now > live.valid_until):
            reason = Deny.ESCORT_TEST_OLD  # the permit ends with the escort's negative result
        base = dict(permit_number=live.number, kind=c.kind, masked_name=c.masked_name, id_last4=c.id_last4,
                    ward=c.ward, bed=c.bed, valid_until=c.valid_until)
        last = self._last_passage(s, c.permit_id)
        if last is not None and last.outcome == GateOutcome.ADMIT and withdrawn is None and (
                reason is None or reason in TIME_OVER):  # the holder is inside: this scan lets them out
            over = None
            if c.kind == PermitKind.VISITOR:
                over = self._exit_overstay(s, c, live.number, last.at, now)
            return (GateDecision(GateOutcome.EXIT.value, None, inside_since=last.at, overstay_minutes=over, **base),
                    c.permit_id, c.admission_id)
        if c.kind == PermitKind.VISITOR and last is not None and last.outcome == GateOutcome.EXIT and (
                reason is None or reason == Deny.VISIT_TIME_OVER):
            reason = Deny.VISIT_USED  # one passage: a visitor who has left does not come back on this permit
        if reason is not None:
            return _deny(reason, c), c.permit_id, c.admission_id
        if c.kind == PermitKind.VISITOR and self._visitor_inside(s, c.admission_id):
            return _deny(Deny.VISITOR_INSIDE, c), c.permit_id, c.admission_id
        return GateDecision(GateOutcome.ADMIT.value, None, **base), c.permit_id, c.admission_id

    def _exit_overstay(self, s: Session, c: credential.Credential, number: str, since: datetime, now: datetime
                       ) -> int | None:
        """A visitor leaving after the visit's end: the overstay is an incident, raised now (once)."""
        figures, _ = load_figures(s, WardFigures)
        minutes = _minutes_over(_visit_deadline(c.valid_until, since, figures.visit_max_minutes), now)
        if not minutes:
            return None
        raise_now(s, AlertKind.VISITOR_OVERSTAY, _overstay_key(c.permit_id), clinic_day(s, now),
                  {"permit": number, "ward": c.ward, "minutes_over": minutes}, now)
        return minutes

    @staticmethod
    def _last_passage(s: Session, permit_id: str) -> Any:
        return s.execute(select(GateEvent.outcome, GateEvent.at).where(
            GateEvent.permit_id == permit_id, GateEvent.outcome.in_([GateOutcome.ADMIT.value, GateOutcome.EXIT.value]))
            .order_by(GateEvent.at.desc(), GateEvent.id.desc()).limit(1)).first()

    @classmethod
    def _inside_since(cls, s: Session, permit_id: str) -> datetime | None:
        last = cls._last_passage(s, permit_id)
        return last.at if last is not None and last.outcome == GateOutcome.ADMIT else None

    def _visitor_inside(self, s: Session, admission_id: int) -> bool:
        visitors = s.scalars(select(Permit.id).where(Permit.admission_id == admission_id,
                                                     Permit.kind == PermitKind.VISITOR.value)).all()
        return any(self._inside_since(s, pid) is not None for pid in visitors)

    def inside(self, actor: Actor) -> list[InsideRecord]:
        """Everyone now inside, visitors past the visit's end flagged first (the gate shows a running timer)."""
        now = self.clock.now()
        with self.db.read() as s:
            _authorize_any(s, actor, OVERSTAY_PERMS)
            return self._inside(s, now)

    def _inside(self, s: Session, now: datetime) -> list[InsideRecord]:
        figures, _ = load_figures(s, WardFigures)
        recent = s.scalars(select(GateEvent).where(GateEvent.at >= now - timedelta(days=30),
                                                   GateEvent.outcome.in_(["admit", "exit"]))
                           .order_by(GateEvent.at, GateEvent.id)).all()
        last: dict[str, GateEvent] = {}
        for e in recent:
            if e.permit_id:
                last[e.permit_id] = e
        result = []
        for permit_id, e in last.items():
            if e.outcome != GateOutcome.ADMIT:
                continue
            p = s.get(Permit, permit_id)
            if p is None:
                continue
            deadline = None
            if p.kind == PermitKind.VISITOR:
                deadline = _visit_deadline(p.valid_until, e.at, figures.visit_max_minutes)
            result.append(InsideRecord(p.number, p.kind, mask_name(p.holder_name), p.admission.ward.name,
                                       p.admission.bed, e.gate, e.at, deadline is not None and now > deadline,
                                       deadline))
        return sorted(result, key=lambda r: (not r.overdue, r.since))

    def overstays(self, actor: Actor) -> list[InsideRecord]:
        """Visitors still inside after the visit's end (an incident: shown red on the gate and ward pages)."""
        return [r for r in self.inside(actor) if r.overdue]

    def raise_overstays(self, actor: Actor) -> list[InsideRecord]:
        """The overstays, each raised as an alert once (VISITOR_OVERSTAY; evidence: permit number, ward,
        minutes over). Nothing is written when every overstay is already raised."""
        now = self.clock.now()
        late = self.overstays(actor)
        if not late:
            return late
        with self.db.read() as s:
            ids = dict(s.execute(select(Permit.number, Permit.id).where(
                Permit.number.in_([r.permit_number for r in late]))).all())
            raised = set(s.scalars(select(Alert.dedupe_key).where(
                Alert.dedupe_key.in_([_overstay_key(i) for i in ids.values()]))))
        fresh = [r for r in late if r.permit_number in ids and _overstay_key(ids[r.permit_number]) not in raised]
        if not fresh:
            return late
        with self.audited_write(actor, "alert.raise", "alert", None) as op:
            s = op.session
            _authorize_any(s, actor, OVERSTAY_PERMS)
            day = clinic_day(s, now)
            keys = []
            for r in fresh:
                assert r.deadline is not None
                key = _overstay_key(ids[r.permit_number])
                if raise_now(s, AlertKind.VISITOR_OVERSTAY, key, day, {
                        "permit": r.permit_number, "ward": r.ward, "minutes_over": _minutes_over(r.deadline, now)},
                        now):
                    keys.append(key)
            s.flush()
            raised_ids = dict(s.execute(select(Alert.dedupe_key, Alert.id).where(Alert.dedupe_key.in_(keys)))
                              .all()) if keys else {}
            op.summary = {"raised": [{"id": raised_ids.get(k), "kind": AlertKind.VISITOR_OVERSTAY.value,
                                      "dedupe_key": k} for k in keys]}
        return late

    def snapshot(self) -> dict[str, Any]:
        """What an offline gate needs: trusted keys, revoked permit ids, which gates serve which ward."""
        now = self.clock.now()
        with self.db.read() as s:
            escorts = s.execute(select(Permit.id, Permit.valid_until).where(
                Permit.kind == PermitKind.ESCORT.value, Permit.state == PermitState.ACTIVE.value,
                Permit.requested_until > now)).all()
            used = s.scalars(select(GateEvent.permit_id).join(Permit, Permit.id == GateEvent.permit_id).where(
                Permit.kind == PermitKind.VISITOR.value, Permit.state == PermitState.ACTIVE.value,
                Permit.valid_until > now - timedelta(days=1), GateEvent.outcome == GateOutcome.EXIT.value)
                .distinct()).all()
            return {
                "keys": _key_texts(s),
                "revoked": sorted(s.scalars(select(Permit.id).where(Permit.state == PermitState.REVOKED.value))),
                "wards": {w.name: list(gate_names(w.gates)) for w in s.scalars(select(Ward))},
                "escort_test_until": {e.id: e.valid_until.isoformat() for e in escorts},
                "visits_used": sorted(used),
                "taken_at": now.isoformat(),
            }

    def write_back(self, events: list[dict[str, Any]]) -> int:
        """Store scans decided offline; an event already stored (same key) is not stored twice."""
        stored = 0
        for e in events:
            try:
                with self.db.write() as s:
                    if s.scalar(select(GateEvent.id).where(GateEvent.event_key == e["event_key"])):
                        continue
                    s.add(GateEvent(event_key=e["event_key"], permit_id=e.get("permit_id"), admission_id=e.get(
                        "admission_id"), gate=e["gate"], at=datetime.fromisoformat(e["at"]), outcome=e["outcome"],
                        reason=e.get("reason"), offline=True, username=e["username"], workstation=e["workstation"]))
                stored += 1
            except IntegrityError:
                continue
        return stored


class GateStation:
    """One gate PC: online when it can be, offline from its own files when it cannot."""

    def __init__(self, service: GateService, clock: Clock, data_dir: Path, gate: str) -> None:
        self.service, self.clock, self.gate = service, clock, gate
        self.cache_path = data_dir / f"gate-{gate}-cache.json"
        self.pending_path = data_dir / f"gate-{gate}-pending.jsonl"
        self.last_online: bool | None = None

    def check(self, actor: Actor, scanned: str) -> GateDecision:
        event_key = uuid.uuid4().hex
        try:
            decision = self.service.check(actor, scanned, self.gate, event_key=event_key)
            self.last_online = True
            self._after_online()
            return decision
        except StorageError:
            self.last_online = False
        decision, permit_id, admission_id = self._offline(scanned.strip())
        self._append_pending({"event_key": event_key, "permit_id": permit_id, "admission_id": admission_id,
                              "gate": self.gate, "at": self.clock.now().isoformat(), "outcome": decision.outcome,
                              "reason": decision.reason, "username": actor.username,
                              "workstation": actor.workstation})
        return decision

    def refresh_cache(self) -> None:
        _atomic_write(self.cache_path, json.dumps(self.service.snapshot(), ensure_ascii=False))

    def pending(self) -> list[dict[str, Any]]:
        if not self.pending_path.exists():
            return []
        lines = self.pending_path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def flush_pending(self) -> int:
        """Write offline scans back to the clinic database; the local file is cleared only after."""
        events = self.pending()
        if not events:
            return 0
        stored = self.service.write_back(events)
        self.pending_path.unlink(missing_ok=True)
        return stored

    def _after_online(self) -> None:
        try:
            if self.pending():
                self.flush_pending()
            if not self.cache_path.exists() or self._cache_age() > timedelta(minutes=5):
                self.refresh_cache()
        except StorageError:
            pass  # still usable; the next online scan tries again

    def _cache_age(self) -> timedelta:
        taken = json.loads(self.cache_path.read_text(encoding="utf-8")).get("taken_at")
        return self.clock.now() - datetime.fromisoformat(taken) if taken else timedelta.max

    def _offline(self, scanned: str) -> tuple[GateDecision, str | None, int | None]:
        try:
            cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            cache = {"keys": {}, "revoked": [], "wards": {}}
        keys = {kid: load_public_key(text) for kid, text in cache.get("keys", {}).items()}
        if not scanned.startswith(credential.PREFIX):
            return _deny(Deny.UNKNOWN_PERMIT, offline=True), None, None  # typed numbers need the database
        try:
            c = credential.decode(scanned, keys.get)
        except credential.CredentialRefused as refused:
            return _deny(refused.reason, offline=True), None, None
        now = self.clock.now()
        reason = _window(c, now)
        if reason is None and self.gate not in cache.get("wards", {}).get(c.ward, []):
            reason = Deny.WRONG_WARD
        if reason is None and c.permit_id in set(cache.get("revoked", [])):
            reason = Deny.REVOKED
        test_until = cache.get("escort_test_until", {}).get(c.permit_id)
        if reason is None and c.kind == PermitKind.ESCORT and test_until and now > datetime.fromisoformat(test_until):
            reason = Deny.ESCORT_TEST_OLD
        if c.kind == PermitKind.VISITOR and c.permit_id in set(cache.get("visits_used", [])) and reason in (
                None, Deny.VISIT_TIME_OVER):
            reason = Deny.VISIT_USED
        if reason is not None:
            return _deny(reason, c, offline=True), c.permit_id, c.admission_id
        return (GateDecision(GateOutcome.ADMIT.value, None, None, c.kind, c.masked_name, c.id_last4, c.ward, c.bed,
                             c.valid_until, offline=True), c.permit_id, c.admission_id)

    def _append_pending(self, event: dict[str, Any]) -> None:
        self.pending_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.pending_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(event, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)



