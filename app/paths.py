"""Where a workstation keeps its data: per-user data directory, overridable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_HOME = "FEVER_SENTINEL_HOME"
ENV_DB_URL = "FEVER_SENTINEL_DB_URL"


def default_data_dir() -> Path:
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("FeverSentinel", appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """Everything a workstation stores outside the database lives under ``root``."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "fever-sentinel.sqlite3"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def clinic_banner(self) -> Path:
        return self.root / "clinic-banner.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def sqlite_url(self) -> str:
        return f"sqlite:///{self.database}"

    def ensure(self) -> None:
        from app.files import private_dir

        private_dir(self.root)  # owner-only (0700): it holds the database, keys and backups


def resolve_paths(data_dir: str | Path | None) -> DataPaths:
    return DataPaths(Path(data_dir).expanduser().resolve() if data_dir else default_data_dir())


def resolve_db_url(paths: DataPaths, db_url: str | None) -> str:
    return db_url or os.environ.get(ENV_DB_URL) or paths.sqlite_url()
