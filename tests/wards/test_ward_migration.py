"""Migration 0012: escort permits made before it keep working — their recorded test was a negative
one; the validity they were issued with is what was asked for, and the permit now ends with the test."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import inspect, text

from app.db import migrate
from app.db.engine import Database
from app.paths import DataPaths

AT = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)


def _insert(db: Database, conn: Any, table: str, values: dict[str, Any]) -> int:
    """A row with the given values and a dummy for every other required column (whatever 0011 requires)."""
    row = dict(values)
    for col in inspect(conn).get_columns(table):
        name = col["name"]
        if name in row or name == "id" or col["nullable"] or col.get("default") is not None:
            continue
        kind = str(col["type"]).upper()
        row[name] = (1 if "INT" in kind or "BOOL" in kind else
                     (AT.replace(tzinfo=None).isoformat(" ") if db.is_sqlite else AT)
                     if "TIME" in kind or (db.is_sqlite and name.endswith("_at")) else "x")
    for name, value in row.items():
        if isinstance(value, datetime) and db.is_sqlite:
            row[name] = value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    names = ", ".join(row)
    marks = ", ".join(f":{n}" for n in row)
    conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), row)
    return int(conn.execute(text(f"SELECT max(id) FROM {table}")).scalar_one())


def test_old_escort_permits_are_carried_over(paths: DataPaths, db_url: str) -> None:
    paths.ensure()
    db = Database(db_url)
    migrate.upgrade(db, "0011")
    with db.engine.begin() as conn:
        patient = _insert(db, conn, "patients", {"name": "旧患者", "id_type": "passport", "id_number": "E1",
                                                  "created_at": AT, "updated_at": AT})
        ward = _insert(db, conn, "wards", {"name": "内科病区", "type": "general", "gates": "内科门岗", "version": 1})
        admission = _insert(db, conn, "admissions", {
            "patient_id": patient, "ward_id": ward, "bed": "1床", "nursing_level": "2", "admitted_at": AT,
            "admitted_by": "nurse"})
        for pid, kind, test_at in (("a" * 32, "escort", AT - timedelta(hours=6)), ("b" * 32, "visitor", None)):
            conn.execute(text(
                "INSERT INTO permits (id, number, kind, admission_id, holder_name, holder_id_type, relation, "
                "valid_from, valid_until, escort_test_at, state, issued_at, issued_by, payload, version) VALUES "
                "(:id, :number, :kind, :admission, '某', 'other', '家属', :start, :until, :test_at, 'active', "
                ":start, 'nurse', 'x', 1)"),
                {"id": pid, "number": pid[:8].upper(), "kind": kind, "admission": admission,
                 **{k: (v.strftime("%Y-%m-%d %H:%M:%S.%f") if db.is_sqlite and v else v) for k, v in (
                     ("start", AT), ("until", AT + timedelta(days=14)), ("test_at", test_at))}})
    migrate.upgrade(db)
    from app.wards.tables import Permit

    with db.read() as s:
        escort, visitor = s.get(Permit, "a" * 32), s.get(Permit, "b" * 32)
        assert escort is not None and visitor is not None
        assert escort.escort_test_result == "negative" and escort.requested_until == AT + timedelta(days=14)
        assert escort.valid_until == AT + timedelta(hours=42)  # 48 h from the test
        assert visitor.valid_until == AT + timedelta(days=14) and visitor.escort_test_result is None
        assert visitor.visit_reason == ""
    db.dispose()
