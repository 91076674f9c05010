"""Who is acting: every service call carries one, and every audit row records it."""

from __future__ import annotations

import socket
from dataclasses import dataclass


def default_workstation() -> str:
    return socket.gethostname()[:64] or "workstation"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    roles: frozenset[str]
    workstation: str

    @property
    def is_system(self) -> bool:
        """The command line, run by whoever holds the machine's data directory."""
        return self.user_id is None

    @classmethod
    def system(cls, workstation: str | None = None) -> Actor:
        import getpass  # the command line's actor; the desktop's start does not need it

        try:
            os_user = getpass.getuser()
        except Exception:  # no login name (service account): still record something
            os_user = "unknown"
        return cls(None, f"cli:{os_user}"[:64], frozenset({"system"}), workstation or default_workstation())
