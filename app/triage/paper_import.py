"""Import records kept on paper during an outage, as offices make them: every row checked by the desk's
own rules, valid rows saved in batches, rejected rows listed (row, column, value, reason), and a re-import
adds nothing twice.

Files: CSV in UTF-8 (with or without BOM) or GB18030/GBK (Excel's CSV on Chinese Windows), or an Excel
workbook (.xlsx, first sheet) — app/triage/import_read.py. The header row names the columns by their code
(``COLUMNS``) or their Chinese header (``HEADERS``: 预检时间, 姓名, 证件类型, 证件号码, 性别, 出生日期,
联系电话, 现住址, 体温, 症状, 发病日期, 分诊去向, 健康码; optional 未出示原因, 旅居史, 接触史, 聚集性发病),
in any order. Values are the codes or the Chinese words the clinic prints (发热, 咳嗽, 发热门诊, 立即隔离,
居民身份证, 男/女, 绿码/黄码/红码/未出示; app/triage/import_words.py). Dates: ``2026-12-03 09:15``,
``2026/12/3 9:15``, ``2026年12月3日 9时15分`` or an Excel date cell.

Rules, the same as the desk's: every row says what the health code was ("及时查验健康码"; a blank or
unknown value rejects the row, and 未出示 needs the reason in 未出示原因); an empty 分诊去向 is decided by
the triage rules (app/triage/rules.py) as the desk would; a written decision below the rules' is a
downgrade, which needs a reason the paper does not carry, so the row is rejected; the patient is checked by
``normalise_patient`` and every text by the desk form's length limits (``FIELD_LIMITS``) and
app/text_rules.py.

Batches: rows are parsed and checked outside any transaction, then saved ``BATCH_ROWS`` at a time (or
fewer when a batch has taken ``BATCH_SECONDS``), each batch one audited transaction (``import.visits``),
with a pause between batches longer than SQLite's longest busy-wait step, so a desk saving at the same
time waits for one batch at most — under a second — instead of for the whole file (``db_busy``). A batch
that fails on something unexpected leaves the batches before it saved; running the file again imports the
rest (each row has a key, ``Screening.import_key``, and a row already imported is skipped)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.counters import next_value
from app.errors import FeverSentinelError, ValidationError
from app.permissions import Perm
from app.services.base import Service
from app.text_rules import check_text
from app.triage.common import clinic_row
from app.triage.identity import name_initials, normalise_patient
from app.triage.import_read import read_table
from app.triage.import_words import (COLUMNS, DECISION_WORDS, HEADERS, HEALTH_CODE_WORDS, ID_TYPE_WORDS,
                                     LIST_SPLIT, NONE_WORDS, OPTIONAL_COLUMNS, SEX_WORDS, SYMPTOM_WORDS,
                                     YES_WORDS, parse_date, parse_when, rejection_text, shorten)
from app.triage.records import PatientInput, ScreeningInput, TravelEntry
from app.triage.registration_service import apply_patient, visit_number
from app.triage.screening_service import add_screening
from app.triage.tables import Patient, Screening, Visit

__all__ = ["COLUMNS", "OPTIONAL_COLUMNS", "HEADERS", "ImportReport", "PaperImportService", "read_rows",
           "write_template"]

PAPER_REASON = "paper record"
#: The desk form's length limits (ui/pages/registration_form.py, screening_form.py), enforced here as well.
FIELD_LIMITS = {"name": 64, "id_number": 30, "phone": 20, "address": 200, "health_code_note": 100, "travel": 60}
BATCH_ROWS = 200
BATCH_SECONDS = 0.5
#: Longer than SQLite's longest busy-handler sleep (100 ms): a waiting desk gets the lock between batches.
BATCH_PAUSE_S = 0.15
#: A field named by an error → the column it came from.
_FIELD_COLUMN = {"override_reason": "decision", "id_missing_reason": "id_number", "file": None}
#: The template's example row (a fever patient, the rules decide the decision: left empty).
TEMPLATE_ROW = {"screened_at": "2026/11/20 9:15", "name": "王小明", "id_type": "居民身份证",
                "id_number": "11010519491231002X", "sex": "", "birth_date": "", "phone": "13800138000",
                "address": "新河镇一村", "temperature": "38.2", "symptoms": "发热、咳嗽", "onset_date": "2026/11/19",
                "decision": "", "health_code": "绿码", "health_code_note": "", "travel": "", "contact_case": "否",
                "cluster": "否"}


@dataclass(frozen=True)
class Rejection:
    row: int  # the line of the file (1 = the header)
    column: str | None  # the column's code
    value: str  # the cell as written (shortened)
    code: str
    details: dict[str, object] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """In Chinese, naming the row, column and value."""
        return rejection_text(self.row, self.column, self.value, self.code, self.details)

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "value": self.value, "code": self.code,
                "reason": self.reason}


@dataclass
class ImportReport:
    imported: int = 0
    skipped_duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    visit_numbers: list[str] = field(default_factory=list)
    batches: int = 0

    @property
    def rejected(self) -> list[dict[str, object]]:
        return [r.as_json() for r in sorted(self.rejections, key=lambda r: r.row)]

    def as_json(self) -> dict[str, object]:
        return {"imported": self.imported, "skipped_duplicates": self.skipped_duplicates, "rejected": self.rejected}


@dataclass(frozen=True)
class _Row:
    line: int
    key: str
    screened_at: datetime
    day: date
    patient: PatientInput  # normalised
    initials: str
    screening: ScreeningInput
    decision: str | None  # None: the rules decide
    cells: dict[str, str]


class _Rejected(Exception):
    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.code)
        self.rejection = rejection


def _normal_header(text: str) -> str:
    return "".join(text.split()).lower().replace("（", "(").replace("）", ")").lstrip("\ufeff")


_HEADER_INDEX = {_normal_header(w): code for code, words in HEADERS.items() for w in (code, *words)}


def header_columns(header: list[str]) -> dict[str, int]:
    """Column code → position; ``csv_header`` naming the missing columns (codes) when one is absent."""
    found: dict[str, int] = {}
    for i, text in enumerate(header):
        code = _HEADER_INDEX.get(_normal_header(text))
        if code is not None and code not in found:
            found[code] = i
    missing = [c for c in COLUMNS if c not in found]
    if missing:
        raise ValidationError("csv_header", field="file", missing=missing)
    return found


def read_rows(data: bytes, filename: str = "paper.csv") -> list[tuple[int, dict[str, str]]]:
    """(line, {column code: cell text}) for every data row of a CSV or XLSX file."""
    table = read_table(data, filename)
    if not table:
        raise ValidationError("csv_header", field="file", missing=list(COLUMNS))
    columns = header_columns(table[0])
    return [(line, {c: (cells[i] if i < len(cells) else "") for c, i in columns.items()})
            for line, cells in enumerate(table[1:], start=2)]


def _lookup(words: dict[str, str], text: str, code: str, column: str) -> str:
    value = words.get(text.strip().lower())
    if value is None:
        raise ValidationError(code, field=column)
    return value


def _parse_row(line: int, cells: dict[str, str], zone: ZoneInfo, now: datetime) -> _Row:
    get = {k: (cells.get(k) or "").strip() for k in (*COLUMNS, *OPTIONAL_COLUMNS)}
    for column in (*COLUMNS, *OPTIONAL_COLUMNS):
        check_text(get[column], column, row=line)
    for column, limit in FIELD_LIMITS.items():
        if len(get[column]) > limit and column != "travel":
            raise ValidationError("too_long", field=column, maximum=limit)
    for column in ("screened_at", "name", "temperature"):
        if not get[column]:
            raise ValidationError("required", field=column)
    at = parse_when(get["screened_at"], "screened_at", need_time=True)
    assert at is not None
    at = (at if at.tzinfo else at.replace(tzinfo=zone)).astimezone(now.tzinfo)
    if at > now:
        raise ValidationError("screened_in_future", field="screened_at")
    day = at.astimezone(zone).date()
    id_type = _lookup(ID_TYPE_WORDS, get["id_type"], "id_type", "id_type") if get["id_type"] else \
        ("resident_id" if get["id_number"] else "other")
    try:
        temperature = float(get["temperature"].rstrip("℃°CcC度 ").replace("，", ".").replace(",", "."))
    except ValueError as exc:
        raise ValidationError("temperature_range", field="temperature", minimum=34.0, maximum=43.0) from exc
    sex = _lookup(SEX_WORDS, get["sex"], "sex", "sex") if get["sex"] else None
    symptoms = frozenset(_lookup(SYMPTOM_WORDS, s, "symptom", "symptoms") for s in LIST_SPLIT.split(get["symptoms"])
                         if s and s.lower() not in NONE_WORDS)
    areas = [a for a in LIST_SPLIT.split(get["travel"]) if a and a.lower() not in NONE_WORDS]
    if any(len(a) > FIELD_LIMITS["travel"] for a in areas):
        raise ValidationError("too_long", field="travel", maximum=FIELD_LIMITS["travel"])
    if any(a.lower() in YES_WORDS or len(a) < 2 for a in areas):  # "有": which area? the rules cannot tell
        raise ValidationError("travel_area", field="travel")
    flags = {c: _lookup(YES_WORDS, get[c], "yes_no", c) for c in ("contact_case", "cluster")}  # type: ignore[arg-type]
    if not get["health_code"] or get["health_code"] == "未查验":
        raise ValidationError("health_code_unchecked", field="health_code")
    health_code = _lookup(HEALTH_CODE_WORDS, get["health_code"], "health_code", "health_code")
    decision = _lookup(DECISION_WORDS, get["decision"], "decision", "decision") if get["decision"] else None
    patient = normalise_patient(PatientInput(
        name=get["name"], id_type=id_type, id_number=get["id_number"] or None,
        id_missing_reason=PAPER_REASON if id_type == "other" else None, sex=sex,
        birth_date=parse_date(get["birth_date"], "birth_date"), phone=get["phone"] or None,
        address=get["address"]), day)
    screening = ScreeningInput(temperature_c=temperature, temp_method="forehead", symptoms=symptoms,
                               onset_date=parse_date(get["onset_date"], "onset_date"),
                               travel=tuple(TravelEntry(a) for a in areas), contact_case=bool(flags["contact_case"]),
                               cluster=bool(flags["cluster"]), health_code=health_code,
                               health_code_note=get["health_code_note"] or None)
    # The row's key, from the values as codes: a file written with codes keeps the key it had before.
    ident = get["id_number"].upper() or f"{get['name']}|{get['birth_date']}|{get['phone']}"
    key = hashlib.sha256("|".join([at.isoformat(), id_type, ident, f"{temperature:.1f}", decision or ""]
                                  ).encode()).hexdigest()
    return _Row(line, key, at, day, patient, name_initials(patient.name), screening, decision, get)


def _rejection(line: int, cells: dict[str, str], err: FeverSentinelError) -> Rejection:
    field_name = err.details.get("field")
    column = _FIELD_COLUMN.get(str(field_name), str(field_name)) if field_name else None
    value = cells.get(column, "") if column else ""
    details = {k: v for k, v in err.details.items() if k not in ("field", "row")}
    return Rejection(line, column, shorten(value), err.code, details)


class PaperImportService(Service):
    def import_visits(self, actor: Actor, path: Path) -> ImportReport:
        """Import a CSV or XLSX file of paper records; see the module's docstring."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ValidationError("file_unreadable", field="file", path=str(path)) from exc
        name = Path(path).name
        rows = read_rows(data, name)
        report = ImportReport()
        with self.db.read() as s:
            clinic = clinic_row(s)
            code, zone = clinic.code, ZoneInfo(clinic.timezone)
        now = self.clock.now()
        parsed: list[_Row] = []
        for line, cells in rows:
            try:
                parsed.append(_parse_row(line, cells, zone, now))
            except FeverSentinelError as err:
                report.rejections.append(_rejection(line, cells, err))
        seen: set[str] = set()
        start = 0
        while True:
            start = self._save_batch(actor, name, code, parsed, start, seen, report)
            if start >= len(parsed):
                break
            time.sleep(BATCH_PAUSE_S)  # let a desk that waits for the write lock in
        return report

    def _save_batch(self, actor: Actor, name: str, code: str, rows: list[_Row], start: int, seen: set[str],
                    report: ImportReport) -> int:
        """Save rows from ``start`` in one audited transaction; returns where the next batch starts."""
        began = time.monotonic()
        imported, skipped, rejected, visits = 0, 0, 0, []
        end = start
        with self.audited_write(actor, "import.visits", "import", Perm.IMPORT_RECORDS, name) as op:
            s = op.session
            while end < len(rows) and end - start < BATCH_ROWS and (end == start or
                                                                    time.monotonic() - began < BATCH_SECONDS):
                row = rows[end]
                end += 1
                if row.key in seen or s.scalar(select(Screening.id).where(Screening.import_key == row.key)):
                    skipped += 1
                    continue
                try:
                    with s.begin_nested():  # a rejected row leaves nothing behind
                        screening, _ = add_screening(s, actor, self.clock, row.screening, decision=row.decision,
                                                     override_reason=None, source="import", import_key=row.key,
                                                     screened_at=row.screened_at)
                        if screening.decision != "general":
                            visits.append(self._register(s, actor, code, row, screening))
                except FeverSentinelError as err:
                    report.rejections.append(_rejection(row.line, row.cells, err))
                    rejected += 1
                    continue
                seen.add(row.key)
                imported += 1
            op.summary = {"file": name, "batch": report.batches + 1,
                          "rows": [rows[start].line, rows[end - 1].line] if end > start else [],
                          "imported": imported, "skipped_duplicates": skipped, "rejected": rejected,
                          "visits": visits}
            if start == 0:
                op.summary["rejected_before_saving"] = len(report.rejections) - rejected
        report.batches += 1
        report.imported += imported
        report.skipped_duplicates += skipped
        report.visit_numbers += visits
        return end

    @staticmethod
    def _register(s: Session, actor: Actor, code: str, r: _Row, screening: Row[Any]) -> str:
        p = r.patient
        row = None
        if p.id_number is not None:
            row = s.scalars(select(Patient).where(Patient.id_type == p.id_type, Patient.id_number == p.id_number)).first()
        if row is None:
            row = Patient(name_initials=r.initials, created_at=screening.screened_at, updated_at=screening.screened_at)
            s.add(row)
        apply_patient(row, p)
        s.flush()
        number = visit_number(code, r.day.strftime("%Y%m%d"), next_value(s, f"visit:{r.day:%Y%m%d}"))
        s.add(Visit(visit_no=number, clinic_day=r.day, patient_id=row.id, screening_id=screening.id,
                    registered_at=screening.screened_at, user_id=actor.user_id, username=actor.username,
                    workstation=actor.workstation, onset_date=screening.onset_date))
        s.flush()
        return number


def write_template(path: Path) -> Path:
    """A file with the Chinese headers and one example row, CSV (UTF-8 with BOM, which Excel opens) or XLSX
    (the ID and phone columns formatted as text, so Excel keeps every digit); it imports cleanly."""
    columns = (*COLUMNS, *OPTIONAL_COLUMNS)
    header = [HEADERS[c][0] for c in columns]
    example = [TEMPLATE_ROW[c] for c in columns]
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        book = Workbook()
        sheet = book.worksheets[0]  # a new workbook's one sheet
        sheet.title = "预检登记"
        sheet.append(header)
        sheet.append(example)
        for i, column in enumerate(columns, start=1):
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = max(10, len(header[i - 1]) * 2 + 4)
            if column in ("id_number", "phone", "screened_at", "birth_date", "onset_date"):
                for row in (1, 2):
                    sheet.cell(row=row, column=i).number_format = "@"
        book.save(path)
        return path
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(example)
    path.write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))
    return path
