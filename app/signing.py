"""Compact signed tokens for QR codes (transfer handover forms and receipts).

``FST1:<key id>.<base64url payload>.<base64url Ed25519 signature>``; the signature covers
everything before the last dot. The key id comes first so the verifier finds the issuer's key
and checks the signature *before* reading any field of the payload.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.errors import FeverSentinelError
from app.keys import ClinicKey, key_id_of, load_public_key

PREFIX = "FST1:"
MAX_TOKEN = 1200
#: A desk key's enrolment, signed by the clinic key (app/desk_keys.py).
ENROLMENT_KIND = "desk_enrolment"
#: An enrolment ends by revocation, not by age (2100-01-01 UTC).
ENROLMENT_EXP = 4102444800


class TokenError(FeverSentinelError):
    """bad_token (malformed or truncated), unknown_key, bad_signature, expired, wrong_kind."""

    code = "bad_token"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(key: ClinicKey, payload: dict[str, Any]) -> str:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    signed = f"{PREFIX}{key.key_id}.{_b64(body)}"
    return f"{signed}.{_b64(key.sign(signed.encode('ascii')))}"


def verify_token(token: str, key_for: Callable[[str], Ed25519PublicKey | None], *, kind: str,
                 now: datetime | None = None) -> dict[str, Any]:
    """Check the signature with the issuer's key, then the kind and expiry; return the payload."""
    token = token.strip()
    if not token.startswith(PREFIX) or len(token) > MAX_TOKEN or token.count(".") != 2:
        raise TokenError("bad_token")
    signed, _, signature_text = token.rpartition(".")
    key_id = signed[len(PREFIX):].split(".", 1)[0]
    try:
        signature = _unb64(signature_text)
    except (binascii.Error, ValueError) as exc:
        raise TokenError("bad_token") from exc
    public = key_for(key_id)
    if public is None:
        raise TokenError("unknown_key", key_id=key_id)
    try:
        public.verify(signature, signed.encode("ascii"))
    except (InvalidSignature, ValueError, UnicodeEncodeError) as exc:
        raise TokenError("bad_signature") from exc
    try:
        payload = json.loads(_unb64(signed.split(".", 1)[1]).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:  # signed but unreadable: still refuse
        raise TokenError("bad_token") from exc
    if not isinstance(payload, dict) or payload.get("kind") != kind:
        raise TokenError("wrong_kind", expected=kind)
    expires = payload.get("exp")
    moment = (now or datetime.now(timezone.utc)).timestamp()
    if not isinstance(expires, (int, float)) or moment > expires:
        raise TokenError("expired")
    return payload


def verify_enrolment(token: str, clinic_code: str, clinic_public: str, *, kid: str | None = None,
                     public: str | None = None, purpose: str | None = None,
                     now: datetime | None = None) -> dict[str, Any]:
    """The enrolment's payload if ``token`` is a desk enrolment signed by this clinic key, for ``kid``
    and ``public`` (when given) and naming ``purpose`` (when given); TokenError otherwise."""
    try:
        clinic_key = load_public_key(clinic_public)
        clinic_kid = key_id_of(base64.b64decode(clinic_public))
    except (binascii.Error, ValueError) as exc:
        raise TokenError("bad_enrolment") from exc
    payload = verify_token(token, lambda k: clinic_key if k == clinic_kid else None, kind=ENROLMENT_KIND, now=now)
    pub = payload.get("pub")
    try:
        derived = key_id_of(base64.b64decode(str(pub), validate=True))
    except (binascii.Error, ValueError) as exc:
        raise TokenError("bad_enrolment") from exc
    purposes = payload.get("pur")
    if (payload.get("iss") != clinic_code or payload.get("kid", derived) != derived
            or (kid is not None and derived != kid) or (public is not None and pub != public)
            or not isinstance(purposes, list) or (purpose is not None and purpose not in purposes)):
        raise TokenError("bad_enrolment")
    return payload
