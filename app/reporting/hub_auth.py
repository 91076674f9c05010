"""How a clinic signs what it sends the county hub: the headers of a signed request.

One place for the clinic side of the hub's signature check (app/hub/clinic_auth.py is the other
side): report submissions and anchor queries are signed the same way. The signer is this desk's key
(app.desk_keys.signer_for(..., DeskPurpose.HUB)), whose enrolment — signed by the clinic key — travels
in ``x-enrolment``; a plain clinic key (no enrolment) still signs as older releases did."""

from __future__ import annotations

import base64

from app.keys import ClinicKey


def signed_headers(key: ClinicKey, clinic_code: str, body: bytes) -> dict[str, str]:
    """Headers that let the hub check ``body`` came from ``clinic_code``'s key (or from one of its enrolled
    desk keys: a ``DeskSigner`` adds its enrolment)."""
    headers = {"x-clinic": clinic_code, "x-key-id": key.key_id,
               "x-signature": base64.b64encode(key.sign(body)).decode("ascii")}
    enrolment = getattr(key, "enrolment", "")
    if enrolment:
        headers["x-enrolment"] = enrolment
    return headers
