"""The hub's own database (SQLite by default, PostgreSQL in production): registered clinics and
the reports they sent. Counts only — the hub never receives names."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.engine import Database
from app.db.types import UTCDateTime
from app.errors import Conflict, ValidationError
from app.hub import migrate
from app.keys import key_id_of, load_public_key

HUB_ZONE = ZoneInfo("Asia/Shanghai")
LATE_AFTER = time(9, 0)  # a report arriving after 09:00 the next day is late


class HubBase(DeclarativeBase):
    """The hub's models. The schema itself is owned by the hub's Alembic migrations (app/hub/migrations)."""


class HubClinic(HubBase):
    __tablename__ = "hub_clinics"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    public_key: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HubReport(HubBase):
    __tablename__ = "hub_reports"
    __table_args__ = (UniqueConstraint("clinic_code", "report_date", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_code: Mapped[str] = mapped_column(String(20), index=True)
    report_date: Mapped[date] = mapped_column(Date, index=True)
    version: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    zero_report: Mapped[bool] = mapped_column(Boolean)
    automatic: Mapped[bool] = mapped_column(Boolean)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HubList(HubBase):
    """A list the county publishes to every clinic (risk areas, designated hospitals), versioned."""

    __tablename__ = "hub_lists"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    items: Mapped[str] = mapped_column(Text)  # JSON list


class HubUser(HubBase):
    """A county user of the dashboard, exports and read API (issue 13; app/hub/auth.py). Clinics are not users:
    they authenticate by signature."""

    __tablename__ = "hub_users"

    username: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # viewer / publisher / admin (app.hub.auth.HubRole)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HubSession(HubBase):
    """A logged-in browser: the cookie (signed by Starlette's SessionMiddleware) carries a random id whose
    SHA-256 is kept here, so log-out, a disabled user and the idle limit end it on the server."""

    __tablename__ = "hub_sessions"

    id_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HubLoginFailure(HubBase):
    """Wrong passwords per typed user name (known or not, so the throttle tells nothing about who exists)."""

    __tablename__ = "hub_login_failures"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


LIST_NAMES = ("risk_areas", "hospitals")


def publish_list(db: Database, name: str, items: list[dict[str, Any]], now: datetime) -> int:
    """Publish a new version of a list; every item is checked first (app.hub.lists), a bad list is refused whole."""
    from app.hub.lists import clean_items

    items = clean_items(name, items)
    with db.write() as s:
        row = s.get(HubList, name)
        if row is None:
            row = HubList(name=name, version=0, published_at=now, items="[]")
            s.add(row)
        row.version, row.published_at, row.items = row.version + 1, now, json.dumps(items, ensure_ascii=False)
        return row.version


def get_list(db: Database, name: str) -> dict[str, Any]:
    with db.read() as s:
        row = s.get(HubList, name)
        if row is None:
            return {"name": name, "version": 0, "published_at": None, "items": []}
        return {"name": name, "version": row.version, "published_at": row.published_at.isoformat(),
                "items": json.loads(row.items)}


@dataclass(frozen=True)
class Stored:
    id: int
    created: bool  # False when the same key and body came again (answered with the first result)


@dataclass(frozen=True)
class ClinicStatus:
    code: str
    name: str
    status: str  # reported / zero / automatic / late / missing (timeliness; "zero": an on-time zero report)
    version: int | None
    counts: dict[str, int]
    zero_report: bool = False  # the clinic's own 零报告 flag, as it submitted it (automatic or late ones too)
    audit_rollback: bool = False  # its audit trail went back (an anchor below or unlike one held: app.hub.anchors)
    app_version: str | None = None  # the sender's software version (issue 14; None: sent by a release before 0.10.0)


def open_hub(url: str) -> Database:
    """Open the hub's database, created or upgraded to the newest schema (app.hub.migrate)."""
    db = Database(url)
    try:
        migrate.upgrade_if_needed(db)
    except BaseException:
        db.dispose()
        raise
    return db


def add_clinic(db: Database, code: str, name: str, public_key: str, now: datetime) -> None:
    raw = load_public_key(public_key.strip())  # refuses a malformed key
    from cryptography.hazmat.primitives import serialization

    kid = key_id_of(raw.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    with db.write() as s:
        row = s.get(HubClinic, code.upper())
        if row is None:
            s.add(HubClinic(code=code.upper(), name=name, public_key=public_key.strip(), key_id=kid, added_at=now))
        else:
            row.name, row.public_key, row.key_id = name, public_key.strip(), kid


def clinic_key(db: Database, code: str) -> str | None:
    with db.read() as s:
        row = s.get(HubClinic, code.upper())
        return row.public_key if row else None


def store_report(db: Database, code: str, key: str, body: bytes, now: datetime) -> Stored:
    """Idempotent by key: the same key and body answers with the first result; a changed body under
    a used key is refused."""
    digest = hashlib.sha256(body).hexdigest()
    report, day, version = check_report(body, code)
    with db.write() as s:
        existing = s.scalars(select(HubReport).where(HubReport.idempotency_key == key)).first()
        if existing is not None:
            if existing.body_sha256 != digest:
                raise Conflict("idempotency_key_reused")
            return Stored(existing.id, False)
        row = HubReport(clinic_code=code, report_date=day, version=version, idempotency_key=key,
                        body_sha256=digest, body=body.decode("utf-8"), zero_report=bool(report.get("zero_report")),
                        automatic=bool(report.get("automatic")), received_at=now)
        s.add(row)
        try:
            s.flush()
        except IntegrityError as exc:
            raise Conflict("report_version_exists", date=day.isoformat(), version=version) from exc
        return Stored(row.id, True)


FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)  # days the hub reads or stores; outside: 4xx
MAX_VERSION = 2**31 - 1  # PostgreSQL's INTEGER
MAX_COUNT = 10_000_000
MAX_COUNT_KEYS = 200
COUNT_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
APP_VERSION = re.compile(r"\d{1,4}\.\d{1,4}\.\d{1,4}(?:[.+-][0-9A-Za-z.]{1,20})?")  # app.__version__


MAX_JSON_DEPTH = 20


def shallow_json(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``text`` nests brackets at most ``limit`` deep (strings skipped): checked before json.loads, whose
    C scanner would otherwise recurse once per bracket (a RecursionError there upsets CPython 3.11's counters)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def check_report(body: bytes, code: str) -> tuple[dict[str, Any], date, int]:
    """A daily report body as the hub accepts it, or ValidationError ``report_body`` naming the field: UTF-8
    JSON object, type daily_report from ``code``, a date in [FIRST_DAY, LAST_DAY], a version 1..MAX_VERSION,
    counts of at most MAX_COUNT_KEYS lowercase keys with whole numbers 0..MAX_COUNT, flags true/false."""
    def bad(field: str, reason: str) -> ValidationError:
        return ValidationError("report_body", field=field, reason=reason)

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad("body", "not UTF-8") from exc
    if not shallow_json(text):
        raise bad("body", f"nested deeper than {MAX_JSON_DEPTH}")
    try:
        report = json.loads(text)
    except ValueError as exc:
        raise bad("body", "not JSON") from exc
    if not isinstance(report, dict):
        raise bad("body", "not a JSON object")
    if report.get("type") != "daily_report":
        raise bad("type", "not daily_report")
    if report.get("clinic") != code:
        raise bad("clinic", "not the signing clinic")
    try:
        day = date.fromisoformat(report["date"])
    except (KeyError, TypeError, ValueError) as exc:
        raise bad("date", "not YYYY-MM-DD") from exc
    if not FIRST_DAY <= day <= LAST_DAY:
        raise bad("date", "out of range")
    version = report.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= MAX_VERSION:
        raise bad("version", f"not a whole number 1..{MAX_VERSION}")
    counts = report.get("counts")
    if not isinstance(counts, dict) or len(counts) > MAX_COUNT_KEYS:
        raise bad("counts", "not an object of at most %d counts" % MAX_COUNT_KEYS)
    for key, value in counts.items():
        if not COUNT_KEY.fullmatch(key):
            raise bad("counts", "a key is not lowercase letters, digits and _")
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
            raise bad("counts", f"a count is not a whole number 0..{MAX_COUNT}")
    for flag in ("zero_report", "automatic"):
        if not isinstance(report.get(flag, False), bool):
            raise bad(flag, "not true/false")
    app_version = report.get("app_version")  # issue 14: the sender's app version (absent before 0.10.0)
    if app_version is not None and (not isinstance(app_version, str) or not APP_VERSION.fullmatch(app_version)):
        raise bad("app_version", "not a version like 0.10.0")
    return report, day, version


def reports_on(db: Database, day: date) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.scalars(select(HubReport).where(HubReport.report_date == day)
                         .order_by(HubReport.clinic_code, HubReport.version))
        return [{"clinic": r.clinic_code, "date": r.report_date.isoformat(), "version": r.version,
                 "zero_report": r.zero_report, "automatic": r.automatic,
                 "counts": json.loads(r.body)["counts"], "received_at": r.received_at.isoformat(),
                 "app_version": json.loads(r.body).get("app_version")} for r in rows]


def status_on(db: Database, day: date) -> list[ClinicStatus]:
    deadline = datetime.combine(day + timedelta(days=1), LATE_AFTER, HUB_ZONE)
    with db.read() as s:
        clinics = s.scalars(select(HubClinic).order_by(HubClinic.code)).all()
        latest: dict[str, HubReport] = {}
        first_at: dict[str, datetime] = {}
        for report in s.scalars(select(HubReport).where(HubReport.report_date == day).order_by(HubReport.version)):
            latest[report.clinic_code] = report
            first_at.setdefault(report.clinic_code, report.received_at)
        result = []
        for c in clinics:
            r = latest.get(c.code)
            if r is None:
                result.append(ClinicStatus(c.code, c.name, "missing", None, {}))
                continue
            if r.automatic:
                status = "automatic"
            elif first_at[c.code] > deadline:
                status = "late"
            else:
                status = "zero" if r.zero_report else "reported"
            body = json.loads(r.body)
            result.append(ClinicStatus(c.code, c.name, status, r.version, body["counts"], r.zero_report,
                                       app_version=body.get("app_version")))
    rolled = _anchors.rolled_back(db)
    return [replace(r, audit_rollback=True) if r.code in rolled else r for r in result]


def trend(db: Database, end: date, days: int = 28, key: str = "fever_registered") -> dict[str, list[int]]:
    """Per clinic (and "total"), the latest version's count for each of the last ``days`` days."""
    start = end - timedelta(days=days - 1)
    with db.read() as s:
        codes = list(s.scalars(select(HubClinic.code).order_by(HubClinic.code)))
        series = {code: [0] * days for code in codes}
        for r in s.scalars(select(HubReport).where(HubReport.report_date >= start, HubReport.report_date <= end)
                           .order_by(HubReport.version)):
            if r.clinic_code in series:
                series[r.clinic_code][(r.report_date - start).days] = int(json.loads(r.body)["counts"].get(key, 0))
    series["total"] = [sum(values) for values in zip(*series.values())] if codes else [0] * days
    return series


from app.hub import anchors as _anchors  # noqa: E402,F401  (registers hub_anchors with HubBase: issue 13)
