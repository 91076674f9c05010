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
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import func, select

from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database
from app.db.models import Clinic, ClinicSetting
from app.errors import ValidationError
from app.keys import KeyStore
from app.reporting.hub_auth import signed_headers
from app.permissions import Perm
from app.reporting.tables import OutboxEntry
from app.services.base import Service, authorize

HUB_URL_KEY = "sync.hub_url"
HUB_CA_KEY = "sync.hub_ca"  # JSON: {"file": the path it was read from, "pem": the CA certificate(s)}
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
        """Deliver what is due (everything when ``force``, e.g. "sync now")."""
        with self.db.read() as s:
            authorize(s, actor, Perm.SUBMIT_REPORTS)
            code = s.scalars(select(Clinic.code)).one()
        url = hub_url or self.hub_url()
        if not url:
            raise ValidationError("hub_url", field="url")
        key = self.keys.load(code)
        now = self.clock.now()
        with self.db.read() as s:
            query = select(OutboxEntry).where(OutboxEntry.delivered_at.is_(None), OutboxEntry.needs_admin.is_(False))
            if not force:
                query = query.where(OutboxEntry.next_attempt_at <= now)
            due = list(s.scalars(query.order_by(OutboxEntry.id)))
        delivered = retrying = refused = 0
        errors: list[str] = []
        untrusted: ValidationError | None = None
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
        return PushResult(delivered, retrying, refused, tuple(errors))

    def pull(self, actor: Actor, *, hub_url: str | None = None) -> dict[str, int]:
        """Fetch the county's risk-area and designated-hospital lists and apply each atomically
        (audited as coming from the hub). Returns how many items each list now has."""
        from app.transfer.service import TransferService
        from app.triage.config_service import RiskAreaRecord, TriageConfigService
        from app.triage.rules import normalise_area

        url = hub_url or self.hub_url()
        if not url:
            raise ValidationError("hub_url", field="url")
        with self.client_factory() as client:
            try:
                areas = client.get(f"{url}/api/v1/lists/risk-areas").raise_for_status().json()
                hospitals = client.get(f"{url}/api/v1/lists/hospitals").raise_for_status().json()
            except (httpx.HTTPError, ValueError) as exc:
                self.online = False
                if (found := certificate_problem(exc)) is not None:
                    raise certificate_error(found) from exc
                raise ValidationError("hub_unreachable", field="url", reason=type(exc).__name__) from exc
        self.online = True
        applied: dict[str, int] = {}
        if areas.get("version"):
            records = [RiskAreaRecord(normalise_area(str(a["name"])), str(a["level"]), None, "hub")
                       for a in areas["items"]]
            applied["risk_areas"] = TriageConfigService(self.db, self.clock).replace_risk_areas(actor, records, "hub")
        if hospitals.get("version"):
            applied["hospitals"] = TransferService(self.db, self.clock, self.keys).replace_hospitals(
                actor, hospitals["items"])
        return applied

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
