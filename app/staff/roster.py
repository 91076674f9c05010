"""The key-post staff testing roster (重点岗位人员核酸检测) and the environmental surface swabs.

"发热门诊等重点岗位工作人员…每3天完成1次核酸检测": a test sampled on day d keeps a person in time through day
d + interval (``StaffFigures.test_interval_days``); that day the next one is due, the day after it is overdue.
A person added to the roster who has never been tested is due on the day they were added. A positive staff
test or surface swab raises an alert in the same transaction (逢阳必报). A person whose latest test is positive is
off duty (暂停岗位：按规定隔离并复检) until a later negative test: derived from the tests, never stored; the 3-day
clock does not run for them as an overdue test, the board shows their retest instead. Evidence and the board carry no full
name: the roster number and the post, and the board a masked name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.db.models import User
from app.errors import Conflict, NotFound, StaleEdit, ValidationError
from app.figures import load_figures
from app.permissions import Perm
from app.people import full_name, full_names
from app.reporting.alerts import AlertKind, raise_now
from app.services.base import Service, authorize
from app.services.users import check_full_name
from app.staff.figures import StaffFigures
from app.staff.tables import EnvSwab, StaffMember, StaffTest
from app.staff.vocab import RosterState, SampleResult, StaffClock, StaffPost
from app.text_rules import check_text
from app.triage.common import clinic_row
from app.triage.identity import normalise_phone

PLACE_MAX = 100


def due_on(last_test: date | None, added_on: date, interval_days: int) -> date:
    """The last day the next test is in time: ``interval_days`` after the last one, and never before the day
    the person joined the roster (a newcomer, tested or not, has that day)."""
    if last_test is None:
        return added_on
    return max(last_test + timedelta(days=interval_days), added_on)


def state_on(day: date, due: date, last_result: str | None = None) -> RosterState:
    """Off duty while the latest test is positive, whatever the day; else where the day stands against ``due``."""
    if last_result == SampleResult.POSITIVE:
        return RosterState.OFF_DUTY
    if day > due:
        return RosterState.OVERDUE
    return RosterState.DUE_TODAY if day == due else RosterState.IN_TIME


@dataclass(frozen=True)
class StaffRow:
    id: int
    full_name: str
    post: str  # StaffPost
    phone: str
    username: str | None  # the account, when the person has one
    active: bool
    added_on: date
    last_test_on: date | None
    last_result: str | None  # SampleResult
    due_on: date
    state: str  # RosterState, on the day it was read
    version: int


@dataclass(frozen=True)
class StaffTestRecord:
    id: int
    staff_id: int
    sampled_on: date
    result: str
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class SwabRecord:
    id: int
    sampled_on: date
    place: str
    result: str
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class StaffClockRow:
    """An active person's next test as a clock: warned from the start of the due day, overdue after it; or, off
    duty, the retest (``StaffClock.STAFF_RETEST``): warned from the positive test's day, due at the end of the
    retest day or of today, whichever is later — shown, never overdue."""

    kind: str  # StaffClock
    staff_id: int
    full_name: str
    post: str
    started_at: datetime
    warn_at: datetime
    due_at: datetime


def _last_tests(s: Session) -> dict[int, tuple[date, str]]:
    """Each person's latest test: (day, result). The roster's present state: one row a person."""
    by_day = (select(StaffTest.staff_id, func.max(StaffTest.clinic_day).label("day"))
              .group_by(StaffTest.staff_id).subquery())
    # ordered by id: of two tests on the latest day, the one recorded last stands
    rows = s.execute(select(StaffTest.staff_id, StaffTest.clinic_day, StaffTest.result, StaffTest.id)
                     .join(by_day, (by_day.c.staff_id == StaffTest.staff_id) & (by_day.c.day == StaffTest.clinic_day))
                     .order_by(StaffTest.id)).all()
    return {staff_id: (day, result) for staff_id, day, result, _id in rows}


def interval_days(s: Session) -> int:
    return load_figures(s, StaffFigures)[0].test_interval_days


def _rows(s: Session, day: date) -> list[StaffRow]:
    interval = interval_days(s)
    last = _last_tests(s)
    found = s.execute(select(StaffMember, User.username).outerjoin(User, User.id == StaffMember.user_id)
                      .order_by(StaffMember.id)).all()
    out = []
    for m, username in found:
        test = last.get(m.id)
        due = due_on(test[0] if test else None, m.added_on, interval)
        out.append(StaffRow(m.id, m.full_name, m.post, m.phone, username, m.active, m.added_on,
                            test[0] if test else None, test[1] if test else None, due,
                            state_on(day, due, test[1] if test else None).value, m.version))
    return out


def standing_on(s: Session, day: date) -> tuple[int, int]:
    """Active staff on the roster on ``day``: (overdue, off duty). Overdue: on the roster before the day, no test
    in the interval's days up to it (``due_on``: day > due ⇔ day > added_on and no test on day - interval … day),
    and not off duty. Off duty: the latest test up to the day is positive. Reads the tests of those days; only
    for a person not tested in them, that person's latest test before."""
    interval = interval_days(s)
    first = day - timedelta(days=interval)
    latest: dict[int, tuple[date, int, str]] = {}
    for staff_id, sampled, result, test_id in s.execute(
            select(StaffTest.staff_id, StaffTest.clinic_day, StaffTest.result, StaffTest.id)
            .where(StaffTest.clinic_day >= first, StaffTest.clinic_day <= day)):
        if staff_id not in latest or (sampled, test_id) > latest[staff_id][:2]:
            latest[staff_id] = (sampled, test_id, result)
    overdue = off_duty = 0
    for member_id, added_on in s.execute(select(StaffMember.id, StaffMember.added_on)
                                         .where(StaffMember.active.is_(True), StaffMember.added_on <= day)):
        if member_id in latest:
            off_duty += latest[member_id][2] == SampleResult.POSITIVE
        elif added_on < day:
            before = s.scalar(select(StaffTest.result).where(StaffTest.staff_id == member_id,
                                                             StaffTest.clinic_day < first)
                              .order_by(StaffTest.clinic_day.desc(), StaffTest.id.desc()).limit(1))
            if before == SampleResult.POSITIVE:
                off_duty += 1
            else:
                overdue += 1
    return overdue, off_duty


def day_counts(s: Session, day: date) -> dict[str, int]:
    """The daily report's rows: people tested that day, their positives, the overdue, the off duty, the swabs."""
    tested, positive = s.execute(
        select(func.count(func.distinct(StaffTest.staff_id)),
               func.count(func.distinct(StaffTest.staff_id)).filter(StaffTest.result == SampleResult.POSITIVE.value))
        .where(StaffTest.clinic_day == day)).one()
    swabs, swabs_positive = s.execute(
        select(func.count(), func.count().filter(EnvSwab.result == SampleResult.POSITIVE.value))
        .where(EnvSwab.clinic_day == day)).one()
    overdue, off_duty = standing_on(s, day)
    return {"staff_tested": int(tested), "staff_positive": int(positive), "staff_overdue": overdue,
            "staff_off_duty": off_duty, "swabs_taken": int(swabs), "swabs_positive": int(swabs_positive)}


def _start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone)


def staff_clocks(s: Session, now: datetime) -> list[StaffClockRow]:
    """The clocks of active staff whose next test is due today or overdue (warned or late), and of those off duty
    (their retest), most urgent first."""
    zone = ZoneInfo(clinic_row(s).timezone)
    today = now.astimezone(zone).date()
    out = []
    for r in _rows(s, today):
        if not r.active or r.state == RosterState.IN_TIME:
            continue
        if r.state == RosterState.OFF_DUTY:
            positive = r.last_test_on or r.added_on
            out.append(StaffClockRow(StaffClock.STAFF_RETEST.value, r.id, r.full_name, r.post, _start(positive, zone),
                                     _start(positive, zone), _start(max(r.due_on, today) + timedelta(days=1), zone)))
            continue
        started = r.last_test_on or r.added_on
        out.append(StaffClockRow(StaffClock.STAFF_TEST.value, r.id, r.full_name, r.post, _start(started, zone),
                                 _start(r.due_on, zone), _start(r.due_on + timedelta(days=1), zone)))
    return sorted(out, key=lambda c: (c.due_at, c.staff_id))


def _check_result(result: str) -> str:
    if result not in SampleResult._value2member_map_:
        raise ValidationError("sample_result", field="result")
    return result


class RosterService(Service):
    """Admin (Perm.STAFF_TESTING): the roster, its tests and the environmental swabs, each write audited."""

    def _today(self, s: Session) -> date:
        return self.clock.now().astimezone(ZoneInfo(clinic_row(s).timezone)).date()

    def roster(self, actor: Actor) -> list[StaffRow]:
        """Everyone on the roster, the active first, the off duty first of them, then the most urgent."""
        with self.db.read() as s:
            authorize(s, actor, Perm.STAFF_TESTING)
            rows = _rows(s, self._today(s))
        return sorted(rows, key=lambda r: (not r.active, r.state != RosterState.OFF_DUTY, r.due_on, r.id))

    def overdue(self, actor: Actor) -> list[StaffRow]:
        """The admin's list: active staff overdue today, or due today, most overdue first (not the off duty)."""
        return [r for r in self.roster(actor)
                if r.active and r.state in (RosterState.OVERDUE, RosterState.DUE_TODAY)]

    def add(self, actor: Actor, *, post: str, full_name: str = "", phone: str = "",
            username: str | None = None) -> StaffRow:
        """A person joins the roster: an account (``username``; their name from it unless given) or staff
        without a log-in (a name). An account is on the roster once."""
        if post not in StaffPost._value2member_map_:
            raise ValidationError("staff_post", field="post")
        phone = normalise_phone(check_text(phone, "phone") or "") or ""
        with self.audited_write(actor, "staff.add", "staff", Perm.STAFF_TESTING) as op:
            s = op.session
            user_id = None
            if username:
                user = s.scalar(select(User).where(User.username == username))
                if user is None:
                    raise NotFound(entity="user", key=username)
                if s.scalar(select(StaffMember.id).where(StaffMember.user_id == user.id)) is not None:
                    raise Conflict("staff_on_roster", name=user.full_name)
                user_id, full_name = user.id, full_name or user.full_name
            name = check_full_name(full_name)
            member = StaffMember(user_id=user_id, full_name=name, post=post, phone=phone, active=True,
                                 added_on=self._today(s))
            s.add(member)
            s.flush()
            op.entity_id = member.id
            op.summary = {"post": post, "account": username or None}
            return next(r for r in _rows(s, self._today(s)) if r.id == member.id)

    def update(self, actor: Actor, staff_id: int, expected_version: int, *, post: str, phone: str,
               active: bool) -> StaffRow:
        """Another post, a new phone, or off the roster (``active`` False: not counted, no clock)."""
        if post not in StaffPost._value2member_map_:
            raise ValidationError("staff_post", field="post")
        phone = normalise_phone(check_text(phone, "phone") or "") or ""
        with self.audited_write(actor, "staff.update", "staff", Perm.STAFF_TESTING, staff_id) as op:
            s = op.session
            member = s.get(StaffMember, staff_id)
            if member is None:
                raise NotFound(entity="staff", id=staff_id)
            if member.version != expected_version:
                raise StaleEdit(entity="staff")
            op.summary = {"post": [member.post, post], "active": [member.active, active],
                          "phone_changed": member.phone != phone}
            member.post, member.phone, member.active = post, phone, active
            s.flush()
            return next(r for r in _rows(s, self._today(s)) if r.id == member.id)

    def record_test(self, actor: Actor, staff_id: int, sampled_on: date, result: str) -> StaffTestRecord:
        """A staff member's test: the day sampled (not in the future) and its result. A positive one raises an
        alert at once (evidence: the roster number and the post, no name)."""
        _check_result(result)
        with self.audited_write(actor, "staff.test", "staff", Perm.STAFF_TESTING, staff_id) as op:
            s = op.session
            now = self.clock.now()
            today = self._today(s)
            if sampled_on > today:
                raise ValidationError("sampled_in_future", field="sampled_on")
            member = s.get(StaffMember, staff_id)
            if member is None:
                raise NotFound(entity="staff", id=staff_id)
            row = StaffTest(staff_id=staff_id, clinic_day=sampled_on, result=result, recorded_at=now,
                            recorded_by=actor.username)
            s.add(row)
            s.flush()
            op.summary = {"test_id": row.id, "sampled_on": sampled_on.isoformat(), "result": result}
            if result == SampleResult.POSITIVE:
                raise_now(s, AlertKind.STAFF_POSITIVE, f"staff_test:{row.id}", today,
                          {"staff_no": staff_id, "post": member.post, "sampled_on": sampled_on.isoformat()}, now)
            return StaffTestRecord(row.id, staff_id, sampled_on, result, now, actor.username)

    def tests(self, actor: Actor, staff_id: int) -> list[StaffTestRecord]:
        """One person's tests, newest first."""
        with self.db.read() as s:
            authorize(s, actor, Perm.STAFF_TESTING)
            rows = s.scalars(select(StaffTest).where(StaffTest.staff_id == staff_id)
                             .order_by(StaffTest.clinic_day.desc(), StaffTest.id.desc())).all()
            return [StaffTestRecord(t.id, t.staff_id, t.clinic_day, t.result, t.recorded_at, t.recorded_by)
                    for t in rows]

    def record_swab(self, actor: Actor, sampled_on: date, place: str, result: str) -> SwabRecord:
        """An environmental surface swab (where, which day, its result); a positive one raises an alert at once."""
        _check_result(result)
        place = " ".join((check_text(place, "place") or "").split())
        if not 1 <= len(place) <= PLACE_MAX:
            raise ValidationError("swab_place", field="place", maximum=PLACE_MAX)
        with self.audited_write(actor, "swab.record", "env_swab", Perm.STAFF_TESTING) as op:
            s = op.session
            now = self.clock.now()
            today = self._today(s)
            if sampled_on > today:
                raise ValidationError("sampled_in_future", field="sampled_on")
            row = EnvSwab(clinic_day=sampled_on, place=place, result=result, recorded_at=now,
                          recorded_by=actor.username)
            s.add(row)
            s.flush()
            op.entity_id = row.id
            op.summary = {"sampled_on": sampled_on.isoformat(), "place": place, "result": result}
            if result == SampleResult.POSITIVE:
                raise_now(s, AlertKind.SWAB_POSITIVE, f"env_swab:{row.id}", today,
                          {"swab_no": row.id, "place": place, "sampled_on": sampled_on.isoformat()}, now)
            return SwabRecord(row.id, sampled_on, place, result, now, full_name(s, actor.username))

    def swabs(self, actor: Actor, since: date) -> list[SwabRecord]:
        """The swabs sampled since ``since``, newest first."""
        with self.db.read() as s:
            authorize(s, actor, Perm.STAFF_TESTING)
            rows = s.scalars(select(EnvSwab).where(EnvSwab.clinic_day >= since)
                             .order_by(EnvSwab.clinic_day.desc(), EnvSwab.id.desc())).all()
            names = full_names(s, [w.recorded_by for w in rows])  # a person is named by their real name
            return [SwabRecord(w.id, w.clinic_day, w.place, w.result, w.recorded_at,
                               names.get(w.recorded_by) or w.recorded_by) for w in rows]
