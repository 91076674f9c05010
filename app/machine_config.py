"""The machine-wide configuration file: one clinic for every account of a desk (issue 14).

``%PROGRAMDATA%\\FeverSentinel\\config.toml`` on Windows, ``/etc/fever-sentinel/config.toml`` elsewhere
(``FEVER_SENTINEL_CONFIG`` names another file: tests, a second installation). A missing file is no
configuration. Keys (all optional)::

    data_dir = 'D:\\FeverSentinel'                          # shared by every Windows account of the desk
    db_url = "postgresql+psycopg://fs_desk@clinic-server/fever_sentinel"   # never with a password
    db_password_file = 'C:\\ProgramData\\FeverSentinel\\db-password.txt'   # the password, alone, in a file

Precedence for each setting: command-line flag > environment (FEVER_SENTINEL_HOME, FEVER_SENTINEL_DB_URL) >
this file > the per-user default (app/paths.py). The password is read from ``db_password_file`` only when the
URL is used and put into the URL in memory: it is never written, logged or shown (``display_url`` masks it),
and never sits on a shortcut's command line. On POSIX the password file must not be readable by everyone
(0600 or 0640 with a group); on Windows its ACL is the installer's job (docs), and only its existence is checked.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from urllib.parse import quote

from app.errors import FeverSentinelError

ENV_CONFIG = "FEVER_SENTINEL_CONFIG"
KEYS = ("data_dir", "db_url", "db_password_file")
_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


class MachineConfigError(FeverSentinelError):
    """The machine configuration (or the password file it names) is wrong; details name the file."""

    code = "config_value"


def config_path() -> Path:
    """Where this machine's configuration is read from."""
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "FeverSentinel" / "config.toml"
    return Path("/etc/fever-sentinel/config.toml")


@dataclass(frozen=True)
class MachineConfig:
    """What the file says (None: not set). ``path`` is the file read, or looked for."""

    path: Path
    exists: bool = False
    data_dir: Path | None = None
    db_url: str | None = None
    db_password_file: Path | None = None

    def database_url(self) -> str | None:
        """``db_url`` with the password from ``db_password_file`` inserted (in memory only)."""
        if not self.db_url:
            return None
        if self.db_password_file is None:
            return self.db_url
        return with_password(self.db_url, read_password_file(self.db_password_file))


def load_machine_config(path: Path | None = None) -> MachineConfig:
    """Read and check the file; one MachineConfigError naming the file (and line) when it is wrong."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return MachineConfig(path)
    except OSError as exc:
        raise MachineConfigError("config_unreadable", file=str(path), reason=exc.strerror or type(exc).__name__) \
            from exc
    import tomllib  # only a desk with a config file parses one; the log-in window waits for no parser

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise MachineConfigError("config_malformed", file=str(path), line=raw[:exc.start].count(b"\n") + 1,
                                 reason="not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        found = _LINE.search(str(exc))  # Python 3.11's tomllib says where only in its message
        line = int(found.group(1)) if found else max(1, len(raw.splitlines()))  # "at end of document"
        reason = re.sub(r"\s*\(at [^)]*\)", "", str(exc)).strip()
        raise MachineConfigError("config_malformed", file=str(path), line=line, reason=reason) from exc
    for key in data:
        if key not in KEYS:
            raise MachineConfigError("config_value", file=str(path), key=key, reason="unknown key")
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise MachineConfigError("config_value", file=str(path), key=key, reason="not a text value")
    db_url = data.get("db_url")
    if db_url is not None:
        parts = _split(db_url)
        if parts is None:
            raise MachineConfigError("config_value", file=str(path), key="db_url", reason="not a database URL")
        if ":" in parts[1]:
            raise MachineConfigError("config_value", file=str(path), key="db_url",
                                     reason="holds a password; put it in db_password_file")
    if data.get("db_password_file") and not db_url:
        raise MachineConfigError("config_value", file=str(path), key="db_password_file",
                                 reason="given without db_url")
    if data.get("db_password_file") and not _split(db_url)[1]:  # type: ignore[arg-type, index]
        raise MachineConfigError("config_value", file=str(path), key="db_url",
                                 reason="no user name for the password (user@server)")
    return MachineConfig(
        path, exists=True,
        data_dir=Path(data["data_dir"]).expanduser() if data.get("data_dir") else None,
        db_url=db_url,
        db_password_file=Path(data["db_password_file"]).expanduser() if data.get("db_password_file") else None,
    )


def read_password_file(path: Path) -> str:
    """The first line of the file. On POSIX a file everyone may read is refused (password_file_open)."""
    try:
        st = path.stat()
        if sys.platform != "win32" and st.st_mode & stat.S_IROTH:
            raise MachineConfigError("password_file_open", file=str(path), mode=oct(stat.S_IMODE(st.st_mode)))
        text = path.read_text(encoding="utf-8-sig")
    except MachineConfigError:
        raise
    except OSError as exc:
        raise MachineConfigError("password_file_missing", file=str(path), reason=exc.strerror or type(exc).__name__) \
            from exc
    except UnicodeDecodeError as exc:
        raise MachineConfigError("password_file_empty", file=str(path)) from exc
    lines = text.splitlines()
    password = lines[0].strip() if lines else ""
    if not password:
        raise MachineConfigError("password_file_empty", file=str(path))
    return password


def _split(url: str) -> tuple[str, str, str] | None:
    """``scheme://``, the user part before ``@`` ("" without one), and the rest; None when not a URL.
    Plain string work, so resolving the URL loads no database stack before the log-in window shows."""
    scheme, sep, rest = url.partition("://")
    if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+._-]*", scheme):
        return None
    end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    netloc, tail = rest[:end], rest[end:]
    user, at, host = netloc.rpartition("@")
    return (scheme + "://", user if at else "", (host if at else netloc) + tail)


def with_password(url: str, password: str) -> str:
    """The URL with ``password`` (percent-encoded) after its user name."""
    parts = _split(url)
    if parts is None or not parts[0] or not parts[1]:
        raise MachineConfigError("config_value", key="db_url", reason="needs a user name for the password")
    scheme, user, rest = parts
    return f"{scheme}{user.split(':', 1)[0]}:{quote(password, safe='')}@{rest}"


def display_url(url: str) -> str:
    """A database URL fit to show or log: the password masked (as SQLAlchemy shows it: ``***``)."""
    parts = _split(url)
    if parts is None:
        return "(not a database URL)"
    scheme, user, rest = parts
    if ":" in user:
        user = user.split(":", 1)[0] + ":***"
    return f"{scheme}{user}@{rest}" if user else f"{scheme}{rest}"
