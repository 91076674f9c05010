"""County users of the hub (issue 13): roles, argon2id passwords, log-in with a throttle, server-side sessions.

Roles, each including the ones before it: ``viewer`` (dashboard, CSV export, read API), ``publisher`` (+ publish
the county lists), ``admin`` (+ manage users). Clinics are not users: they sign what they send
(app/hub/clinic_auth.py).

Log-in answers the same for an unknown user and a wrong password (``bad_credentials``; an unknown name still
costs one argon2 verification); after ``MAX_FAILURES`` wrong tries within ``LOCKOUT`` the typed name is locked
for ``LOCKOUT`` (``account_locked``), whether or not the account exists, so the lock tells nothing either.

A session is a random id (the cookie, signed by Starlette's SessionMiddleware) whose SHA-256 is a row here:
log-out, disabling the user, ``IDLE_LIMIT`` without a request or ``SESSION_LIMIT`` since log-in end it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import delete, select

from app.db.engine import Database
from app.errors import AuthError, Conflict, NotFound, ValidationError
from app.hub.store import HubLoginFailure, HubSession, HubUser
from app.passwords import Passwords
from app.services.users import check_username

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
IDLE_LIMIT = timedelta(minutes=30)
SESSION_LIMIT = timedelta(hours=12)
SEEN_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often
SECRET_FILE = "hub-session.secret"


class HubRole(StrEnum):
    VIEWER = "viewer"
    PUBLISHER = "publisher"
    ADMIN = "admin"


RANK = {HubRole.VIEWER: 1, HubRole.PUBLISHER: 2, HubRole.ADMIN: 3}


def allows(role: str, needed: HubRole) -> bool:
    """Whether a user with ``role`` may do what needs ``needed`` (admin ⊇ publisher ⊇ viewer)."""
    return role in HubRole._value2member_map_ and RANK[HubRole(role)] >= RANK[needed]


@dataclass(frozen=True)
class HubUserInfo:
    username: str
    role: str
    active: bool
    created_at: datetime


def _info(u: HubUser) -> HubUserInfo:
    return HubUserInfo(u.username, u.role, u.active, u.created_at)


def check_role(role: str) -> HubRole:
    if role not in HubRole._value2member_map_:
        raise ValidationError("unknown_role", field="role", role=role)
    return HubRole(role)


def add_user(db: Database, username: str, role: str, password: str, now: datetime,
             passwords: Passwords | None = None) -> HubUserInfo:
    name, checked_role = check_username(username), check_role(role)
    hashed = (passwords or Passwords()).hash(password)  # refuses a short or simple password
    with db.write() as s:
        if s.get(HubUser, name) is not None:
            raise Conflict("username_taken", username=name)
        user = HubUser(username=name, role=checked_role.value, password_hash=hashed, active=True, created_at=now)
        s.add(user)
        s.flush()
        return _info(user)


def list_users(db: Database) -> list[HubUserInfo]:
    with db.read() as s:
        return [_info(u) for u in s.scalars(select(HubUser).order_by(HubUser.username))]


def disable_user(db: Database, username: str) -> None:
    """The user can no longer log in; their open sessions end at once."""
    name = username.strip().lower()
    with db.write() as s:
        user = s.get(HubUser, name)
        if user is None:
            raise NotFound(entity="user", username=name)
        user.active = False
        s.execute(delete(HubSession).where(HubSession.username == name))


class _Dummy:
    """One argon2 hash to verify against when the name is unknown, so both answers take as long."""

    hashes: dict[int, str] = {}

    @classmethod
    def hash_for(cls, passwords: Passwords) -> str:
        key = id(passwords)
        if key not in cls.hashes:
            cls.hashes[key] = passwords.hash(secrets.token_urlsafe(16))
        return cls.hashes[key]


def authenticate(db: Database, username: str, password: str, now: datetime, passwords: Passwords) -> HubUserInfo:
    """The active user whose password this is; otherwise AuthError ``bad_credentials`` (unknown user, wrong
    password, disabled account alike) or ``account_locked`` (details: until, ISO time) after too many tries."""
    typed = username.strip().lower()[:64]
    with db.read() as s:
        user = s.get(HubUser, typed)
        stored_hash = user.password_hash if user is not None else None
        active = bool(user and user.active)
        failure = s.get(HubLoginFailure, typed)
        locked_until = failure.locked_until if failure is not None else None
    if locked_until is not None and locked_until > now:
        raise AuthError("account_locked", until=locked_until.isoformat())
    ok = passwords.verify(stored_hash or _Dummy.hash_for(passwords), password or "-") and stored_hash is not None
    with db.write() as s:
        failure = s.get(HubLoginFailure, typed)
        if ok and active:
            if failure is not None:
                s.delete(failure)
            user = s.get(HubUser, typed)
            assert user is not None
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash(password)
            return _info(user)
        if failure is None or now - failure.first_at > LOCKOUT:
            if failure is not None:
                s.delete(failure)
                s.flush()
            failure = HubLoginFailure(name=typed, failures=0, first_at=now, locked_until=None)
            s.add(failure)
        failure.failures += 1
        if failure.failures >= MAX_FAILURES:
            failure.locked_until = now + LOCKOUT
    raise AuthError("bad_credentials")


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start_session(db: Database, username: str, now: datetime) -> str:
    """A new random session id for ``username`` (the caller puts it in the signed cookie)."""
    session_id = secrets.token_urlsafe(32)
    with db.write() as s:
        s.add(HubSession(id_sha256=_digest(session_id), username=username, created_at=now, last_seen_at=now))
    return session_id


def end_session(db: Database, session_id: str) -> None:
    with db.write() as s:
        s.execute(delete(HubSession).where(HubSession.id_sha256 == _digest(session_id)))


def session_user(db: Database, session_id: str, now: datetime) -> HubUserInfo | None:
    """The active user of a live session, or None (unknown, ended, idle or too old: then it is removed)."""
    digest = _digest(session_id)
    with db.read() as s:
        row = s.get(HubSession, digest)
        if row is None:
            return None
        user = s.get(HubUser, row.username)
        fresh = now - row.last_seen_at <= IDLE_LIMIT and now - row.created_at <= SESSION_LIMIT
        info = _info(user) if user is not None and user.active and fresh else None
        touch = info is not None and now - row.last_seen_at >= SEEN_EVERY
    if info is None:
        end_session(db, session_id)
    elif touch:
        with db.write() as s:
            row = s.get(HubSession, digest)
            if row is not None:
                row.last_seen_at = now
    return info


def same_token(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of a CSRF token (None or empty never matches)."""
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected).encode(), str(given).encode())


def session_secret(directory: Path) -> str:
    """The key that signs session cookies: made at the hub's first start, kept owner-only (0600) beside the
    hub database; reused afterwards so a restart keeps everyone logged in."""
    path = directory / SECRET_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    directory.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another hub process made it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secret)
        f.flush()
        os.fsync(f.fileno())
    return secret
