"""Wires a workstation's services together. Built once by the CLI or GUI and passed down explicitly."""

from __future__ import annotations

from dataclasses import dataclass

from app.casework.case_service import CaseService
from app.casework.clocks import DeadlineService
from app.casework.timeline import TimelineService
from app.clock import Clock, SystemClock
from app.db import migrate
from app.db.engine import Database
from app.keys import KeyStore
from app.passwords import PRODUCTION, Argon2Params, Passwords
from app.paths import DataPaths, resolve_db_url
from app.services.backup import BackupService
from app.reporting.alerts import AlertService
from app.reporting.daily import ReportService
from app.reporting.sync import SyncService
from app.services.audit_trail import AuditService
from app.services.clinic import ClinicService
from app.services.users import UserService
from app.settings import SettingsStore
from app.transfer.service import TransferService
from app.triage.config_service import TriageConfigService
from app.wards.gate import GateService
from app.wards.permit_service import PermitService
from app.wards.ward_service import WardService
from app.triage.handoff_service import HandoffService
from app.triage.lists import ListService
from app.triage.paper_import import PaperImportService
from app.triage.pharmacy_service import PharmacyService
from app.triage.registration_service import RegistrationService
from app.triage.screening_service import ScreeningService


@dataclass
class AppContext:
    paths: DataPaths
    db: Database
    clock: Clock
    settings: SettingsStore
    clinic: ClinicService
    users: UserService
    audit: AuditService
    backup: BackupService
    triage_config: TriageConfigService
    screening: ScreeningService
    registration: RegistrationService
    handoffs: HandoffService
    pharmacy: PharmacyService
    lists: ListService
    paper_import: PaperImportService
    cases: CaseService
    deadlines: DeadlineService
    timelines: TimelineService
    transfers: TransferService
    wards: WardService
    permits: PermitService
    gate: GateService
    reports: ReportService
    alerts: AlertService
    sync: SyncService

    def close(self) -> None:
        self.db.dispose()


def open_context(
    paths: DataPaths, db_url: str | None = None, *, clock: Clock | None = None,
    argon2: Argon2Params = PRODUCTION, run_migrations: bool = True,
) -> AppContext:
    """Open the database (migrating it to head) and build every service on it."""
    paths.ensure()
    db = Database(resolve_db_url(paths, db_url))
    if run_migrations:
        migrate.upgrade(db)
    clock = clock or SystemClock()
    passwords = Passwords(argon2)
    return AppContext(
        paths=paths,
        db=db,
        clock=clock,
        settings=SettingsStore(paths.settings),
        clinic=ClinicService(db, clock, passwords, KeyStore(paths.keys)),
        users=UserService(db, clock, passwords),
        audit=AuditService(db, clock),
        backup=BackupService(db, clock),
        triage_config=TriageConfigService(db, clock),
        screening=ScreeningService(db, clock),
        registration=RegistrationService(db, clock),
        handoffs=HandoffService(db, clock),
        pharmacy=PharmacyService(db, clock),
        lists=ListService(db, clock),
        paper_import=PaperImportService(db, clock),
        cases=CaseService(db, clock),
        deadlines=DeadlineService(db, clock),
        timelines=TimelineService(db, clock),
        transfers=TransferService(db, clock, KeyStore(paths.keys)),
        wards=WardService(db, clock),
        permits=PermitService(db, clock, KeyStore(paths.keys)),
        gate=GateService(db, clock),
        reports=ReportService(db, clock),
        alerts=AlertService(db, clock),
        sync=SyncService(db, clock, KeyStore(paths.keys)),
    )
