"""Clinic set-up (first run) and the clinic's identity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.clinic_info import DEFAULT_TIMEZONE, ClinicInfo, ClinicLevel
from app.clinic_mode import MODE_KEY, ClinicMode, check_mode, default_mode, load_mode
from app.clock import Clock
from app.db.engine import Database
from app.db.models import Clinic, ClinicSetting, User, UserRole
from app.errors import Conflict, NotInitialized, StaleEdit, ValidationError
from app.keys import KeyStore, public_key_text
from app.passwords import Passwords
from app.permissions import Perm, Role
from app.services.base import Service
from app.services.users import UserInfo, check_full_name, check_username, to_info

CLINIC_CODE_RE = re.compile(r"^[A-Z0-9]{2,20}$")


MODE_REASON_MIN = 4
MODE_REASON_MAX = 200


@dataclass(frozen=True)
class ClinicModeInfo:
    """How this clinic handles fever patients now (``ClinicMode``), and what its level would default to."""

    mode: str  # ClinicMode: refer (哨点诊室) / treat (发热诊室/门诊)
    level_default: str  # the mode the clinic's level defaults to
    explicit: bool  # chosen (at set-up or by an admin) rather than the level's default
    version: int  # of the stored setting (0: none stored); a change names the version it saw
    updated_at: datetime | None


def _info(c: Clinic) -> ClinicInfo:
    return ClinicInfo(c.code, c.name, c.level, c.timezone, c.public_key, c.key_id, c.is_demo, c.created_at)


def check_clinic(code: str, name: str, level: str, tz: str) -> tuple[str, str]:
    code = code.strip().upper()
    if not CLINIC_CODE_RE.match(code):
        raise ValidationError("clinic_code", field="clinic_code")
    name = name.strip()
    if not 2 <= len(name) <= 100:
        raise ValidationError("clinic_name", field="clinic_name")
    if level not in ClinicLevel._value2member_map_:
        raise ValidationError("clinic_level", field="clinic_level")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError("timezone", field="timezone") from exc
    return code, name


class ClinicService(Service):
    def __init__(self, db: Database, clock: Clock, passwords: Passwords, keys: KeyStore) -> None:
        super().__init__(db, clock)
        self.passwords = passwords
        self.keys = keys

    def is_initialized(self) -> bool:
        with self.db.read() as s:
            return s.scalar(select(Clinic.id).limit(1)) is not None

    def get(self) -> ClinicInfo:
        with self.db.read() as s:
            return self._get(s)

    @staticmethod
    def _get(s: Session) -> ClinicInfo:
        clinic = s.scalars(select(Clinic).limit(1)).first()
        if clinic is None:
            raise NotInitialized()
        return _info(clinic)

    def initialize(
        self, actor: Actor, *, code: str, name: str, level: str, admin_username: str, admin_full_name: str,
        admin_password: str, timezone: str = DEFAULT_TIMEZONE, is_demo: bool = False, mode: str | None = None,
    ) -> tuple[ClinicInfo, UserInfo]:
        """Create the clinic, its signing key and first admin: the database's first audited act. This desk's
        own desk key is then registered and enrolled (audited as the system, app/desk_keys.py).

        ``mode`` (refer / treat) is stored with it; None takes the level's default (township and other:
        refer, the sentinel room; county: treat, the fever clinic)."""
        code, name = check_clinic(code, name, level, timezone)
        chosen = default_mode(level) if mode is None else check_mode(mode)
        username = check_username(admin_username)
        full_name = check_full_name(admin_full_name)
        password_hash = self.passwords.hash(admin_password)
        if self.is_initialized():
            raise Conflict("already_initialized")
        now = self.clock.now()
        key_path = self.keys.path_for(code)
        key = self.keys.load(code) if key_path.exists() else self.keys.create(code)
        with self.audited_write(actor, "clinic.initialize", "clinic", None) as op:
            if op.session.scalar(select(Clinic.id).limit(1)) is not None:
                raise Conflict("already_initialized")
            clinic = Clinic(code=code, name=name, level=level, timezone=timezone, is_demo=is_demo,
                            public_key=public_key_text(key.public_raw), key_id=key.key_id, created_at=now)
            user = User(username=username, full_name=full_name, password_hash=password_hash, active=True,
                        failed_attempts=0, created_at=now, password_changed_at=now,
                        roles=[UserRole(role=Role.ADMIN.value)])
            setting = ClinicSetting(key=MODE_KEY, value=chosen.value, updated_at=now)
            op.session.add_all([clinic, user, setting])
            op.session.flush()
            op.entity_id = code
            op.summary = {"code": code, "name": name, "level": level, "timezone": timezone,
                          "key_id": key.key_id, "admin": username, "demo": is_demo, "mode": chosen.value}
            info = (_info(clinic), to_info(user))
        from app.desk_keys import DeskKeyService  # this desk holds the clinic key: its desk key is enrolled now

        DeskKeyService(self.db, self.clock, self.keys).this_desk(actor.workstation)
        return info

    # ----- clinic mode ------------------------------------------------------------------------
    def mode(self) -> ClinicModeInfo:
        """The mode in force (every desk shows it; no permission needed to read it)."""
        with self.db.read() as s:
            return _mode_info(s)

    def change_mode(self, actor: Actor, mode: str, reason: str, expected_version: int | None = None
                    ) -> ClinicModeInfo:
        """An admin switches between refer (哨点诊室) and treat (发热诊室/门诊), with a reason: audited
        ``clinic.mode_change`` with before and after. Refused: ``clinic_mode`` (no such mode),
        ``mode_unchanged`` (already so), ``mode_change_reason`` (reason under 4 characters), StaleEdit
        (another desk changed it since ``expected_version`` was read)."""
        chosen = check_mode(mode)
        why = " ".join((reason or "").split())
        with self.audited_write(actor, "clinic.mode_change", "setting", Perm.MANAGE_CLINIC_SETTINGS,
                                MODE_KEY) as op:
            s = op.session
            before = _mode_info(s)
            if expected_version is not None and before.version != expected_version:
                raise StaleEdit(key=MODE_KEY)
            if before.mode == chosen:
                raise ValidationError("mode_unchanged", field="mode", mode=chosen.value)
            if len(why) < MODE_REASON_MIN:
                raise ValidationError("mode_change_reason", field="reason")
            if len(why) > MODE_REASON_MAX:
                raise ValidationError("too_long", field="reason", maximum=MODE_REASON_MAX)
            now = self.clock.now()
            row = s.get(ClinicSetting, MODE_KEY)
            if row is None:
                s.add(ClinicSetting(key=MODE_KEY, value=chosen.value, updated_at=now))
            else:
                row.value, row.updated_at = chosen.value, now
            s.flush()
            op.summary = {"before": before.mode, "after": chosen.value, "reason": why}
            return _mode_info(s)


def _mode_info(s: Session) -> ClinicModeInfo:
    level = s.scalar(select(Clinic.level).limit(1))
    if level is None:
        raise NotInitialized()
    row = s.get(ClinicSetting, MODE_KEY)
    explicit = row is not None and row.value in ClinicMode._value2member_map_
    return ClinicModeInfo(load_mode(s).value, default_mode(level).value, explicit, row.version if row else 0,
                          row.updated_at if row else None)
