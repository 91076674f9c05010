"""Staff accounts, roles, log-in with lockout, and password changes."""

from __future__ import annotations

import builtins  # ``list`` below is a method of UserService: the type is spelled builtins.list
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app import audit
from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database
from app.db.models import User, UserRole
from app.errors import AuthError, Conflict, NotFound, StaleEdit, ValidationError
from app.passwords import Passwords
from app.permissions import Perm, Role, parse_roles
from app.services.base import Service, authorize
from app.text_rules import check_text

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,31}$")
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    roles: frozenset[str]
    active: bool
    locked_until: datetime | None
    version: int


@dataclass(frozen=True)
class ColleagueInfo:
    """A colleague as another member of staff may see them: who to pick, nothing more."""

    username: str
    full_name: str


def to_info(u: User) -> UserInfo:
    return UserInfo(u.id, u.username, u.full_name, u.role_names, u.active, u.locked_until, u.version)


def name_order(full_name: str) -> tuple[str, ...]:
    """Sort key in pinyin order, syllable by syllable (李娜 before 刘洋 before 张伟); Latin names as written."""
    from pypinyin import lazy_pinyin  # a large dictionary: loaded on first use only

    return tuple(part.lower() for part in lazy_pinyin(full_name))


def check_username(username: str) -> str:
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise ValidationError("username", field="username")
    return username


def check_full_name(full_name: str) -> str:
    check_text(full_name, "full_name")
    full_name = " ".join(full_name.split())
    if not 1 <= len(full_name) <= 64:
        raise ValidationError("full_name", field="full_name")
    return full_name


class UserService(Service):
    def __init__(self, db: Database, clock: Clock, passwords: Passwords) -> None:
        super().__init__(db, clock)
        self.passwords = passwords
        self._dummy_hash: str | None = None

    # ----- queries -------------------------------------------------------------------------
    def list(self, actor: Actor) -> list[UserInfo]:
        with self.db.read() as s:
            authorize(s, actor, Perm.MANAGE_USERS)
            return [to_info(u) for u in s.scalars(select(User).order_by(User.username))]

    def doctors(self, actor: Actor) -> builtins.list[ColleagueInfo]:
        """The clinic's active doctors, in pinyin order of their names: whom a case can be handed over to."""
        with self.db.read() as s:
            authorize(s, actor, Perm.CASEWORK)
            rows = s.execute(select(User.username, User.full_name).join(UserRole, UserRole.user_id == User.id)
                             .where(UserRole.role == Role.DOCTOR.value, User.active.is_(True))).all()
        colleagues = [ColleagueInfo(r.username, r.full_name) for r in rows]
        return sorted(colleagues, key=lambda c: (name_order(c.full_name), c.username))

    @staticmethod
    def _by_name(s: Session, username: str) -> User:
        user = s.scalars(select(User).where(User.username == username.strip().lower())).first()
        if user is None:
            raise NotFound(entity="user", username=username)
        return user

    # ----- admin writes --------------------------------------------------------------------
    def create(self, actor: Actor, *, username: str, full_name: str, roles: builtins.list[str] | tuple[str, ...],
               password: str) -> UserInfo:
        username = check_username(username)
        full_name = check_full_name(full_name)
        role_set = parse_roles(roles)
        password_hash = self.passwords.hash(password)
        now = self.clock.now()
        with self.audited_write(actor, "user.create", "user", Perm.MANAGE_USERS) as op:
            if op.session.scalars(select(User.id).where(User.username == username)).first() is not None:
                raise Conflict("username_taken", username=username)
            user = User(username=username, full_name=full_name, password_hash=password_hash, active=True,
                        failed_attempts=0, created_at=now, password_changed_at=now,
                        roles=[UserRole(role=r.value) for r in sorted(role_set)])
            op.session.add(user)
            op.session.flush()
            op.entity_id = user.id
            op.summary = {"username": username, "full_name": full_name, "roles": sorted(role_set)}
            return to_info(user)

    def update(self, actor: Actor, *, username: str, expected_version: int, full_name: str,
               roles: builtins.list[str] | tuple[str, ...]) -> UserInfo:
        """Edit name and roles; refused as stale if someone saved the account since it was loaded."""
        full_name = check_full_name(full_name)
        role_set = {r.value for r in parse_roles(roles)}
        with self.audited_write(actor, "user.update", "user", Perm.MANAGE_USERS) as op:
            user = self._by_name(op.session, username)
            op.entity_id = user.id
            if user.version != expected_version:
                raise StaleEdit(username=user.username)
            before = {"full_name": user.full_name, "roles": sorted(user.role_names)}
            self._guard_last_admin(op.session, user, removing="admin" not in role_set)
            user.full_name = full_name
            for link in [r for r in user.roles if r.role not in role_set]:
                user.roles.remove(link)
            for role in sorted(role_set - user.role_names):
                user.roles.append(UserRole(role=role))
            flag_modified(user, "full_name")  # the row must be UPDATEd so its version moves even for role-only edits
            op.session.flush()
            op.summary = {"username": user.username, "before": before,
                          "after": {"full_name": full_name, "roles": sorted(role_set)}}
            return to_info(user)

    def set_active(self, actor: Actor, username: str, active: bool, *, open_cases_seen: bool = False) -> UserInfo:
        """Enable or disable an account. Disabling a doctor who still owns open cases (or has hand-overs
        waiting for their answer) would orphan them: refused with ``doctor_has_open_cases`` (the visit numbers)
        unless the caller has shown that list (``open_cases_seen``); the audit row then names those cases, which
        the medical director reassigns (app/casework/reassign.py)."""
        action = "user.enable" if active else "user.disable"
        with self.audited_write(actor, action, "user", Perm.MANAGE_USERS) as op:
            user = self._by_name(op.session, username)
            op.entity_id = user.id
            visits: list[str] = []
            if not active:
                if actor.user_id == user.id:
                    raise ValidationError("cannot_disable_self", field="username")
                self._guard_last_admin(op.session, user, removing=True)
                if user.active and Role.DOCTOR.value in user.role_names:
                    from app.casework.reassign import open_cases

                    visits = [c.visit_no for c in open_cases(op.session, user.id)]
                    if visits and not open_cases_seen:
                        raise Conflict("doctor_has_open_cases", username=user.username, visits=visits)
            user.active = active
            op.session.flush()
            op.summary = {"username": user.username}
            if visits:
                op.summary["open_cases"] = visits
            return to_info(user)

    def disable(self, actor: Actor, username: str, *, open_cases_seen: bool = False) -> UserInfo:
        return self.set_active(actor, username, False, open_cases_seen=open_cases_seen)

    def reset_password(self, actor: Actor, username: str, new_password: str) -> UserInfo:
        """Set a new password and clear any lockout (an admin act, audited)."""
        password_hash = self.passwords.hash(new_password)
        with self.audited_write(actor, "user.reset_password", "user", Perm.MANAGE_USERS) as op:
            user = self._by_name(op.session, username)
            op.entity_id = user.id
            user.password_hash = password_hash
            user.password_changed_at = self.clock.now()
            user.failed_attempts = 0
            user.locked_until = None
            op.session.flush()
            op.summary = {"username": user.username}
            return to_info(user)

    @staticmethod
    def _guard_last_admin(s: Session, user: User, *, removing: bool) -> None:
        if not removing or "admin" not in user.role_names or not user.active:
            return
        admins = s.scalars(
            select(User.id).join(UserRole).where(UserRole.role == "admin", User.active.is_(True), User.id != user.id)
        ).first()
        if admins is None:
            raise ValidationError("last_admin", field="roles")

    # ----- the user's own account ----------------------------------------------------------
    def change_own_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        password_hash = self.passwords.hash(new_password)
        with self.audited_write(actor, "user.change_password", "user", None, actor.user_id) as op:
            user = op.session.get(User, actor.user_id)
            if user is None or not self.passwords.verify(user.password_hash, old_password):
                raise AuthError("bad_credentials")
            user.password_hash = password_hash
            user.password_changed_at = self.clock.now()
            op.summary = {"username": user.username}

    def _dummy(self) -> str:
        """A hash of the same cost as the real ones, checked for an unknown user so the answer takes as long."""
        if self._dummy_hash is None:
            self._dummy_hash = self.passwords.hash("not-a-real-password")
        return self._dummy_hash

    def authenticate(self, username: str, password: str, workstation: str) -> Actor:
        """Check a password; lock the account for 15 min after 5 failures. Every try is audited.

        The answer never tells whether an account exists (PIPL, OWASP authentication guidance): an unknown
        user name, a wrong password and a locked account all get the same ``bad_credentials`` (with the
        lockout rule, no attempt count), after the same argon2 work — an unknown name is checked against a
        dummy hash, a locked account's password is checked but cannot open it. The real reason (unknown,
        wrong password, locked) is in the audit row for the administrator. Only after the *correct*
        password is a disabled account told so (``account_disabled``: see the administrator) — by then the
        person has shown they hold the account; a wrong password to a disabled account is bad_credentials."""
        now = self.clock.now()
        name = username.strip().lower()
        self._dummy()  # made before the clock starts for anyone: the first unknown user is no slower
        with self.db.write() as s:
            user = s.scalars(select(User).where(User.username == name)).first()
            reason: str | None = None
            audit_more: dict[str, object] = {}
            if user is None:
                self.passwords.verify(self._dummy(), password)  # same cost as a real check: no user probing
                reason = "unknown_user"
            else:
                correct = self.passwords.verify(user.password_hash, password)
                if user.locked_until is not None and user.locked_until > now:
                    reason = "account_locked"  # even the right password: the lock holds
                    audit_more["until"] = user.locked_until.isoformat()
                elif not correct:
                    user.failed_attempts += 1
                    reason = "wrong_password"
                    audit_more["attempts_left"] = MAX_FAILED_ATTEMPTS - user.failed_attempts
                    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
                        user.locked_until = now + LOCKOUT
                        user.failed_attempts = 0
                        audit_more = {"locked_until": user.locked_until.isoformat()}
                elif not user.active:
                    reason = "account_disabled"
            error: AuthError | None = None
            if reason == "account_disabled":
                error = AuthError("account_disabled")
            elif reason is not None:
                error = AuthError("bad_credentials", max_attempts=MAX_FAILED_ATTEMPTS,
                                  lock_minutes=int(LOCKOUT.total_seconds() // 60))
            if error is not None:
                who = Actor(user.id if user else None, name[:64] or "?", frozenset(), workstation)
                audit.append(s, now, who, "auth.login", "user", user.id if user else None,
                             {"error": error.code, "reason": reason, **audit_more}, audit.Outcome.FAILED)
            else:
                assert user is not None
                user.failed_attempts = 0
                user.locked_until = None
                if self.passwords.needs_rehash(user.password_hash):
                    user.password_hash = self.passwords.hash(password)
                actor = Actor(user.id, user.username, user.role_names, workstation)
                audit.append(s, now, actor, "auth.login", "user", user.id, {})
        if error is not None:
            raise error
        return actor

    def full_name_of(self, actor: Actor) -> str:
        with self.db.read() as s:
            user = s.get(User, actor.user_id) if actor.user_id is not None else None
            return user.full_name if user else actor.username

