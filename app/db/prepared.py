"""The hot paths' statements (a triage save, a registration, a gate scan), compiled once and run on the driver's
own cursor (issue 16).

A triage save is a handful of one-row statements. SQLite runs each in 10–20 µs; SQLAlchemy's dispatch around
it (cache key, parameter and result set-up, execution context, events) costs several times that, and a save
spent most of its time there: 5–6× a raw insert of the same rows. ``Prepared`` keeps the SQL that SQLAlchemy
compiles for the statement and this database (one plan per dialect and set of parameter names), converts
parameters and results with the columns' own types (so a value reads and compares exactly as through
SQLAlchemy), and runs it on the connection the session already holds, inside its transaction.

What it leaves to SQLAlchemy: building and compiling the statement, the types' conversions, the transaction,
the pool. A driver error leaves as the ``DBAPIError`` SQLAlchemy would raise (``Database.guard`` translates it).
While anyone listens for statements on the engine (tests count them) or it logs them, execution goes through
SQLAlchemy, so they see every statement exactly as before.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any] | None


class _RowBase(tuple[Any, ...]):
    """A result row: attributes by column key, ``_mapping`` like SQLAlchemy's Row."""

    __slots__ = ()
    _fields: tuple[str, ...]

    @property
    def _mapping(self) -> dict[str, Any]:
        return dict(zip(self._fields, self))


@dataclass
class _Plan:
    sql: str
    names: tuple[str, ...] | None  # parameter order for a positional driver (SQLite's ?); None: named
    binds: Mapping[str, Processor]  # parameter name -> its type's conversion (None: as it is)
    fixed: dict[str, Any]  # parameters the statement carries (a literal in a WHERE, a column's scalar default)
    columns: tuple[tuple[str, Any], ...]  # result column key, its type
    #: each result column's conversion and the row class, from the first cursor's description (set in one
    #: assignment: a desk's background thread may run the same plan)
    results: tuple[tuple[Processor, ...], type[_RowBase]] | None = None


class Prepared:
    """One Core statement (INSERT/UPDATE/DELETE with or without RETURNING, or a SELECT) of a hot path."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._plans: dict[tuple[str, frozenset[str]], _Plan | None] = {}  # None: left to SQLAlchemy

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> Sequence[Any]:
        """Every row the statement returns (RETURNING or SELECT), each with attribute and ``_mapping`` access."""
        plan = None if _listened(conn) else self._plan(conn.dialect, params)
        if plan is None:
            return conn.execute(self.statement, dict(params)).all()  # type: ignore[call-overload]
        cursor = self._run(conn, plan, params)
        try:
            fetched = cursor.fetchall()
            if plan.results is None:
                plan.results = _results(plan.columns, conn.dialect, cursor.description)
        finally:
            cursor.close()
        procs, make = plan.results
        return [make._make([v if p is None else p(v) for p, v in zip(procs, raw)])  # type: ignore[attr-defined]
                for raw in fetched]

    def first(self, conn: Connection, params: Mapping[str, Any]) -> Any | None:
        found = self.rows(conn, params)
        return found[0] if found else None

    def one(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        found = self.rows(conn, params)
        if len(found) != 1:
            raise RuntimeError(f"expected one row, got {len(found)}")
        return found[0]

    def rowcount(self, conn: Connection, params: Mapping[str, Any]) -> int:
        """Run an UPDATE/INSERT without RETURNING: the number of rows it changed."""
        plan = None if _listened(conn) else self._plan(conn.dialect, params)
        if plan is None:
            return int(conn.execute(self.statement, dict(params)).rowcount)  # type: ignore[call-overload]
        cursor = self._run(conn, plan, params)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def _run(self, conn: Connection, plan: _Plan, params: Mapping[str, Any]) -> Any:
        dialect = conn.dialect
        values = {**plan.fixed, **params} if plan.fixed else params
        converted = {name: (values[name] if proc is None or values[name] is None else proc(values[name]))
                     for name, proc in plan.binds.items()}
        args: Any = converted if plan.names is None else tuple(converted[name] for name in plan.names)
        proxied = conn.connection
        cursor = proxied.cursor()
        try:
            cursor.execute(plan.sql, args)
        except dialect.loaded_dbapi.Error as exc:
            invalidated = dialect.is_disconnect(exc, proxied.dbapi_connection, cursor)
            error = DBAPIError.instance(plan.sql, None, exc, dialect.loaded_dbapi.Error, hide_parameters=True,
                                        connection_invalidated=invalidated, dialect=dialect)
            cursor.close()
            if invalidated:
                conn.invalidate(exc)
            raise error from exc
        return cursor

    def _plan(self, dialect: Dialect, params: Mapping[str, Any]) -> _Plan | None:
        key = (dialect.name, frozenset(params))
        try:
            return self._plans[key]
        except KeyError:
            plan = self._plans[key] = _compile(self.statement, dialect, params)
            return plan


def _compile(statement: ClauseElement, dialect: Dialect, params: Mapping[str, Any]) -> _Plan | None:
    """The plan, or None for what it does not cover (expanding IN lists, escaped names, a default computed in
    Python): such a statement runs through SQLAlchemy."""
    compiled = statement.compile(dialect=dialect, column_keys=list(params))
    if (not isinstance(compiled, SQLCompiler) or compiled.literal_execute_params or compiled.post_compile_params
            or compiled.escaped_bind_names):
        return None
    fixed: dict[str, Any] = {}
    for column in [*compiled.insert_prefetch, *compiled.update_prefetch]:
        default = column.default
        if default is None or not getattr(default, "is_scalar", False):
            return None
        fixed[column.key] = getattr(default, "arg")
    for name, bind in compiled.binds.items():
        if name not in params and name not in fixed:
            if bind.required or bind.callable is not None:
                return None
            fixed[name] = bind.value
    binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect) for name, bind in compiled.binds.items()}
    names = tuple(compiled.positiontup or ()) if compiled.positional else None
    returns = bool(getattr(statement, "_returning", ())) or bool(getattr(statement, "is_select", False))
    columns = tuple((c.key, c.type) for c in getattr(statement, "exported_columns", ())) if returns else ()
    return _Plan(compiled.string, names, binds, fixed, columns)


def _results(columns: tuple[tuple[str, Any], ...], dialect: Dialect,
             description: Any) -> tuple[tuple[Processor, ...], type[_RowBase]]:
    procs = tuple(type_.dialect_impl(dialect).result_processor(dialect, d[1])
                  for (_key, type_), d in zip(columns, description or ()))
    return procs, _row_class(tuple(key for key, _type in columns))


def _listened(conn: Connection) -> bool:
    """Whether anyone listens for statements on the engine (where the app and its tests listen), or it logs
    them. The engine's own dispatch: a connection's joins it with its own at every look (µs each, per statement)."""
    engine = conn.engine
    dispatch = engine.dispatch
    return bool(dispatch.before_cursor_execute or dispatch.after_cursor_execute or dispatch.before_execute
                or dispatch.after_execute or engine.echo)


_ROW_CLASSES: dict[tuple[str, ...], type[_RowBase]] = {}


def _row_class(keys: tuple[str, ...]) -> type[_RowBase]:
    found = _ROW_CLASSES.get(keys)
    if found is None:
        fields = namedtuple("_Fields", keys)  # type: ignore[misc]
        found = _ROW_CLASSES[keys] = type("PreparedRow", (_RowBase, fields), {"__slots__": ()})
    return found
