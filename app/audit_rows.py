"""The business row behind an audit row (issue 13): which table row(s) an audited write on
(entity, entity_id) wrote, and a SHA-256 over a canonical form of them.

``Service.audited_write`` stores this digest in the audit row it appends (the digest is part of
the row's chained hash), and ``audit verify`` recomputes it for every business row whose latest
successful audit row carries one: a row edited in the database file without the service (raw
SQL) no longer matches and is named ("business_row_edited").

Per entity, the business row is the row(s) only audited writes of that entity change; columns a
desk legitimately changes without an audit row of that entity (delivery status, lock-out counters,
the optimistic-lock version that moves with them) are left out. Entities with no single row
(database, import, risk_areas, a replaced list) get no digest. Values are read back with Core
selects (not the session's objects), so SQLite and PostgreSQL give the same text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy import Column, Table, bindparam, column, select, table
from sqlalchemy.orm import Session

from app.db.engine import connection_of
from app.db.prepared import Prepared

Part = tuple[str, list[dict[str, Any]]]  # table name, its rows (column -> value), in a fixed order
#: What the write already holds, used instead of reading it back (``RowSpec.rows``): under a table name, the one
#: row it just left there as the database returned it (INSERT … RETURNING), when its key matches; under
#: ``known_rows(table, key column, value)``, every row of that table with that value (an empty list: none).
Known = Mapping[Any, Any]


def known_rows(table: str, key: str, value: Any) -> tuple[str, str, Any]:
    """The ``Known`` entry for every row of ``table`` whose ``key`` column holds ``value``."""
    return (table, key, value)


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, Decimal):
        return repr(float(value))
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class RowSpec:
    """Rows of ``table`` whose ``key`` column equals the audit row's entity_id, minus ``exclude``."""

    table: Callable[[], Table]
    key: str
    exclude: tuple[str, ...] = ()
    convert: Callable[[str], Any] = str  # entity_id text -> the key column's value

    def rows(self, session: Session, entity_id: str, known: Known | None = None) -> list[dict[str, Any]]:
        """The rows as the database holds them; a ``known`` row of this table with the wanted key stands
        for them when the key is unique (the write that returned it holds that row until it commits)."""
        table, cols, query, unique = self._prepared
        try:
            wanted = self.convert(entity_id)
        except ValueError:
            return []
        found: Sequence[Mapping[Any, Any]] | None = None
        if known:
            row = known.get(table.name) if unique else None
            if row is not None and row[self.key] == wanted:
                found = [row]
            elif (all_rows := known.get(known_rows(table.name, self.key, wanted))) is not None:
                found = [r._mapping if hasattr(r, "_mapping") else r for r in all_rows]
        if found is None:
            found = [r._mapping for r in query.rows(connection_of(session), {"key": wanted})]
        return [{c.name: _canonical(r[c.name]) for c in cols} for r in found]

    @cached_property
    def _prepared(self) -> tuple[Table, list[Column[Any]], Prepared, bool]:
        """The table, its digested columns and the query reading them, built once (issue 16)."""
        table = self.table()
        cols = [c for c in table.c if c.name not in self.exclude]
        key = table.c[self.key]
        query = select(*cols).where(key == bindparam("key")).order_by(*table.primary_key.columns)
        return table, cols, Prepared(query), bool(key.primary_key and len(table.primary_key.columns) == 1 or key.unique)


def _t(module: str, name: str) -> Callable[[], Table]:
    def get() -> Table:
        import importlib

        return importlib.import_module(module).__dict__[name].__table__
    return get


_VISITS = RowSpec(_t("app.triage.tables", "Visit"), "visit_no")
_SCREENINGS = RowSpec(_t("app.triage.tables", "Screening"), "id", convert=int)


_VITALS_OF_SCREENING = RowSpec(_t("app.severity.tables", "VitalSigns"), "screening_id", convert=int)
_VITALS_OF_CASE = RowSpec(_t("app.severity.tables", "VitalSigns"), "case_id", convert=int)


def _vitals(parts: list[Part], rows: list[dict[str, Any]]) -> list[Part]:
    """The sets of vital signs (schema 0023) as one more part, only when there are some: a visit or screening
    without them keeps the digest it had before, so audit rows written before the upgrade still verify."""
    return parts + [("vital_signs", rows)] if rows else parts


def _screening(session: Session, entity_id: str, known: Known) -> list[Part]:
    """A screening and the vital signs taken with it."""
    return _vitals([("screenings", _SCREENINGS.rows(session, entity_id, known))],
                   _VITALS_OF_SCREENING.rows(session, entity_id, known))


_CASE_OF_VISIT = Prepared(select(column("id")).select_from(table("cases")).where(column("visit_id") == bindparam("v")))


def _visit(session: Session, entity_id: str, known: Known) -> list[Part]:
    """A visit: its registration row, the screening it came from (temperature, symptoms, decision), and the vital
    signs of that screening and of the visit's case (``case.vitals`` is audited on the visit)."""
    visits = _VISITS.rows(session, entity_id, known)
    screenings = [row for v in visits for row in _SCREENINGS.rows(session, str(v["screening_id"]), known)]
    vitals = [row for sc in screenings for row in _VITALS_OF_SCREENING.rows(session, str(sc["id"]), known)]
    for v in visits:
        cases = known.get(known_rows("cases", "visit_id", v["id"]))
        if cases is None:
            cases = _CASE_OF_VISIT.rows(connection_of(session), {"v": v["id"]})
        for case in cases:
            vitals += _VITALS_OF_CASE.rows(session, str(case[0]))
    return _vitals([("visits", visits), ("screenings", screenings)], vitals)


_USERS = RowSpec(_t("app.db.models", "User"), "id", ("failed_attempts", "locked_until", "version"), convert=int)
_USER_ROLES = RowSpec(_t("app.db.models", "UserRole"), "user_id", ("id",), convert=int)
_CLINIC = RowSpec(_t("app.db.models", "Clinic"), "code")
_TRUSTED = RowSpec(_t("app.transfer.tables", "TrustedClinic"), "code")


def _user(session: Session, entity_id: str, _known: Known) -> list[Part]:
    """An account, without the lock-out counters a failed log-in changes (and the version they move),
    with its roles."""
    users = _USERS.rows(session, entity_id)
    roles = sorted(r["role"] for r in _USER_ROLES.rows(session, entity_id))
    return [("users", users), ("user_roles", [{"roles": roles}] if users else [])]


def _clinic(session: Session, entity_id: str, _known: Known) -> list[Part]:
    """This clinic's identity, or a clinic trusted here (by code); gone after a distrust: no rows."""
    own = _CLINIC.rows(session, entity_id)
    if own:
        return [("clinic", own)]
    return [("trusted_clinics", _TRUSTED.rows(session, entity_id))]


Rows = Callable[[Session, str, Known], list[Part]]

_STAFF = RowSpec(_t("app.staff.tables", "StaffMember"), "id", convert=int)
_STAFF_TESTS = RowSpec(_t("app.staff.tables", "StaffTest"), "staff_id", convert=int)
_STOCK_ITEMS = RowSpec(_t("app.stock.tables", "StockItem"), "id", convert=int)
_STOCK_MOVES = RowSpec(_t("app.stock.tables", "StockMove"), "item_id", convert=int)


def _staff(session: Session, entity_id: str, known: Known) -> list[Part]:
    """A key-post staff member and every test of theirs (``staff.test`` is audited on the person): a result
    changed in the file is named."""
    return [("staff_members", _STAFF.rows(session, entity_id, known)),
            ("staff_tests", _STAFF_TESTS.rows(session, entity_id))]


def _stock_item(session: Session, entity_id: str, known: Known) -> list[Part]:
    """A stock item with its stock on hand and every receipt and issue of it (audited on the item)."""
    return [("stock_items", _STOCK_ITEMS.rows(session, entity_id, known)),
            ("stock_moves", _STOCK_MOVES.rows(session, entity_id))]


def _simple(spec: RowSpec, name: str) -> Rows:
    return lambda session, entity_id, known: [(name, spec.rows(session, entity_id, known))]


#: entity -> the business row(s) an audited write of that entity wrote (None: no single row).
REGISTRY: dict[str, Rows] = {
    "visit": _visit,
    "user": _user,
    "clinic": _clinic,
    "screening": _screening,
    "purchase": _simple(RowSpec(_t("app.triage.tables", "PharmacyPurchase"), "id", convert=int), "purchases"),
    "admission": _simple(RowSpec(_t("app.wards.tables", "Admission"), "id", convert=int), "admissions"),
    "permit": _simple(RowSpec(_t("app.wards.tables", "Permit"), "id"), "permits"),
    "ward": _simple(RowSpec(_t("app.wards.tables", "Ward"), "id", convert=int), "wards"),
    "desk": _simple(RowSpec(_t("app.desk_keys", "DeskKey"), "key_id"), "desk_keys"),
    "gate_event": _simple(RowSpec(_t("app.wards.tables", "GateEvent"), "id", convert=int), "gate_events"),
    "hospital": _simple(RowSpec(_t("app.transfer.tables", "Hospital"), "id", convert=int), "hospitals"),
    "received": _simple(RowSpec(_t("app.transfer.tables", "ReceivedTransfer"), "visit_no"), "received_transfers"),
    "alert": _simple(RowSpec(_t("app.reporting.alert_tables", "Alert"), "id", convert=int), "alerts"),
    "setting": _simple(RowSpec(_t("app.db.models", "ClinicSetting"), "key", ("version",)), "clinic_settings"),
    "report": _simple(RowSpec(_t("app.reporting.tables", "DailyReport"), "clinic_day", convert=date.fromisoformat),
                      "daily_reports"),
    # issue 18 (schema 0022)
    "staff": _staff,
    "env_swab": _simple(RowSpec(_t("app.staff.tables", "EnvSwab"), "id", convert=int), "env_swabs"),
    "stock_item": _stock_item,
}
# database, import, risk_areas: no single row, no digest.


def _permit_parent(session: Session, entity_id: str) -> tuple[str, str] | None:
    """A permit is revoked in bulk by its admission's discharge (ward.discharge, also from a transfer)."""
    from app.wards.tables import Permit

    admission = session.scalar(select(Permit.admission_id).where(Permit.id == entity_id))
    return ("admission", str(admission)) if admission is not None else None


#: entity -> the (entity, id) whose audited writes may also change its row (see audit.verify_rows).
PARENTS: dict[str, Callable[[Session, str], tuple[str, str] | None]] = {"permit": _permit_parent}


def parent_of(session: Session, entity: str, entity_id: str) -> tuple[str, str] | None:
    find = PARENTS.get(entity)
    return find(session, entity_id) if find else None


def register(entity: str, rows: Rows) -> None:
    """For an area that adds an audited entity of its own."""
    REGISTRY[entity] = rows


def digest(session: Session, entity: str, entity_id: str | int | None, known: Known | None = None) -> str | None:
    """SHA-256 of the business row(s) of (entity, entity_id) as the database holds them now, or None
    when the entity has no single row. ``known``: rows the caller's write just returned (``Known``)."""
    rows = REGISTRY.get(entity)
    if rows is None or entity_id is None:
        return None
    parts = rows(session, str(entity_id), known or {})
    text = json.dumps([entity, str(entity_id), parts], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
