"""Vocabulary of desk keys and trust (app/desk_keys.py); words in app/vocabulary/clinic.py."""

from __future__ import annotations

from enum import StrEnum


class DeskKeyState(StrEnum):
    PENDING = "pending"
    ENROLLED = "enrolled"
    REVOKED = "revoked"


class DeskPurpose(StrEnum):
    PERMIT = "permit"
    TRANSFER = "transfer"  # transfer handover forms and receipts
    HUB = "hub"  # submissions to the county hub


class TrustPurpose(StrEnum):
    """What another clinic's key may verify here: its transfer forms and receipts, nothing else."""

    TRANSFER = "transfer"
