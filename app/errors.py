"""Typed errors that carry a stable code and details, never a UI sentence.

The UI maps ``code`` to translated text (ui/messages.py); the CLI prints the code and details.
"""

from __future__ import annotations

from typing import Any


class FeverSentinelError(Exception):
    """Base of every error a service raises on purpose."""

    code: str = "error"

    def __init__(self, code: str | None = None, **details: Any) -> None:
        self.code = code or type(self).code
        self.details: dict[str, Any] = details
        super().__init__(f"{self.code}: {details}" if details else self.code)


class ValidationError(FeverSentinelError):
    """Input that breaks a rule; ``details['field']`` names the field when there is one."""

    code = "invalid"


class NotFound(FeverSentinelError):
    code = "not_found"


class Conflict(FeverSentinelError):
    """A uniqueness rule would be broken (duplicate user name, clinic already set up...)."""

    code = "conflict"


class StaleEdit(FeverSentinelError):
    """Someone else saved the record since it was loaded; reload and redo the change."""

    code = "stale_edit"


class PermissionDenied(FeverSentinelError):
    code = "permission_denied"


class AuthError(FeverSentinelError):
    """Log-in failed: bad_credentials, account_locked (details: until), account_disabled."""

    code = "bad_credentials"


class StorageError(FeverSentinelError):
    """The database or disk refused: network_share, disk_full, db_busy, db_unreachable, corrupt_backup..."""

    code = "storage"


class NotInitialized(FeverSentinelError):
    code = "not_initialized"
