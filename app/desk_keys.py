"""Signing keys per desk, by purpose (issue 13).

Each workstation (data directory) makes its own Ed25519 **desk key** at first start
(``keys/desk.ed25519.pem``, owner-only, never overwritten) and registers it in the clinic database as
*pending*. An administrator **enrols** it from the desk that holds the clinic key: the enrolment is an
FST1 token signed by the CLINIC key (kind ``desk_enrolment``: clinic code, desk key id, public key,
workstation, purposes, issued at), stored with the row. From then on the desk signs permits, transfer
forms, receipts and hub submissions with its own key, so no private key is ever copied between desks.

A verifier accepts a desk key only if its row is *enrolled* (not revoked) AND its enrolment verifies
against the clinic key and names the purpose: an insider who inserts a row cannot enrol a key. Rows are
read at each verification (one indexed query); only the parsed key is cached, by (key id, enrolment,
clinic key), so a revocation takes effect at the next scan on every running gate.

Trust by purpose: another clinic's key (``TrustedClinic``, purpose ``transfer``) verifies transfer forms
and receipts only — never a permit. A form or receipt signed by one of its desk keys carries that desk's
enrolment after a ``~`` (``<signed token>~<enrolment token>``): the receiving clinic checks enrolment →
trusted clinic key → token. A form signed by a clinic key itself (an older release) still verifies.

Permits signed before this upgrade (by the clinic key): the clinic key verifies a permit only while some
permit issued before the first desk enrolment is still within the validity its QR carries; after the
last of them expires it verifies no permit at all (the gate checks each permit's own window as before).
"""

from __future__ import annotations

import binascii
import builtins  # ``list`` below is a method of DeskKeyService: the type is spelled builtins.list
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Integer, String, Text, bindparam, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database, connection_of
from app.db.models import Base, Clinic
from app.db.prepared import Prepared
from app.db.types import UTCDateTime
from app.desk_vocab import DeskKeyState, DeskPurpose, TrustPurpose
from app.errors import Conflict, NotFound, PermissionDenied, StorageError, ValidationError
from app.keys import ClinicKey, KeyStore, load_public_key, public_key_text
from app.permissions import Perm
from app.services.base import Service, authorize
from app.signing import ENROLMENT_EXP, ENROLMENT_KIND, TokenError, sign_token, verify_enrolment, verify_token

#: Between a signed token and the enrolment of the desk key that signed it.
CERT_SEPARATOR = "~"
MAX_CARRIED = 2400
REASON_MIN, REASON_MAX = 2, 200
WORKSTATION_MAX = 32
ENROLMENT_WS_MAX = 16  # kept short in the enrolment: it travels in transfer-form QR codes


ALL_PURPOSES = tuple(p.value for p in DeskPurpose)


class DeskKey(Base):
    """A workstation's public key and its enrolment (schema: migration 0015)."""

    __tablename__ = "desk_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10))
    enrolment: Mapped[str | None] = mapped_column(Text, nullable=True)
    purposes: Mapped[str] = mapped_column(String(60), default="")
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    enrolled_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


@dataclass(frozen=True)
class DeskKeyInfo:
    key_id: str
    workstation: str
    state: str  # DeskKeyState
    purposes: tuple[str, ...]  # DeskPurpose values
    first_seen: datetime
    enrolled_by: str | None
    enrolled_at: datetime | None
    revoked_by: str | None
    revoked_at: datetime | None
    revoke_reason: str | None
    this_desk: bool = False
    enrolment_valid: bool = False  # the stored enrolment verifies against the clinic key


@dataclass(frozen=True)
class DeskSigner(ClinicKey):
    """This desk's key with its enrolment (what a verifier elsewhere needs to trust it)."""

    enrolment: str = ""
    clinic_code: str = ""


# ----- verification --------------------------------------------------------------------------------------------
_parsed: dict[tuple[str, str, str, str], Ed25519PublicKey | None] = {}


def _enrolled_key(clinic_code: str, clinic_public: str, kid: str, public: str, enrolment: str,
                  purpose: str) -> Ed25519PublicKey | None:
    cache_key = (kid, enrolment, clinic_public, purpose)
    if cache_key in _parsed:
        return _parsed.get(cache_key)
    key: Ed25519PublicKey | None
    try:
        verify_enrolment(enrolment, clinic_code, clinic_public, kid=kid, public=public, purpose=purpose)
        key = load_public_key(public)
    except (TokenError, ValueError, binascii.Error):
        key = None
    if len(_parsed) > 4096:
        _parsed.clear()
    _parsed[cache_key] = key
    return key


def _own_clinic(s: Session) -> Any:
    return s.execute(select(Clinic.code, Clinic.public_key, Clinic.key_id).limit(1)).first()


def _desk_key(s: Session, kid: str, purpose: str, clinic: Any) -> Ed25519PublicKey | None:
    row = s.execute(select(DeskKey.public_key, DeskKey.state, DeskKey.enrolment)
                    .where(DeskKey.key_id == kid)).first()
    if row is None or row.state != DeskKeyState.ENROLLED or not row.enrolment:
        return None
    return _enrolled_key(clinic.code, clinic.public_key, kid, row.public_key, row.enrolment, purpose)


def _legacy_permits_open(s: Session, now: datetime) -> bool:
    """Whether a permit issued before the first desk enrolment (so signed by the clinic key) is still valid."""
    from app.wards.tables import Permit

    first = s.scalar(select(func.min(DeskKey.enrolled_at)).where(DeskKey.enrolled_at.is_not(None)))
    query = select(Permit.id).where(func.coalesce(Permit.requested_until, Permit.valid_until) > now)
    if first is not None:
        query = query.where(Permit.issued_at < first)
    return s.scalar(query.limit(1)) is not None


#: The clinic and the desk key row in one statement, built once: the gate reads them at every scan.
_PERMIT_KEY = Prepared(select(Clinic.code, Clinic.public_key, Clinic.key_id, DeskKey.public_key.label("desk_public"),
                              DeskKey.state, DeskKey.enrolment)
                       .select_from(Clinic).outerjoin(DeskKey, DeskKey.key_id == bindparam("kid")).limit(1))


def permit_key(s: Session, kid: str, now: datetime) -> Ed25519PublicKey | None:
    """The key that verifies a permit signed under ``kid``: one of THIS clinic's enrolled, unrevoked desk keys
    (its enrolment verified against the clinic key), or the clinic key itself while permits signed before the
    first desk enrolment are still valid. Never another clinic's key. Read at each call."""
    clinic = _PERMIT_KEY.first(connection_of(s), {"kid": kid})
    if clinic is None:
        return None
    key = None
    if clinic.state == DeskKeyState.ENROLLED and clinic.enrolment:
        key = _enrolled_key(clinic.code, clinic.public_key, kid, clinic.desk_public, clinic.enrolment,
                            DeskPurpose.PERMIT.value)
    if key is None and kid == clinic.key_id and _legacy_permits_open(s, now):
        return load_public_key(clinic.public_key)
    return key


def permit_keys_for_snapshot(s: Session, now: datetime) -> dict[str, str]:
    """Key id → public key text of every key that verifies a permit now (for the offline gate's cache)."""
    clinic = _own_clinic(s)
    if clinic is None:
        return {}
    keys = {}
    for row in s.execute(select(DeskKey.key_id, DeskKey.public_key, DeskKey.enrolment)
                         .where(DeskKey.state == DeskKeyState.ENROLLED.value)):
        if row.enrolment and _enrolled_key(clinic.code, clinic.public_key, row.key_id, row.public_key,
                                           row.enrolment, DeskPurpose.PERMIT.value) is not None:
            keys[row.key_id] = row.public_key
    if _legacy_permits_open(s, now):
        keys[clinic.key_id] = clinic.public_key
    return keys


def split_carried(token: str) -> tuple[str, str | None]:
    """``<signed>~<enrolment>`` → (signed, enrolment); a token without an enrolment → (token, None)."""
    token = token.strip()
    if len(token) > MAX_CARRIED:
        raise TokenError("bad_token")
    signed, sep, cert = token.partition(CERT_SEPARATOR)
    return signed, (cert if sep else None)


def with_enrolment(signer: ClinicKey, payload: dict[str, Any]) -> str:
    """Sign ``payload`` with this desk's key and carry its enrolment, for a verifier at another clinic."""
    token = sign_token(signer, payload)
    enrolment = getattr(signer, "enrolment", "")
    return f"{token}{CERT_SEPARATOR}{enrolment}" if enrolment else token


def verify_transfer_token(s: Session, token: str, *, kind: str, now: datetime) -> dict[str, Any]:
    """Verify a transfer form or receipt and that its issuer ("iss") is the clinic whose key signed it.

    Signers accepted: this clinic's enrolled desk keys (its own table decides, so a revoked desk is refused)
    and the clinic key itself; a trusted clinic (purpose transfer) through the enrolment the token carries,
    checked against that clinic's key, or its clinic key itself (an older release). Raises TokenError."""
    signed, carried = split_carried(token)
    clinic = _own_clinic(s)
    trusted = _trusted_for_transfer(s)
    signer: list[str] = []

    def carried_key(kid: str) -> Ed25519PublicKey | None:
        """The desk key the carried enrolment vouches for; its issuer must be this clinic or a trusted one."""
        assert carried is not None
        issuers = {t.key_id: (t.code, t.public_key) for t in trusted}
        if clinic is not None:
            issuers[clinic.key_id] = (clinic.code, clinic.public_key)
        enrolment_kid = carried[len("FST1:"):].split(".", 1)[0] if carried.startswith("FST1:") else ""
        issuer = issuers.get(enrolment_kid)
        if issuer is None:
            return None  # a clinic not trusted here: unknown_key
        try:
            payload = verify_enrolment(carried, issuer[0], issuer[1], kid=kid, purpose=DeskPurpose.TRANSFER.value,
                                       now=now)
        except (TokenError, ValueError, binascii.Error) as exc:
            raise TokenError("bad_enrolment") from exc
        if clinic is not None and issuer[0] == clinic.code:  # one of ours: our table says whether it is revoked
            return _own_desk(kid)
        signer.append(issuer[0])
        return load_public_key(str(payload["pub"]))

    def _own_desk(kid: str) -> Ed25519PublicKey | None:
        own = _desk_key(s, kid, DeskPurpose.TRANSFER.value, clinic) if clinic is not None else None
        if own is not None:
            signer.append(clinic.code)
        return own

    def key_for(kid: str) -> Ed25519PublicKey | None:
        if carried is not None:
            return carried_key(kid)
        own = _own_desk(kid)
        if own is not None:
            return own
        if clinic is not None and kid == clinic.key_id:  # signed by a clinic key itself (an older release)
            signer.append(clinic.code)
            return load_public_key(clinic.public_key)
        for t in trusted:
            if t.key_id == kid:
                signer.append(t.code)
                return load_public_key(t.public_key)
        return None

    payload = verify_token(signed, key_for, kind=kind, now=now)
    if payload.get("iss") != signer[0]:
        raise TokenError("issuer_mismatch", claimed=str(payload.get("iss")), signer=signer[0])
    return payload


def _trusted_for_transfer(s: Session) -> list[Any]:
    from app.transfer.tables import TrustedClinic

    return list(s.execute(select(TrustedClinic.code, TrustedClinic.public_key, TrustedClinic.key_id)
                          .where(TrustedClinic.purpose == TrustPurpose.TRANSFER.value)))


# ----- signing ---------------------------------------------------------------------------------------------------
def desk_signer(s: Session, keys: KeyStore, purpose: str) -> DeskSigner:
    """This desk's key for ``purpose``, with its enrolment. Refused: ``desk_not_enrolled`` (pending, unknown, or
    its enrolment does not verify or name the purpose), ``desk_revoked``."""
    key = keys.desk()
    clinic = _own_clinic(s)
    row = s.execute(select(DeskKey.state, DeskKey.enrolment, DeskKey.public_key)
                    .where(DeskKey.key_id == key.key_id)).first()
    if row is not None and row.state == DeskKeyState.REVOKED:
        raise PermissionDenied("desk_revoked", key_id=key.key_id)
    if clinic is None or row is None or row.state != DeskKeyState.ENROLLED or not row.enrolment or _enrolled_key(
            clinic.code, clinic.public_key, key.key_id, row.public_key, row.enrolment, purpose) is None:
        raise PermissionDenied("desk_not_enrolled", key_id=key.key_id)
    return DeskSigner(key.private, enrolment=row.enrolment, clinic_code=clinic.code)


def signer_for(db: Database, clock: Clock, keys: KeyStore, actor: Actor, purpose: str) -> DeskSigner:
    """``desk_signer`` outside a transaction, registering this desk first if it is new (and enrolling it when
    the clinic key is here)."""
    DeskKeyService(db, clock, keys).this_desk(actor.workstation)
    with db.read() as s:
        return desk_signer(s, keys, purpose)


def ensure_desk(db: Database, clock: Clock, keys: KeyStore, workstation: str) -> None:
    """Register this desk (and enrol it when the clinic key is here) unless already done; no write otherwise."""
    DeskKeyService(db, clock, keys).this_desk(workstation)


# ----- the service -----------------------------------------------------------------------------------------------
def _info(row: DeskKey, clinic: Any, this_kid: str | None) -> DeskKeyInfo:
    valid = False
    if row.enrolment and clinic is not None:
        try:
            verify_enrolment(row.enrolment, clinic.code, clinic.public_key, kid=row.key_id, public=row.public_key)
            valid = True
        except (TokenError, ValueError, binascii.Error):
            valid = False
    purposes = tuple(p for p in row.purposes.split(",") if p)
    return DeskKeyInfo(row.key_id, row.workstation, row.state, purposes, row.first_seen, row.enrolled_by,
                       row.enrolled_at, row.revoked_by, row.revoked_at, row.revoke_reason, row.key_id == this_kid,
                       valid)


class DeskKeyService(Service):
    """Register, list, enrol and revoke desk keys (audited ``desk.register``, ``desk.enrol``, ``desk.revoke``)."""

    def __init__(self, db: Database, clock: Clock, keys: KeyStore) -> None:
        super().__init__(db, clock)
        self.keys = keys

    def this_desk(self, workstation: str) -> DeskKeyInfo | None:
        """This desk's key and state; registers it as pending at first start, and enrols it at once when the
        clinic key is in this desk's data directory (audited as the system). None before the clinic exists."""
        key = self.keys.desk()
        with self.db.read() as s:
            clinic = _own_clinic(s)
            if clinic is None:
                return None
            row = s.scalars(select(DeskKey).where(DeskKey.key_id == key.key_id)).first()
            if row is not None and (row.state != DeskKeyState.PENDING or self._clinic_key_here(clinic) is None):
                return _info(row, clinic, key.key_id)
        system = Actor.system(workstation)
        if row is None:
            with self.audited_write(system, "desk.register", "desk", None, key.key_id) as op:
                s = op.session
                if s.scalar(select(DeskKey.id).where(DeskKey.key_id == key.key_id)) is None:
                    name = (workstation.strip() or "workstation")[:WORKSTATION_MAX]
                    s.add(DeskKey(key_id=key.key_id, public_key=public_key_text(key.public_raw), workstation=name,
                                  state=DeskKeyState.PENDING.value, purposes="", first_seen=self.clock.now()))
                    op.summary = {"key_id": key.key_id, "workstation": name}
        if self._clinic_key_here(clinic) is not None:
            with self.audited_write(system, "desk.enrol", "desk", None, key.key_id) as op:
                s = op.session
                row = self._row(s, key.key_id)
                if row.state == DeskKeyState.PENDING:
                    self._enrol(s, row, system, ALL_PURPOSES, self.clock.now())
                    op.summary = {"key_id": key.key_id, "workstation": row.workstation,
                                  "purposes": list(ALL_PURPOSES), "automatic": True}
        with self.db.read() as s:
            return _info(self._row(s, key.key_id), _own_clinic(s), key.key_id)

    def list(self, actor: Actor) -> list[DeskKeyInfo]:
        this_kid = self.keys.desk().key_id
        with self.db.read() as s:
            authorize(s, actor, Perm.MANAGE_CLINIC_SETTINGS)
            clinic = _own_clinic(s)
            rows = s.scalars(select(DeskKey).order_by(DeskKey.first_seen, DeskKey.id)).all()
            return [_info(r, clinic, this_kid) for r in rows]

    def enrol(self, actor: Actor, key_id: str, purposes: tuple[str, ...] | builtins.list[str] | None = None
              ) -> DeskKeyInfo:
        """Enrol a pending desk key, signed by the clinic key: only on the desk that holds it
        (``clinic_key_not_here``). Refused: ``desk_not_pending`` (enrolled or revoked already),
        ``desk_purpose`` (an unknown purpose)."""
        chosen = tuple(dict.fromkeys(purposes or ALL_PURPOSES))
        if not chosen or any(p not in ALL_PURPOSES for p in chosen):
            raise ValidationError("desk_purpose", field="purposes")
        kid = key_id.strip().lower()
        with self.audited_write(actor, "desk.enrol", "desk", Perm.MANAGE_CLINIC_SETTINGS, kid) as op:
            s = op.session
            row = self._row(s, kid)
            if row.state != DeskKeyState.PENDING:
                raise Conflict("desk_not_pending", state=row.state)
            self._enrol(s, row, actor, chosen, self.clock.now())
            op.summary = {"key_id": kid, "workstation": row.workstation, "purposes": list(chosen)}
            s.flush()
            return _info(row, _own_clinic(s), self.keys.desk().key_id)

    def revoke(self, actor: Actor, key_id: str, reason: str) -> DeskKeyInfo:
        """Revoke a desk key, with a reason (``revoke_reason``): every verifier refuses it from its next check."""
        why = " ".join((reason or "").split())
        kid = key_id.strip().lower()
        with self.audited_write(actor, "desk.revoke", "desk", Perm.MANAGE_CLINIC_SETTINGS, kid) as op:
            s = op.session
            if not REASON_MIN <= len(why) <= REASON_MAX:
                raise ValidationError("revoke_reason", field="reason")
            row = self._row(s, kid)
            if row.state == DeskKeyState.REVOKED:
                raise Conflict("desk_revoked_already")
            before = row.state
            row.state, row.revoked_by, row.revoked_at, row.revoke_reason = (
                DeskKeyState.REVOKED.value, actor.username, self.clock.now(), why)
            op.summary = {"key_id": kid, "workstation": row.workstation, "before": before, "reason": why}
            s.flush()
            return _info(row, _own_clinic(s), self.keys.desk().key_id)

    def _enrol(self, s: Session, row: DeskKey, actor: Actor, purposes: tuple[str, ...], now: datetime) -> None:
        clinic = _own_clinic(s)
        clinic_key = self._clinic_key_here(clinic) if clinic is not None else None
        if clinic_key is None:
            raise PermissionDenied("clinic_key_not_here")
        row.enrolment = sign_token(clinic_key, {
            "kind": ENROLMENT_KIND, "iss": clinic.code, "pub": row.public_key,  # the key id derives from it
            "ws": row.workstation[:ENROLMENT_WS_MAX], "pur": list(purposes), "iat": int(now.timestamp()), "exp": ENROLMENT_EXP})
        row.state, row.purposes = DeskKeyState.ENROLLED.value, ",".join(purposes)
        row.enrolled_by, row.enrolled_at = actor.username, now

    def _clinic_key_here(self, clinic: Any) -> ClinicKey | None:
        """The clinic key, if this desk's data directory holds it (the desk where the clinic was set up)."""
        if not self.keys.has_clinic_key(clinic.code):
            return None
        try:
            key = self.keys.load(clinic.code)
        except StorageError:
            return None
        return key if key.key_id == clinic.key_id else None

    @staticmethod
    def _row(s: Session, kid: str) -> DeskKey:
        row = s.scalars(select(DeskKey).where(DeskKey.key_id == kid)).first()
        if row is None:
            raise NotFound(entity="desk_key", key=kid)
        return row
