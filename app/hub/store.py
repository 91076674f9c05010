"""The hub's own database (SQLite by default, PostgreSQL in production): registered clinics and
the reports they sent. Counts only — the hub never receives names."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.engine import Database
from app.db.types import UTCDateTime
from app.errors import Conflict, NotFound, ValidationError
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


LIST_NAMES = ("risk_areas", "hospitals")


def publish_list(db: Database, name: str, items: list[dict[str, Any]], now: datetime) -> int:
    if name not in LIST_NAMES:
        raise ValidationError("list_name", field="name")
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
    try:
        report = json.loads(body)
        day = date.fromisoformat(report["date"])
        version = int(report["version"])
        if report.get("type") != "daily_report" or report.get("clinic") != code:
            raise ValueError("type or clinic")
        counts = report["counts"]
        if not isinstance(counts, dict) or not all(isinstance(v, int) and v >= 0 for v in counts.values()):
            raise ValueError("counts")
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError("report_body", reason=str(exc)) from exc
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


def reports_on(db: Database, day: date) -> list[dict[str, Any]]:
    with db.read() as s:
        rows = s.scalars(select(HubReport).where(HubReport.report_date == day)
                         .order_by(HubReport.clinic_code, HubReport.version))
        return [{"clinic": r.clinic_code, "date": r.report_date.isoformat(), "version": r.version,
                 "zero_report": r.zero_report, "automatic": r.automatic,
                 "counts": json.loads(r.body)["counts"], "received_at": r.received_at.isoformat()} for r in rows]


def status_on(db: Database, day: date) -> list[ClinicStatus]:
    deadline = datetime.combine(day + timedelta(days=1), LATE_AFTER, HUB_ZONE)
    with db.read() as s:
        clinics = s.scalars(select(HubClinic).order_by(HubClinic.code)).all()
        latest: dict[str, HubReport] = {}
        first_at: dict[str, datetime] = {}
        for r in s.scalars(select(HubReport).where(HubReport.report_date == day).order_by(HubReport.version)):
            latest[r.clinic_code] = r
            first_at.setdefault(r.clinic_code, r.received_at)
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
            result.append(ClinicStatus(c.code, c.name, status, r.version, json.loads(r.body)["counts"],
                                       r.zero_report))
        return result


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


def require_clinic(db: Database, code: str) -> HubClinic:
    with db.read() as s:
        row = s.get(HubClinic, code.upper())
        if row is None:
            raise NotFound(entity="clinic", code=code)
        return row
