"""Where a workstation keeps its data: per-user data directory, overridable.

Precedence for the data directory and the database URL (issue 14): command-line flag > environment
(FEVER_SENTINEL_HOME, FEVER_SENTINEL_DB_URL) > the machine-wide config file (app/machine_config.py) >
the per-user default. The config's ``db_url`` goes with the config's data directory: a directory chosen
for this run (flag or FEVER_SENTINEL_HOME) means that directory's own SQLite file unless a URL is also
given by flag or environment, so ``--data-dir /tmp/fs-demo demo`` never touches the clinic's server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from app.machine_config import MachineConfig, display_url, load_machine_config

ENV_HOME = "FEVER_SENTINEL_HOME"
ENV_DB_URL = "FEVER_SENTINEL_DB_URL"


def per_user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("FeverSentinel", appauthor=False))


def default_data_dir() -> Path:
    """The data directory when no flag gives one: environment, then the machine config, then per user."""
    return resolve_paths(None).root


@dataclass(frozen=True)
class DataPaths:
    """Everything a workstation stores outside the database lives under ``root``."""

    root: Path
    # Where ``root`` came from ("flag", "env", "config", "default") and the machine config read to find it;
    # a DataPaths made directly (tests, the self-test's throw-away directory) reads no config.
    source: str = field(default="flag", compare=False)
    config: MachineConfig | None = field(default=None, compare=False, repr=False)

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


def resolve_paths(data_dir: str | Path | None, config: MachineConfig | None = None) -> DataPaths:
    """flag > FEVER_SENTINEL_HOME > the machine config's data_dir > per-user default. Raises
    MachineConfigError (naming the file and line) when the machine config is malformed."""
    config = config if config is not None else load_machine_config()
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve(), "flag", config)
    env = os.environ.get(ENV_HOME)
    if env:
        return DataPaths(Path(env).expanduser(), "env", config)
    if config.data_dir is not None:
        return DataPaths(config.data_dir, "config", config)
    return DataPaths(per_user_data_dir(), "default", config)


def resolve_db_url(paths: DataPaths, db_url: str | None) -> str:
    """flag > FEVER_SENTINEL_DB_URL > the machine config's db_url (with its password file; only when the data
    directory is not one chosen for this run) > the SQLite file in the data directory. The result may hold a
    password: show it only through :func:`display_url`."""
    if db_url:
        return db_url
    env = os.environ.get(ENV_DB_URL)
    if env:
        return env
    if paths.config is not None and paths.source in ("config", "default"):
        url = paths.config.database_url()
        if url:
            return url
    return paths.sqlite_url()


__all__ = ["ENV_DB_URL", "ENV_HOME", "DataPaths", "default_data_dir", "display_url", "per_user_data_dir",
           "resolve_db_url", "resolve_paths"]
