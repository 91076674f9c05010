"""How a clinic signs what it sends the county hub: the headers of a signed request.

One place for the clinic side of the hub's signature check (app/hub/clinic_auth.py is the other
side): report submissions and anchor queries are signed the same way."""

from __future__ import annotations

import base64

from app.keys import ClinicKey


def signed_headers(key: ClinicKey, clinic_code: str, body: bytes) -> dict[str, str]:
    """Headers that let the hub check ``body`` came from ``clinic_code``'s key."""
    return {"x-clinic": clinic_code, "x-key-id": key.key_id,
            "x-signature": base64.b64encode(key.sign(body)).decode("ascii")}
