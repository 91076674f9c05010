"""Saving and reading sets of observations (``vital_signs``), inside the caller's transaction.

Pre-triage (the screening save) and the observation round (a case's repeated sets) both keep a set through
``add``: the readings checked (``Vitals``), NEWS2 and the triage level computed with the clinic's figures in
force, and the row written with what was computed, so a later list, chart or form shows what was seen then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, select
from sqlalchemy.orm import Session

from app.db.engine import connection_of
from app.db.prepared import Prepared
from app.figures import load_figures
from app.services.base import insert_row
from app.severity.figures import TriageLevelFigures
from app.severity.tables import VitalSigns
from app.severity.triage_level import Severity, triage_level
from app.severity.vitals import Vitals

VITAL_SIGNS = cast(Table, VitalSigns.__table__)


@dataclass(frozen=True)
class VitalSignsRecord:
    """One saved set: the readings, and NEWS2 / level as computed when it was saved."""

    id: int
    taken_at: datetime
    username: str
    vitals: Vitals
    news2: int  # a floor when not news2_complete
    news2_complete: bool
    max_single: int
    level: int  # app.severity.vocab.Level
    reasons: tuple[str, ...]  # LevelReason codes, most urgent first


def severity_of(s: Session, vitals: Vitals) -> Severity:
    """NEWS2 and the triage level of ``vitals`` with the clinic's triage-level figures in force."""
    return triage_level(vitals, load_figures(s, TriageLevelFigures)[0])


def record(row: VitalSigns | Row[Any]) -> VitalSignsRecord:
    vitals = Vitals(temperature_c=row.temperature_c, respiratory_rate=row.respiratory_rate, spo2=row.spo2,
                    spo2_scale=row.spo2_scale, oxygen=row.oxygen, systolic_bp=row.systolic_bp,
                    heart_rate=row.heart_rate, consciousness=row.consciousness)
    return VitalSignsRecord(row.id, row.taken_at, row.username, vitals, row.news2, row.news2_complete,
                            row.max_single, row.level, tuple(c for c in row.reasons.split(",") if c))


def add(s: Session, *, at: datetime, username: str, workstation: str, vitals: Vitals, severity: Severity,
        screening_id: int | None = None, case_id: int | None = None) -> VitalSignsRecord:
    """Write one set with its ``severity`` (from ``severity_of`` on the same ``vitals``); flushed, so it has its id."""
    return record(insert(s, at=at, username=username, workstation=workstation, vitals=vitals, severity=severity,
                         screening_id=screening_id, case_id=case_id))


def insert(s: Session, *, at: datetime, username: str, workstation: str, vitals: Vitals, severity: Severity,
           screening_id: int | None = None, case_id: int | None = None) -> Row[Any]:
    """``add``, returning the row as the database holds it (the audit digest uses it instead of reading it)."""
    return insert_row(s, VITAL_SIGNS, dict(  # Core, one statement: it is on the screening save's path (issue 16)
        taken_at=at, username=username, workstation=workstation, screening_id=screening_id, case_id=case_id,
        temperature_c=vitals.temperature_c, respiratory_rate=vitals.respiratory_rate, spo2=vitals.spo2,
        spo2_scale=int(vitals.spo2_scale), oxygen=vitals.oxygen, systolic_bp=vitals.systolic_bp,
        heart_rate=vitals.heart_rate, consciousness=vitals.consciousness, news2=severity.news2.total,
        news2_complete=severity.news2.complete, max_single=severity.news2.max_single, level=severity.level,
        reasons=",".join(dict.fromkeys(r.code for r in severity.reasons))))


def for_case(s: Session, case_id: int, *, limit: int | None = None) -> list[VitalSignsRecord]:
    """A case's sets, oldest first (``limit``: the latest ``limit`` only) — one range of ix_vital_signs_case."""
    query = select(VitalSigns).where(VitalSigns.case_id == case_id).order_by(VitalSigns.taken_at.desc(),
                                                                             VitalSigns.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [record(r) for r in reversed(s.scalars(query).all())]


def latest_for_case(s: Session, case_id: int) -> VitalSignsRecord | None:
    found = for_case(s, case_id, limit=1)
    return found[0] if found else None


_OF_SCREENING = Prepared(select(VITAL_SIGNS).where(VITAL_SIGNS.c.screening_id == bindparam("id"))
                         .order_by(VITAL_SIGNS.c.id))


def rows_of_screening(s: Session, screening_id: int) -> Sequence[Row[Any]]:
    """Every set kept with this screening (one at most, from the desk), oldest first, as rows: the registration
    reads them once for the record it shows and for its audit digest (on its path: issue 16)."""
    return _OF_SCREENING.rows(connection_of(s), {"id": screening_id})


def for_screening(s: Session, screening_id: int) -> VitalSignsRecord | None:
    """The set taken at pre-triage with this screening (None: only the temperature, before 0023)."""
    rows = rows_of_screening(s, screening_id)
    return record(rows[-1]) if rows else None
