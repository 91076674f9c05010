"""Wires a workstation's services together. Built once by the CLI or GUI and passed down explicitly.

Services are made on first use, each importing its own module then: the log-in window needs only
users and clinic, so the rest (ReportLab, COSE, the HTTP client...) loads after log-in, not before.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from app.clock import Clock, SystemClock
from app.db import migrate
from app.db.engine import Database
from app.keys import KeyStore
from app.passwords import PRODUCTION, Argon2Params, Passwords
from app.paths import DataPaths, resolve_db_url
from app.settings import SettingsStore

if TYPE_CHECKING:
    from app.desk_keys import DeskKeyService
    from app.access_log import AccessLogService
    from app.casework.case_service import CaseService
    from app.casework.exceptions import CaseExceptionService
    from app.casework.observation import ObservationService
    from app.casework.reassign import CaseReassignService
    from app.casework.untaken import UntakenService
    from app.casework.queue import QueueService
    from app.casework.clocks import DeadlineService
    from app.casework.timeline import TimelineService
    from app.figures import FiguresService
    from app.guideline_rules import GuidelineRulesService
    from app.reporting.alerts import AlertService
    from app.reporting.daily import ReportService
    from app.reporting.sync import SyncService
    from app.services.audit_trail import AuditService
    from app.services.backup import BackupService
    from app.services.clinic import ClinicService
    from app.services.users import UserService
    from app.staff.roster import RosterService
    from app.stock.service import StockService
    from app.transfer.service import TransferService
    from app.triage.config_service import TriageConfigService
    from app.triage.handoff_service import HandoffService
    from app.triage.lists import ListService
    from app.triage.paper_import import PaperImportService
    from app.triage.pharmacy_service import PharmacyService
    from app.triage.registration_service import RegistrationService
    from app.triage.screening_service import ScreeningService
    from app.wards.gate import GateService
    from app.wards.permit_service import PermitService
    from app.wards.ward_service import WardService


class AppContext:
    """One workstation's database, clock, settings and services (no global: passed explicitly)."""

    def __init__(self, paths: DataPaths, db: Database, clock: Clock, passwords: Passwords,
                 settings: SettingsStore | None = None) -> None:
        self.paths, self.db, self.clock, self.passwords = paths, db, clock, passwords
        self.settings = settings if settings is not None else SettingsStore(paths.settings)
        self.keys = KeyStore(paths.keys)

    def close(self) -> None:
        self.db.dispose()

    @cached_property
    def clinic(self) -> ClinicService:
        from app.services.clinic import ClinicService

        return ClinicService(self.db, self.clock, self.passwords, self.keys)

    @cached_property
    def desk_keys(self) -> DeskKeyService:
        from app.desk_keys import DeskKeyService

        return DeskKeyService(self.db, self.clock, self.keys)

    @cached_property
    def users(self) -> UserService:
        from app.services.users import UserService

        return UserService(self.db, self.clock, self.passwords)

    @cached_property
    def audit(self) -> AuditService:
        from app.services.audit_trail import AuditService

        return AuditService(self.db, self.clock)

    @cached_property
    def backup(self) -> BackupService:
        from app.services.backup import BackupService

        return BackupService(self.db, self.clock, self.keys)

    @cached_property
    def triage_config(self) -> TriageConfigService:
        from app.triage.config_service import TriageConfigService

        return TriageConfigService(self.db, self.clock)

    @cached_property
    def screening(self) -> ScreeningService:
        from app.triage.screening_service import ScreeningService

        return ScreeningService(self.db, self.clock)

    @cached_property
    def registration(self) -> RegistrationService:
        from app.triage.registration_service import RegistrationService

        return RegistrationService(self.db, self.clock)

    @cached_property
    def handoffs(self) -> HandoffService:
        from app.triage.handoff_service import HandoffService

        return HandoffService(self.db, self.clock)

    @cached_property
    def pharmacy(self) -> PharmacyService:
        from app.triage.pharmacy_service import PharmacyService

        return PharmacyService(self.db, self.clock)

    @cached_property
    def lists(self) -> ListService:
        from app.triage.lists import ListService

        return ListService(self.db, self.clock)

    @cached_property
    def paper_import(self) -> PaperImportService:
        from app.triage.paper_import import PaperImportService

        return PaperImportService(self.db, self.clock)

    @cached_property
    def cases(self) -> CaseService:
        from app.casework.case_service import CaseService

        return CaseService(self.db, self.clock)

    @cached_property
    def observation(self) -> ObservationService:
        from app.casework.observation import ObservationService

        return ObservationService(self.db, self.clock)

    @cached_property
    def case_exceptions(self) -> CaseExceptionService:
        from app.casework.exceptions import CaseExceptionService

        return CaseExceptionService(self.db, self.clock)

    @cached_property
    def reassign(self) -> CaseReassignService:
        from app.casework.reassign import CaseReassignService

        return CaseReassignService(self.db, self.clock)

    @cached_property
    def queue(self) -> QueueService:
        from app.casework.queue import QueueService

        return QueueService(self.db, self.clock)

    @cached_property
    def untaken(self) -> UntakenService:
        from app.casework.untaken import UntakenService

        return UntakenService(self.db, self.clock)

    @cached_property
    def figures(self) -> FiguresService:
        from app.figures import FiguresService

        return FiguresService(self.db, self.clock)

    @cached_property
    def guideline_rules(self) -> GuidelineRulesService:
        from app.guideline_rules import GuidelineRulesService

        return GuidelineRulesService(self.db, self.clock)

    @cached_property
    def deadlines(self) -> DeadlineService:
        from app.casework.clocks import DeadlineService

        return DeadlineService(self.db, self.clock)

    @cached_property
    def access(self) -> AccessLogService:
        """Records prints and PDF saves of forms with personal data (app/access_log.py)."""
        from app.access_log import AccessLogService

        return AccessLogService(self.db, self.clock)

    @cached_property
    def timelines(self) -> TimelineService:
        from app.casework.timeline import TimelineService

        return TimelineService(self.db, self.clock)

    @cached_property
    def transfers(self) -> TransferService:
        from app.transfer.service import TransferService

        return TransferService(self.db, self.clock, self.keys)

    @cached_property
    def wards(self) -> WardService:
        from app.wards.ward_service import WardService

        return WardService(self.db, self.clock)

    @cached_property
    def permits(self) -> PermitService:
        from app.wards.permit_service import PermitService

        return PermitService(self.db, self.clock, self.keys)

    @cached_property
    def gate(self) -> GateService:
        from app.wards.gate import GateService

        return GateService(self.db, self.clock)

    @cached_property
    def reports(self) -> ReportService:
        from app.reporting.daily import ReportService

        return ReportService(self.db, self.clock)

    @cached_property
    def alerts(self) -> AlertService:
        from app.reporting.alerts import AlertService

        return AlertService(self.db, self.clock)

    @cached_property
    def roster(self) -> RosterService:
        """Key-post staff testing and environmental swabs (issue 18)."""
        from app.staff.roster import RosterService

        return RosterService(self.db, self.clock)

    @cached_property
    def stock(self) -> StockService:
        """The stockpile (issue 18)."""
        from app.stock.service import StockService

        return StockService(self.db, self.clock)

    @cached_property
    def sync(self) -> SyncService:
        from app.reporting.sync import SyncService

        return SyncService(self.db, self.clock, self.keys)


def open_context(
    paths: DataPaths, db_url: str | None = None, *, clock: Clock | None = None,
    argon2: Argon2Params = PRODUCTION, run_migrations: bool = True, settings: SettingsStore | None = None,
    must_exist: bool = False,
) -> AppContext:
    """Open the database (migrating it to head) and return the workstation's context.

    ``settings``: the store the GUI already reads (language, workstation name) before the database is open,
    so one store, not two, writes the settings file.
    ``must_exist``: refuse (``not_initialized``) a data directory or database without a clinic, before
    anything is created there (app/data_dir.py; every command but init/demo)."""
    url = resolve_db_url(paths, db_url)
    if must_exist:
        from app.data_dir import require_clinic

        require_clinic(url, paths.root)
    paths.ensure()
    db = Database(url)
    if run_migrations:
        migrate.upgrade_if_needed(db)
    return AppContext(paths, db, clock or SystemClock(), Passwords(argon2), settings)
