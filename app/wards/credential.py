"""Permit QR credential, laid out like the EU Digital COVID Certificate: a CBOR payload signed
as a COSE_Sign1 message (Ed25519, key id in the protected header), zlib-compressed, Base45 text
behind the prefix ``FSP1:``. The signature is verified before any field is read."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

import base45
import cbor2
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pycose.algorithms import EdDSA
from pycose.headers import KID, Algorithm
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import Sign1Message

from app.keys import ClinicKey
from app.wards.vocab import Deny

PREFIX = "FSP1:"
MAX_TEXT = 1000
MAX_INFLATED = 4096  # a compression bomb stops here
# CBOR keys (small integers keep the QR small)
ISS, KEY_ID, PERMIT, KIND, WARD, NBF, EXP, NAME, ID4, REF, BED = range(1, 12)


class CredentialRefused(Exception):
    """Carries the gate's deny reason."""

    def __init__(self, reason: Deny) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True)
class Credential:
    issuer: str
    key_id: str
    permit_id: str  # 32 hex characters
    kind: str  # escort / visitor
    ward: str
    valid_from: datetime
    valid_until: datetime
    masked_name: str
    id_last4: str
    admission_id: int
    bed: str


def encode(key: ClinicKey, c: Credential) -> str:
    payload = cbor2.dumps({ISS: c.issuer, KEY_ID: c.key_id, PERMIT: bytes.fromhex(c.permit_id),
                           KIND: c.kind[0], WARD: c.ward, NBF: int(c.valid_from.timestamp()),
                           EXP: int(c.valid_until.timestamp()), NAME: c.masked_name, ID4: c.id_last4,
                           REF: c.admission_id, BED: c.bed})
    message = Sign1Message(phdr={Algorithm: EdDSA, KID: key.key_id.encode("ascii")}, payload=payload)
    private = key.private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
    message.key = OKPKey(crv=Ed25519, d=private, x=key.public_raw)
    return PREFIX + base45.b45encode(zlib.compress(message.encode(), 9)).decode("ascii")


def decode(text: str, key_for: Callable[[str], Ed25519PublicKey | None]) -> Credential:
    """Verify, then read. Raises CredentialRefused(unreadable / unknown_key / forged)."""
    text = text.strip()
    if not text.startswith(PREFIX) or len(text) > MAX_TEXT:
        raise CredentialRefused(Deny.UNREADABLE)
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(base45.b45decode(text[len(PREFIX):]), MAX_INFLATED)
        if inflater.unconsumed_tail or not inflater.eof or inflater.unused_data:
            raise ValueError("too large, truncated (no zlib checksum) or trailing bytes")
        message = Sign1Message.decode(raw)
        kid = message.phdr.get(KID)
        if not isinstance(kid, bytes) or message.phdr.get(Algorithm) not in (EdDSA, EdDSA.identifier):
            raise ValueError("header")
    except Exception as exc:  # untrusted bytes: any decoding failure is "unreadable", never a crash
        raise CredentialRefused(Deny.UNREADABLE) from exc
    public = key_for(kid.decode("ascii", "replace"))
    if public is None:
        raise CredentialRefused(Deny.UNKNOWN_KEY)
    try:
        message.key = OKPKey(crv=Ed25519, x=public.public_bytes(serialization.Encoding.Raw,
                                                                serialization.PublicFormat.Raw))
        valid = message.verify_signature()
    except Exception as exc:
        raise CredentialRefused(Deny.FORGED) from exc
    if not valid:
        raise CredentialRefused(Deny.FORGED)
    try:
        p = cbor2.loads(message.payload or b"")  # no payload: unreadable, as any other decoding failure
        return Credential(
            issuer=str(p[ISS]), key_id=str(p[KEY_ID]), permit_id=bytes(p[PERMIT]).hex(),
            kind={"e": "escort", "v": "visitor"}[p[KIND]], ward=str(p[WARD]),
            valid_from=datetime.fromtimestamp(int(p[NBF]), tz=timezone.utc),
            valid_until=datetime.fromtimestamp(int(p[EXP]), tz=timezone.utc), masked_name=str(p[NAME]),
            id_last4=str(p[ID4]), admission_id=int(p[REF]), bed=str(p[BED]))
    except Exception as exc:  # signed by us but not our layout: refuse rather than guess
        raise CredentialRefused(Deny.UNREADABLE) from exc
