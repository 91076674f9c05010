"""A demo clinic with one account per role, so a newcomer can explore (documented in the README)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.actor import Actor
from app.clinic_info import ClinicLevel
from app.errors import Conflict

if TYPE_CHECKING:  # the log-in window shows the demo accounts without loading the services
    from app.services.clinic import ClinicService
    from app.services.users import UserService

DEMO_CLINIC_CODE = "DEMO01"
DEMO_CLINIC_NAME = "演示镇卫生院"
DEMO_PASSWORD = "demo-2026"
DEMO_CLINIC_MODE = "treat"  # ClinicMode.TREAT: 发热诊室


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    roles: tuple[str, ...]


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "王敏", ("admin",)),
    DemoUser("nurse", "李娜", ("triage_nurse",)),
    DemoUser("doctor", "张伟", ("doctor",)),
    DemoUser("gate", "赵强", ("gatekeeper",)),
    DemoUser("night", "陈静", ("triage_nurse", "doctor")),
)


def create_demo(clinic: ClinicService, users: UserService, actor: Actor) -> list[DemoUser]:
    """Initialise a demo clinic (or top up an existing demo one) with its accounts and several
    days of activity; returns the accounts created."""
    created: list[DemoUser] = []
    if not clinic.is_initialized():
        admin = DEMO_USERS[0]
        # a township centre that runs its own 发热诊室 (treat), so the demo shows the whole fever-clinic
        # workflow; explicit, since a township clinic's default is the sentinel room (refer)
        clinic.initialize(actor, code=DEMO_CLINIC_CODE, name=DEMO_CLINIC_NAME, level=ClinicLevel.TOWNSHIP.value,
                          admin_username=admin.username, admin_full_name=admin.full_name,
                          admin_password=DEMO_PASSWORD, is_demo=True, mode=DEMO_CLINIC_MODE)
        created.append(admin)
    elif not clinic.get().is_demo:
        raise Conflict("not_demo_clinic")
    existing = {u.username for u in users.list(actor)}
    for demo_user in DEMO_USERS:
        if demo_user.username in existing or demo_user in created:
            continue
        users.create(actor, username=demo_user.username, full_name=demo_user.full_name,
                     roles=demo_user.roles, password=DEMO_PASSWORD)
        created.append(demo_user)
    from app.triage.demo import create_triage_demo

    from app.casework.demo import create_casework_demo

    create_triage_demo(clinic.db, actor, clinic.clock.now(), clinic.get().timezone)
    create_casework_demo(clinic.db, clinic.clock.now())
    from app.transfer.demo import create_transfer_demo

    create_transfer_demo(clinic.db, clinic.keys, actor, clinic.clock.now())
    from app.wards.demo import create_ward_demo

    create_ward_demo(clinic.db, clinic.keys, actor, clinic.clock.now())
    from app.staff.demo import create_staff_demo
    from app.stock.demo import create_stock_demo

    create_staff_demo(clinic.db, clinic.clock.now(), clinic.get().timezone)
    create_stock_demo(clinic.db, clinic.clock.now(), clinic.get().timezone)
    return created



