"""The hub's check that a request body was signed by a registered clinic (the clinic side is
app/reporting/hub_auth.py). Clinics never log in: their signature is their credential."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature

from app.db.engine import Database
from app.errors import FeverSentinelError
from app.hub import store
from app.keys import load_public_key
from app.signing import TokenError, verify_enrolment


class ClinicAuthError(FeverSentinelError):
    """unknown_clinic (403), bad_signature or bad_enrolment (401); ``status`` is the HTTP status to answer with."""

    code = "bad_signature"

    def __init__(self, code: str, status: int, **details: object) -> None:
        super().__init__(code, **details)
        self.status = status


def verify_signed(db: Database, headers: Mapping[str, str], body: bytes) -> str:
    """The clinic code whose key signed ``body``; raises ClinicAuthError otherwise.

    The signer is one of the clinic's desk keys, with its enrolment in ``x-enrolment``: the hub knows the clinic
    key, checks that it signed the enrolment (this clinic, this key id, purpose ``hub``), then the body's
    signature with the desk key (``bad_enrolment`` 401 otherwise). Without an enrolment the clinic key itself
    must have signed, so an older clinic release keeps reporting."""
    code = headers.get("x-clinic", "").upper()
    public_text = store.clinic_key(db, code) if code else None
    if public_text is None:
        raise ClinicAuthError("unknown_clinic", 403, clinic=code)
    enrolment = headers.get("x-enrolment", "")
    if enrolment:
        try:
            payload = verify_enrolment(enrolment.strip(), code, public_text, kid=headers.get("x-key-id", ""),
                                       purpose="hub")
        except TokenError as exc:
            raise ClinicAuthError("bad_enrolment", 401) from exc
        public_text = str(payload["pub"])
    try:
        signature = base64.b64decode(headers.get("x-signature", ""), validate=True)
        load_public_key(public_text).verify(signature, body)
    except (binascii.Error, ValueError, InvalidSignature) as exc:
        raise ClinicAuthError("bad_signature", 401) from exc
    return code
