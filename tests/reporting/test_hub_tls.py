"""The county hub over HTTPS with a certificate from the county's own CA, as real counties run it:
real certificates (made here), a real hub process, real TLS handshakes. Without the county's CA a
clinic says so (hub_certificate, not "unreachable") and keeps the report; with it, the report
arrives. A hub started with a wrong key says so in one line."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from app import cli
from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.errors import ValidationError
from app.hub.store import add_clinic, open_hub
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.reporting.sync import hub_ssl_context, read_ca_file
from app.reporting.tables import OutboxEntry
from app.vocabulary.errors import ERRORS
from tests.reporting.loopback import ROOT, HubProcess, free_port
from tests.reporting.tls import HandshakeOnly, TestCA

START = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
YESTERDAY = date(2026, 11, 22)


@pytest.fixture
def county_ca(tmp_path: Path) -> TestCA:
    return TestCA(tmp_path / "pki")


@pytest.fixture
def tls_hub(tmp_path: Path, county_ca: TestCA) -> Iterator[HubProcess]:
    """`hub serve --tls-cert --tls-key` with a certificate for 127.0.0.1 and localhost from the county CA."""
    pair = county_ca.issue("hub")
    process = HubProcess(tmp_path / "hub", tls=(pair.cert, pair.key), ca=county_ca.cert_file).start()
    yield process
    process.stop()


@pytest.fixture
def clinic(tmp_path: Path, tls_hub: HubProcess) -> Iterator[AppContext]:
    """A clinic registered at the hub, with yesterday's (zero) report queued for it."""
    ctx = open_context(DataPaths(tmp_path / "XH01"), clock=FixedClock(START), argon2=OWASP_FLOOR)
    info, _ = ctx.clinic.initialize(Actor.system(), code="XH01", name="西河卫生院", level="township",
                                    admin_username="boss", admin_full_name="院长", admin_password="admin-pass-1")
    hub_db = open_hub(tls_hub.db_url)
    add_clinic(hub_db, info.code, info.name, info.public_key, START)
    hub_db.dispose()
    ctx.sync.set_hub_url(Actor.system(), tls_hub.url)
    ctx.reports.submit(Actor.system(), YESTERDAY)
    yield ctx
    ctx.close()


def hub_reports(hub: HubProcess) -> list[dict]:
    return hub.viewer().get(f"{hub.url}/api/v1/reports", params={"date": YESTERDAY.isoformat()}).json()["reports"]


def outbox_errors(ctx: AppContext) -> list[str | None]:
    with ctx.db.read() as s:
        return [e.last_error for e in s.query(OutboxEntry).filter(OutboxEntry.delivered_at.is_(None))]


def test_the_hub_really_serves_https_with_the_county_certificate(tls_hub: HubProcess) -> None:
    assert tls_hub.url.startswith("https://")
    context = ssl.create_default_context(cafile=tls_hub.ca)
    with socket.create_connection(("127.0.0.1", tls_hub.port), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        issuer = dict(x[0] for x in tls.getpeercert()["issuer"])
    assert issuer["commonName"] == "Test County Root CA"


def test_without_the_county_ca_the_push_says_certificate_and_keeps_the_report(
        clinic: AppContext, tls_hub: HubProcess) -> None:
    assert clinic.sync.hub_ca() is None
    with pytest.raises(ValidationError) as caught:
        clinic.sync.push(Actor.system(), force=True)
    assert caught.value.code == "hub_certificate"
    assert caught.value.details["problem"] == "unknown_ca"
    assert "issuer" in caught.value.details["reason"]  # OpenSSL's words, for the county's IT
    assert clinic.sync.status().pending == 1 and clinic.sync.status().online is False
    assert [e.startswith("certificate: ") for e in outbox_errors(clinic)] == [True]
    assert hub_reports(tls_hub) == []
    with pytest.raises(ValidationError) as pulled:  # "sync now" pulls the lists too: the same answer
        clinic.sync.pull(Actor.system())
    assert pulled.value.code == "hub_certificate"


def test_with_the_county_ca_set_the_queued_report_arrives(clinic: AppContext, tls_hub: HubProcess,
                                                          county_ca: TestCA) -> None:
    with pytest.raises(ValidationError):
        clinic.sync.push(Actor.system(), force=True)  # queued, refused by our own check of the hub
    ca = clinic.sync.set_hub_ca(Actor.system(), str(county_ca.cert_file))
    assert ca is not None and "Test County Root CA" in ca.subject
    assert clinic.sync.hub_ca() == ca
    result = clinic.sync.push(Actor.system(), force=True)
    assert (result.delivered, result.retrying, clinic.sync.status().pending) == (1, 0, 0)
    assert [r["clinic"] for r in hub_reports(tls_hub)] == ["XH01"]
    assert clinic.sync.pull(Actor.system()) == {}  # nothing published yet, but reached and trusted


def test_the_county_ca_is_trusted_in_addition_to_the_usual_authorities(county_ca: TestCA) -> None:
    def names(context: ssl.SSLContext) -> set[tuple[str, str]]:
        return {(str(c["subject"]), str(c["serialNumber"])) for c in context.get_ca_certs()}

    usual = names(httpx.create_ssl_context())  # certifi, or SSL_CERT_FILE where the machine sets it
    trusted = names(hub_ssl_context(read_ca_file(county_ca.cert_file)))
    assert len(usual) > 10 and usual < trusted and len(trusted - usual) == 1
    assert "Test County Root CA" in str(trusted - usual)


def test_every_desk_uses_the_ca_kept_in_the_clinic_database(clinic: AppContext, tls_hub: HubProcess,
                                                             county_ca: TestCA, tmp_path: Path) -> None:
    """Set once from a file that is then gone: another desk (another context on the same database)
    still trusts the hub."""
    copy = tmp_path / "usb" / "县CA.cer"
    copy.parent.mkdir()
    copy.write_bytes(county_ca.der_file().read_bytes())  # Windows exports DER .cer files
    clinic.sync.set_hub_ca(Actor.system(), f'"{copy}"')  # Explorer's "Copy as path" adds quotes
    copy.unlink()
    other_desk = open_context(clinic.paths, clock=FixedClock(START), argon2=OWASP_FLOOR)
    try:
        assert other_desk.sync.hub_ca() is not None and other_desk.sync.hub_ca().file == str(copy)
        assert other_desk.sync.push(Actor.system(), force=True).delivered == 1
    finally:
        other_desk.close()


def test_the_ca_file_is_checked_and_can_be_cleared(clinic: AppContext, county_ca: TestCA, tmp_path: Path) -> None:
    junk = tmp_path / "not-a-cert.pem"
    junk.write_text("hello", encoding="utf-8")
    for path, code in ((junk, "ca_file"), (tmp_path / "missing.pem", "file_unreadable"),
                       (county_ca.pair.key, "ca_file")):  # a private key is not a certificate
        with pytest.raises(ValidationError) as caught:
            clinic.sync.set_hub_ca(Actor.system(), str(path))
        assert caught.value.code == code
    assert clinic.sync.hub_ca() is None
    mixed = tmp_path / "bundle.pem"  # a key pasted into the file by mistake is not kept
    mixed.write_bytes(county_ca.pair.key.read_bytes() + county_ca.cert_file.read_bytes())
    assert "PRIVATE" not in clinic.sync.set_hub_ca(Actor.system(), str(mixed)).pem  # type: ignore[union-attr]
    assert clinic.sync.set_hub_ca(Actor.system(), "  ") is None
    assert clinic.sync.hub_ca() is None
    with clinic.db.read() as s:
        from app import audit

        actions = [e.action for e in audit.page(s, offset=0, limit=10)]
    assert actions.count("sync.hub_ca") == 2


@pytest.mark.parametrize(("hosts", "valid", "problem"), [
    (("hub.example.gov.cn",), (timedelta(days=-1), timedelta(days=365)), "host_name"),
    (("127.0.0.1",), (timedelta(days=-30), timedelta(days=-1)), "expired"),
])
def test_wrong_host_or_expired_is_named(clinic: AppContext, county_ca: TestCA, hosts, valid, problem) -> None:
    clinic.sync.set_hub_ca(Actor.system(), str(county_ca.cert_file))  # trusted CA: the other faults show
    pair = county_ca.issue(problem, hosts, valid=valid)
    stub = HandshakeOnly(pair.cert, pair.key)
    try:
        with pytest.raises(ValidationError) as caught:
            clinic.sync.push(Actor.system(), hub_url=stub.url, force=True)
    finally:
        stub.close()
    assert (caught.value.code, caught.value.details["problem"]) == ("hub_certificate", problem)
    assert clinic.sync.status().pending == 1


def test_cli_push_with_ca_file(clinic: AppContext, tls_hub: HubProcess, county_ca: TestCA,
                               capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(clinic.paths.root)
    assert cli.main(["--data-dir", data_dir, "sync", "push"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error [hub_certificate]") and "--ca-file" in err and "problem=unknown_ca" in err
    assert cli.main(["--data-dir", data_dir, "sync", "push", "--ca-file", str(county_ca.cert_file)]) == 0
    out = capsys.readouterr().out
    assert "hub CA set: " in out and "Test County Root CA" in out and "delivered 1" in out
    assert len(hub_reports(tls_hub)) == 1
    assert cli.main(["--data-dir", data_dir, "sync", "push", "--ca-file", ""]) == 0
    assert "hub CA cleared" in capsys.readouterr().out
    assert clinic.sync.hub_ca() is None


def serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`hub serve` with a bad TLS pair must stop at once (a timeout here means it started serving)."""
    return subprocess.run([sys.executable, "-m", "ui.launcher", "--data-dir", str(tmp_path / "hub"), "hub", "serve",
                           "--port", str(free_port()), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_hub_serve_refuses_a_key_that_does_not_match(tmp_path: Path, county_ca: TestCA) -> None:
    hub, other = county_ca.issue("hub"), county_ca.issue("other")
    done = serve(tmp_path, "--tls-cert", str(hub.cert), "--tls-key", str(other.key))
    assert done.returncode == 1
    assert done.stderr.startswith("error [tls_key_mismatch]") and "Traceback" not in done.stderr
    assert "does not belong to the certificate" in done.stderr


@pytest.mark.parametrize(("which", "code"), [("missing", "tls_file"), ("swapped", "tls_file_format"),
                                             ("cert only", "tls_pair")])
def test_hub_serve_names_other_tls_mistakes(tmp_path: Path, county_ca: TestCA, which: str, code: str) -> None:
    hub = county_ca.issue("hub")
    args = {"missing": ["--tls-cert", str(hub.cert), "--tls-key", str(tmp_path / "nope.key")],
            "swapped": ["--tls-cert", str(hub.key), "--tls-key", str(hub.cert)],
            "cert only": ["--tls-cert", str(hub.cert)]}[which]
    done = serve(tmp_path, *args)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error [{code}]") and "Traceback" not in done.stderr


def test_cli_messages_cover_the_new_codes() -> None:
    for code in ("hub_certificate", "ca_file", "tls_pair", "tls_file", "tls_file_format", "tls_key_mismatch"):
        assert code in ERRORS, code
