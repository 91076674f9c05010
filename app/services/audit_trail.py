"""Reading and verifying the responsibility trail (locally, and against the county hub's anchors)."""

from __future__ import annotations

from app import audit
from app.actor import Actor
from app.permissions import Perm
from app.services.base import Service, authorize


class AuditService(Service):
    def count(self, actor: Actor) -> int:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_AUDIT)
            return audit.count(s)

    def page(self, actor: Actor, *, offset: int, limit: int) -> list[audit.AuditEntry]:
        """Newest first, one page at a time (the UI loads lazily)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_AUDIT)
            return audit.page(s, offset=offset, limit=limit)

    def verify(self, actor: Actor) -> audit.ChainReport:
        """The hash chain and every business row whose latest audit row carries a digest."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_AUDIT)
            return audit.verify_all(s)
