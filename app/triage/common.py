"""Helpers shared by the triage services: the clinic's day, and rows → records."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Row, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Clinic
from app.errors import NotInitialized
from app.severity.store import VitalSignsRecord
from app.triage.records import (HandoffRecord, PatientRecord, ScreeningInput, ScreeningRecord, TravelEntry)
from app.triage.tables import Handoff, Patient, Screening


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@dataclass(frozen=True)
class ClinicIdentity:
    code: str
    timezone: str


# A clinic's code and zone never change once set up: remembered per engine, forgotten with it.
_IDENTITY: WeakKeyDictionary[Engine, ClinicIdentity] = WeakKeyDictionary()


def clinic_row(s: Session) -> ClinicIdentity:
    key = s.get_bind().engine
    identity = _IDENTITY.get(key)
    if identity is None:
        row = s.execute(select(Clinic.code, Clinic.timezone).limit(1)).first()
        if row is None:
            raise NotInitialized()
        identity = _IDENTITY[key] = ClinicIdentity(row.code, row.timezone)
    return identity


def clinic_identity(db: Database) -> ClinicIdentity:
    """The clinic's code and zone without a transaction once known."""
    cached = _IDENTITY.get(db.engine)
    if cached is not None:
        return cached
    with db.read() as s:
        return clinic_row(s)


def local_day(identity: ClinicIdentity, at: datetime) -> date:
    return at.astimezone(_zone(identity.timezone)).date()


def clinic_day(s: Session, at: datetime) -> date:
    """The clinic's calendar day at ``at`` (its own time zone, not the PC's or UTC)."""
    return at.astimezone(_zone(clinic_row(s).timezone)).date()


def travel_to_json(travel: tuple[TravelEntry, ...]) -> str:
    return json.dumps([[t.area, t.last_date.isoformat() if t.last_date else None] for t in travel],
                      ensure_ascii=False)


def travel_from_json(text: str) -> tuple[TravelEntry, ...]:
    return tuple(TravelEntry(area, date.fromisoformat(d) if d else None) for area, d in json.loads(text or "[]"))


def split_codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in text.split(",") if c)


def screening_inputs(row: Screening | Row[Any], vital_signs: VitalSignsRecord | None = None) -> ScreeningInput:
    """The inputs as saved; the readings besides the temperature come from ``vital_signs`` (the set saved with
    the screening, app.severity.store.for_screening), absent when it is not given."""
    inputs = ScreeningInput(
        temperature_c=row.temperature_c, temp_method=row.temp_method, symptoms=frozenset(split_codes(row.symptoms)),
        onset_date=row.onset_date, travel=travel_from_json(row.travel), contact_case=row.contact_case,
        cluster=row.cluster, health_code=row.health_code, occupation=row.occupation,
        antipyretic_elsewhere=row.antipyretic, health_code_note=row.health_code_note,
    )
    if vital_signs is None:
        return inputs
    v = vital_signs.vitals
    return replace(inputs, spo2=v.spo2, respiratory_rate=v.respiratory_rate, heart_rate=v.heart_rate,
                   systolic_bp=v.systolic_bp, consciousness=v.consciousness, oxygen=v.oxygen)


def screening_record(row: Screening | Row[Any], visit_no: str | None = None, patient_name: str | None = None,
                     vital_signs: VitalSignsRecord | None = None) -> ScreeningRecord:
    return ScreeningRecord(row.id, row.screened_at, row.username, screening_inputs(row, vital_signs),
                           row.computed_decision, row.decision, split_codes(row.reasons), row.override_reason,
                           visit_no, patient_name, row.severity_level, row.news2, bool(row.urgent), vital_signs)


def patient_record(row: Patient | Row[Any], last_visit_no: str | None = None) -> PatientRecord:
    return PatientRecord(row.id, row.name, row.id_type, row.id_number, row.id_missing_reason, row.sex,
                         row.birth_date, row.phone, row.address, row.occupation, row.workplace, row.version,
                         last_visit_no)


def handoff_record(row: Handoff) -> HandoffRecord:
    return HandoffRecord(row.id, row.visit.visit_no, row.visit.patient.name, row.state, row.escort, row.sent_at,
                         row.sent_by, row.sent_workstation, row.due_at, row.received_at, row.received_by,
                         row.incident_noticed_by, row.incident_reported_to, row.incident_note, row.version,
                         queue_no=row.visit.queue_no)
