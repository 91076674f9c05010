"""Store and forward to the county hub. Each outbox entry keeps the idempotency key fixed when it
was queued; the body is signed with the clinic key; 5xx and network errors retry with full-jitter
exponential backoff capped at an hour; a 4xx stops that entry and asks the admin (with the hub's
reason). HTTPS with certificate verification; proxy settings (HTTPS_PROXY) honoured by httpx.

A county hub often has a certificate from its own (government) CA: the clinic's admin sets that CA
certificate once (``set_hub_ca``); it is kept in the clinic's database, like the hub's address, so
every desk of the clinic trusts the same hub, and is trusted in addition to httpx's usual
authorities. A certificate that fails verification is its own error (``hub_certificate``), not
"unreachable": waiting does not help, someone has to act; the report stays queued meanwhile."""

from __future__ import annotations

import hashlib
import json
import random
import ssl
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import ColumnElement, String, func, select

from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database
from app.db.models import Clinic, ClinicSetting
from app.errors import ValidationError
from app.desk_keys import DeskPurpose, signer_for
from app.keys import KeyStore
from app.reporting.automatic import authorize_automatic, refuse_automatic
from app.reporting.anchor_check import take_receipt
from app.reporting.hub_auth import signed_headers
from app.permissions import Perm
from app.reporting.tables import OutboxEntry
from app.services.base import Service

HUB_URL_KEY = "sync.hub_url"
HUB_CA_KEY = "sync.hub_ca"  # JSON: {"file": the path it was read from, "pem": the CA certificate(s)}
LIST_VERSION_KEY = "sync.list_version.{name}"  # the version of a county list last applied here
HUB_LISTS = ("risk_areas", "hospitals")  # the county's lists, in the order they are applied
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def backoff(attempts: int, rng: random.Random) -> timedelta:
    """Full jitter: uniform between zero and min(cap, base * 2^attempts) (AWS architecture blog)."""
    ceiling = min(MAX_DELAY.total_seconds(), BASE_DELAY.total_seconds() * 2 ** min(attempts, 20))
    return timedelta(seconds=rng.uniform(0, ceiling))


@dataclass(frozen=True)
class HubCa:
    """The CA certificate set for the hub: where it was read from and what it is."""

    file: str
    pem: str
    subject: str
    not_after: datetime
    sha256: str  # of the first certificate (DER), as the county can read it out


def read_ca_file(path: str | Path) -> str:
    """The CA certificate(s) in ``path`` (PEM or DER, e.g. a .crt/.cer from Windows) as PEM text;
    anything else in the file (a private key by mistake) is left out."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError("file_unreadable", field="ca_file", path=str(path)) from exc
    try:
        certs = (x509.load_pem_x509_certificates(data) if b"-----BEGIN CERTIFICATE-----" in data
                 else [x509.load_der_x509_certificate(data)])
    except ValueError as exc:
        raise ValidationError("ca_file", field="ca_file", path=str(path)) from exc
    return "".join(c.public_bytes(Encoding.PEM).decode("ascii") for c in certs)


def describe_ca(file: str, pem: str) -> HubCa:
    first = x509.load_pem_x509_certificates(pem.encode("ascii"))[0]
    return HubCa(file, pem, first.subject.rfc4514_string(), first.not_valid_after_utc,
                 hashlib.sha256(first.public_bytes(Encoding.DER)).hexdigest())


def hub_ssl_context(ca_pem: str) -> ssl.SSLContext:
    """What httpx trusts by default (certifi, or SSL_CERT_FILE/SSL_CERT_DIR) and the hub's CA too.
    (ssl.create_default_context(cafile=...) alone would trust the CA *instead of* the usual ones.)"""
    context = httpx.create_ssl_context(trust_env=True)
    context.load_verify_locations(cadata=ca_pem)
    return context


_UNKNOWN_CA = {2, 18, 19, 20, 21}  # OpenSSL X509_V_ERR_*: no trusted issuer, self-signed (in chain), leaf unverifiable
_EXPIRED = {9, 10}  # not yet valid, expired
_HOST_NAME = {62, 64}  # host name / IP address mismatch


def certificate_problem(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification failure behind an httpx error (httpx -> httpcore -> ssl), if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def certificate_error(found: ssl.SSLCertVerificationError) -> ValidationError:
    code = found.verify_code
    problem = ("unknown_ca" if code in _UNKNOWN_CA else "expired" if code in _EXPIRED
               else "host_name" if code in _HOST_NAME else "other")
    return ValidationError("hub_certificate", field="ca_file", problem=problem,
                           reason=str(found.verify_message or found.reason or found))


def _list_invalid(name: str, field: str, item: int | None = None, reason: str = "invalid") -> ValidationError:
    details: dict[str, object] = {"list": name, "field": field, "reason": reason}
    if item is not None:
        details["item"] = item
    return ValidationError("hub_list_invalid", **details)


def _text_field(name: str, n: int, raw: dict[str, object], field: str, required: bool) -> str | None:
    """A text field of a pulled item: text (or absent when optional), no hidden characters (app.text_rules)."""
    from app.text_rules import check_text

    value = raw.get(field)
    if value is None:
        if required:
            raise _list_invalid(name, field, n, "missing")
        return None
    if not isinstance(value, str):
        raise _list_invalid(name, field, n, "not_text")
    try:
        check_text(value, field)
    except ValidationError as exc:
        raise _list_invalid(name, field, n, exc.code) from exc
    return value


_PROBE_AREA = "测试地区"  # a valid name, to check the other fields of a risk area alone


def _risk_area(n: int, raw: dict[str, object]) -> object:
    """One pulled risk area through the clinic's own import rules (app.triage.config_service.parse_risk_areas:
    the area name, the level words it takes, the since date); the name within the table's column."""
    from app.triage.config_service import parse_risk_areas
    from app.triage.rules import normalise_area
    from app.triage.tables import RiskArea

    name = _text_field("risk_areas", n, raw, "name", True) or ""
    level = _text_field("risk_areas", n, raw, "level", True) or ""
    since = _text_field("risk_areas", n, raw, "since", False) or ""
    if len(normalise_area(name)) > _length(RiskArea.__table__.c.name):
        raise _list_invalid("risk_areas", "name", n, "too_long")
    for field, probe in (("name", {"name": name, "level": "high"}), ("level", {"name": _PROBE_AREA, "level": level}),
                         ("since", {"name": _PROBE_AREA, "level": "high", "since": since})):
        try:
            parse_risk_areas(json.dumps([probe]).encode("utf-8"), "hub.json")
        except ValidationError as exc:
            raise _list_invalid("risk_areas", field, n) from exc
    (record,) = parse_risk_areas(json.dumps([{"name": name, "level": level, "since": since}]).encode("utf-8"),
                                 "hub.json")
    return replace(record, source="hub")


def _length(column: ColumnElement[Any]) -> int:
    """A text column's declared length: the most a pulled value may hold, as the table would."""
    kind = column.type
    if not isinstance(kind, String) or kind.length is None:
        raise TypeError(f"{column} has no declared length")
    return kind.length


def _hospital(n: int, raw: dict[str, object]) -> dict[str, object]:
    """One pulled hospital with the transfer service's own checks (its text rule for name, address and phone
    with the table's column lengths; a kind from HospitalKind); ``accepting`` true or false."""
    from app.transfer.service import _text
    from app.transfer.tables import Hospital
    from app.transfer.vocab import HospitalKind

    item: dict[str, object] = {}
    for field, required in (("name", True), ("address", False), ("phone", False)):
        value = _text_field("hospitals", n, raw, field, required)
        try:
            item[field] = _text(value, field, _length(Hospital.__table__.c[field]), required)
        except ValidationError as exc:
            raise _list_invalid("hospitals", field, n, exc.code) from exc
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in HospitalKind._value2member_map_:
        raise _list_invalid("hospitals", "kind", n, "missing" if kind is None else "unknown")
    accepting = raw.get("accepting", True)
    if not isinstance(accepting, bool):
        raise _list_invalid("hospitals", "accepting", n, "not_true_false")
    return {**item, "kind": kind, "accepting": accepting}


def check_hub_lists(payloads: dict[str, object]) -> dict[str, tuple[int, list[Any]]]:
    """Every pulled list checked whole, before any is applied: ``{name: (version, items ready to apply)}``,
    or ``hub_list_invalid`` (list, item number from 1, field, reason) for the first bad one."""
    checked: dict[str, tuple[int, list[Any]]] = {}
    for name in HUB_LISTS:
        payload = payloads.get(name)
        if not isinstance(payload, dict):
            raise _list_invalid(name, "list", reason="not_an_object")
        version = payload.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise _list_invalid(name, "version", reason="not_a_number")
        items = payload.get("items", [])
        if not isinstance(items, list):
            raise _list_invalid(name, "items", reason="not_a_list")
        cleaned: list[Any] = []
        seen: set[str] = set()
        for n, raw in enumerate(items, start=1):
            if not isinstance(raw, dict):
                raise _list_invalid(name, "item", n, "not_an_object")
            value = _risk_area(n, raw) if name == "risk_areas" else _hospital(n, raw)
            key = value.name if name == "risk_areas" else value["name"]  # type: ignore[attr-defined,index]
            if key in seen:
                raise _list_invalid(name, "name", n, "duplicate")
            seen.add(key)
            cleaned.append(value)
        checked[name] = (version, cleaned)
    return checked


@dataclass(frozen=True)
class SyncStatus:
    hub_url: str | None
    pending: int
    needs_admin: int
    last_success: datetime | None
    online: bool | None  # None: not tried yet in this process


@dataclass(frozen=True)
class PushResult:
    delivered: int
    retrying: int
    refused: int  # 4xx: waiting for the admin
    errors: tuple[str, ...]


class SyncService(Service):
    def __init__(self, db: Database, clock: Clock, keys: KeyStore,
                 client_factory: Callable[[], httpx.Client] | None = None, rng: random.Random | None = None) -> None:
        super().__init__(db, clock)
        self.keys = keys
        self.client_factory = client_factory or self._client
        self.rng = rng or random.Random()
        self.online: bool | None = None

    def hub_url(self) -> str | None:
        with self.db.read() as s:
            return s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == HUB_URL_KEY))

    def set_hub_url(self, actor: Actor, url: str) -> None:
        refuse_automatic(actor, Perm.MANAGE_CLINIC_SETTINGS, "sync.hub_url")
        url = url.strip().rstrip("/")
        if not (url.startswith("https://") or url.startswith("http://127.") or url.startswith("http://localhost")):
            raise ValidationError("hub_url", field="url")  # plain HTTP only to this machine (tests, a local hub)
        with self.audited_write(actor, "sync.hub_url", "setting", Perm.MANAGE_CLINIC_SETTINGS, HUB_URL_KEY) as op:
            row = op.session.get(ClinicSetting, HUB_URL_KEY)
            if row is None:
                op.session.add(ClinicSetting(key=HUB_URL_KEY, value=url, updated_at=self.clock.now()))
            else:
                row.value, row.updated_at = url, self.clock.now()
            op.summary = {"url": url}

    def hub_ca(self) -> HubCa | None:
        """The CA certificate trusted for the hub, or None: the usual authorities only."""
        with self.db.read() as s:
            text = s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == HUB_CA_KEY))
        if not text:
            return None
        stored = json.loads(text)
        return describe_ca(str(stored.get("file", "")), str(stored["pem"]))

    def set_hub_ca(self, actor: Actor, path: str) -> HubCa | None:
        """Trust the CA certificate in the file at ``path`` for the hub (read now and kept in the
        database, so every desk uses it and the file may move); an empty path goes back to the
        usual authorities only."""
        refuse_automatic(actor, Perm.MANAGE_CLINIC_SETTINGS, "sync.hub_ca")
        path = path.strip().strip('"')
        ca = describe_ca(path, read_ca_file(path)) if path else None
        with self.audited_write(actor, "sync.hub_ca", "setting", Perm.MANAGE_CLINIC_SETTINGS, HUB_CA_KEY) as op:
            row = op.session.get(ClinicSetting, HUB_CA_KEY)
            if ca is None:
                if row is not None:
                    op.session.delete(row)
                op.summary = {"cleared": True}
                return None
            value = json.dumps({"file": ca.file, "pem": ca.pem})
            if row is None:
                op.session.add(ClinicSetting(key=HUB_CA_KEY, value=value, updated_at=self.clock.now()))
            else:
                row.value, row.updated_at = value, self.clock.now()
            op.summary = {"file": ca.file, "subject": ca.subject, "sha256": ca.sha256,
                          "not_after": ca.not_after.isoformat()}
        return ca

    def _client(self) -> httpx.Client:
        """httpx's usual verification (certifi, or SSL_CERT_FILE), plus the hub's CA when one is set."""
        ca = self.hub_ca()
        if ca is None:
            return httpx.Client(timeout=TIMEOUT, trust_env=True)
        return httpx.Client(timeout=TIMEOUT, trust_env=True, verify=hub_ssl_context(ca.pem))

    def status(self) -> SyncStatus:
        with self.db.read() as s:
            pending = s.scalar(select(func.count()).select_from(OutboxEntry).where(
                OutboxEntry.delivered_at.is_(None), OutboxEntry.needs_admin.is_(False))) or 0
            refused = s.scalar(select(func.count()).select_from(OutboxEntry).where(
                OutboxEntry.delivered_at.is_(None), OutboxEntry.needs_admin.is_(True))) or 0
            last = s.scalar(select(func.max(OutboxEntry.delivered_at)))
            url = s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == HUB_URL_KEY))
        return SyncStatus(url, pending, refused, last, self.online)

    def push(self, actor: Actor, *, hub_url: str | None = None, force: bool = False) -> PushResult:
        """Deliver what is due (everything when ``force``, e.g. "sync now"). The automatic actor (every
        desk, whoever is logged in) may deliver what is due; forcing is a person's "sync now"."""
        with self.db.read() as s:
            authorize_automatic(s, actor, Perm.SUBMIT_REPORTS, "sync.now" if force else "sync.deliver")
            code = s.scalars(select(Clinic.code)).one()
        url = hub_url or self.hub_url()
        if not url:
            raise ValidationError("hub_url", field="url")
        key = signer_for(self.db, self.clock, self.keys, actor, DeskPurpose.HUB.value)  # this desk, enrolled
        now = self.clock.now()
        with self.db.read() as s:
            query = select(OutboxEntry).where(OutboxEntry.delivered_at.is_(None), OutboxEntry.needs_admin.is_(False))
            if not force:
                query = query.where(OutboxEntry.next_attempt_at <= now)
            due = list(s.scalars(query.order_by(OutboxEntry.id)))
        delivered = retrying = refused = 0
        errors: list[str] = []
        untrusted: ValidationError | None = None
        bad_receipt: ValidationError | None = None  # a receipt signed by another key than the pinned hub key
        with self.client_factory() as client:
            for entry in due:
                body = entry.body.encode("utf-8")
                headers = {"content-type": "application/json", "x-idempotency-key": entry.idempotency_key,
                           **signed_headers(key, code, body)}
                try:
                    response = client.post(f"{url}/api/v1/reports", content=body, headers=headers)
                except httpx.HTTPError as exc:
                    self.online = False
                    if (found := certificate_problem(exc)) is not None:
                        untrusted = certificate_error(found)
                        self._retry(entry.id, f"certificate: {untrusted.details['reason']}")
                        break  # the next entries would meet the same certificate
                    self._retry(entry.id, f"network: {type(exc).__name__}")
                    retrying += 1
                    errors.append(type(exc).__name__)
                    continue
                if response.status_code < 300:
                    self._delivered(entry.id)
                    delivered += 1
                    self.online = True
                    bad_receipt = take_receipt(self, actor, entry.body, response) or bad_receipt  # issue 13
                elif 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                    self._refused(entry.id, response)
                    refused += 1
                    self.online = True
                else:
                    self._retry(entry.id, f"hub {response.status_code}")
                    retrying += 1
                    errors.append(str(response.status_code))
        if untrusted is not None:  # nothing is lost: the entry waits in the outbox for a trusted hub
            raise untrusted
        if bad_receipt is not None:  # delivered, but the answer was not the hub's: refused (audited) and reported
            raise bad_receipt
        return PushResult(delivered, retrying, refused, tuple(errors))

    def pull(self, actor: Actor, *, hub_url: str | None = None) -> dict[str, int]:
        """Fetch the county's risk-area and designated-hospital lists and apply them all or nothing.

        Every item of BOTH lists is checked first, with the clinic's own rules for a risk area and a
        hospital (``check_hub_lists``); one bad item refuses both (``hub_list_invalid`` naming the list,
        the item number from 1 and the field) and nothing changes. Each good list is then applied in one
        transaction, audited as from the hub, and its version remembered (``sync.list_applied``): a
        version already applied here is not applied again. Returns how many items each list applied now
        has (empty: nothing new). Pulling is a person's act (MANAGE_CLINIC_SETTINGS; the command line)."""
        known = self.list_versions(actor, "sync.pull")
        url = hub_url or self.hub_url()
        if not url:
            raise ValidationError("hub_url", field="url")
        fetched: dict[str, object] = {}
        with self.client_factory() as client:
            try:
                for name in HUB_LISTS:
                    fetched[name] = client.get(f"{url}/api/v1/lists/{name.replace('_', '-')}").raise_for_status(
                    ).json()
            except (httpx.HTTPError, ValueError) as exc:
                self.online = False
                if (found := certificate_problem(exc)) is not None:
                    raise certificate_error(found) from exc
                raise ValidationError("hub_unreachable", field="url", reason=type(exc).__name__) from exc
        self.online = True
        return self.apply_lists(actor, self._verified(actor, fetched), known)

    def _verified(self, actor: Actor, answers: dict[str, object]) -> dict[str, object]:
        """Each list out of its signed answer (app.hub.sneakernet.signed_list), checked as the lists file is
        checked: signed by the hub key pinned here (the first signed answer pins it when none is, as the first
        report receipt does), naming the list asked for. Unsigned, changed, or another list's answer:
        ``hub_lists_unsigned``; signed by another key: ``hub_key_mismatch`` (audited). Nothing applied then."""
        from app.hub import sneakernet as files
        from app.reporting.anchor_check import AnchorService

        anchors = AnchorService(self)
        pinned = anchors.hub_key()
        lists: dict[str, object] = {}
        signers: set[str] = set()
        for name, answer in answers.items():
            if not isinstance(answer, dict) or answer.get("format") != files.LIST_FORMAT \
                    or answer.get("version") != files.FILE_VERSION:
                raise ValidationError("hub_lists_unsigned", list=name)
            try:
                payload, public = files.signed_payload(answer, "lists")
            except ValidationError as exc:
                raise ValidationError("hub_lists_unsigned", list=name) from exc
            listed = payload.get("list")  # what it holds is checked by check_hub_lists
            if isinstance(listed, dict) and listed.get("name") != name:  # another list's answer in its place
                raise ValidationError("hub_lists_unsigned", list=name)
            if (pinned is not None and public != pinned.public_key) or (signers and public not in signers):
                raise anchors._refuse_key(actor, str(answer.get("key_id", "")), "lists")  # audited as refused
            signers.add(public)
            lists[name] = listed
        if pinned is None and signers:
            anchors.set_hub_key(actor, signers.pop(), source="lists")
        return lists

    def apply_lists(self, actor: Actor, fetched: dict[str, object], known: dict[str, str | None]) -> dict[str, int]:
        """The pulled payloads checked whole, then each new version applied (``pull``, and the lists file the
        county sends by hand: app.reporting.sneakernet)."""
        from app.transfer.service import TransferService
        from app.triage.config_service import TriageConfigService

        checked = check_hub_lists(fetched)  # raises before anything is applied
        applied: dict[str, int] = {}
        for name, (version, items) in checked.items():
            if not version or known[name] == str(version):
                continue  # nothing published yet, or this version is already applied here
            if name == "risk_areas":
                count = TriageConfigService(self.db, self.clock).replace_risk_areas(actor, items, "hub")
            else:
                count = TransferService(self.db, self.clock, self.keys).replace_hospitals(actor, items)
            self._remember_list(actor, name, version, count)
            applied[name] = count
        return applied

    def list_versions(self, actor: Actor, what: str) -> dict[str, str | None]:
        """The version of each county list applied here (after checking ``actor`` may apply lists)."""
        with self.db.read() as s:
            authorize_automatic(s, actor, Perm.MANAGE_CLINIC_SETTINGS, what)
            return {name: s.scalar(select(ClinicSetting.value).where(
                ClinicSetting.key == LIST_VERSION_KEY.format(name=name))) for name in HUB_LISTS}

    def _remember_list(self, actor: Actor, name: str, version: int, count: int) -> None:
        key = LIST_VERSION_KEY.format(name=name)
        with self.audited_write(actor, "sync.list_applied", "setting", Perm.MANAGE_CLINIC_SETTINGS, key) as op:
            row = op.session.get(ClinicSetting, key)
            before = row.value if row else None
            if row is None:
                op.session.add(ClinicSetting(key=key, value=str(version), updated_at=self.clock.now()))
            else:
                row.value, row.updated_at = str(version), self.clock.now()
            op.summary = {"source": "hub", "list": name, "version": version, "before": before, "count": count}

    def _delivered(self, entry_id: int) -> None:
        with self.db.write() as s:
            entry = s.get(OutboxEntry, entry_id)
            assert entry is not None
            entry.delivered_at, entry.last_error = self.clock.now(), None

    def _retry(self, entry_id: int, error: str) -> None:
        with self.db.write() as s:
            entry = s.get(OutboxEntry, entry_id)
            assert entry is not None
            entry.attempts += 1
            entry.next_attempt_at = self.clock.now() + backoff(entry.attempts, self.rng)
            entry.last_error = error[:300]

    def _refused(self, entry_id: int, response: httpx.Response) -> None:
        try:
            reason = str(response.json().get("error", response.text))
        except ValueError:
            reason = response.text
        with self.db.write() as s:
            entry = s.get(OutboxEntry, entry_id)
            assert entry is not None
            entry.needs_admin, entry.attempts = True, entry.attempts + 1
            entry.last_error = f"hub refused ({response.status_code}): {reason}"[:300]
