"""Import records kept on paper during an outage: every row checked by the form's own rules,
valid rows saved in one transaction, rejected rows listed, re-importing adds nothing twice.

Columns (UTF-8 CSV with a header): ``COLUMNS``, plus the optional ``health_code_note``. Every row says
what the health code was — green/yellow/red/none or 绿码/黄码/红码/未出示 — as the desk must
("及时查验健康码"); a blank (not checked) or unknown value rejects the row (``health_code_unchecked``,
``health_code``), and 未出示 needs the reason in ``health_code_note`` (``health_code_reason``)."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.actor import Actor
from app.counters import next_value
from app.errors import FeverSentinelError, ValidationError
from app.permissions import Perm
from app.services.base import Service
from app.triage.common import clinic_row
from app.triage.identity import name_initials, normalise_patient
from app.triage.records import PatientInput, ScreeningInput
from app.triage.registration_service import apply_patient, visit_number
from app.triage.screening_service import add_screening
from app.triage.tables import Patient, Screening, Visit

COLUMNS = ("screened_at", "name", "id_type", "id_number", "sex", "birth_date", "phone", "address", "temperature",
           "symptoms", "onset_date", "decision", "health_code")
OPTIONAL_COLUMNS = ("health_code_note",)  # why no code was shown (required when health_code is none/未出示)
ID_TYPES = {"resident_id", "passport", "other"}
#: The health code as written on paper: the codes, or the words on the paper register.
HEALTH_CODE_WORDS = {"green": "green", "yellow": "yellow", "red": "red", "none": "none",
                     "绿码": "green", "黄码": "yellow", "红码": "red", "未出示": "none",
                     "绿": "green", "黄": "yellow", "红": "red"}
PAPER_REASON = "paper record"


@dataclass
class ImportReport:
    imported: int = 0
    skipped_duplicates: int = 0
    rejected: list[dict[str, object]] = field(default_factory=list)
    visit_numbers: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"imported": self.imported, "skipped_duplicates": self.skipped_duplicates, "rejected": self.rejected}


@dataclass(frozen=True)
class _Row:
    line: int
    key: str
    screened_at: datetime
    patient: PatientInput
    screening: ScreeningInput
    decision: str


def _date(text: str, column: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError("date_format", field=column) from exc


def _health_code(text: str) -> str:
    """Every paper row says what the health code was: a blank (not checked) or unknown word rejects it."""
    if not text:
        raise ValidationError("health_code_unchecked", field="health_code")
    code = HEALTH_CODE_WORDS.get(text.lower())
    if code is None:
        raise ValidationError("health_code", field="health_code")
    return code


def _parse_row(line: int, cells: dict[str, str], zone: ZoneInfo, now: datetime) -> _Row:
    get = {k: (cells.get(k) or "").strip() for k in (*COLUMNS, *OPTIONAL_COLUMNS)}
    try:
        at = datetime.fromisoformat(get["screened_at"].replace("/", "-"))
    except ValueError as exc:
        raise ValidationError("date_format", field="screened_at") from exc
    at = (at if at.tzinfo else at.replace(tzinfo=zone)).astimezone(now.tzinfo)
    if at > now:
        raise ValidationError("screened_in_future", field="screened_at")
    if get["id_type"] not in ID_TYPES:
        raise ValidationError("id_type", field="id_type")
    try:
        temperature = float(get["temperature"])
    except ValueError as exc:
        raise ValidationError("temperature_range", field="temperature", minimum=34.0, maximum=43.0) from exc
    sex = {"男": "male", "女": "female", "m": "male", "f": "female"}.get(get["sex"].lower(), get["sex"].lower())
    patient = PatientInput(
        name=get["name"], id_type=get["id_type"], id_number=get["id_number"] or None,
        id_missing_reason=PAPER_REASON if get["id_type"] == "other" else None, sex=sex or None,
        birth_date=_date(get["birth_date"], "birth_date"), phone=get["phone"] or None, address=get["address"])
    screening = ScreeningInput(temperature_c=temperature, temp_method="forehead",
                               symptoms=frozenset(s.strip() for s in get["symptoms"].split(";") if s.strip()),
                               onset_date=_date(get["onset_date"], "onset_date"),
                               health_code=_health_code(get["health_code"]),
                               health_code_note=get["health_code_note"] or None)
    if get["decision"] not in ("general", "fever_clinic", "isolate"):
        raise ValidationError("decision", field="decision")
    ident = get["id_number"].upper() or f"{get['name']}|{get['birth_date']}|{get['phone']}"
    key = hashlib.sha256("|".join([at.isoformat(), get["id_type"], ident, f"{temperature:.1f}",
                                   get["decision"]]).encode()).hexdigest()
    return _Row(line, key, at, patient, screening, get["decision"])


def read_rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("file_encoding", field="file") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError("csv_header", field="file", missing=missing)
    return list(reader)


class PaperImportService(Service):
    def import_visits(self, actor: Actor, path: Path) -> ImportReport:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ValidationError("file_unreadable", field="file", path=str(path)) from exc
        cells = read_rows(data)
        report = ImportReport()
        with self.audited_write(actor, "import.visits", "import", Perm.IMPORT_RECORDS, Path(path).name) as op:
            s = op.session
            clinic = clinic_row(s)
            zone, now = ZoneInfo(clinic.timezone), self.clock.now()
            seen: set[str] = set()
            for line, row_cells in enumerate(cells, start=2):  # line 1 is the header
                try:
                    row = _parse_row(line, row_cells, zone, now)
                    if row.key in seen or s.scalar(select(Screening.id).where(Screening.import_key == row.key)):
                        report.skipped_duplicates += 1
                        continue
                    day = row.screened_at.astimezone(zone).date()
                    patient = normalise_patient(row.patient, day)
                    with s.begin_nested():  # a rejected row leaves nothing behind
                        screening, _ = add_screening(s, actor, self.clock, row.screening, decision=row.decision,
                                                     override_reason=None, source="import", import_key=row.key,
                                                     screened_at=row.screened_at)
                        if row.decision != "general":
                            self._register(s, actor, clinic.code, day, screening, patient, report)
                    seen.add(row.key)
                    report.imported += 1
                except FeverSentinelError as err:
                    report.rejected.append({"row": line, "reason": _reason(err)})
            op.summary = {"file": Path(path).name, **report.as_json(), "rejected": len(report.rejected),
                          "visits": report.visit_numbers}
        return report

    @staticmethod
    def _register(s, actor: Actor, code: str, day: date, screening: Screening, p: PatientInput,  # type: ignore[no-untyped-def]
                  report: ImportReport) -> None:
        row = None
        if p.id_number is not None:
            row = s.scalars(select(Patient).where(Patient.id_type == p.id_type, Patient.id_number == p.id_number)).first()
        if row is None:
            row = Patient(name_initials=name_initials(p.name), created_at=screening.screened_at,
                          updated_at=screening.screened_at)
            s.add(row)
        apply_patient(row, p)
        s.flush()
        number = visit_number(code, day.strftime("%Y%m%d"), next_value(s, f"visit:{day:%Y%m%d}"))
        s.add(Visit(visit_no=number, clinic_day=day, patient_id=row.id, screening_id=screening.id,
                    registered_at=screening.screened_at, user_id=actor.user_id, username=actor.username,
                    workstation=actor.workstation, onset_date=screening.onset_date))
        s.flush()
        report.visit_numbers.append(number)


def _reason(err: FeverSentinelError) -> str:
    field = err.details.get("field")
    return f"{err.code} ({field})" if field else err.code
