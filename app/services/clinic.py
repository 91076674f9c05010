"""Clinic set-up (first run) and the clinic's identity."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.clinic_info import DEFAULT_TIMEZONE, ClinicInfo, ClinicLevel
from app.clock import Clock
from app.db.engine import Database
from app.db.models import Clinic, User, UserRole
from app.errors import Conflict, NotInitialized, ValidationError
from app.keys import KeyStore, public_key_text
from app.passwords import Passwords
from app.permissions import Role
from app.services.base import Service
from app.services.users import UserInfo, check_full_name, check_username, to_info

CLINIC_CODE_RE = re.compile(r"^[A-Z0-9]{2,20}$")


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
        admin_password: str, timezone: str = DEFAULT_TIMEZONE, is_demo: bool = False,
    ) -> tuple[ClinicInfo, UserInfo]:
        """Create the clinic, its signing key and first admin: the database's first audited act."""
        code, name = check_clinic(code, name, level, timezone)
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
            op.session.add_all([clinic, user])
            op.session.flush()
            op.entity_id = code
            op.summary = {"code": code, "name": name, "level": level, "timezone": timezone,
                          "key_id": key.key_id, "admin": username, "demo": is_demo}
            info = (_info(clinic), to_info(user))
        return info
