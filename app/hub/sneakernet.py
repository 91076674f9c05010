"""The road to the county without a network (issue 18): files carried on a USB stick, both ways.

- The clinic's OUTBOX FILE holds every queued submission exactly as the network would send it (the body and
  the signed headers of ``POST /api/v1/reports``), under a header naming the clinic, the file's creation time,
  the count and a SHA-256 digest of the entries, signed by the same key (the desk's, with its enrolment).
- The hub imports it (``hub import``, the dashboard's upload): the header's signature and digest first (a file
  changed on the way is refused whole), then each entry through ``receive`` — the very function behind
  ``POST /api/v1/reports``, so the checks and the idempotency are the network's own.
- The hub answers with a RECEIPT FILE signed by its key (the one that signs the anchor receipts, which the
  clinic has pinned): each entry stored, already present, or refused with the hub's reason. It is kept in the
  hub's database (``hub_imports``): after a restart the dashboard still serves it, and the same file imported
  again gets the same receipt.
- The LISTS FILE carries the county's published lists (the network's ``/api/v1/lists/...`` payloads), signed
  by the same hub key; so is each network answer (``signed_list``).

Every file is UTF-8 JSON with ``format`` and ``version``; what is signed is its canonical JSON (sorted keys, no
spaces), so whitespace or key order added by an editor does not matter but any changed value does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.db.engine import Database
from app.errors import Conflict, ValidationError
from app.hub import anchors, store
from app.hub.clinic_auth import ClinicAuthError, verify_signed
from app.keys import ClinicKey, load_public_key

OUTBOX_FORMAT = "fever-sentinel-outbox"
RECEIPT_FORMAT = "fever-sentinel-receipt"
LISTS_FORMAT = "fever-sentinel-lists"
LIST_FORMAT = "fever-sentinel-list"  # one list, as the network answers it
FILE_VERSION = 1
MAX_FILE = 32 * 1024 * 1024  # a year of daily reports is far below this
SIGNED_HEADERS = ("x-clinic", "x-key-id", "x-signature", "x-enrolment")


def canonical(value: Any) -> bytes:
    """The bytes a file's signature and digest cover."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write_bytes(document: Mapping[str, Any]) -> bytes:
    """A file as written to disk: indented UTF-8 JSON (a person may open it; its signature ignores layout)."""
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def file_problem(what: str, reason: str) -> ValidationError:
    """``sneakernet_file``: not a file of this kind (GBK text, a photo, another format, a newer version)."""
    return ValidationError("sneakernet_file", what=what, reason=reason)


def tampered(what: str, reason: str) -> ValidationError:
    return ValidationError("sneakernet_tampered", what=what, reason=reason)


def read_document(data: bytes, what: str, expected_format: str) -> dict[str, Any]:
    """The file's JSON object when it is a version-1 file of ``expected_format``; ``sneakernet_file`` otherwise."""
    if len(data) > MAX_FILE:
        raise file_problem(what, "too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise file_problem(what, "not_utf8") from exc
    if not store.shallow_json(text):
        raise file_problem(what, "nested")
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise file_problem(what, "not_json") from exc
    if not isinstance(document, dict) or document.get("format") != expected_format:
        raise file_problem(what, "other_format")
    if document.get("version") != FILE_VERSION:
        raise file_problem(what, "version")
    return document


# ----- hub-signed files (receipts, lists) ---------------------------------------------------------------

def sign_document(key: ClinicKey, payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` with the hub's key id, public key and signature over its canonical JSON."""
    return {**payload, "key_id": key.key_id, "public_key": key.public_text,
            "signature": key.sign_text(canonical(payload))}


def signed_payload(document: dict[str, Any], what: str) -> tuple[dict[str, Any], str]:
    """The payload of a hub-signed file and the public key that signed it; ``sneakernet_tampered`` when the
    signature does not cover it (whoever signed: the caller compares the key with the one it trusts)."""
    payload = {k: v for k, v in document.items() if k not in ("key_id", "public_key", "signature")}
    public, signature = document.get("public_key"), document.get("signature")
    try:
        if not isinstance(public, str) or not isinstance(signature, str):
            raise ValueError("no signature")
        load_public_key(public).verify(base64.b64decode(signature, validate=True), canonical(payload))
    except (ValueError, binascii.Error, InvalidSignature) as exc:
        raise tampered(what, "signature") from exc
    return payload, public


# ----- one submission, by network or by file ------------------------------------------------------------

def receive(db: Database, headers: Mapping[str, str], body: bytes, now: datetime) -> tuple[int, dict[str, Any]]:
    """One signed report submission: the HTTP status and the JSON answer of ``POST /api/v1/reports``.
    The network endpoint and the file import both call this (one copy of the checks and the idempotency)."""
    key = headers.get("x-idempotency-key", "")
    if not headers.get("x-clinic") or not key or len(key) > 64:
        return 400, {"error": "missing_headers"}
    try:
        code = verify_signed(db, headers, body)
    except ClinicAuthError as err:
        return err.status, {"error": err.code, **err.details}
    try:
        store.check_report(body, code)  # a body the hub cannot read is a 422 before anything parses it further
        head = anchors.head_of(body)  # the audit anchor it carries (issue 13), checked before storing
        stored = store.store_report(db, code, key, body, now)
    except Conflict as err:
        return 409, {"error": err.code, **err.details}
    except ValidationError as err:
        return 422, {"error": err.code, **err.details}
    receipt = anchors.record(db, code, *head, now) if head else None  # kept, answered signed
    return (201 if stored.created else 200,
            {"id": stored.id, "status": "stored" if stored.created else "already_stored", "receipt": receipt})


# ----- the clinic's outbox file, at the hub --------------------------------------------------------------

def entries_digest(entries: list[Any]) -> str:
    return hashlib.sha256(canonical(entries)).hexdigest()


@dataclass(frozen=True)
class Imported:
    clinic: str
    stored: int
    already: int
    refused: int
    receipt: bytes  # the signed receipt file
    token: str = ""  # the dashboard's link to download the receipt (hub_imports)
    file_name: str = ""  # the receipt's name when downloaded
    again: bool = False  # the same file imported before: these are the counts and the receipt of that import

    def line(self) -> str:
        return ("this file was imported before, its receipt again: " if self.again else "") + (
            f"clinic {self.clinic}: {self.stored} stored, {self.already} already held, {self.refused} refused")


def _text(value: Any) -> str | int | bool | None:
    return value if isinstance(value, (str, int, bool)) or value is None else str(value)


def _kept(row: store.HubImport) -> Imported:
    return Imported(row.clinic_code, row.stored, row.already, row.refused, row.receipt.encode("utf-8"), row.token,
                    row.file_name)


def kept_receipt(db: Database, token: str) -> Imported | None:
    """An import's kept receipt by its download link (None: no such link)."""
    with db.read() as s:
        row = s.scalar(select(store.HubImport).where(store.HubImport.token == token))
        return _kept(row) if row is not None else None


def import_outbox(db: Database, data: bytes, now: datetime, by: str = "hub import") -> Imported:
    """Store every entry of a clinic's outbox file as if it came by the network, and the signed receipt, kept
    in the hub's database (``by``: who imported it). The whole file is checked first (format, digest, the
    clinic's signature on the header): a file changed on the way, or from a clinic the hub does not know, stores
    nothing. The same file again (its signed content, whatever its layout) answers with the receipt it got the
    first time, without importing it again."""
    what = "outbox"
    document = read_document(data, what, OUTBOX_FORMAT)
    file_sha256 = hashlib.sha256(canonical(document)).hexdigest()
    header, signer, entries = document.get("header"), document.get("signer"), document.get("entries")
    if not isinstance(header, dict) or not isinstance(signer, dict) or not isinstance(entries, list):
        raise file_problem(what, "fields")
    if header.get("digest") != entries_digest(entries) or header.get("count") != len(entries):
        raise tampered(what, "digest")
    signed = {k: str(signer[k]) for k in SIGNED_HEADERS if isinstance(signer.get(k), str)}
    if signed.get("x-clinic", "").upper() != str(header.get("clinic", "")).upper():
        raise tampered(what, "clinic")
    try:
        code = verify_signed(db, signed, canonical(header))
    except ClinicAuthError as err:
        if err.code == "unknown_clinic":
            raise ValidationError("sneakernet_unknown_clinic", clinic=err.details.get("clinic", "")) from err
        raise tampered(what, err.code) from err
    with db.read() as s:
        first = s.scalar(select(store.HubImport).where(store.HubImport.file_sha256 == file_sha256))
        if first is not None:
            return replace(_kept(first), again=True)
    results: list[dict[str, Any]] = []
    counts = {"stored": 0, "already_stored": 0, "refused": 0}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("body"), str) \
                or not isinstance(entry.get("headers"), dict):
            raise file_problem(what, "fields")  # unreachable for a file with a good digest made by a clinic
        body = entry["body"].encode("utf-8")
        headers = {k: str(v) for k, v in entry["headers"].items() if k in SIGNED_HEADERS and isinstance(v, str)}
        if headers.get("x-clinic", "").upper() != code:
            status, answer = 403, {"error": "other_clinic"}
        else:
            headers["x-idempotency-key"] = str(entry.get("idempotency_key", ""))
            status, answer = receive(db, headers, body, now)
        outcome = str(answer.get("status")) if status < 300 else "refused"
        counts[outcome] += 1
        results.append({"idempotency_key": str(entry.get("idempotency_key", "")),
                        "body_sha256": hashlib.sha256(body).hexdigest(), "outcome": outcome, "http": status,
                        "error": answer.get("error"),
                        "details": {k: _text(v) for k, v in answer.items() if k not in ("error", "status", "id",
                                                                                      "receipt")},
                        "receipt": answer.get("receipt")})
    payload = {"format": RECEIPT_FORMAT, "version": FILE_VERSION, "clinic": code, "created_at": now.isoformat(),
               "file_digest": header["digest"], "file_created_at": _text(header.get("created_at")),
               "entries": results}
    receipt = write_bytes(sign_document(anchors.key_for(db), payload))
    row = store.HubImport(file_sha256=file_sha256, token=secrets.token_urlsafe(24), clinic_code=code,
                          imported_at=now, imported_by=by[:64], file_name=f"{code}-receipt-{now:%Y%m%d-%H%M%S}.json",
                          stored=counts["stored"], already=counts["already_stored"], refused=counts["refused"],
                          receipt=receipt.decode("utf-8"))
    try:
        with db.write() as s:
            s.add(row)
            s.flush()
            return _kept(row)
    except IntegrityError:  # the same file imported at the same moment elsewhere: its receipt stands
        with db.read() as s:
            return _kept(s.scalars(select(store.HubImport).where(store.HubImport.file_sha256 == file_sha256)).one())


# ----- the county's lists, for the clinics -----------------------------------------------------------------

def signed_list(db: Database, name: str) -> dict[str, Any]:
    """One published list as ``/api/v1/lists/<name>`` answers it: the list (its name inside), signed by the hub key
    as the lists file is, so a clinic can tell the county's answer from anyone else's on the way."""
    return sign_document(anchors.key_for(db), {"format": LIST_FORMAT, "version": FILE_VERSION,
                                               "list": store.get_list(db, name)})


def export_lists(db: Database, now: datetime) -> bytes:
    """Every published list, as ``/api/v1/lists/<name>`` serves it, in one file signed by the hub key."""
    payload = {"format": LISTS_FORMAT, "version": FILE_VERSION, "created_at": now.isoformat(),
               "lists": {name: store.get_list(db, name) for name in store.LIST_NAMES}}
    return write_bytes(sign_document(anchors.key_for(db), payload))
