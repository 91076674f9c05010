"""Screening and registration lists: filtered, searched and paged by key (fast at 100 000 rows),
and exported to CSV for the clinic's own records."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.access_log import Access, Criteria, criteria_kind, record_access
from app.actor import Actor
from app.csv_safe import escape_row
from app.permissions import Perm
from app.services.base import Service, authorize
from app.triage.common import split_codes
from app.triage.tables import Handoff, Patient, Screening, Visit


@dataclass(frozen=True)
class ListQuery:
    day: date | None = None  # the clinic day; None = all days
    decision: str | None = None  # general / fever_clinic / isolate; None = all
    text: str = ""  # visit number, name, pinyin initials, phone or ID number prefix
    registered_only: bool = False


@dataclass(frozen=True)
class ListRow:
    screening_id: int
    screened_at: datetime
    temperature_c: float
    symptoms: tuple[str, ...]
    decision: str
    reasons: tuple[str, ...]
    nurse: str
    source: str
    visit_no: str | None
    patient_name: str | None
    phone: str | None
    handoff_state: str | None
    # how sick (issue 17): the triage level and NEWS2 as computed at the desk (None: no set, e.g. the pharmacy),
    # and whether the patient went to a doctor at once whatever the decision
    severity_level: int | None = None
    news2: int | None = None
    urgent: bool = False


CSV_HEADER = ["screened_at", "visit_no", "name", "phone", "temperature", "symptoms", "decision", "reasons",
              "nurse", "source", "handoff", "severity_level", "news2", "urgent"]


def _current_handoff() -> Any:
    """The state of the visit's current hand-off (its highest id): one look-up per row on
    ``ix_handoffs_visit_latest`` (visit_id, id), never a grouping of the whole hand-off history."""
    return (select(Handoff.state).where(Handoff.visit_id == Visit.id).order_by(Handoff.id.desc()).limit(1)
            .correlate(Visit).scalar_subquery())


def _term(q: ListQuery) -> str:
    return "".join(q.text.split()).replace("%", "").replace("_", "")


def _conditions(q: ListQuery) -> list[Any]:
    conditions: list[Any] = []
    if q.day is not None:
        conditions.append(Screening.clinic_day == q.day)
    if q.decision:
        conditions.append(Screening.decision == q.decision)
    if term := _term(q):
        like = term + "%"
        conditions.append(or_(Visit.visit_no.like(like.upper()), Visit.visit_no.like("%-" + like),
                              Patient.name.like(like), Patient.name_initials.like(like.lower()),
                              Patient.phone.like(like), Patient.id_number.like(like.upper())))
    return conditions


def _joined(query: Select[*tuple[Any, ...]], q: ListQuery) -> Select[*tuple[Any, ...]]:
    """Screenings with their visit and patient: inner joins when only registered rows can match (the
    filter, or a search of visit and patient fields), so the planner may start from either side."""
    inner = q.registered_only or bool(_term(q))
    if inner:
        query = query.join(Visit, Visit.screening_id == Screening.id).join(Patient, Patient.id == Visit.patient_id)
    else:
        query = (query.outerjoin(Visit, Visit.screening_id == Screening.id)
                 .outerjoin(Patient, Patient.id == Visit.patient_id))
    conditions = _conditions(q)
    return query.where(and_(*conditions)) if conditions else query


def _filtered(q: ListQuery) -> Select[*tuple[Any, ...]]:
    query = select(Screening.id, Screening.screened_at, Screening.temperature_c, Screening.symptoms,
                   Screening.decision, Screening.reasons, Screening.username, Screening.source,
                   Visit.visit_no, Patient.name, Patient.phone, _current_handoff(), Screening.severity_level,
                   Screening.news2, Screening.urgent)
    return _joined(query, q)


def _counted(q: ListQuery) -> Select[*tuple[Any, ...]]:
    """How many rows match, read from the index range of the filters (today's rows by ``clinic_day``):
    the visit and patient are joined only when a filter needs them, the hand-off never."""
    query: Select[*tuple[Any, ...]] = select(func.count()).select_from(Screening)  # count(*): SQLite's fast count
    if not q.registered_only and not _term(q):
        conditions = _conditions(q)
        return query.where(and_(*conditions)) if conditions else query
    return _joined(query, q)


def _row(r: Any) -> ListRow:
    return ListRow(r[0], r[1], r[2], split_codes(r[3]), r[4], split_codes(r[5]), r[6], r[7], r[8], r[9], r[10], r[11],
                   r[12], r[13], bool(r[14]))


def _filters(q: ListQuery) -> dict[str, Any]:
    """The non-personal filters of a query, as an access row records them (never the search text)."""
    return {"day": q.day.isoformat() if q.day else None, "decision": q.decision, "registered_only": q.registered_only}


class ListService(Service):
    def count(self, actor: Actor, q: ListQuery) -> int:
        """How many rows match. A query with search text is a search of personal data: it is recorded
        (``access.search``, the kind of criterion and the number of matches; app/access_log.py) in the same
        transaction; a list without search text is not (the list page reloads it as filters change)."""
        if not "".join(q.text.split()):
            with self.db.read() as s:
                authorize(s, actor, Perm.VIEW_PATIENTS)
                return s.scalar(_counted(q)) or 0
        with self.db.write() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            n = s.scalar(_counted(q)) or 0
            record_access(s, self.clock.now(), actor, Access.SEARCH, "screening_list", n,
                          criteria=criteria_kind(q.text), filters=_filters(q))
            return n

    def page(self, actor: Actor, q: ListQuery, *, before_id: int | None = None, limit: int = 200) -> list[ListRow]:
        """Newest first; the next page starts before the last id seen (no deep OFFSET scans)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            query = _filtered(q)
            if before_id is not None:
                query = query.where(Screening.id < before_id)
            return [_row(r) for r in s.execute(query.order_by(Screening.id.desc()).limit(limit))]

    def export_csv(self, actor: Actor, q: ListQuery, out: TextIO) -> int:
        """Write the filtered list as UTF-8 CSV (the caller opens with ``encoding='utf-8-sig'`` for Excel).

        The export is recorded first (``access.export``: rows, filters, kind of criterion) and committed;
        only then is anything written to ``out`` (ui/csv_export.py creates the file on the first write), so
        a refused or failed record leaves no file. The rows written are exactly the rows recorded: those
        that existed when the record was made."""
        with self.db.write() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            n, last_id = s.execute(_counted(q).add_columns(func.max(Screening.id))).one()
            record_access(s, self.clock.now(), actor, Access.EXPORT, "screening_list", n,
                          criteria=criteria_kind(q.text) if q.text.strip() else Criteria.FILTER, filters=_filters(q))
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        n = 0
        with self.db.read() as s:
            for row in self._stream(s, q, last_id or 0):
                writer.writerow(escape_row([row.screened_at.isoformat(), row.visit_no or "", row.patient_name or "",
                                            row.phone or "", f"{row.temperature_c:.1f}", ";".join(row.symptoms),
                                            row.decision, ";".join(row.reasons), row.nurse, row.source,
                                            row.handoff_state or "",
                                            "" if row.severity_level is None else str(row.severity_level),
                                            "" if row.news2 is None else str(row.news2), "1" if row.urgent else "0"]))
                n += 1
        return n

    @staticmethod
    def _stream(s: Session, q: ListQuery, last_id: int) -> Iterator[ListRow]:
        query = _filtered(q).where(Screening.id <= last_id)
        result = s.execute(query.order_by(Screening.id.desc()).execution_options(yield_per=2000))
        for r in result:
            yield _row(r)
