"""The clinic's identity as plain data, and the small banner file the log-in window draws from.

Kept apart from the clinic service (SQLAlchemy, keys, argon2) so the command-line parser and the
log-in window can load without the database stack: the window shows at once from the banner file,
while the database opens behind it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from app.jsonfile import read_json, write_json_atomic
from app.machine_config import display_url

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Asia/Shanghai"


class ClinicLevel(StrEnum):
    TOWNSHIP = "township"
    COUNTY = "county"
    OTHER = "other"


@dataclass(frozen=True)
class ClinicInfo:
    code: str
    name: str
    level: str
    timezone: str
    public_key: str
    key_id: str
    is_demo: bool
    created_at: datetime

    def banner(self) -> ClinicBanner:
        return ClinicBanner(self.code, self.name, self.level, self.is_demo)


@dataclass(frozen=True)
class ClinicBanner:
    """What the log-in window shows of the clinic. A display hint only: log-in always checks the database."""

    code: str
    name: str
    level: str
    is_demo: bool


class BannerFile:
    """The banner of the clinic in one database, kept in a small file for the next start."""

    def __init__(self, path: Path, db_url: str) -> None:
        self.path = path
        # which database the banner belongs to, without writing its URL to disk; hashed with the password masked,
        # so the file cannot serve to guess the password offline
        self._source = hashlib.sha256(display_url(db_url).encode("utf-8")).hexdigest()

    def read(self) -> ClinicBanner | None:
        """The banner saved for this database, or None (first start, another database, damaged file)."""
        raw = read_json(self.path)
        if not isinstance(raw, dict) or raw.get("source") != self._source:
            return None
        code, name, level, is_demo = (raw.get(k) for k in ("code", "name", "level", "is_demo"))
        if not (isinstance(code, str) and isinstance(name, str) and isinstance(is_demo, bool)
                and level in ClinicLevel._value2member_map_):
            return None
        return ClinicBanner(code, name, str(level), is_demo)

    def save(self, banner: ClinicBanner) -> None:
        """Remember it if it changed. Only a cache: failing to write (full disk) costs speed, nothing else."""
        if self.read() == banner:
            return
        data = {"source": self._source, "code": banner.code, "name": banner.name, "level": banner.level,
                "is_demo": banner.is_demo}
        try:
            write_json_atomic(self.path, data)
        except OSError:
            log.warning("clinic banner not saved to %s", self.path, exc_info=True)
