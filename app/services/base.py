"""The one way a service writes: authorise, change, audit — in a single transaction.

A refused or failed attempt is rolled back and then audited on its own (denied / failed),
so the trail shows who tried what even when nothing changed. A successful write's audit row
carries the digest of the business row it left (app.audit_rows), so an edit made in the database
file without the service is found by ``audit verify``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Float, Row, Table, bindparam, insert, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import TypeDecorator

from app import audit, audit_rows
from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database, connection_of, refuse_hidden_text
from app.db.prepared import Prepared
from app.db.models import User, UserRole
from app.errors import Conflict, FeverSentinelError, NotFound, PermissionDenied, StaleEdit
from app.permissions import Perm, permissions_of

log = logging.getLogger(__name__)


#: The role mark of the automatic actor (app/reporting/automatic.py).
AUTOMATIC_ROLE = "automatic"


# Built once: constructing a statement costs more than SQLite takes to run it (issue 16).
_ROLES_NOW = Prepared(select(User.active, UserRole.role).outerjoin(UserRole, UserRole.user_id == User.id)
                      .where(User.id == bindparam("user_id")))


def authorize(session: Session, actor: Actor, perm: Perm) -> frozenset[str] | None:
    """Check against the user's roles *now* in the database, so a disabled account stops at once; returns
    them (None for a system actor).

    The command line's system actor may do anything; the automatic actor (a desk submitting the daily
    report on its own, app/reporting/automatic.py) only what reporting needs."""
    if actor.is_system:
        if AUTOMATIC_ROLE in actor.roles and perm is not Perm.SUBMIT_REPORTS:
            raise PermissionDenied("automatic_not_allowed", permission=perm.value)
        return None
    rows = _ROLES_NOW.rows(connection_of(session), {"user_id": actor.user_id})
    if not rows or not rows[0].active:
        raise PermissionDenied("account_disabled", permission=perm.value)
    roles = frozenset(r.role for r in rows if r.role)
    if perm not in permissions_of(roles):
        raise PermissionDenied(permission=perm.value)
    return roles


#: The saves that may go ahead on roles vouched for by the audit head (``Service.audited_write``): the triage
#: desk's, the most frequent, which write nothing but rows, so a refusal found at their end rolls them back whole.
VOUCHED_PERMS = frozenset({Perm.TRIAGE})
# SQLite only: engine -> (an audit head this desk wrote, {user id: the roles that held when it was written}).
# Every change to an account or its roles is an audited write that moves the head, and on SQLite nothing commits
# between a write's BEGIN IMMEDIATE and its end; so while the head a save chains onto is still that one, the
# roles are still those, and the save needs no read of them (issue 16). The save checks it in its own audit
# statement (app/audit.py ``link``): any other write since, at this desk or another, and the roles are read then,
# before the commit — a refusal rolls the save back and is audited as denied, as one found first would be.
_VOUCHED: WeakKeyDictionary[Engine, tuple[tuple[int, str], dict[int, frozenset[str]]]] = WeakKeyDictionary()


def row_to_save(session: Session, model: Any, row_id: int | None, expected_version: int | None, *, name: str,
                entity: str, exists_code: str) -> Any:
    """The row an add-or-edit form saves into: a new one under a name not taken yet, or the one being
    edited, refused if another desk changed it since the form loaded it (``expected_version``)."""
    if row_id is None:
        if session.scalar(select(model.id).where(model.name == name)):
            raise Conflict(exists_code, name=name)
        row = model(name=name)
        session.add(row)
        return row
    found = session.get(model, row_id)
    if found is None:
        raise NotFound(entity=entity, id=row_id)
    if expected_version is not None and found.version != expected_version:
        raise StaleEdit(entity=entity)
    return found


class _Real(TypeDecorator[float]):
    """A REAL column read back as a float: SQLite's RETURNING gives a whole-number REAL as an integer (37 for
    37.0), which a SELECT never does; the record and the audit digest must see what a SELECT sees."""

    impl = Float
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> float | None:
        return None if value is None else float(value)


@lru_cache(maxsize=None)
def _insert_returning(table: Table) -> Prepared:
    return Prepared(insert(table).returning(*(type_coerce(c, _Real()).label(c.key) if isinstance(c.type, Float)
                                              else c for c in table.c)))


def insert_row(session: Session, table: Table, values: dict[str, Any]) -> Row[Any]:
    """Insert one row with Core and return it as the database holds it (INSERT … RETURNING): one statement
    where an ORM add, flush and read-back took three, under the flush guard's hidden-character rule. The
    session's pending changes are flushed first, as an ORM insert would."""
    refuse_hidden_text(table, values)
    session.flush()
    row: Row[Any] = _insert_returning(table).one(connection_of(session), values)  # a Row's attributes and _mapping
    return row


@dataclass
class WriteOp:
    session: Session
    entity_id: str | int | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    #: table name -> the row this write left, as the database returned it (``insert_row``) and not changed
    #: since, and ``known_rows(...)`` -> every row of a kind: the audit digest uses them instead of reading the
    #: rows back (app.audit_rows.Known).
    known: dict[Any, Any] = field(default_factory=dict)


class Service:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    @contextmanager
    def audited_write(
        self, actor: Actor, action: str, entity: str, perm: Perm | None, entity_id: str | int | None = None
    ) -> Iterator[WriteOp]:
        op: WriteOp | None = None
        try:
            with self.db.write() as session:
                op = WriteOp(session, entity_id)
                vouched_at, roles = self._vouched(actor, perm)
                if perm is not None and vouched_at is None:
                    roles = authorize(session, actor, perm)
                yield op
                session.flush()
                digest = audit_rows.digest(session, entity, op.entity_id, op.known)  # the business row as written
                before, after = audit.link(session, self.clock.now(), actor, action, entity, op.entity_id,
                                           op.summary, row_digest=digest)
                if perm is not None and vouched_at is not None and before != vouched_at:  # written since
                    roles = authorize(session, actor, perm)
                if roles is not None and perm in VOUCHED_PERMS and self.db.is_sqlite:
                    self._vouch(actor, roles, before, after)
        except StaleDataError as exc:
            self._record_failure(actor, action, entity, op, StaleEdit())
            raise StaleEdit() from exc
        except FeverSentinelError as exc:
            self._record_failure(actor, action, entity, op, exc)
            raise

    def _vouched(self, actor: Actor, perm: Perm | None) -> tuple[tuple[int, str] | None, frozenset[str] | None]:
        """The head and the actor's roles when a save of ``perm`` may rely on them (``_VOUCHED``), else None."""
        if perm not in VOUCHED_PERMS or actor.is_system or actor.user_id is None or not self.db.is_sqlite:
            return None, None
        found = _VOUCHED.get(self.db.engine)
        if found is None or found[0] != audit.last_written(self.db.engine):
            return None, None
        roles = found[1].get(actor.user_id)
        if roles is None or perm not in permissions_of(roles):  # a refusal is always read, never remembered
            return None, None
        return found[0], roles

    def _vouch(self, actor: Actor, roles: frozenset[str], before: tuple[int, str], after: tuple[int, str]) -> None:
        """Remember the actor's roles as holding at ``after``, with the others' that held at ``before``."""
        if actor.user_id is None:
            return
        found = _VOUCHED.get(self.db.engine)
        users = dict(found[1]) if found is not None and found[0] == before else {}
        users[actor.user_id] = roles
        _VOUCHED[self.db.engine] = (after, users)

    def _record_failure(
        self, actor: Actor, action: str, entity: str, op: WriteOp | None, exc: FeverSentinelError
    ) -> None:
        outcome = audit.Outcome.DENIED if isinstance(exc, PermissionDenied) else audit.Outcome.FAILED
        summary = {"error": exc.code, **{k: v for k, v in exc.details.items() if k != "password"}}
        try:
            with self.db.write() as session:
                audit.append(session, self.clock.now(), actor, action, entity, op.entity_id if op else None,
                             summary, outcome)
        except FeverSentinelError:
            log.exception("could not audit a failed %s", action)  # the original error still surfaces
