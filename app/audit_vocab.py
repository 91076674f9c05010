"""How an audited action ended. Apart from ``app.audit`` so the words for it (paper, screen, CLI) can be
imported without the database layer: the CLI's help is built at every start of the desktop app."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    SUCCESS = "success"
    DENIED = "denied"
    FAILED = "failed"
