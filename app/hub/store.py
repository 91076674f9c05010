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

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.db.engine import Database
from app.db.types import UTCDateTime
from app.errors import Conflict, ValidationError
from app.hub import migrate
from app.keys import key_id_of, load_public_key
from app.reporting.deadline import AUTO_SUBMIT_AT
from app.reporting.ears import DEFAULT_MIN_SD, ears

HUB_ZONE = ZoneInfo("Asia/Shanghai")
#: The daily report is due the next day by this time ("病例零报告、日报告": one report a day): the clinic's own
#: deadline, after which its desks submit the day automatically (app.reporting.deadline.AUTO_SUBMIT_AT, "the next
#: morning"). A report first arriving later is late; a day with none by then is a silent day.
LATE_AFTER: time = AUTO_SUBMIT_AT
#: A clinic silent this many days or more is an alarm (one day: a warning).
SILENT_ALARM_DAYS = 2
#: Completeness and timeliness are read over this many days (DHIS2's reporting rates over a period).
RATE_DAYS = 28
#: The share of expected clinics below which a rate is shown in red and the county total is not scored by EARS:
#: WHO's IDSR technical guidelines set 80 % as the target for completeness and timeliness of reporting.
COVERAGE_TARGET = 0.8
#: The days EARS reads to score one day: C3 sums C2 over 3 days, each C2 a 7-day baseline after a 2-day guard.
EARS_WINDOW = 12


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


class HubImport(HubBase):
    """A clinic's outbox file imported (the dashboard's upload or ``hub import``) and the signed receipt given for
    it, kept so that a restart still serves the receipt and the same file again gets the same one (issue 18)."""

    __tablename__ = "hub_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)  # of its signed content (canonical JSON)
    token: Mapped[str] = mapped_column(String(48), unique=True)  # the dashboard's download link
    clinic_code: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    imported_by: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(100))  # the receipt's name when downloaded
    stored: Mapped[int] = mapped_column(Integer)
    already: Mapped[int] = mapped_column(Integer)
    refused: Mapped[int] = mapped_column(Integer)
    receipt: Mapped[str] = mapped_column(Text)  # the signed receipt file, as given


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


def deadline_of(day: date) -> datetime:
    """When the report of ``day`` is due: the next day at LATE_AFTER, hub time."""
    return datetime.combine(day + timedelta(days=1), LATE_AFTER, HUB_ZONE)


def last_due_day(now: datetime) -> date:
    """The latest day whose report is due by ``now`` (yesterday from LATE_AFTER on, the day before until then)."""
    local = now.astimezone(HUB_ZONE)
    return local.date() - timedelta(days=1 if local.time() >= LATE_AFTER else 2)


def status_on(db: Database, day: date) -> list[ClinicStatus]:
    deadline = deadline_of(day)
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


@dataclass(frozen=True)
class _Clinic:
    code: str
    name: str
    expected_from: date  # the first day a report is expected: the day it was added, or its first report if earlier


@dataclass(frozen=True)
class _Day:
    count: int  # the latest version's count
    first_at: datetime  # when the day's first version arrived


def _per_clinic(aggregate: Any, *conditions: Any) -> Any:
    """``aggregate`` of the clinic's reports, one index look-up per clinic (the unique index starts with
    clinic_code, report_date) rather than a scan of every report."""
    return select(aggregate).where(HubReport.clinic_code == HubClinic.code, *conditions).scalar_subquery()


def _clinics(s: Session) -> list[_Clinic]:
    first = _per_clinic(func.min(HubReport.report_date))
    return [_Clinic(code, name, min(added_at.astimezone(HUB_ZONE).date(), day or LAST_DAY))
            for code, name, added_at, day in s.execute(select(HubClinic.code, HubClinic.name, HubClinic.added_at,
                                                              first).order_by(HubClinic.code))]


def _reported(s: Session, start: date, end: date, key: str | None) -> dict[tuple[str, date], _Day]:
    """Each clinic's report per day in [start, end]: its count of ``key`` (0 when the report has no such count:
    nothing was counted; 0 too without a ``key``) and its first arrival."""
    found: dict[tuple[str, date], _Day] = {}
    columns = (HubReport.clinic_code, HubReport.report_date, HubReport.received_at)
    query = select(*columns, HubReport.body) if key else select(*columns, HubReport.version)  # bodies when needed
    for code, day, at, body in s.execute(query.where(HubReport.report_date >= start, HubReport.report_date <= end)
                                         .order_by(HubReport.version)):
        count = int(json.loads(body)["counts"].get(key, 0)) if key else 0
        before = found.get((code, day))
        found[(code, day)] = _Day(count, at if before is None else min(before.first_at, at))
    return found


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


@dataclass(frozen=True)
class CountyEarsDay:
    """EARS on the county's total of one day, over the clinics that reported on every day of the EARS_WINDOW
    days ending there (the panel): a clinic's gap is left out of the whole window rather than read as 0 (which
    would raise an alarm when it reports again), so every day of the window sums the same clinics."""

    day: date
    clinics: int  # the panel
    expected: int  # clinics expected to report that day
    count: int | None  # the panel's total that day (None when not scored)
    c1: float | None
    c2: float | None
    c3: float | None
    not_scored: str | None  # None, "history" (under EARS_WINDOW days of reports) or "coverage" (panel too small)
    alarms: tuple[str, ...] = ()

    @property
    def first(self) -> date:
        return self.day - timedelta(days=EARS_WINDOW - 1)

    def as_json(self) -> dict[str, Any]:
        r = lambda v: None if v is None else round(v, 3)  # noqa: E731
        return {"date": self.day.isoformat(), "clinics": self.clinics, "expected": self.expected,
                "window_from": self.first.isoformat(), "count": self.count, "c1": r(self.c1), "c2": r(self.c2),
                "c3": r(self.c3), "alarms": list(self.alarms), "not_scored": self.not_scored}


@dataclass(frozen=True)
class Trend:
    """A count per clinic and day, None where the clinic sent no report (silence is not zero); the county total
    over the clinics that reported, with how many did and how many were expected; EARS on the total."""

    days: list[date]
    clinics: dict[str, list[int | None]]
    total: list[int | None]  # None when no clinic reported that day
    reporting: list[int]
    expected: list[int]
    ears: list[CountyEarsDay]

    def as_json(self) -> dict[str, Any]:
        return {"end": self.days[-1].isoformat(), "days": [d.isoformat() for d in self.days],
                "series": {**self.clinics, "total": self.total}, "reporting": self.reporting,
                "expected": self.expected, "ears": [e.as_json() for e in self.ears],
                "ears_window_days": EARS_WINDOW, "ears_min_coverage": COVERAGE_TARGET}


def trend(db: Database, end: date, days: int = 28, key: str = "fever_registered") -> Trend:
    """The ``days`` days ending on ``end``: per clinic the latest version's count, None for a day without a report
    (a zero report is a real 0); the county total over reporting clinics only; EARS on each day's total."""
    start = end - timedelta(days=days - 1)
    lead = start - timedelta(days=EARS_WINDOW - 1)
    with db.read() as s:
        clinics = _clinics(s)
        got = _reported(s, lead, end, key)
    shown = _days(start, end)
    series = {c.code: [got[(c.code, d)].count if (c.code, d) in got else None for d in shown] for c in clinics}
    reporting = [sum((c.code, d) in got for c in clinics) for d in shown]
    expected = [sum(c.expected_from <= d for c in clinics) for d in shown]
    total = [sum(v for line in series.values() if (v := line[i]) is not None) if reporting[i] else None
             for i in range(days)]
    return Trend(shown, series, total, reporting, expected, [_county_ears(clinics, got, d) for d in shown])


def _county_ears(clinics: list[_Clinic], got: dict[tuple[str, date], _Day], day: date) -> CountyEarsDay:
    window = _days(day - timedelta(days=EARS_WINDOW - 1), day)
    expected = sum(c.expected_from <= day for c in clinics)
    panel = [c.code for c in clinics if all((c.code, d) in got for d in window)]
    if not any(c.expected_from <= window[0] for c in clinics):
        return CountyEarsDay(day, len(panel), expected, None, None, None, None, "history")
    if not panel or len(panel) < COVERAGE_TARGET * expected:
        return CountyEarsDay(day, len(panel), expected, None, None, None, None, "coverage")
    scored = ears(window, [sum(got[(code, d)].count for code in panel) for d in window], DEFAULT_MIN_SD)[-1]
    alarms = tuple(m for m, on in (("c1", scored.c1_alarm), ("c2", scored.c2_alarm), ("c3", scored.c3_alarm)) if on)
    return CountyEarsDay(day, len(panel), expected, scored.count, scored.c1, scored.c2, scored.c3, None, alarms)


@dataclass(frozen=True)
class ReportingRate:
    """DHIS2's reporting rates of one clinic over a period: completeness = days with a report ÷ days expected,
    timeliness = days whose first report arrived by the deadline ÷ days expected. Days expected: from the day the
    clinic was expected to report, and only days whose deadline has passed."""

    code: str
    first: date
    last: date
    expected: int
    reported: int
    on_time: int

    @property
    def completeness(self) -> float | None:
        return self.reported / self.expected if self.expected else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    def as_json(self) -> dict[str, Any]:
        r = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return {"from": self.first.isoformat(), "to": self.last.isoformat(), "days_expected": self.expected,
                "days_reported": self.reported, "days_on_time": self.on_time,
                "completeness": r(self.completeness), "timeliness": r(self.timeliness)}


def reporting_rates(db: Database, end: date, now: datetime, days: int = RATE_DAYS) -> dict[str, ReportingRate]:
    """Completeness and timeliness of every clinic over the ``days`` days ending on ``end``, as of ``now``."""
    start = end - timedelta(days=days - 1)
    with db.read() as s:
        clinics = _clinics(s)
        got = _reported(s, start, end, None)
    due = [d for d in _days(start, end) if deadline_of(d) <= now]
    rates = {}
    for c in clinics:
        expected = [d for d in due if d >= c.expected_from]
        reported = [d for d in expected if (c.code, d) in got]
        on_time = sum(got[(c.code, d)].first_at <= deadline_of(d) for d in reported)
        rates[c.code] = ReportingRate(c.code, start, end, len(expected), len(reported), on_time)
    return rates


@dataclass(frozen=True)
class SilentClinic:
    """A clinic with no report for the last ``days`` days whose deadline has passed (a late report ends the
    silence: the clinic spoke), ``since`` the first of them."""

    code: str
    name: str
    days: int
    since: date
    last_reported: date | None  # None: it never reported

    @property
    def level(self) -> str:
        return "alarm" if self.days >= SILENT_ALARM_DAYS else "warning"

    def as_json(self) -> dict[str, Any]:
        return {"clinic": self.code, "name": self.name, "days": self.days, "level": self.level,
                "since": self.since.isoformat(),
                "last_reported": self.last_reported.isoformat() if self.last_reported else None}


def silent_clinics(db: Database, now: datetime) -> list[SilentClinic]:
    """Clinics silent as of ``now``, longest silence first."""
    due = last_due_day(now)
    with db.read() as s:
        clinics = _clinics(s)
        last: dict[str, date | None] = {code: day for code, day in s.execute(select(
            HubClinic.code, _per_clinic(func.max(HubReport.report_date), HubReport.report_date <= due)))}
    silent = []
    for c in clinics:
        if c.expected_from > due:
            continue
        reported = last.get(c.code)
        since = reported + timedelta(days=1) if reported else c.expected_from
        if since <= due:
            silent.append(SilentClinic(c.code, c.name, (due - since).days + 1, since, reported))
    return sorted(silent, key=lambda c: (-c.days, c.code))


from app.hub import anchors as _anchors  # noqa: E402,F401  (registers hub_anchors with HubBase: issue 13)
