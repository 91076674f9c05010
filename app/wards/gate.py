"""The gate station's decision: ADMIT, EXIT, REPEAT or DENY with a reason, in a few milliseconds.

The gatekeeper chooses the action (F2 进入 / F3 离开: ``Direction``); it is never guessed from the last
passage. Leaving is always let through and recorded, whatever the permit's state: what was wrong
(revoked, expired, discharged, no recorded entry, a visitor's overstay…) is flagged on the exit
(``ExitFlag``), and a visitor leaving after the visit's end is an overstay, raised at once as an alert
(VISITOR_OVERSTAY). Who is inside comes from the passages (``gate_inside``: an entry adds, an exit
removes), so nobody stays inside after leaving and nobody drops off by age; each gate lists and warns
about only the wards it serves. The same card scanned again within ``repeat_scan_seconds`` of its
passage is a repeated scan (重复扫描), not a second passage. Online (the clinic database reachable) it
checks live state: revoked, discharged, the escort's test validity, one visitor at a time and a
visitor's one passage ("探视人数仅限1人，时间30分钟内"). Every recorded scan is an audited write
("gate.scan"), so gate decisions are in the hash chain.

Offline it decides from its own copy of the lists (``GateService.snapshot``), refuses once that copy is
older than ``offline_max_age_hours`` or the clock went back, keeps every scan in a durable queue, and
back online writes them back (audited, marked offline), checking every offline admission again against
the live data: one that should have been refused is an incident (OFFLINE_ADMISSION_REFUSABLE)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import uuid

from collections.abc import Callable
from dataclasses import dataclass

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Table, bindparam, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database, connection_of
from app.db.models import ClinicSetting
from app.db.prepared import Prepared
from app.desk_keys import permit_key, permit_keys_for_snapshot
from app.disk_full import disk_full_as_error
from app.errors import PermissionDenied, StorageError
from app import scan_text
from app.figures import load_figures, parse_figures
from app.keys import load_public_key
from app.permissions import Perm
from app.privacy import mask_name
from app.reporting.alerts import AlertKind, raise_now
from app.reporting.alert_tables import Alert
from app.text_rules import refuse_hidden_characters
from app.services.base import Service, authorize, insert_row
from app.triage.common import clinic_day
from app.wards import credential
from app.wards.figures import WardFigures
from app.wards.records import GateDecision, GateStatus, InsideRecord, RefusableAdmission, WriteBackResult
from app.wards.tables import Admission, GateEvent, GateInside, Permit, Ward
from app.wards.vocab import Deny, Direction, ExitFlag, GateOutcome, PermitKind, PermitState
from app.wards.ward_service import gate_names

#: An offline gate refuses to decide when this PC's clock is earlier than the latest time it has seen by more.
CLOCK_TOLERANCE = timedelta(minutes=2)
#: How old the gate's offline copy may grow before its idle poll takes a new one (``GateStation.upkeep``).
COPY_EVERY = timedelta(minutes=2)
#: Who may see (and raise) the visitors overstaying: the gate, and the ward and permit desks.
OVERSTAY_PERMS = (Perm.GATE, Perm.ISSUE_PERMITS, Perm.MANAGE_WARDS)


def _deny(reason: Deny, c: credential.Credential | None = None, offline: bool = False, *,
          number: str | None = None, direction: Direction = Direction.IN,
          taken_at: datetime | None = None) -> GateDecision:
    if c is None:
        return GateDecision(GateOutcome.DENY.value, reason.value, offline=offline, direction=direction.value,
                            data_taken_at=taken_at)
    return GateDecision(GateOutcome.DENY.value, reason.value, number, c.kind, c.masked_name, c.id_last4, c.ward, c.bed,
                        c.valid_until, offline=offline, direction=direction.value, data_taken_at=taken_at)


def _repeat(c: credential.Credential, number: str | None, outcome: str, at: datetime, direction: Direction,
            offline: bool = False, taken_at: datetime | None = None) -> GateDecision:
    return GateDecision(GateOutcome.REPEAT.value, None, number, c.kind, c.masked_name, c.id_last4, c.ward, c.bed,
                        c.valid_until, offline=offline, direction=direction.value, repeat_of=outcome, repeat_at=at,
                        data_taken_at=taken_at)


def _exit_flags(c: credential.Credential, window: Deny | None, withdrawn: Deny | None, wrong_ward: bool,
                test_old: bool, inside: bool) -> list[str]:
    """What was wrong when the holder left (recorded; leaving is never refused)."""
    flags = []
    if not inside:
        flags.append(ExitFlag.NOT_INSIDE.value)
    if withdrawn is not None:
        flags.append(ExitFlag(withdrawn.value).value)
    if window is not None:
        flags.append(ExitFlag(window.value).value)
    if test_old:
        flags.append(ExitFlag.ESCORT_TEST_OLD.value)
    if wrong_ward:
        flags.append(ExitFlag.WRONG_WARD.value)
    return flags


@dataclass(frozen=True)
class _Verdict:
    decision: GateDecision
    permit_id: str | None = None
    admission_id: int | None = None
    kind: str | None = None
    #: what ``_decide`` already read, so the passage does not read it again (None: not read)
    inside: bool | None = None
    latest: datetime | None = None  # the permit's latest recorded passage (None with ``inside`` known: none)


#: A passage (entry or exit) as OR, not IN: an IN list is rendered again at every run, which ``Prepared`` leaves to
#: SQLAlchemy; a scan runs ``_LIVE`` every time.
_PASSAGE = or_(GateEvent.outcome == GateOutcome.ADMIT.value, GateEvent.outcome == GateOutcome.EXIT.value)
# The statements of a scan and of the inside poll, built once: building and keying a statement cost more than
# running it (a scan runs about ten).
_PAYLOAD = select(Permit.payload).where(Permit.number == bindparam("number"))
_LAST = (select(GateEvent.outcome, GateEvent.at)
         .where(GateEvent.permit_id == bindparam("permit"), _PASSAGE)
         .order_by(GateEvent.at.desc(), GateEvent.id.desc()).limit(1))
_INSIDE_SINCE = select(GateInside.since).where(GateInside.permit_id == bindparam("permit"))
_latest = aliased(GateEvent, name="latest")
#: Everything a scan needs about a known permit in one read: its live state, its ward's gates, since when it is
#: inside, its latest passage, and the figures in force.
_LIVE = Prepared(
    select(Permit.number, Permit.state, Permit.revoke_reason, Permit.escort_test_at, Permit.escort_test_result,
           Permit.valid_until, Admission.discharged_at, Ward.gates, GateInside.since.label("inside_since"),
           _latest.outcome.label("last_outcome"), _latest.at.label("last_at"),
           select(ClinicSetting.value).where(ClinicSetting.key == WardFigures.KEY).scalar_subquery().label("figures"))
    .join(Admission, Admission.id == Permit.admission_id).join(Ward, Ward.id == Admission.ward_id)
    .outerjoin(GateInside, GateInside.permit_id == Permit.id)
    .outerjoin(_latest, _latest.id == select(GateEvent.id).where(GateEvent.permit_id == Permit.id, _PASSAGE)
               .order_by(GateEvent.at.desc(), GateEvent.id.desc()).limit(1).scalar_subquery())
    .where(Permit.id == bindparam("permit")))
_LATER = select(GateEvent.id).where(GateEvent.permit_id == bindparam("permit"), GateEvent.at > bindparam("at"),
                                    _PASSAGE).limit(1)
_LEFT = select(GateEvent.id).where(GateEvent.permit_id == bindparam("permit"),
                                   GateEvent.outcome == GateOutcome.EXIT.value).limit(1)
_OTHER_VISITOR = select(GateInside.permit_id).where(
    GateInside.admission_id == bindparam("admission"), GateInside.kind == PermitKind.VISITOR.value,
    GateInside.permit_id != bindparam("permit")).limit(1)
_EVENTS = cast(Table, GateEvent.__table__)
_ENTER = Prepared(insert(GateInside))
_MOVE = Prepared(update(GateInside).where(GateInside.permit_id == bindparam("permit")).values(
    gate=bindparam("to_gate"), since=bindparam("at")))
_LEAVE = Prepared(delete(GateInside).where(GateInside.permit_id == bindparam("permit")))
_INSIDE = (select(GateInside.gate, GateInside.since, Permit.number, Permit.kind, Permit.holder_name, Permit.valid_until,
                  Admission.bed, Ward.name, Ward.gates)
           .join(Permit, Permit.id == GateInside.permit_id).join(Admission, Admission.id == Permit.admission_id)
           .join(Ward, Ward.id == Admission.ward_id))


#: Permits already verified, by the text scanned: (key id, the verifying key's bytes, the credential). A card is
#: scanned in and out, and often read twice by the scanner; it is verified again only when the key that verified
#: it is no longer the one the clinic's table gives for its key id (read at every scan).
_verified: dict[str, tuple[str, bytes, credential.Credential]] = {}


def _verify(text: str, key_for: Callable[[str], Ed25519PublicKey | None]) -> credential.Credential:
    """``credential.decode``, remembered for the same text and the same key (verification is deterministic)."""
    seen: dict[str, Ed25519PublicKey | None] = {}

    def key_once(kid: str) -> Ed25519PublicKey | None:
        if kid not in seen:
            seen[kid] = key_for(kid)
        return seen[kid]

    hit = _verified.get(text)
    if hit is not None:
        key = key_once(hit[0])
        if key is not None and key.public_bytes_raw() == hit[1]:
            return hit[2]
    c = credential.decode(text, key_once)
    [(kid, key)] = seen.items()  # the one key id of the text's header; it verified, so it is a key
    if key is not None:
        if len(_verified) > 512:
            _verified.clear()
        _verified[text] = (kid, key.public_bytes_raw(), c)
    return c


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """The engine's flush-time check of every stored string, for the rows a scan writes without the ORM."""
    for name, value in values.items():
        if isinstance(value, str):
            refuse_hidden_characters(value, name)
    return values


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


class GateService(Service):
    """Online checks; also produces the snapshot an offline gate works from."""

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db, clock)

    def check(self, actor: Actor, scanned: str, gate: str, event_key: str | None = None,
              direction: Direction | str = Direction.IN, record: bool = True) -> GateDecision:
        """The gate's decision for one scan. ``direction``: the gatekeeper's action (in / out), never
        guessed. ``record=False`` is a dry check (``permit verify``): nothing is written. A recorded scan
        is one audited write ("gate.scan"), so gate decisions are in the hash chain."""
        now = self.clock.now()
        direction = Direction(direction)
        if not record:
            with self.db.read() as s:
                authorize(s, actor, Perm.GATE)
                return self._decide(s, scanned, gate, now, direction).decision
        with self.audited_write(actor, "gate.scan", "gate_event", Perm.GATE) as op:
            s = op.session
            verdict = self._decide(s, scanned, gate, now, direction)
            d = verdict.decision
            row = insert_row(s, _EVENTS, dict(
                event_key=event_key or uuid.uuid4().hex, permit_id=verdict.permit_id,
                admission_id=verdict.admission_id, gate=gate, at=now, outcome=d.outcome, reason=d.reason,
                offline=False, username=actor.username, workstation=actor.workstation, direction=direction.value,
                flags=",".join(d.flags) or None))
            op.entity_id, op.known["gate_events"] = row.id, row._mapping  # the audit digest reads nothing back
            self._pass(s, verdict, gate, now, now)
            op.summary = _scan_summary(d, gate, direction.value)
        return d

    def _record_failure(self, actor: Actor, action: str, entity: str, op: Any, exc: Any) -> None:
        if isinstance(exc, StorageError):
            return  # the database is not there to audit into: the station decides offline and queues the scan
        super()._record_failure(actor, action, entity, op, exc)

    def _public_key(self, s: Session, kid: str) -> Ed25519PublicKey | None:
        """This clinic's enrolled desk keys only, read at each scan (a revoked desk or a distrusted clinic is
        refused at the next scan; another clinic's key never verifies a permit): app/desk_keys.py."""
        return permit_key(s, kid, self.clock.now())

    def _decide(self, s: Session, scanned: str, gate: str, now: datetime, direction: Direction) -> _Verdict:
        """Two small reads, the key and the permit's live state (a scan must answer in milliseconds)."""
        text = scan_text.permit_text(scanned)
        if not scan_text.is_permit(text):  # a typed permit number
            typed = scan_text.permit_number(scanned)
            payload = s.connection().execute(_PAYLOAD, {"number": typed}).scalar() if 0 < len(typed) <= 16 \
                else None
            if payload is None:
                return _Verdict(_deny(Deny.UNKNOWN_PERMIT, direction=direction))
            text = payload
        try:
            c = _verify(text, lambda kid: self._public_key(s, kid))
        except credential.CredentialRefused as refused:
            return _Verdict(_deny(refused.reason, direction=direction))
        conn = connection_of(s)
        live = _LIVE.first(conn, {"permit": c.permit_id})
        if live is not None:
            number, since, latest, last_outcome = live.number, live.inside_since, live.last_at, live.last_outcome
            figures = parse_figures(WardFigures, live.figures) if live.figures is not None else WardFigures()
        else:  # signed by us, unknown here: refused, but an exit is still recorded as it is
            number, since = None, conn.execute(_INSIDE_SINCE, {"permit": c.permit_id}).scalar()
            latest, last_outcome = conn.execute(_LAST, {"permit": c.permit_id}).first() or (None, None)
            figures, _ = load_figures(s, WardFigures)
        if latest is not None and timedelta(0) <= now - latest < timedelta(seconds=figures.repeat_scan_seconds):
            return _Verdict(_repeat(c, number, last_outcome, latest, direction), c.permit_id, c.admission_id, c.kind)
        window = _window(c, now)
        withdrawn = None
        if live is None:
            withdrawn = Deny.REVOKED  # signed by us, unknown here
        elif live.state != PermitState.ACTIVE:
            withdrawn = Deny.DISCHARGED if live.revoke_reason == "discharged" else Deny.REVOKED
        elif live.discharged_at is not None:
            withdrawn = Deny.DISCHARGED
        wrong_ward = live is not None and gate not in gate_names(live.gates)
        test_old = c.kind == PermitKind.ESCORT and live is not None and (
            live.escort_test_at is None or live.escort_test_result != "negative" or now > live.valid_until)
        inside = since is not None
        if direction == Direction.OUT:  # leaving is never refused: what was wrong is recorded with the exit
            flags = _exit_flags(c, window, withdrawn, wrong_ward, test_old, inside)
            over = None
            if c.kind == PermitKind.VISITOR and since is not None:
                over = _minutes_over(_visit_deadline(c.valid_until, since, figures.visit_max_minutes), now) or None
                if over:
                    flags = [f for f in flags if f not in (ExitFlag.VISIT_TIME_OVER, ExitFlag.EXPIRED)]
                    flags.append(ExitFlag.OVERSTAY.value)
            return _Verdict(GateDecision(GateOutcome.EXIT.value, None, number, c.kind, c.masked_name, c.id_last4,
                                         c.ward, c.bed, c.valid_until, inside_since=since,
                                         overstay_minutes=over, direction=direction.value, flags=tuple(flags)),
                            c.permit_id, c.admission_id, c.kind, inside, latest)
        reason = window or (withdrawn if live is None else None)
        if reason is None and wrong_ward:
            reason = Deny.WRONG_WARD
        if reason is None and withdrawn is not None:
            reason = withdrawn
        if reason is None and test_old:
            reason = Deny.ESCORT_TEST_OLD  # the permit ends with the escort's negative result
        if c.kind == PermitKind.VISITOR and reason in (None, Deny.VISIT_TIME_OVER) and (
                inside or conn.execute(_LEFT, {"permit": c.permit_id}).first() is not None):
            reason = Deny.VISIT_USED  # one passage: a visitor who came in (or has left) does not enter again
        if reason is None and c.kind == PermitKind.VISITOR and conn.execute(
                _OTHER_VISITOR, {"admission": c.admission_id, "permit": c.permit_id}).first() is not None:
            reason = Deny.VISITOR_INSIDE
        if reason is not None:
            return _Verdict(_deny(reason, c, number=number, direction=direction), c.permit_id, c.admission_id, c.kind)
        return _Verdict(GateDecision(GateOutcome.ADMIT.value, None, number, c.kind, c.masked_name, c.id_last4, c.ward,
                                     c.bed, c.valid_until, direction=direction.value),
                        c.permit_id, c.admission_id, c.kind, inside, latest)

    def _pass(self, s: Session, verdict: _Verdict, gate: str, at: datetime, now: datetime) -> None:
        """A passage changes who is inside (unless a later passage of the same permit is already
        recorded: an offline scan written back late); a late visitor's exit raises the overstay."""
        d = verdict.decision
        if verdict.permit_id is None or d.outcome not in (GateOutcome.ADMIT, GateOutcome.EXIT):
            return
        conn, permit = connection_of(s), verdict.permit_id
        if verdict.inside is None:  # a scan written back: read what an online scan's decision already knew
            later = conn.execute(_LATER, {"permit": permit, "at": at}).first() is not None
            inside = conn.execute(_INSIDE_SINCE, {"permit": permit}).first() is not None
        else:
            later = verdict.latest is not None and verdict.latest > at
            inside = verdict.inside
        if not later:
            if d.outcome == GateOutcome.ADMIT and verdict.admission_id is not None:
                if not inside:
                    _ENTER.rowcount(conn, _clean(dict(permit_id=permit, admission_id=verdict.admission_id,
                                                      kind=verdict.kind or "", gate=gate, since=at)))
                else:
                    _MOVE.rowcount(conn, _clean({"permit": permit, "to_gate": gate, "at": at}))
            elif d.outcome == GateOutcome.EXIT and inside:
                _LEAVE.rowcount(conn, {"permit": permit})
        if d.outcome == GateOutcome.EXIT and d.overstay_minutes and verdict.permit_id is not None:
            raise_now(s, AlertKind.VISITOR_OVERSTAY, _overstay_key(verdict.permit_id), clinic_day(s, at),
                      {"permit": d.permit_number, "ward": d.ward, "minutes_over": d.overstay_minutes}, now)

    def inside(self, actor: Actor, gate: str | None = None) -> list[InsideRecord]:
        """Everyone now inside (of the wards ``gate`` serves, or all), visitors past the visit's end
        flagged first (the gate shows a running timer). From the passages: nobody drops off by age."""
        now = self.clock.now()
        with self.db.read() as s:
            _authorize_any(s, actor, OVERSTAY_PERMS)
            return self._inside(s, now, gate)

    def _inside(self, s: Session, now: datetime, gate: str | None = None) -> list[InsideRecord]:
        """The columns shown, not the rows as objects (a gate polls this every few seconds)."""
        figures: WardFigures | None = None
        result = []
        for r in s.connection().execute(_INSIDE):
            if gate is not None and gate not in gate_names(r.gates):
                continue
            deadline = None
            if r.kind == PermitKind.VISITOR:
                if figures is None:
                    figures, _ = load_figures(s, WardFigures)
                deadline = _visit_deadline(r.valid_until, r.since, figures.visit_max_minutes)
            result.append(InsideRecord(r.number, r.kind, mask_name(r.holder_name), r.name, r.bed, r.gate, r.since,
                                       deadline is not None and now > deadline, deadline))
        return sorted(result, key=lambda r: (not r.overdue, r.since))

    def overstays(self, actor: Actor, gate: str | None = None) -> list[InsideRecord]:
        """Visitors still inside after the visit's end (an incident: shown red on the gate and ward pages)."""
        return [r for r in self.inside(actor, gate) if r.overdue]

    def raise_overstays(self, actor: Actor, gate: str | None = None) -> list[InsideRecord]:
        """The overstays, each raised as an alert once (VISITOR_OVERSTAY; evidence: permit number, ward,
        minutes over). Nothing is written when every overstay is already raised."""
        now = self.clock.now()
        late = self.overstays(actor, gate)
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
        """What an offline gate needs to apply every rule: trusted keys, revoked and discharged permit ids,
        which gates serve which ward (and the ward's type), each escort's test validity, the visits used,
        who is inside (for one visitor at a time and the overstays), and the figures in force."""
        now = self.clock.now()
        with self.db.read() as s:
            figures, _ = load_figures(s, WardFigures)
            escorts = s.execute(select(Permit.id, Permit.valid_until, Permit.escort_test_result).where(
                Permit.kind == PermitKind.ESCORT.value, Permit.state == PermitState.ACTIVE.value,
                Permit.requested_until > now)).all()
            used = s.scalars(select(GateEvent.permit_id).join(Permit, Permit.id == GateEvent.permit_id).where(
                Permit.kind == PermitKind.VISITOR.value, Permit.state == PermitState.ACTIVE.value,
                Permit.valid_until > now - timedelta(days=1), GateEvent.outcome == GateOutcome.EXIT.value)
                .distinct()).all()
            discharged = s.scalars(select(Permit.id).join(Admission, Admission.id == Permit.admission_id).where(
                (Permit.revoke_reason == "discharged") | ((Permit.state == PermitState.ACTIVE.value)
                                                          & Admission.discharged_at.is_not(None)))).all()
            return {
                "keys": permit_keys_for_snapshot(s, now),
                "revoked": sorted(s.scalars(select(Permit.id).where(Permit.state == PermitState.REVOKED.value))),
                "discharged": sorted(discharged),
                "wards": {w.name: {"gates": list(gate_names(w.gates)), "type": w.type}
                          for w in s.scalars(select(Ward))},
                "escort_test_until": {e.id: e.valid_until.isoformat() for e in escorts
                                      if e.escort_test_result == "negative"},
                "visits_used": sorted(used),
                "inside": {r.permit_id: {"admission_id": r.admission_id, "kind": r.kind, "since": r.since.isoformat()}
                           for r in s.scalars(select(GateInside))},
                "figures": {"visit_max_minutes": figures.visit_max_minutes,
                            "repeat_scan_seconds": figures.repeat_scan_seconds,
                            "offline_max_age_hours": figures.offline_max_age_hours},
                "taken_at": now.isoformat(),
            }

    def write_back(self, actor: Actor, events: list[dict[str, Any]]) -> WriteBackResult:
        """Store scans decided offline, oldest first, each as its own audited write ("gate.scan", marked
        offline); an event already stored (same key) is not stored twice. Every offline ADMIT is checked
        again against the live data at its moment (revoked, discharged, test too old, visit used, wrong
        ward): one that should have been refused raises an incident (OFFLINE_ADMISSION_REFUSABLE)."""
        keys = [str(e["event_key"]) for e in events]
        with self.db.read() as s:
            authorize(s, actor, Perm.GATE)
            done = set(s.scalars(select(GateEvent.event_key).where(GateEvent.event_key.in_(keys)))) if keys else set()
        stored, already, refusable = 0, len(done), []
        for e in sorted(events, key=lambda e: str(e["at"])):
            if e["event_key"] in done:
                continue
            done.add(e["event_key"])
            at = datetime.fromisoformat(e["at"])
            try:
                with self.audited_write(actor, "gate.scan", "gate_event", Perm.GATE) as op:
                    s = op.session
                    figures, _ = load_figures(s, WardFigures)
                    decision = GateDecision(
                        e["outcome"], e.get("reason"), e.get("permit_number"), e.get("kind"), ward=e.get("ward"),
                        offline=True, overstay_minutes=e.get("overstay_minutes"), direction=e.get("direction") or "in",
                        flags=tuple(e.get("flags") or ()))
                    event = GateEvent(event_key=e["event_key"], permit_id=e.get("permit_id"),
                                      admission_id=e.get("admission_id"), gate=e["gate"], at=at, outcome=e["outcome"],
                                      reason=e.get("reason"), offline=True, username=e["username"],
                                      workstation=e["workstation"], direction=e.get("direction"),
                                      flags=",".join(e.get("flags") or ()) or None)
                    s.add(event)
                    s.flush()
                    self._pass(s, _Verdict(decision, e.get("permit_id"), e.get("admission_id"), e.get("kind")),
                               e["gate"], at, self.clock.now())
                    wrong = None
                    if e["outcome"] == GateOutcome.ADMIT and e.get("permit_id"):
                        wrong = self._refusable(s, e["permit_id"], e["gate"], at, event.id, figures)
                    if wrong is not None:
                        number = s.scalar(select(Permit.number).where(Permit.id == e["permit_id"]))
                        raise_now(s, AlertKind.OFFLINE_ADMISSION_REFUSABLE, f"offline_admit:{e['event_key']}",
                                  clinic_day(s, at), {"permit": number, "gate": e["gate"], "reason": wrong.value},
                                  self.clock.now())
                        refusable.append(RefusableAdmission(number, e["gate"], at, wrong.value))
                    op.entity_id = event.id
                    op.summary = {**_scan_summary(decision, e["gate"], e.get("direction") or "in"), "offline": True,
                                  "at": e["at"], "by": e["username"], "workstation": e["workstation"],
                                  **({"refusable": wrong.value} if wrong else {})}
                stored += 1
            except IntegrityError:  # another desk wrote the same scan back at the same moment
                already += 1
        return WriteBackResult(stored, already, tuple(refusable))

    def _refusable(self, s: Session, permit_id: str, gate: str, at: datetime, event_id: int,
                   figures: WardFigures) -> Deny | None:
        """Why an admission decided offline should have been refused, from the live data at its moment."""
        p = s.get(Permit, permit_id)
        if p is None:
            return Deny.REVOKED
        if p.state == PermitState.REVOKED and (p.revoked_at is None or p.revoked_at <= at):
            return Deny.DISCHARGED if p.revoke_reason == "discharged" else Deny.REVOKED
        if p.admission.discharged_at is not None and p.admission.discharged_at <= at:
            return Deny.DISCHARGED
        if gate not in gate_names(p.admission.ward.gates):
            return Deny.WRONG_WARD
        if at < p.valid_from:
            return Deny.NOT_YET_VALID
        if p.kind == PermitKind.ESCORT:
            if at > (p.requested_until or p.valid_until):
                return Deny.EXPIRED
            if p.escort_test_at is None or p.escort_test_result != "negative" or (
                    p.escort_test_at <= at
                    and at > p.escort_test_at + timedelta(hours=figures.escort_test_valid_hours)):
                return Deny.ESCORT_TEST_OLD
            return None
        if at > p.valid_until:
            return Deny.VISIT_TIME_OVER
        if s.scalar(select(GateEvent.id).where(GateEvent.permit_id == permit_id, GateEvent.id != event_id,
                                               GateEvent.at <= at,
                                               GateEvent.outcome.in_([GateOutcome.ADMIT.value, GateOutcome.EXIT.value]))
                    .limit(1)):
            return Deny.VISIT_USED  # one passage: this visitor had already been in
        return None


class GateStation:
    """One gate PC: online when it can be, offline from its own copy of the lists when it cannot.

    The copy (``gate-<gate>-cache.json``, written atomically, also kept in memory) carries everything the
    rules need; an offline gate refuses to decide once it is older than ``offline_max_age_hours`` or when
    this PC's clock is earlier than the latest time it has seen (its copy, its queue) by more than
    ``CLOCK_TOLERANCE``. Leaving is always let through. Offline scans wait in a durable queue
    (``gate-<gate>-pending.jsonl``: one JSON line per scan with its own checksum, fsynced); a torn or
    unreadable line is set aside into ``gate-<gate>-quarantine.jsonl``, counted and reported, and never
    stops the scans after it."""

    def __init__(self, service: GateService, clock: Clock, data_dir: Path, gate: str) -> None:
        self.service, self.clock, self.gate = service, clock, gate
        self.cache_path = data_dir / f"gate-{gate}-cache.json"
        self.pending_path = data_dir / f"gate-{gate}-pending.jsonl"
        self.quarantine_path = data_dir / f"gate-{gate}-quarantine.jsonl"
        self.last_online: bool | None = None
        self._cache: dict[str, Any] | None = None
        self._latest: datetime | None = None  # the latest time this station has seen
        self._lock = threading.RLock()

    # ----- scanning ---------------------------------------------------------------------------
    def check(self, actor: Actor, scanned: str, direction: Direction | str = Direction.IN,
              record: bool = True) -> GateDecision:
        direction = Direction(direction)
        event_key = uuid.uuid4().hex
        try:
            if record and self.pending():  # back online: the scans queued offline first, so this decision knows
                self.flush_pending(actor)  # them (a visitor let in offline has used the visit)
            decision = self.service.check(actor, scanned, self.gate, event_key=event_key, direction=direction,
                                          record=record)
            self.last_online = True
            self._seen(self.clock.now())
            return decision
        except StorageError:
            self.last_online = False
        with self._lock:
            decision, event = self._offline(scanned, direction, self.clock.now())
            if record and event is not None:
                event.update(event_key=event_key, username=actor.username, workstation=actor.workstation)
                self._append_pending(event)
                self._apply(self._load_cache(), event)
        return decision

    def status(self) -> GateStatus:
        """For the gate page: online or not, how old the offline copy is, what waits, what was set aside."""
        with self._lock:
            cache = self._load_cache()
            taken = _parse_time(cache.get("taken_at")) if cache else None
            return GateStatus(self.last_online, taken, len(self.pending()), self.set_aside())

    def set_aside(self) -> int:
        """Offline records that could not be read (torn, corrupted), kept in the quarantine file."""
        try:
            with open(self.quarantine_path, encoding="utf-8", errors="replace") as fh:
                return sum(1 for line in fh if line.strip())
        except OSError:
            return 0

    # ----- the offline copy -------------------------------------------------------------------
    def refresh_cache(self) -> None:
        """A new offline copy, written for the next start and kept in memory as it is: the scans read the
        copy in memory, never the file (parsed once, at the first offline decision after a start)."""
        snapshot = self.service.snapshot()
        text = json.dumps(snapshot, ensure_ascii=False)
        with self._lock:
            _atomic_write(self.cache_path, text)
            for event in self.pending():  # the scans still waiting, on top
                self._apply(snapshot, event)
            self._cache = snapshot
            self._seen(datetime.fromisoformat(snapshot["taken_at"]))

    def _load_cache(self) -> dict[str, Any]:
        if self._cache is None:
            try:
                cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
                if not isinstance(cache, dict):
                    raise ValueError("not an object")
            except (OSError, ValueError):
                cache = {}
            for event in self.pending():
                self._apply(cache, event)
            self._cache = cache
        return self._cache

    def _cache_age(self) -> timedelta:
        taken = _parse_time(self._load_cache().get("taken_at"))
        return self.clock.now() - taken if taken else timedelta.max

    @staticmethod
    def _apply(cache: dict[str, Any], e: dict[str, Any]) -> None:
        """An offline passage in the copy: who is inside, the visits used, the last passage (repeats)."""
        pid, at = e.get("permit_id"), e.get("at")
        if at and (cache.get("latest_seen") or "") < at:
            cache["latest_seen"] = at
        if not pid or e.get("outcome") not in (GateOutcome.ADMIT, GateOutcome.EXIT):
            return
        cache.setdefault("passages", {})[pid] = [at, e["outcome"]]
        inside = cache.setdefault("inside", {})
        if e["outcome"] == GateOutcome.ADMIT:
            inside[pid] = {"admission_id": e.get("admission_id"), "kind": e.get("kind"), "since": at}
        else:
            inside.pop(pid, None)
            if e.get("kind") == PermitKind.VISITOR:
                cache.setdefault("visits_used", []).append(pid)

    def _seen(self, now: datetime) -> None:
        if self._latest is None or now > self._latest:
            self._latest = now

    def _latest_seen(self, cache: dict[str, Any]) -> datetime | None:
        times = [t for t in (self._latest, _parse_time(cache.get("taken_at")), _parse_time(cache.get("latest_seen")))
                 if t is not None]
        return max(times) if times else None

    def _offline(self, scanned: str, direction: Direction, now: datetime
                 ) -> tuple[GateDecision, dict[str, Any] | None]:
        cache = self._load_cache()
        figures = cache.get("figures") or {}
        latest = self._latest_seen(cache)
        event: dict[str, Any] = {"gate": self.gate, "at": now.isoformat(), "direction": direction.value}
        taken = _parse_time(cache.get("taken_at"))

        def refuse(reason: Deny, c: credential.Credential | None = None) -> tuple[GateDecision, dict[str, Any]]:
            decision = _deny(reason, c, offline=True, direction=direction, taken_at=taken)
            event.update(outcome=decision.outcome, reason=decision.reason)
            if c is not None:
                event.update(permit_id=c.permit_id, admission_id=c.admission_id, kind=c.kind, ward=c.ward)
            return decision, event

        if direction == Direction.IN:
            if latest is not None and now < latest - CLOCK_TOLERANCE:
                return refuse(Deny.CLOCK_WENT_BACK)
            max_age = timedelta(hours=int(figures.get("offline_max_age_hours", WardFigures.offline_max_age_hours)))
            if taken is None or now - taken > max_age:
                return refuse(Deny.OFFLINE_DATA_TOO_OLD)
        self._seen(now)
        keys = {kid: load_public_key(text) for kid, text in cache.get("keys", {}).items()}
        text = scan_text.permit_text(scanned)
        if not scan_text.is_permit(text):
            return refuse(Deny.UNKNOWN_PERMIT)  # typed numbers need the database
        try:
            c = credential.decode(text, keys.get)
        except credential.CredentialRefused as refused:
            return refuse(refused.reason)
        event.update(permit_id=c.permit_id, admission_id=c.admission_id, kind=c.kind, ward=c.ward)
        last = (cache.get("passages") or {}).get(c.permit_id)
        repeat_s = int(figures.get("repeat_scan_seconds", WardFigures.repeat_scan_seconds))
        if last and timedelta(0) <= now - datetime.fromisoformat(last[0]) < timedelta(seconds=repeat_s):
            decision = _repeat(c, None, last[1], datetime.fromisoformat(last[0]), direction, offline=True,
                               taken_at=taken)
            event.update(outcome=decision.outcome, reason=None)
            return decision, event
        window = _window(c, now)
        ward = (cache.get("wards") or {}).get(c.ward)
        gates = ward.get("gates", []) if isinstance(ward, dict) else (ward or [])
        withdrawn = None
        if c.permit_id in set(cache.get("discharged", [])):
            withdrawn = Deny.DISCHARGED
        elif c.permit_id in set(cache.get("revoked", [])):
            withdrawn = Deny.REVOKED
        test_until = _parse_time((cache.get("escort_test_until") or {}).get(c.permit_id))
        test_old = c.kind == PermitKind.ESCORT and (test_until is None or now > test_until)
        inside = (cache.get("inside") or {}).get(c.permit_id)
        if direction == Direction.OUT:
            flags = _exit_flags(c, window, withdrawn, self.gate not in gates, test_old, inside is not None)
            over, since = None, _parse_time(inside.get("since")) if inside else None
            if c.kind == PermitKind.VISITOR and since is not None:
                visit_minutes = int(figures.get("visit_max_minutes", WardFigures.visit_max_minutes))
                over = _minutes_over(_visit_deadline(c.valid_until, since, visit_minutes), now) or None
                if over:
                    flags = [f for f in flags if f not in (ExitFlag.VISIT_TIME_OVER, ExitFlag.EXPIRED)]
                    flags.append(ExitFlag.OVERSTAY.value)
            decision = GateDecision(GateOutcome.EXIT.value, None, None, c.kind, c.masked_name, c.id_last4, c.ward,
                                    c.bed, c.valid_until, inside_since=since, offline=True, overstay_minutes=over,
                                    direction=direction.value, flags=tuple(flags), data_taken_at=taken)
            event.update(outcome=decision.outcome, reason=None, flags=list(flags), overstay_minutes=over)
            return decision, event
        reason = window
        if reason is None and self.gate not in gates:
            reason = Deny.WRONG_WARD
        if reason is None:
            reason = withdrawn
        if reason is None and test_old:
            reason = Deny.ESCORT_TEST_OLD
        if c.kind == PermitKind.VISITOR and reason in (None, Deny.VISIT_TIME_OVER) and (
                inside is not None or c.permit_id in set(cache.get("visits_used", []))):
            reason = Deny.VISIT_USED
        if reason is None and c.kind == PermitKind.VISITOR and any(
                pid != c.permit_id and v.get("kind") == PermitKind.VISITOR and v.get("admission_id") == c.admission_id
                for pid, v in (cache.get("inside") or {}).items()):
            reason = Deny.VISITOR_INSIDE
        if reason is not None:
            return refuse(reason, c)
        event.update(outcome=GateOutcome.ADMIT.value, reason=None)
        return (GateDecision(GateOutcome.ADMIT.value, None, None, c.kind, c.masked_name, c.id_last4, c.ward, c.bed,
                             c.valid_until, offline=True, direction=direction.value, data_taken_at=taken), event)

    # ----- the offline queue ------------------------------------------------------------------
    def pending(self) -> list[dict[str, Any]]:
        """The scans waiting to be written back. A line that cannot be read (torn by a power cut,
        corrupted) is moved to the quarantine file, never in the way of the others."""
        with self._lock:
            try:
                raw = self.pending_path.read_bytes()
            except OSError:
                return []
            good: list[dict[str, Any]] = []
            bad: list[str] = []
            for line in raw.decode("utf-8", errors="replace").splitlines():
                if not line.strip():
                    continue
                event = _read_line(line)
                (good.append(event) if event is not None else bad.append(line))
            if bad:
                _append_lines(self.quarantine_path, bad)
                _atomic_write(self.pending_path, "".join(_queue_line(e) for e in good))
            return good

    def flush_pending(self, actor: Actor) -> WriteBackResult:
        """Write offline scans back to the clinic database; only the ones written leave the queue."""
        with self._lock:
            events = self.pending()
            set_aside = self.set_aside()
        if not events:
            return WriteBackResult(0, 0, (), set_aside)
        result = self.service.write_back(actor, events)
        written = {e["event_key"] for e in events}
        with self._lock:
            left = [e for e in self.pending() if e["event_key"] not in written]
            _atomic_write(self.pending_path, "".join(_queue_line(e) for e in left))
            self._cache = None
        return WriteBackResult(result.stored, result.already, result.refusable, set_aside)

    def upkeep(self, actor: Actor) -> datetime | None:
        """The gate's work kept off the scan path, for its idle poll (ui/gate_feed.py): write back the scans
        queued offline, take a new offline copy when there is none or it is older than ``COPY_EVERY`` (its
        cost grows with the permits: 70 ms at 100 000), and checkpoint the database's log (so no scan's
        commit carries the checkpoint SQLite would otherwise run in it). Returns when the copy in use was
        taken. StorageError when the database does not answer."""
        if self.pending():
            self.flush_pending(actor)
        with self._lock:
            age = self._cache_age()
        if not timedelta(0) <= age < COPY_EVERY:  # none, old, or taken "later" than this PC's clock now says
            self.refresh_cache()
        self.service.db.checkpoint()
        with self._lock:
            return _parse_time(self._load_cache().get("taken_at"))

    @disk_full_as_error()  # a full disk is StorageError("disk_full"), never a traceback (issue 14)
    def _append_pending(self, event: dict[str, Any]) -> None:
        self.pending_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.pending_path, "ab") as fh:
            if fh.tell() > 0:  # a torn last line must not swallow this one
                with open(self.pending_path, "rb") as tail:
                    tail.seek(-1, os.SEEK_END)
                    if tail.read(1) != b"\n":
                        fh.write(b"\n")
            fh.write(_queue_line(event).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())


def _scan_summary(d: GateDecision, gate: str, direction: str) -> dict[str, Any]:
    """The audit row of a scan: codes and the permit number, never a name."""
    summary: dict[str, Any] = {"gate": gate, "direction": direction, "outcome": d.outcome}
    if d.reason:
        summary["reason"] = d.reason
    if d.permit_number:
        summary["permit"] = d.permit_number
    if d.flags:
        summary["flags"] = list(d.flags)
    if d.overstay_minutes:
        summary["minutes_over"] = d.overstay_minutes
    return summary


def _parse_time(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _queue_line(event: dict[str, Any]) -> str:
    body = json.dumps(event, ensure_ascii=False, sort_keys=True)
    return json.dumps({"e": event, "h": _checksum(body)}, ensure_ascii=False, sort_keys=True) + "\n"


_REQUIRED = ("event_key", "gate", "at", "outcome", "username", "workstation")


def _read_line(line: str) -> dict[str, Any] | None:
    """One queued scan, or None when the line is torn, altered or incomplete."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if isinstance(record, dict) and "e" in record and "h" in record:
        event = record["e"]
        if not isinstance(event, dict) or record["h"] != _checksum(json.dumps(event, ensure_ascii=False,
                                                                               sort_keys=True)):
            return None
    else:
        event = record  # a line queued before the checksum existed
    if not isinstance(event, dict) or any(not isinstance(event.get(k), str) for k in _REQUIRED) \
            or event["outcome"] not in GateOutcome._value2member_map_ or _parse_time(event["at"]) is None:
        return None
    return event


@disk_full_as_error()
def _append_lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())


@disk_full_as_error()
def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)



