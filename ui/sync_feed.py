"""The county hub link for the whole window, on every desk whoever is logged in (a nurse, a doctor, the
gate as much as an admin). Every ~60 s, through the runner, as the system on this workstation
(app.reporting.automatic — allowed exactly these two things): submit (marked automatic) every past
day's report not in by the set time the next day (clinic time; 09:00 unless changed on the report page
or with `fever-sentinel report auto-submit-at`), then — when a hub address is set — push what is due
(not forced: entries backing off wait their turn), then read the outbox status. So reports go out
whenever the hub is reachable, whoever is at the desks; the status bar (shown to whoever may submit
reports) shows
online / offline / not set (or a hub certificate this computer does not trust: someone must act),
the last successful delivery and what is still queued. "Sync now"
forces a push and then pulls the county's lists: that stays the logged-in person's act, refused by the
services to anyone without the right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject

from app.errors import FeverSentinelError
from app.reporting.automatic import automatic_actor
from app.reporting.sync import SyncStatus
from ui.poller import Poller
from ui.session import Session
from ui.widgets import palette

POLL_MS = 60_000
translate = QCoreApplication.translate  # lupdate extracts every literal translate("Sync", ...) call


@dataclass(frozen=True)
class SyncSnapshot:
    status: SyncStatus
    auto_submitted: int
    polled_at: datetime
    error: BaseException | None = None  # the push's or pull's typed error, if any


class SyncFeed(Poller):
    snapshot: SyncSnapshot | None
    watches_marker = False  # delivery and the day's deadline move with no audited write: every tick works

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)
        self._force_next = False

    def sync_now(self) -> None:
        """Forced push of everything queued, then pull the county's lists, then the status."""
        if not self.busy:
            self._force_next = True
            self.poll()

    def reader(self) -> Callable[[], SyncSnapshot]:
        """Automatic submission and a push when a hub is set, as the system on this workstation; for
        "sync now" a forced push and the county's lists, as the logged-in person; then the status."""
        force, self._force_next = self._force_next, False
        ctx, actor = self.session.ctx, self.session.actor
        reports, sync, clock = ctx.reports, ctx.sync, ctx.clock
        system = automatic_actor(actor.workstation)

        def work() -> SyncSnapshot:
            submitted = len(reports.auto_submit_due(system))
            error: BaseException | None = None
            if sync.hub_url() or force:
                try:
                    if force:
                        sync.push(actor, force=True)
                        sync.pull(actor)
                    else:
                        sync.push(system)
                except FeverSentinelError as exc:
                    error = exc
            return SyncSnapshot(sync.status(), submitted, clock.now(), error)

        return work


def sync_status_text(snapshot: SyncSnapshot | None, zone: ZoneInfo) -> tuple[str, str]:
    """(text, style) for the status bar: 县平台 online / offline / not set, last sync, queued."""
    if snapshot is None:
        return translate("Sync", "County hub: …"), ""
    status = snapshot.status
    if not status.hub_url:
        state, style = translate("Sync", "not set"), f"color: {palette.MUTED};"
    elif isinstance(snapshot.error, FeverSentinelError) and snapshot.error.code == "hub_certificate":
        state, style = translate("Sync", "certificate problem"), f"color: {palette.DANGER}; font-weight: bold;"
    elif isinstance(snapshot.error, FeverSentinelError) and snapshot.error.code == "hub_list_invalid":
        # reached, but a county list was refused whole (nothing applied): the report page says which
        state, style = translate("Sync", "county list refused"), f"color: {palette.DANGER}; font-weight: bold;"
    elif status.online is False:
        state, style = translate("Sync", "offline"), f"color: {palette.DANGER}; font-weight: bold;"
    elif status.online:
        state, style = translate("Sync", "online"), f"color: {palette.OK};"
    else:
        state, style = translate("Sync", "not tried yet"), f"color: {palette.MUTED};"
    parts = [translate("Sync", "County hub: {state}").format(state=state)]
    if status.last_success is not None:
        parts.append(translate("Sync", "last sync {time}").format(
            time=status.last_success.astimezone(zone).strftime("%m-%d %H:%M")))
    parts.append(translate("Sync", "{count} queued").format(count=status.pending))
    if status.needs_admin:
        parts.append(translate("Sync", "{count} need attention").format(count=status.needs_admin))
        style = f"color: {palette.DANGER}; font-weight: bold;"
    return translate("Sync", " · ").join(parts), style
