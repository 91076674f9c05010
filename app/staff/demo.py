"""The demo clinic's key-post staff roster, through the real service (audited as the admin's own work): ten people
at the key posts, tested every three days over the last three weeks, the latest tests of various ages — in time,
due today, overdue — one positive and off duty, and the surface swabs of the last weeks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.clock import FixedClock
from app.db.engine import Database
from app.demo_actor import demo_actor
from app.staff.roster import RosterService
from app.staff.tables import StaffMember

#: (account or None, name for staff without a log-in, post, phone, days since the latest test, its result)
ROSTER = (
    ("nurse", "", "pre_triage", "13905150101", 0, "negative"),
    ("doctor", "", "fever_clinic", "13905150102", 1, "negative"),
    ("night", "", "fever_clinic", "13905150103", 3, "negative"),  # due today
    ("gate", "", "ward", "13905150104", 2, "negative"),
    (None, "刘芳", "observation", "13905150105", 1, "positive"),  # off duty: isolating, retest due
    (None, "周建国", "driver", "13905150106", 5, "negative"),  # overdue
    (None, "孙梅", "pre_triage", "13905150107", 0, "negative"),
    (None, "郑浩", "fever_clinic", "13905150108", 2, "negative"),
    (None, "何静", "ward", "13905150109", 3, "negative"),  # due today
    (None, "吴军", "driver", "13905150110", 4, "negative"),  # overdue
)
#: (days ago, place); every swab negative (a positive one would raise an alert the demo does not need)
SWABS = ((20, "发热门诊诊室门把手"), (17, "预检分诊台面"), (13, "留观室床栏"), (10, "发热门诊候诊椅"),
         (6, "转运车担架扶手"), (3, "发热门诊诊室门把手"), (1, "预检分诊台面"))
HISTORY_DAYS = 21




def _at(day: date, now: datetime, zone: ZoneInfo) -> FixedClock:
    """Recorded in the afternoon of the day sampled (today: a few minutes ago, never before the day began — a
    demo made just after midnight records today's tests today)."""
    return FixedClock(max(min(datetime.combine(day, time(15, 30), zone), now - timedelta(minutes=5)),
                          min(datetime.combine(day, time(0, 0), zone), now)))


def create_staff_demo(db: Database, now: datetime, timezone: str) -> int:
    """The roster and its tests, once (a demo that has a roster is left as it is); returns the people added."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(StaffMember)):
            return 0
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    admin = demo_actor(db, "admin", "demo-admin")
    first = today - timedelta(days=HISTORY_DAYS + 2)
    joining = RosterService(db, _at(first, now, zone))
    for username, name, post, phone, last, result in ROSTER:
        member = joining.add(admin, post=post, full_name=name, phone=phone, username=username)
        # every third day back from the latest test; all negative before it
        days = sorted(today - timedelta(days=last + 3 * k) for k in range(HISTORY_DAYS // 3 + 1))
        for day in days:
            outcome = result if day == today - timedelta(days=last) else "negative"
            RosterService(db, _at(day, now, zone)).record_test(admin, member.id, day, outcome)
    for ago, place in SWABS:
        day = today - timedelta(days=ago)
        RosterService(db, _at(day, now, zone)).record_swab(admin, day, place, "negative")
    return len(ROSTER)
