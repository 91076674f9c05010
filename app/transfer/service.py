"""Transfers by dedicated ambulance to the designated hospital, as a state machine:
requested → dispatched → departed → handed over → closed (after terminal disinfection);
cancelled only with a reason, before departure. Every step is audited against the visit number;
illegal jumps are refused, and each step's recorded time is at or after the previous step's
(``time_before_previous_step``). The handover form's QR carries a signed minimal summary.

Issue 12 ("the closed loop holds"):
- a finished transfer is final: once the patient was handed over (handed_over / closed) the case gets no
  second request (``transfer_done``), and cancelling (only before departure) never frees a case that owes a
  transfer — it is reopened (or back in its ward) with its transfer-request clock running again;
- a patient already in a ward (buffer ward included) who becomes suspected, confirmed, asymptomatic or has a
  positive nucleic-acid/antigen result gets a transfer request from the ward. Any doctor (Perm.CASEWORK) may
  ask for it — the fever-clinic doctor who owns the case is rarely on the ward, and "不得以任何理由延迟转诊";
  the request is audited under the requester's name. The case's disposition becomes the transfer (the
  admission detail kept in the audit summary), and when the ambulance departs the patient's open admission is
  discharged and its permits revoked in the same transaction;
- in a sentinel room (ClinicMode.REFER: "门诊发现发热病例须立即转定点发热门诊") every fever patient leaves by a
  referral, so a request for a case that is not reportable needs no reason there; in TREAT mode it does.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TextIO, cast

from sqlalchemy import CursorResult, Result, select, update
from sqlalchemy.orm import Session

from app import audit, scan_text
from app.access_log import Access, Criteria, record_access
from app.actor import Actor
from app.csv_safe import escape_row
from app.casework import clocks
from app.casework.observation import latest_vitals
from app.casework.tables import Case, Clock
from app.casework.vocab import ClockKind, Disposition
from app.clinic_contacts import CONTACTS_KEY, ClinicContacts, load_contacts
from app.clinic_mode import ClinicMode, load_mode
from app.clock import Clock as TimeSource
from app.db.engine import Database
from app.db.models import Clinic, ClinicSetting
from app.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from app.desk_keys import (DeskPurpose, TrustPurpose, desk_signer, ensure_desk, signer_for, verify_transfer_token,
                           with_enrolment)
from app.keys import KeyStore, load_public_key
from app.people import full_names
from app.permissions import Perm
from app.privacy import mask_name
from app.services.base import Service, WriteOp, authorize, row_to_save
from app.severity import store as vital_store
from app.severity.tables import VitalSigns
from app.signing import TokenError
from app.text_rules import check_text
from app.transfer.records import HospitalRecord, ReceivedRecord, TransferRecord, TrustedClinicInfo
from app.transfer.rules import finished_transfer, in_ward, open_admission, owes_transfer
from app.transfer.tables import Hospital, ReceivedTransfer, Transfer, TrustedClinic
from app.transfer.targets import TARGETS_KEY, TransferTargets, load_targets
from app.transfer.vocab import OPEN_STATES, TRANSITIONS, Condition, HospitalKind, TransferClock, TransferState
from app.triage.common import clinic_identity, local_day
from app.triage.identity import age_on
from app.wards.tables import Permit
from app.wards.vocab import PermitState

TOKEN_LIFETIME = timedelta(hours=72)
RECEIPT_LIFETIME = timedelta(days=7)
#: Clock.settled_reason of the departure/handover clocks of a transfer that was cancelled (not met, settled).
CANCELLED_CLOCK = "transfer_cancelled"


def _text(value: str | None, field: str, maximum: int, required: bool = True) -> str:
    check_text(value, field, multiline=True)  # line breaks fold below; hidden characters are refused
    text = " ".join((value or "").split())
    if required and not text:
        raise ValidationError("required", field=field)
    if len(text) > maximum:
        raise ValidationError("too_long", field=field, maximum=maximum)
    return text


def _changed(result: Result[Any]) -> int:
    """Rows an UPDATE changed (an UPDATE's result is a CursorResult, which the stubs do not say)."""
    return cast(CursorResult[Any], result).rowcount or 0


def _hospital(h: Hospital) -> HospitalRecord:
    return HospitalRecord(h.id, h.name, h.address, h.phone, h.kind, h.accepting, h.version)


# Verifying a form or receipt: app.desk_keys.verify_transfer_token (this clinic's enrolled desk keys, or a
# trusted clinic's — purpose transfer — through the enrolment the token carries); read at each call.


@dataclass(frozen=True)
class TransferQuery:
    state: str | None = None
    since: date | None = None
    text: str = ""


class TransferService(Service):
    def __init__(self, db: Database, clock: TimeSource, keys: KeyStore) -> None:
        super().__init__(db, clock)
        self.keys = keys

    # ----- admin lists ---------------------------------------------------------------------
    def hospitals(self, actor: Actor) -> list[HospitalRecord]:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            return [_hospital(h) for h in s.scalars(select(Hospital).order_by(Hospital.kind.desc(), Hospital.name))]

    def save_hospital(self, actor: Actor, *, name: str, kind: str, address: str = "", phone: str = "",
                      accepting: bool = True, hospital_id: int | None = None,
                      expected_version: int | None = None) -> HospitalRecord:
        name = _text(name, "name", 100)
        if kind not in HospitalKind._value2member_map_:
            raise ValidationError("hospital_kind", field="kind")
        with self.audited_write(actor, "transfer.hospital_save", "hospital", Perm.MANAGE_CLINIC_SETTINGS) as op:
            s = op.session
            h = row_to_save(s, Hospital, hospital_id, expected_version, name=name, entity="hospital",
                            exists_code="hospital_exists")
            h.name, h.kind, h.address, h.phone, h.accepting = (name, kind, _text(address, "address", 200, False),
                                                                _text(phone, "phone", 30, False), accepting)
            s.flush()
            op.entity_id = h.id
            op.summary = {"name": name, "kind": kind, "accepting": accepting}
            return _hospital(h)

    def replace_hospitals(self, actor: Actor, items: list[dict[str, object]]) -> int:
        """Apply the county's designated-hospital list in one transaction: listed hospitals are
        added or updated; ones no longer listed stop accepting (kept: transfers refer to them)."""
        cleaned = []
        for item in items:
            name = _text(str(item.get("name", "")), "name", 100)
            kind = str(item.get("kind", ""))
            if kind not in HospitalKind._value2member_map_:
                raise ValidationError("hospital_kind", field="kind", name=name)
            cleaned.append((name, kind, _text(str(item.get("address", "")), "address", 200, False),
                            _text(str(item.get("phone", "")), "phone", 30, False), bool(item.get("accepting", True))))
        with self.audited_write(actor, "transfer.hospitals_replace", "hospital", Perm.MANAGE_CLINIC_SETTINGS) as op:
            s = op.session
            existing = {h.name: h for h in s.scalars(select(Hospital))}
            for name, kind, address, phone, accepting in cleaned:
                h = existing.pop(name, None) or Hospital(name=name)
                h.kind, h.address, h.phone, h.accepting = kind, address, phone, accepting
                s.add(h)
            for h in existing.values():
                h.accepting = False
            op.summary = {"source": "hub", "count": len(cleaned), "withdrawn": sorted(existing)}
            return len(cleaned)

    def targets(self) -> tuple[TransferTargets, int]:
        with self.db.read() as s:
            return load_targets(s)

    def update_targets(self, actor: Actor, targets: TransferTargets, expected_version: int) -> int:
        with self.audited_write(actor, "transfer.targets_update", "setting", Perm.MANAGE_CLINIC_SETTINGS,
                                TARGETS_KEY) as op:
            row = op.session.get(ClinicSetting, TARGETS_KEY)
            if (row.version if row else 0) != expected_version:
                raise StaleEdit(key=TARGETS_KEY)
            if row is None:
                row = ClinicSetting(key=TARGETS_KEY, value=targets.to_json(), updated_at=self.clock.now())
                op.session.add(row)
            else:
                row.value, row.updated_at = targets.to_json(), self.clock.now()
            op.session.flush()
            op.summary = json.loads(targets.to_json())
            return row.version

    def contacts(self) -> tuple[ClinicContacts, int]:
        """The clinic's phone, daily-report reviewer and head (for paper; no permission needed to read)."""
        with self.db.read() as s:
            return load_contacts(s)

    def update_contacts(self, actor: Actor, contacts: ClinicContacts, expected_version: int) -> int:
        """An admin sets the clinic's phone (on the handover form) and the daily report's 审核人/负责人;
        audited ``clinic.contacts_update`` with before and after. StaleEdit when another desk saved first."""
        with self.audited_write(actor, "clinic.contacts_update", "setting", Perm.MANAGE_CLINIC_SETTINGS,
                                CONTACTS_KEY) as op:
            row = op.session.get(ClinicSetting, CONTACTS_KEY)
            if (row.version if row else 0) != expected_version:
                raise StaleEdit(key=CONTACTS_KEY)
            before, _ = load_contacts(op.session)
            if row is None:
                row = ClinicSetting(key=CONTACTS_KEY, value=contacts.to_json(), updated_at=self.clock.now())
                op.session.add(row)
            else:
                row.value, row.updated_at = contacts.to_json(), self.clock.now()
            op.session.flush()
            op.summary = {"before": json.loads(before.to_json()), "after": json.loads(contacts.to_json())}
            return row.version

    def trust_clinic(self, actor: Actor, *, code: str, name: str, public_key: str,
                     purpose: str = TrustPurpose.TRANSFER.value) -> None:
        """Add another clinic's public key (from its ``fever-sentinel clinic public-key``) for a purpose:
        ``transfer`` (its transfer forms and receipts) is the only one — another clinic's key never verifies a
        permit here (``trust_purpose`` otherwise)."""
        from app.keys import key_id_of

        if purpose not in TrustPurpose._value2member_map_:
            raise ValidationError("trust_purpose", field="purpose")
        code, name = _text(code, "code", 20).upper(), _text(name, "name", 100)
        try:
            raw = load_public_key(public_key.strip())
        except ValueError as exc:
            raise ValidationError("public_key", field="public_key") from exc
        from cryptography.hazmat.primitives import serialization

        kid = key_id_of(raw.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
        with self.audited_write(actor, "transfer.trust_clinic", "clinic", Perm.MANAGE_CLINIC_SETTINGS, code) as op:
            existing = op.session.scalars(select(TrustedClinic).where(TrustedClinic.code == code)).first()
            if existing is None:
                op.session.add(TrustedClinic(code=code, name=name, public_key=public_key.strip(), key_id=kid,
                                             added_at=self.clock.now(), purpose=purpose))
            else:
                existing.name, existing.public_key, existing.key_id = name, public_key.strip(), kid
                existing.purpose = purpose
            op.summary = {"code": code, "name": name, "key_id": kid, "purpose": purpose}

    def trusted_clinics(self, actor: Actor) -> list[TrustedClinicInfo]:
        """The clinics trusted here, by code (their keys verify handover forms and receipts)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.MANAGE_CLINIC_SETTINGS)
            return [TrustedClinicInfo(t.code, t.name, t.key_id, t.public_key, t.added_at, t.purpose)
                    for t in s.scalars(select(TrustedClinic).order_by(TrustedClinic.code))]

    def distrust_clinic(self, actor: Actor, code: str, reason: str) -> None:
        """Stop trusting a clinic (key leaked, clinic closed): its key is removed, so its forms and
        receipts are refused from now on as ``unknown_key``. Nothing refers to the row (received
        transfers keep the issuer's code as text); the audit trail keeps its name, key id and the reason."""
        code, reason = _text(code, "code", 20).upper(), _text(reason, "reason", 200)
        with self.audited_write(actor, "transfer.distrust_clinic", "clinic", Perm.MANAGE_CLINIC_SETTINGS,
                                code) as op:
            row = op.session.scalars(select(TrustedClinic).where(TrustedClinic.code == code)).first()
            if row is None:
                raise NotFound(entity="trusted_clinic", key=code)  # not code=: that is the error code
            op.summary = {"code": code, "name": row.name, "key_id": row.key_id, "reason": reason}
            op.session.delete(row)

    # ----- the transfer --------------------------------------------------------------------
    def needs_reason(self, actor: Actor, visit_no: str) -> bool:
        """Whether a transfer request for this case must give a reason (see ``request``)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            case = self._case(s, visit_no.strip().upper())
            return not owes_transfer(s, case) and load_mode(s) != ClinicMode.REFER

    def request(self, actor: Actor, visit_no: str, *, hospital_id: int, condition: str, oxygen: bool,
                precautions: str, staff: str, reason: str = "", underlying_conditions: str = "",
                lines_medication: str = "", documents: str = "") -> TransferRecord:
        """Asked for by the responsible doctor (for a patient in a ward: by any doctor); the case is disposed
        as a transfer at once. A case that does not owe a transfer needs a reason, except in a sentinel room.
        ``underlying_conditions`` (基础疾病/过敏史), ``lines_medication`` (吸氧、静脉通路、已用药物) and ``documents``
        (随行资料) are what the handover form tells the receiving hospital that the case does not hold; optional
        (the form prints room to write them), each at most 200 characters."""
        if condition not in Condition._value2member_map_:
            raise ValidationError("condition", field="condition")
        precautions, staff = _text(precautions, "precautions", 200), _text(staff, "staff", 200)
        reason = _text(reason, "reason", 200, required=False)
        facts = {name: _text(value, name, 200, required=False) for name, value in (
            ("underlying_conditions", underlying_conditions), ("lines_medication", lines_medication),
            ("documents", documents))}
        number = visit_no.strip().upper()
        with self.audited_write(actor, "transfer.request", "visit", Perm.CASEWORK, number) as op:
            s = op.session
            case = self._case(s, number)
            done = finished_transfer(s, case.id)
            if done is not None:  # the patient is at the receiving hospital: final
                raise Conflict("transfer_done", transfer_id=done.id, state=done.state)
            from_ward = in_ward(case)
            owes = owes_transfer(s, case)
            if from_ward and not owes:
                raise Conflict("case_closed", disposition=case.disposition)
            if not from_ward and case.doctor_id != actor.user_id:
                raise PermissionDenied("not_responsible", doctor=case.doctor_username)
            mode = load_mode(s)
            if not owes and not reason and mode != ClinicMode.REFER:
                raise ValidationError("transfer_reason", field="reason")
            if case.closed_at is not None and case.disposition not in (Disposition.TRANSFER, Disposition.ADMITTED):
                raise Conflict("case_closed", disposition=case.disposition)
            if s.scalar(select(Transfer.id).where(Transfer.case_id == case.id, Transfer.state.in_(OPEN_STATES))):
                raise Conflict("transfer_open")
            hospital = s.get(Hospital, hospital_id)
            if hospital is None:
                raise NotFound(entity="hospital", id=hospital_id)
            if not hospital.accepting:
                raise ValidationError("hospital_not_accepting", field="hospital_id")
            now = self.clock.now()
            admission = open_admission(s, case.visit_id) if from_ward else None
            ward_detail = json.loads(case.disposition_detail or "{}") if from_ward else {}
            origin = (f"{admission.ward.name} {admission.bed}" if admission is not None
                      else " ".join(str(ward_detail.get(k) or "") for k in ("ward", "bed")).strip())[:100]
            observed = latest_vitals(s, case)
            t = Transfer(case_id=case.id, visit_no=number, state=TransferState.REQUESTED.value, requested_at=now,
                         requested_by=actor.username, hospital_id=hospital.id, hospital_name=hospital.name,
                         condition=condition, oxygen=oxygen, precautions=precautions, staff=staff,
                         request_reason=reason, origin_ward=origin if from_ward else "",
                         vital_signs_id=observed.id if observed is not None else None, **facts)
            s.add(t)
            s.flush()
            detail: dict[str, Any] = {"transfer_id": t.id, "hospital": hospital.name}
            if from_ward:  # kept so a cancelled request puts the case back in its ward
                detail["from_ward"] = {"disposition": case.disposition, "detail": ward_detail,
                                       "closed_at": case.closed_at.isoformat() if case.closed_at else None,
                                       "closed_by": case.closed_by}
            if case.closed_at is None or from_ward:
                case.disposition = Disposition.TRANSFER.value
                case.disposition_detail = json.dumps(detail, ensure_ascii=False)
                case.closed_at, case.closed_by = now, actor.username
            targets, _ = load_targets(s)
            met = clocks.meet(s, case.id, TransferClock.REQUEST, now)
            # the case ends here (closing settles its clocks): a result, a 12 h sample or an earlier transfer's
            # steps are the designated hospital's now; reporting and the investigation are still owed
            settled = clocks.settle(s, case.id, now, Disposition.TRANSFER.value,
                                    keep={*clocks.KEEP_ON_SETTLE, ClockKind.EPI.value})
            clocks.start(s, case, TransferClock.DEPARTURE, now, targets.window(targets.departure_minutes), ref_id=t.id)
            s.flush()
            op.summary = {"transfer_id": t.id, "hospital": hospital.name, "condition": condition, "oxygen": oxygen,
                          "reason": reason, "request_clock_met": met, "clocks_settled": settled,
                          "vital_signs_id": t.vital_signs_id, "news2": observed.news2 if observed else None,
                          **{k: v for k, v in facts.items() if v}}
            if from_ward:
                op.summary |= {"from_ward": origin, "admission": ward_detail,
                               "admission_id": admission.id if admission is not None else None,
                               "responsible_doctor": case.doctor_username}
            if mode == ClinicMode.REFER and not owes:
                op.summary["referral"] = True  # sentinel room: every fever patient is referred
            return self._records(s, [t])[0]

    def dispatch(self, actor: Actor, transfer_id: int, expected_version: int, *, call_120_at: datetime,
                 dispatch_ref: str, vehicle_plate: str, negative_pressure: bool, crew: str) -> TransferRecord:
        with self._step(actor, transfer_id, expected_version, TransferState.DISPATCHED, "transfer.dispatch") as (op, t):
            t.call_120_at = self._after(call_120_at, "call_120_at", t.requested_at, "requested_at")
            t.dispatch_ref = _text(dispatch_ref, "dispatch_ref", 40)
            t.vehicle_plate = _text(vehicle_plate, "vehicle_plate", 20).upper()
            t.negative_pressure, t.crew = negative_pressure, _text(crew, "crew", 200)
            op.summary = {"call_120_at": t.call_120_at.isoformat(), "dispatch_ref": t.dispatch_ref,
                          "vehicle": t.vehicle_plate, "negative_pressure": negative_pressure, "crew": t.crew}
            return self._records(op.session, [t])[0]

    def depart(self, actor: Actor, transfer_id: int, expected_version: int, departed_at: datetime) -> TransferRecord:
        with self._step(actor, transfer_id, expected_version, TransferState.DEPARTED, "transfer.depart") as (op, t):
            s = op.session
            assert t.call_120_at is not None
            t.departed_at = self._after(departed_at, "departed_at", t.call_120_at, "call_120_at")
            case = s.get(Case, t.case_id)
            assert case is not None
            targets, _ = load_targets(s)
            clocks.meet(s, case.id, TransferClock.DEPARTURE, t.departed_at, ref_id=t.id)
            clocks.start(s, case, TransferClock.HANDOVER, t.departed_at, targets.window(targets.handover_minutes),
                         ref_id=t.id)
            op.summary = {"departed_at": t.departed_at.isoformat(),
                          "minutes_after_request": round((t.departed_at - t.requested_at).total_seconds() / 60)}
            discharged = self._leave_ward(s, actor, case, t.departed_at)
            if discharged:
                op.summary |= discharged
            return self._records(s, [t])[0]

    def record_handover(self, actor: Actor, transfer_id: int, expected_version: int, *, receiving_staff: str,
                        receiving_department: str, handed_over_at: datetime, arrival_condition: str,
                        source: str = "entered") -> TransferRecord:
        """The receiving hospital took the patient (entered by the nurse, or from a scanned receipt)."""
        if arrival_condition not in Condition._value2member_map_:
            raise ValidationError("condition", field="arrival_condition")
        with self._step(actor, transfer_id, expected_version, TransferState.HANDED_OVER,
                        "transfer.handover") as (op, t):
            assert t.departed_at is not None
            t.handed_over_at = self._after(handed_over_at, "handed_over_at", t.departed_at, "departed_at")
            t.receiving_staff = _text(receiving_staff, "receiving_staff", 64)
            t.receiving_department = _text(receiving_department, "receiving_department", 64)
            t.arrival_condition, t.handover_source = arrival_condition, source
            clocks.meet(op.session, t.case_id, TransferClock.HANDOVER, t.handed_over_at, ref_id=t.id)
            op.summary = {"receiving_staff": t.receiving_staff, "department": t.receiving_department,
                          "handed_over_at": t.handed_over_at.isoformat(), "condition": arrival_condition,
                          "source": source}
            return self._records(op.session, [t])[0]

    def complete_from_receipt(self, actor: Actor, receipt: str) -> TransferRecord:
        """Scan the receipt QR printed by a receiving site that runs Fever Sentinel."""
        with self.db.read() as s:
            authorize(s, actor, Perm.TRANSFER)
            own = s.scalars(select(Clinic)).one()
            payload = scan_text.verify_first(receipt, lambda t: verify_transfer_token(  # IME / Caps Lock text
                s, t, kind="transfer_receipt", now=self.clock.now()))
        if payload.get("ref_iss") != own.code:
            raise TokenError("wrong_clinic")
        with self.db.read() as s:
            t = s.get(Transfer, int(payload["tid"]))
            if t is None or t.visit_no != payload.get("vno"):
                raise NotFound(entity="transfer", id=payload.get("tid"))
            version = t.version
        return self.record_handover(
            actor, int(payload["tid"]), version, receiving_staff=str(payload["staff"]),
            receiving_department=str(payload["dept"]),
            handed_over_at=datetime.fromtimestamp(payload["at"], tz=self.clock.now().tzinfo),
            arrival_condition=str(payload["cond"]), source="receipt")

    def record_disinfection(self, actor: Actor, transfer_id: int, expected_version: int, *, disinfected_at: datetime,
                            method: str, by: str) -> TransferRecord:
        """Terminal disinfection of the vehicle closes the transfer."""
        with self._step(actor, transfer_id, expected_version, TransferState.CLOSED, "transfer.disinfect") as (op, t):
            assert t.handed_over_at is not None
            t.disinfected_at = self._after(disinfected_at, "disinfected_at", t.handed_over_at, "handed_over_at")
            t.disinfection_method, t.disinfected_by = _text(method, "method", 100), _text(by, "by", 64)
            t.closed_at = self.clock.now()
            op.summary = {"disinfected_at": t.disinfected_at.isoformat(), "method": t.disinfection_method,
                          "by": t.disinfected_by}
            return self._records(op.session, [t])[0]

    def cancel(self, actor: Actor, transfer_id: int, expected_version: int, reason: str) -> TransferRecord:
        """Only before departure, with a reason. The case is reopened (a request made from a ward puts it back
        in its ward); a case that owes a transfer stays owing it: its transfer-request clock starts again, so a
        new request (say, to the backup hospital) is due, and the fever clinic cannot dispose of it otherwise."""
        reason = _text(reason, "reason", 200)
        with self._step(actor, transfer_id, expected_version, TransferState.CANCELLED, "transfer.cancel") as (op, t):
            s = op.session
            now = self.clock.now()
            t.cancel_reason, t.closed_at = reason, now
            s.execute(update(Clock).where(Clock.case_id == t.case_id, Clock.ref_id == t.id, Clock.met_at.is_(None),
                                          Clock.kind.in_([k.value for k in TransferClock]))
                      .values(met_at=now, settled_reason=CANCELLED_CLOCK))
            case = s.get(Case, t.case_id)
            assert case is not None
            reopened = back_to_ward = False
            if case.disposition == Disposition.TRANSFER:
                ward = json.loads(case.disposition_detail or "{}").get("from_ward")
                if isinstance(ward, dict) and ward.get("closed_at"):
                    case.disposition = str(ward.get("disposition") or Disposition.ADMITTED.value)
                    case.disposition_detail = json.dumps(ward.get("detail") or {}, ensure_ascii=False)
                    case.closed_at = datetime.fromisoformat(str(ward["closed_at"]))
                    case.closed_by = ward.get("closed_by")
                    back_to_ward = True
                else:
                    case.disposition, case.disposition_detail, case.closed_at, case.closed_by = None, "{}", None, None
                    reopened = True
            resumed = 0
            if reopened or back_to_ward:  # what the request settled is this clinic's again
                resumed = _changed(s.execute(update(Clock).where(
                    Clock.case_id == t.case_id, Clock.met_at == t.requested_at,
                    Clock.settled_reason == Disposition.TRANSFER.value).values(met_at=None, settled_reason=None)))
            owes = owes_transfer(s, case)
            if owes:  # still owed: asked for again within the same target as after classification
                targets, _ = load_targets(s)
                clocks.start(s, case, TransferClock.REQUEST, now, targets.window(targets.request_minutes))
            op.summary = {"reason": reason, "case_reopened": reopened, "back_to_ward": back_to_ward,
                          "owes_transfer": owes, "clocks_resumed": resumed}
            return self._records(s, [t])[0]

    # ----- reading -------------------------------------------------------------------------
    def get(self, actor: Actor, transfer_id: int) -> TransferRecord:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            t = s.get(Transfer, transfer_id)
            if t is None:
                raise NotFound(entity="transfer", id=transfer_id)
            return self._records(s, [t])[0]

    def open_transfers(self, actor: Actor) -> list[TransferRecord]:
        """The open transfers, the sickest first (the NEWS2 the request carried, highest first; none last), then
        by request time."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            # by the state's index, ordered here: an ORDER BY requested_at lets the planner walk every transfer
            # ever made in time order to skip the sort (67 ms at 10⁶ visits, growing with the years; issue 16)
            rows = list(s.scalars(select(Transfer).where(Transfer.state.in_(OPEN_STATES))))
            records = self._records(s, rows)
        return sorted(records, key=lambda r: (-r.vital_signs.news2 if r.vital_signs is not None else 1,
                                              r.requested_at, r.id))

    def history(self, actor: Actor, q: TransferQuery, limit: int = 500) -> list[TransferRecord]:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            query = select(Transfer).order_by(Transfer.requested_at.desc()).limit(limit)
            if q.state:
                query = query.where(Transfer.state == q.state)
            if q.text.strip():
                term = q.text.strip().upper()
                query = query.where(Transfer.visit_no.contains(term) | Transfer.hospital_name.contains(q.text.strip()))
            records = self._records(s, list(s.scalars(query)))
        if q.since is not None:  # the clinic's day, not UTC's
            identity = clinic_identity(self.db)
            records = [r for r in records if local_day(identity, r.requested_at) >= q.since]
        return records

    def export_csv(self, actor: Actor, q: TransferQuery, out: TextIO) -> int:
        """The history as CSV; recorded (``access.export`` of ``transfer_list``, app/access_log.py) and
        committed before the first byte is written, so a refused record leaves no file."""
        rows = self.history(actor, q, limit=100_000)
        with self.db.write() as s:
            record_access(s, self.clock.now(), actor, Access.EXPORT, "transfer_list", len(rows),
                          criteria=Criteria.VISIT_NO if q.text.strip() else Criteria.FILTER,
                          filters={"state": q.state, "since": q.since.isoformat() if q.since else None})
        writer = csv.writer(out)
        writer.writerow(["visit_no", "state", "requested_at", "hospital", "condition", "call_120_at", "vehicle",
                         "negative_pressure", "departed_at", "handed_over_at", "receiving_staff", "disinfected_at",
                         "cancel_reason"])
        for r in rows:
            writer.writerow(escape_row([r.visit_no, r.state, r.requested_at.isoformat(), r.hospital_name, r.condition,
                             r.call_120_at.isoformat() if r.call_120_at else "", r.vehicle_plate or "",
                             "" if r.negative_pressure is None else int(r.negative_pressure),
                             r.departed_at.isoformat() if r.departed_at else "",
                             r.handed_over_at.isoformat() if r.handed_over_at else "", r.receiving_staff or "",
                             r.disinfected_at.isoformat() if r.disinfected_at else "", r.cancel_reason or ""]))
        return len(rows)

    # ----- signed summaries ----------------------------------------------------------------
    def handover_token(self, actor: Actor, transfer_id: int) -> str:
        """The QR on the handover form: minimal data (never the ID number), signed with this desk's key and
        carrying its enrolment (``desk_not_enrolled`` on a desk not enrolled)."""
        record = self.get(actor, transfer_id)
        with self.db.read() as s:
            clinic = s.scalars(select(Clinic)).one()
        key = signer_for(self.db, self.clock, self.keys, actor, DeskPurpose.TRANSFER.value)
        now = self.clock.now()
        today = local_day(clinic_identity(self.db), now)
        age = age_on(record.birth_date, today) if isinstance(record.birth_date, date) else None
        return with_enrolment(key, {
            "kind": "transfer", "iss": clinic.code, "tid": record.id, "vno": record.visit_no,
            "name": mask_name(record.patient_name), "sex": record.sex, "age": age, "cls": record.classification,
            "dst": record.hospital_name, "at": int(record.requested_at.timestamp()),
            "exp": int((now + TOKEN_LIFETIME).timestamp()),
        })

    def verify_handover(self, actor: Actor, token: str) -> dict[str, object]:
        with self.db.read() as s:
            authorize(s, actor, Perm.TRANSFER)
            return scan_text.verify_first(token, lambda t: verify_transfer_token(  # IME / Caps Lock text
                s, t, kind="transfer", now=self.clock.now()))

    def receive(self, actor: Actor, token: str, *, receiving_staff: str, receiving_department: str,
                arrival_condition: str) -> ReceivedRecord:
        """At the receiving hospital: verify the sender's QR, record the patient, print a receipt."""
        payload = self.verify_handover(actor, token)
        staff, dept = _text(receiving_staff, "receiving_staff", 64), _text(receiving_department, "receiving_department", 64)
        if arrival_condition not in Condition._value2member_map_:
            raise ValidationError("condition", field="arrival_condition")
        now = self.clock.now()
        ensure_desk(self.db, self.clock, self.keys, actor.workstation)
        with self.audited_write(actor, "transfer.receive", "received", Perm.TRANSFER, str(payload["vno"])) as op:
            s = op.session
            if s.scalar(select(ReceivedTransfer.id).where(ReceivedTransfer.issuer_code == payload["iss"],
                                                          ReceivedTransfer.transfer_ref == payload["tid"])):
                raise Conflict("already_received")
            row = ReceivedTransfer(issuer_code=str(payload["iss"]), transfer_ref=int(payload["tid"]),  # type: ignore[call-overload]
                                   visit_no=str(payload["vno"]), summary=json.dumps(payload, ensure_ascii=False),
                                   received_at=now, received_by=actor.username, receiving_staff=staff,
                                   receiving_department=dept, arrival_condition=arrival_condition)
            s.add(row)
            s.flush()
            own = s.scalars(select(Clinic)).one()
            receipt = with_enrolment(desk_signer(s, self.keys, DeskPurpose.TRANSFER.value), {
                "kind": "transfer_receipt", "iss": own.code, "ref_iss": payload["iss"], "tid": payload["tid"],
                "vno": payload["vno"], "staff": staff, "dept": dept, "cond": arrival_condition,
                "at": int(now.timestamp()), "exp": int((now + RECEIPT_LIFETIME).timestamp())})
            op.summary = {"from": payload["iss"], "staff": staff, "department": dept}
            return ReceivedRecord(row.id, row.issuer_code, row.visit_no, str(payload.get("name", "")),
                                  str(payload.get("cls", "")), now, receipt)

    # ----- helpers -------------------------------------------------------------------------
    @contextmanager
    def _step(self, actor: Actor, transfer_id: int, expected_version: int, target: TransferState, action: str
              ) -> Iterator[tuple[WriteOp, Transfer]]:
        with self.audited_write(actor, action, "visit", Perm.TRANSFER) as op:
            t = op.session.get(Transfer, transfer_id)
            if t is None:
                raise NotFound(entity="transfer", id=transfer_id)
            op.entity_id = t.visit_no
            if t.version != expected_version:
                raise StaleEdit(entity="transfer")
            if target.value not in TRANSITIONS[t.state]:
                raise Conflict("illegal_transition", current=t.state, requested=target.value)
            t.state = target.value
            yield op, t
            op.session.flush()

    def _after(self, at: datetime, field: str, previous_at: datetime, previous: str) -> datetime:
        """A step's time: not in the future, and at or after the previous step's recorded time."""
        if at.tzinfo is None:
            raise ValidationError("naive_time", field=field)
        if at > self.clock.now():
            raise ValidationError("time_in_future", field=field)
        if at < previous_at:
            raise ValidationError("time_before_previous_step", field=field, previous=previous,
                                  previous_at=previous_at.isoformat())
        return at

    def _leave_ward(self, s: Session, actor: Actor, case: Case, at: datetime) -> dict[str, Any]:
        """The ambulance took the patient from the ward: discharge the visit's open admission and revoke its
        permits (so offline gates refuse them too), with the ward's own audit row, in this transaction."""
        admission = open_admission(s, case.visit_id)
        if admission is None:
            return {}
        admission.discharged_at = max(at, admission.admitted_at)
        revoked = _changed(s.execute(update(Permit).where(Permit.admission_id == admission.id,
                                                          Permit.state == PermitState.ACTIVE.value)
                                     .values(state=PermitState.REVOKED.value, revoked_at=admission.discharged_at,
                                             revoked_by=actor.username, revoke_reason="discharged",
                                             version=Permit.version + 1)))
        s.flush()
        audit.append(s, self.clock.now(), actor, "ward.discharge", "admission", admission.id,
                     {"permits_revoked": revoked, "transfer": case.visit.visit_no})
        return {"admission_discharged": admission.id, "ward": f"{admission.ward.name} {admission.bed}",
                "permits_revoked": revoked}

    @staticmethod
    def _case(s: Session, visit_no: str) -> Case:
        from app.triage.tables import Visit

        case = s.scalars(select(Case).join(Visit, Visit.id == Case.visit_id).where(Visit.visit_no == visit_no)).first()
        if case is None:
            raise NotFound(entity="case", visit_no=visit_no)
        return case

    @classmethod
    def _records(cls, s: Session, transfers: list[Transfer]) -> list[TransferRecord]:
        """The records of transfers (one or many) with one read per kind (cases with their visits, clocks, sets of
        vital signs, names) instead of one per transfer and kind: the board's refresh (issue 16)."""
        if not transfers:
            return []
        case_ids = sorted({t.case_id for t in transfers})
        list(s.scalars(select(Case).where(Case.id.in_(case_ids))))  # into the session: ``s.get`` finds them
        sets = sorted({t.vital_signs_id for t in transfers if t.vital_signs_id is not None})
        if sets:
            list(s.scalars(select(VitalSigns).where(VitalSigns.id.in_(sets))))
        by_case: dict[int, list[Clock]] = {}
        for c in s.scalars(select(Clock).where(Clock.case_id.in_(case_ids),
                                               Clock.kind.in_([k.value for k in TransferClock])).order_by(Clock.id)):
            by_case.setdefault(c.case_id, []).append(c)
        names = full_names(s, [t.requested_by for t in transfers])
        return [cls._record(s, t, by_case.get(t.case_id, []), names) for t in transfers]

    @staticmethod
    def _record(s: Session, t: Transfer, case_clocks: list[Clock], names: dict[str, str]) -> TransferRecord:
        s.flush()
        case = s.get(Case, t.case_id)
        assert case is not None
        visit = case.visit
        patient, screening = visit.patient, visit.screening
        hospital = s.get(Hospital, t.hospital_id)
        transfer_clocks = tuple(clocks.record(c) for c in case_clocks)
        row = s.get(VitalSigns, t.vital_signs_id) if t.vital_signs_id is not None else None
        observed = vital_store.record(row) if row is not None else None
        return TransferRecord(
            t.id, t.visit_no, patient.name, patient.sex, patient.birth_date, case.classification, t.state,
            t.requested_at, t.requested_by, t.hospital_id, t.hospital_name, t.condition, t.oxygen, t.precautions,
            t.staff, t.request_reason, t.call_120_at, t.dispatch_ref, t.vehicle_plate, t.negative_pressure, t.crew,
            t.departed_at, t.handed_over_at, t.receiving_staff, t.receiving_department, t.arrival_condition,
            t.handover_source, t.disinfected_at, t.disinfection_method, t.disinfected_by, t.cancel_reason,
            t.closed_at, t.version, transfer_clocks, t.origin_ward or "",
            requested_by_name=names.get(t.requested_by, t.requested_by),
            hospital_phone=hospital.phone if hospital else "",
            symptoms=tuple(c for c in screening.symptoms.split(",") if c),
            onset_date=visit.onset_date or screening.onset_date,
            temperature_c=observed.vitals.temperature_c if observed else screening.temperature_c,
            temperature_at=observed.taken_at if observed else screening.screened_at,
            epi=json.loads(case.epi or "{}"), findings=case.findings or "",
            underlying_conditions=t.underlying_conditions or "", lines_medication=t.lines_medication or "",
            documents=t.documents or "", vital_signs=observed)
