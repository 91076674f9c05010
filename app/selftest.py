"""``fever-sentinel self-test``: prove that this installation works, end to end, without touching real data.

It runs in a throw-away data directory (``tempfile``): migrations to head, a clinic with its signing
key, a log-in, a screening → registration → hand-off, the audit chain, every printed form with its QR
code decoded back from the rendered page, and a signature checked with the clinic's public key. One
line per check (✓/✗ and what was checked); the exit code is 0 only if every check passed.

Meant for the installed bundle, where a missing font, data file, plug-in or native library shows up
here rather than in front of a patient. Pure Python, no Qt: rasterising a PDF page and decoding its QR
needs Qt (QtPdf), so that part is a *probe* injected from ui/ (``ui.selftest_render``), the same way
ui.launcher hands the desktop app to app.cli.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol, TextIO

from app.resources import CJK_FONT_BOLD, CJK_FONT_REGULAR, resource_path

CLINIC_CODE = "SELFTEST"
ADMIN_PASSWORD = "self-test-admin-1"
NURSE_PASSWORD = "self-test-nurse-1"
PATIENT_NAME = "王䶮"  # a rare character (CJK Ext. A): the font must cover it
RESOURCES: tuple[tuple[str, ...], ...] = (
    CJK_FONT_REGULAR, CJK_FONT_BOLD, ("fonts", "OFL.txt"), ("icons", "fever-sentinel.svg"),
    ("translations", "fever_sentinel_zh_CN.qm"),
)


@dataclass(frozen=True)
class PdfScan:
    """What a probe saw on a rendered PDF: its page count and the QR texts decoded from every page."""

    pages: int
    qr_texts: tuple[str, ...]


class Probe(Protocol):
    """The Qt side of the self-test (``ui.selftest_render.QtProbe``)."""

    def scan_pdf(self, pdf: bytes) -> PdfScan: ...

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        """Extra named checks (plug-ins, fonts in Qt, the icon...); each returns its detail or raises."""
        ...


ProbeFactory = Callable[[], Probe]


class CheckFailed(Exception):
    """A check ran but its result was wrong (the message says what was expected and seen)."""


@dataclass
class Report:
    out: TextIO
    verbose: bool = False
    results: list[tuple[str, bool, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        encoding = getattr(self.out, "encoding", None) or "utf-8"
        try:  # a redirected Windows console may be GBK, which has no ✓
            "✓✗—".encode(encoding)
            self.ok_mark, self.bad_mark, self.dash = "✓", "✗", "—"
        except (UnicodeEncodeError, LookupError):
            self.ok_mark, self.bad_mark, self.dash = "[ok]", "[FAIL]", "-"

    @property
    def passed(self) -> bool:
        return all(ok for _, ok, _ in self.results)

    def failed(self, name: str) -> bool:
        return any(n == name and not ok for n, ok, _ in self.results)

    def record(self, name: str, ok: bool, detail: str) -> None:
        self.results.append((name, ok, detail))
        line = f"{self.ok_mark if ok else self.bad_mark} {name}"
        if detail:
            line += f" {self.dash} {detail}"
        try:
            print(line, file=self.out, flush=True)
        except UnicodeEncodeError:
            print(line.encode("ascii", "backslashreplace").decode("ascii"), file=self.out, flush=True)

    def run(self, name: str, fn: Callable[[], str], *, needs: tuple[str, ...] = ()) -> bool:
        """Run one check; an exception is a failure that names its type and message."""
        missing = [n for n in needs if self.failed(n) or n not in {r[0] for r in self.results}]
        if missing:
            self.record(name, False, f"not run: needs '{missing[0]}'")
            return False
        try:
            detail = fn()
        except Exception as exc:  # noqa: BLE001 - every failure is reported, never raised
            self.record(name, False, f"{type(exc).__name__}: {exc}")
            if self.verbose:
                traceback.print_exc(file=self.out)
            return False
        self.record(name, True, detail)
        return True


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@contextmanager
def throwaway_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fever-sentinel-selftest-", ignore_cleanup_errors=True) as tmp:
        yield Path(tmp)


# ----- the checks --------------------------------------------------------------------------------

def check_resources() -> str:
    found = [resource_path(*parts) for parts in RESOURCES]  # FileNotFoundError names the missing one
    for path in found:
        expect(path.stat().st_size > 0, f"empty resource: {path}")
    return f"{len(found)} files under {found[0].parent.parent}"


def check_migration_files() -> str:
    """The clinic's Alembic scripts and the county hub's (``hub serve`` runs from the same bundle)."""
    from app.db import migrate
    from app.hub import migrate as hub_migrate

    found = []
    for name, env in (("clinic", migrate.CLINIC), ("hub", hub_migrate.HUB)):
        root = env.directory
        versions = sorted(p.name for p in (root / "versions").glob("*.py"))
        for needed in (root / "env.py", root / "script.py.mako"):
            expect(needed.is_file(), f"missing {needed}")
        expect(bool(versions), f"no migration scripts in {root / 'versions'}")
        head = env.head_revision()
        expect(head == env.head, f"{name}: newest script is {head}, the start-up shortcut expects {env.head}")
        found.append(f"{name}: {len(versions)} revisions in {root}, head {head}")
    return "; ".join(found)


def check_timezone() -> str:
    from zoneinfo import ZoneInfo

    from app.clinic_info import DEFAULT_TIMEZONE

    zone = ZoneInfo(DEFAULT_TIMEZONE)
    offset = datetime(2026, 1, 1, tzinfo=timezone.utc).astimezone(zone).strftime("%z")
    return f"{DEFAULT_TIMEZONE} is UTC{offset}"


def check_pinyin() -> str:
    from app.triage.identity import name_initials

    initials = name_initials("张三")
    expect(initials == "zs", f"pinyin initials of 张三 are {initials!r}, expected 'zs'")
    return "张三 → zs"


def check_postgres_driver() -> str:
    import psycopg

    impl = psycopg.pq.__impl__
    return f"psycopg {psycopg.__version__} ({impl}), libpq {psycopg.pq.version()}"


def check_pdf_accelerator() -> str:
    """ReportLab's C helpers (the ``accel`` extra): without them every printed form is a third slower."""
    from reportlab.lib import rl_accel

    loaded: dict[str, object] = getattr(rl_accel, "_c_funcs", {})  # the helpers it found in _rl_accel
    expect({"fp_str", "sameFrag", "instanceStringWidthTTF"} <= set(loaded),
           "ReportLab's C helpers (rl_accel) are missing")
    return f"{len(loaded)} C helpers"


@dataclass
class _World:
    """What the database checks build up, for the printing and signing checks that follow."""

    ctx: Any = None
    clinic: Any = None
    admin: Any = None
    nurse: Any = None
    visit: Any = None
    handoff: Any = None
    audit_rows: int = 0


def _check_pdf(probe: Probe | None, pdf: bytes, expected_qr: str | None) -> str:
    expect(pdf.startswith(b"%PDF-"), "not a PDF")
    expect(b"/FontFile2" in pdf, "the CJK TrueType font is not embedded")
    if probe is None:
        raise CheckFailed("no PDF renderer in this process (the bundle and `python -m ui.selftest_render` have one)")
    scan = probe.scan_pdf(pdf)
    expect(scan.pages >= 1, "the PDF has no page")
    if expected_qr is None:
        return f"{scan.pages} page(s) rendered, {len(pdf) // 1024} KB"
    expect(expected_qr in scan.qr_texts, f"QR decoded as {list(scan.qr_texts)!r}, expected {expected_qr!r}")
    return f"{scan.pages} page(s), QR decodes to {expected_qr}, {len(pdf) // 1024} KB"


def version_line() -> str:
    """What is being checked (issue 14): the app's version and the schemas it ships."""
    from app import SCHEMA_HEADS, __version__

    return (f"Fever Sentinel {__version__} (schema: clinic {SCHEMA_HEADS[0]}, hub {SCHEMA_HEADS[1]}; "
            f"Python {sys.version.split()[0]}, {sys.platform})")


def run_self_test(out: TextIO | None = None, *, probe_factory: ProbeFactory | None = None, argon2: Any = None,
                  verbose: bool = False) -> int:
    """Run every check, printing one line each; 0 if all passed, 1 otherwise.

    ``probe_factory`` builds the Qt half (ui.launcher passes it); loading it is itself a check."""
    from app import __version__
    from app.passwords import PRODUCTION

    out = out or sys.stdout
    started = time.perf_counter()
    print(version_line(), file=out, flush=True)
    report = Report(out, verbose)
    probe: Probe | None = None
    if probe_factory is not None:
        loaded: list[Probe] = []
        report.run("Qt probe loads (QtGui, QtPdf, zxing-cpp)", lambda: _load_probe(probe_factory, loaded))
        probe = loaded[0] if loaded else None
    report.run("bundled resources (fonts, licence, icon, translations)", check_resources)
    report.run("database migration scripts", check_migration_files)
    report.run("time-zone data", check_timezone)
    report.run("pinyin dictionary", check_pinyin)
    report.run("PostgreSQL driver", check_postgres_driver)
    report.run("PDF accelerator", check_pdf_accelerator)
    if probe is not None:
        for name, fn in probe.checks():
            report.run(name, fn)

    world = _World()
    with throwaway_dir() as root:
        try:
            _database_checks(report, world, root, argon2 or PRODUCTION)
            _printing_checks(report, world, probe)
            _signature_check(report, world, root)
        finally:
            if world.ctx is not None:
                world.ctx.close()
    seconds = time.perf_counter() - started
    bad = sum(1 for _, ok, _ in report.results if not ok)
    if bad:
        print(f"self-test FAILED: {bad} of {len(report.results)} checks failed ({seconds:.1f} s), version "
              f"{__version__}", file=out)
    else:
        print(f"self-test passed: {len(report.results)} checks ({seconds:.1f} s), version {__version__}", file=out)
    return 0 if report.passed else 1


def _load_probe(factory: ProbeFactory, loaded: list[Probe]) -> str:
    loaded.append(factory())
    return type(loaded[0]).__module__


def _database_checks(report: Report, world: _World, root: Path, argon2: Any) -> None:
    from app.actor import Actor
    from app.context import open_context
    from app.db import migrate
    from app.paths import DataPaths

    paths = DataPaths(root / "data")

    def open_db() -> str:
        world.ctx = open_context(paths, argon2=argon2)
        rev, head = migrate.current_revision(world.ctx.db), migrate.head_revision()
        expect(rev == head, f"database at {rev}, expected head {head}")
        return f"new SQLite database in a temporary directory migrated to {head}"

    def clinic() -> str:
        world.clinic, _ = world.ctx.clinic.initialize(
            Actor.system("self-test"), code=CLINIC_CODE, name="自检卫生院", level="township",
            admin_username="selftest", admin_full_name="自检管理员", admin_password=ADMIN_PASSWORD)
        key_file = world.ctx.clinic.keys.path_for(CLINIC_CODE)
        expect(key_file.is_file(), f"no signing key at {key_file}")
        return f"clinic {CLINIC_CODE} with signing key {world.clinic.key_id}"

    def login() -> str:
        world.admin = world.ctx.users.authenticate("selftest", ADMIN_PASSWORD, "self-test")
        world.ctx.users.create(world.admin, username="nurse", full_name="自检护士", roles=["triage_nurse"],
                               password=NURSE_PASSWORD)
        world.nurse = world.ctx.users.authenticate("nurse", NURSE_PASSWORD, "self-test")
        return f"admin and nurse logged in (argon2id m={argon2.memory_cost_kib} KiB, t={argon2.time_cost})"

    def triage() -> str:
        from app.triage.records import PatientInput, ScreeningInput

        nurse = world.nurse
        screening = world.ctx.screening.record(nurse, ScreeningInput(38.6, symptoms=frozenset({"fever", "cough"}),
                                                                     health_code="green"))
        expect(screening.decision != "general", f"38.6 °C with cough screened as {screening.decision}")
        world.visit = world.ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
            name=PATIENT_NAME, id_type="resident_id", id_number="11010519491231002X", phone="13800138000",
            address="自检镇一村"))
        world.handoff = world.ctx.handoffs.send(nurse, world.visit.visit_no, "自检陪同")
        world.visit = world.ctx.registration.detail(nurse, world.visit.visit_no)
        return f"screened ({screening.decision}), registered {world.visit.visit_no}, hand-off sent"

    def audit_chain() -> str:
        report_ = world.ctx.audit.verify(world.admin)
        expect(report_.ok, f"chain broken at {report_.first_broken_seq}: {report_.problem}")
        expect(report_.rows >= 6, f"only {report_.rows} audit rows")
        world.audit_rows = report_.rows
        return f"{report_.rows} rows intact, head {report_.head_hash[:12]}…"

    def append_only() -> str:
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        try:
            with world.ctx.db.engine.begin() as conn:
                conn.execute(text("UPDATE audit_events SET summary = '{}' WHERE seq = 1"))
        except DBAPIError:
            return "UPDATE of an audit row refused by the database"
        raise CheckFailed("an audit row could be rewritten")

    report.run("database created and migrated", open_db)
    report.run("clinic created", clinic, needs=("database created and migrated",))
    report.run("log-in (argon2)", login, needs=("clinic created",))
    report.run("screening, registration, hand-off", triage, needs=("log-in (argon2)",))
    report.run("audit chain verified", audit_chain, needs=("screening, registration, hand-off",))
    report.run("audit trail is append-only", append_only, needs=("audit chain verified",))


def _printing_checks(report: Report, world: _World, probe: Probe | None) -> None:
    from app.printing.guide_slip import SLIP_SIZES, GuideSlip, guide_slip_pdf
    from app.printing.registration_form import registration_form_pdf

    prereq = ("screening, registration, hand-off",)

    def registration_form() -> str:
        pdf = registration_form_pdf(world.visit, world.clinic, datetime.now(timezone.utc))
        return _check_pdf(probe, pdf, world.visit.visit_no)

    def guide_slip(size: str) -> Callable[[], str]:
        def check() -> str:
            slip = GuideSlip(clinic_name=world.clinic.name, visit_no=world.visit.visit_no,
                                      patient_name=PATIENT_NAME, sent_at=world.handoff.sent_at,
                                      timezone=world.clinic.timezone, escort=world.handoff.escort)
            return _check_pdf(probe, guide_slip_pdf(slip, size), world.visit.visit_no)
        return check

    report.run("registration form (A4) printed, QR read back", registration_form, needs=prereq)
    for size in SLIP_SIZES:
        report.run(f"guide slip {size} printed, QR read back", guide_slip(size), needs=prereq)

    try:  # the case timeline printout arrived after release 0.1.0
        from app.printing.timeline_pdf import case_timeline_pdf
    except ImportError:
        return

    def timeline() -> str:
        line = world.ctx.timelines.timeline(world.admin, world.visit.visit_no)
        expect(len(line.events) >= 3, f"timeline has {len(line.events)} events")
        pdf = case_timeline_pdf(line, world.clinic, datetime.now(timezone.utc), world.admin.username)
        return f"{len(line.events)} events, " + _check_pdf(probe, pdf, None)

    report.run("case timeline (A4) printed", timeline, needs=prereq)


def _signature_check(report: Report, world: _World, root: Path) -> None:
    def sign() -> str:
        from cryptography.exceptions import InvalidSignature

        from app.keys import KeyStore, load_public_key

        message = f"fever-sentinel self-test {world.visit.visit_no if world.visit else ''}".encode()
        signature = KeyStore(root / "data" / "keys").load(CLINIC_CODE).sign(message)
        public = load_public_key(world.clinic.public_key)
        public.verify(signature, message)  # raises InvalidSignature
        try:
            public.verify(signature, message + b"!")
        except InvalidSignature:
            return "Ed25519 signature verified with the clinic's public key; a changed message is rejected"
        raise CheckFailed("a signature verified for a changed message")

    report.run("clinic key signs and verifies", sign, needs=("clinic created",))
