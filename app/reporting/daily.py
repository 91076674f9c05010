"""The daily report (日报告) and zero report (零报告): counts only — never a name, ID number or
address — for one clinic day, with the audit chain head so the county holds an anchor of the
responsibility trail. A submitted report is immutable; a correction is a new version.

"病例零报告、日报告": a report is due every day. A day is a zero report when it brought no new
suspected, confirmed or asymptomatic case and no positive nucleic-acid or antigen result, whatever
else happened (screenings, purchases, permits...); the report still carries all its other counts.
Classification counts come from the day's classification events (``CaseClassification``), not
from the cases' state when the report is made."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, and_, bindparam, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.exc import StaleDataError

from app import __version__
from app.actor import Actor
from app.casework.tables import Case, CaseClassification, Clock, LabTest, RuleException
from app.casework.vocab import POSITIVE_KINDS, REPORTABLE, Classification, Disposition, TestResult
from app.db.models import AuditHead, Clinic, ClinicSetting
from app.errors import Conflict, NotFound, ValidationError
from app.people import full_name
from app.permissions import Perm
from app.reporting.alert_tables import Alert
from app.reporting.alerts import AlertKind
from app.reporting.automatic import authorize_automatic, refuse_automatic
from app.reporting.deadline import AUTO_SUBMIT_AT
from app.reporting.tables import DailyReport, OutboxEntry
from app.services.base import Service, authorize
from app.staff.roster import day_counts as staff_day_counts
from app.stock.service import Lowest
from app.stock.service import day_counts as stock_day_counts
from app.stock.vocab import DEFAULT_ITEMS
from app.transfer.tables import Transfer
from app.transfer.vocab import TransferClock
from app.triage.common import clinic_row
from app.triage.tables import Handoff, PharmacyPurchase, Screening, Visit
from app.triage.vocab import DrugCategory, SaleOutcome
from app.wards.tables import GateEvent, Permit, PermitException

AUTO_SUBMIT_KEY = "report.auto_submit_at"
#: The last clinic day up to which every day has a report (ISO date): where the automatic submission
#: starts walking. A cache of what daily_reports says, written by whichever desk settles a day.
AUTO_SETTLED_KEY = "report.auto_settled_through"
#: The counts a zero report must have at 0 (any other count may be anything).
ZERO_REPORT_KEYS = ("new_cases", "positive_nat_antigen")
#: The drug categories the monitoring asks for ("一退两抗" and cough medicine): always counted, zero or not.
DRUG_CATEGORIES = tuple(c.value for c in DrugCategory)


#: ``stock_lowest_item``: the lowest-cover item as a number every reader can name without the clinic's database —
#: the default item's place in DEFAULT_ITEMS from 1, or 0 for an item the clinic added (its name travels beside).
DEFAULT_ITEM_NUMBER = {code: n for n, (code, _unit) in enumerate(DEFAULT_ITEMS, start=1)}


def lowest_item_number(lowest: Lowest) -> int:
    return DEFAULT_ITEM_NUMBER.get(lowest.code or "", 0)


def is_zero_report(counts: dict[str, int]) -> bool:
    """零报告: no new suspected/confirmed/asymptomatic case and no positive result that day."""
    return not any(counts.get(key, 0) for key in ZERO_REPORT_KEYS)


@dataclass(frozen=True)
class ReportDraft:
    clinic_code: str
    day: date
    counts: dict[str, int]
    audit_seq: int
    audit_hash: str
    lowest_cover: Lowest | None = None  # the item with the fewest days of cover as the day ended (issue 18)

    @property
    def zero_report(self) -> bool:
        return is_zero_report(self.counts)


@dataclass(frozen=True)
class SubmittedReport:
    id: int
    day: date
    version: int
    supersedes: int | None
    zero_report: bool
    automatic: bool
    counts: dict[str, int]
    audit_seq: int
    audit_hash: str
    submitted_at: datetime
    submitted_by: str
    note: str
    submitted_by_name: str = ""  # the submitter's full name, for the paper's 填报人 (issue 15)


class _AlreadySubmitted(Exception):
    """Another desk submitted the day a moment ago: nothing to do, nothing to audit (not a typed error,
    so ``audited_write`` rolls back without a failure row)."""


def _record(r: DailyReport) -> SubmittedReport:
    s = object_session(r)
    name = full_name(s, r.submitted_by) if s is not None else r.submitted_by
    return SubmittedReport(r.id, r.clinic_day, r.version, r.supersedes, r.zero_report, r.automatic,
                           json.loads(r.counts), r.audit_seq, r.audit_hash, r.submitted_at, r.submitted_by, r.note,
                           name)


def _count(table: Any, *conditions: Any) -> Any:
    return select(func.count()).select_from(table).where(*conditions)


def _count_each(within: Any, *conditions: Any) -> list[Any]:
    """How many rows of one index range (``within``: the day on a time column) meet each condition. The
    conditions are read row by row inside the range: as a WHERE term, an equality on an indexed state column
    draws SQLite's planner (no statistics) onto that column's index, i.e. every row ever in that state."""
    return [select(func.count(case((c, 1)))).where(within) for c in conditions]


def _count_cases(*conditions: Any) -> Any:
    """Cases (not events) with a classification event matching the conditions."""
    return select(func.count(func.distinct(CaseClassification.case_id))).where(*conditions)


def _day_counts() -> Any:
    """Every fixed count of a day as one statement of scalar sub-selects, built once (building the forty-odd
    statements at each report cost more than running them, and on a server each was a round trip). Parameters:
    ``day`` (the clinic day), ``lo``/``hi`` (its bounds in time) and ``now``; the labels are the counts' keys,
    and those starting with "_" are parts ``compute_counts`` adds up."""
    day: BindParameter[Any] = bindparam("day")
    lo: BindParameter[Any] = bindparam("lo")
    hi: BindParameter[Any] = bindparam("hi")
    now: BindParameter[Any] = bindparam("now")
    during = lambda col: and_(col >= lo, col < hi)  # noqa: E731
    reportable = tuple(cls.value for cls in REPORTABLE)
    positive = LabTest.result == TestResult.POSITIVE.value
    missed = or_(Clock.met_at > Clock.due_at, and_(Clock.met_at.is_(None), Clock.due_at < now))
    q: dict[str, Any] = {"fever_registered": _count(Visit, Visit.clinic_day == day),
                         "new_cases": _count_cases(during(CaseClassification.at),
                                                   CaseClassification.after.in_(reportable),
                                                   CaseClassification.before.not_in(reportable))}
    for cls in (Classification.SUSPECTED, Classification.CONFIRMED, Classification.ASYMPTOMATIC,
                Classification.EXCLUDED):
        q[f"classified_{cls.value}"] = _count_cases(during(CaseClassification.at),
                                                    CaseClassification.after == cls.value)
    q["tests_ordered"] = _count(LabTest, during(LabTest.ordered_at))
    q["tests_resulted"] = _count(LabTest, during(LabTest.result_at))
    q["tests_positive"] = _count(LabTest, during(LabTest.result_at), positive)
    # nucleic-acid and antigen results are the ones "逢阳必报" is about (antibody, CT, influenza are not)
    q["positive_nat_antigen"] = _count(LabTest, during(LabTest.result_at), positive,
                                       LabTest.kind.in_([k.value for k in POSITIVE_KINDS]))
    q["tests_overdue"] = _count(Clock, Clock.kind == "result", during(Clock.due_at), missed)
    # a clock closed by the case ending (settled_reason) was not met by its own event: not "in time"
    q["reported_within_2h"] = _count(Clock, Clock.kind == "report_2h", during(Clock.met_at),
                                     Clock.met_at <= Clock.due_at, Clock.settled_reason.is_(None))
    q["reported_late"] = _count(Clock, Clock.kind == "report_2h", during(Clock.due_at), missed)
    q["transfers_requested"] = _count(Transfer, during(Transfer.requested_at))
    q["transfers_handed_over"] = _count(Transfer, during(Transfer.handed_over_at))
    q["transfers_late"] = _count(Clock, Clock.kind.in_([k.value for k in TransferClock]), during(Clock.due_at),
                                 missed)
    q["handoffs_unconfirmed"], = _count_each(during(Handoff.sent_at), Handoff.state == "escorting")
    q["untaken_alarms"] = _count(Alert, Alert.clinic_day == day, Alert.kind == AlertKind.UNTAKEN_PATIENT.value)
    q["_left_handoff"], = _count_each(during(Handoff.incident_at), Handoff.state == "left_without_permission")
    q["_left_case"], q["deaths"] = _count_each(during(Case.closed_at), Case.disposition == "left_without_permission",
                                               Case.disposition == Disposition.DIED.value)
    # 特殊情况: every exception a second person approved that day (casework rules and ward permits)
    q["_rule_exceptions"] = _count(RuleException, during(RuleException.approved_at))
    q["_permit_exceptions"] = _count(PermitException, during(PermitException.approved_at))
    q["purchases_not_sold"] = _count(PharmacyPurchase, PharmacyPurchase.clinic_day == day,
                                     PharmacyPurchase.outcome == SaleOutcome.NOT_SOLD.value)
    q["permits_issued"] = _count(Permit, during(Permit.issued_at))
    q["permits_revoked"] = _count(Permit, during(Permit.revoked_at))
    q["gate_denials"] = _count(GateEvent, during(GateEvent.at), GateEvent.outcome == "deny")
    q["visitor_overstays"] = _count(Alert, Alert.clinic_day == day, Alert.kind == AlertKind.VISITOR_OVERSTAY.value)
    # still open when the day ended (raised before its end, not acknowledged before it), counted from what is
    # open now and what was acknowledged since — never the history before the day
    q["_open_now"] = _count(Alert, Alert.acknowledged_at.is_(None), Alert.raised_at < hi)
    q["_acknowledged_since"] = _count(Alert, Alert.acknowledged_at >= hi)
    q["_raised_and_acknowledged_since"] = _count(Alert, Alert.acknowledged_at >= hi, Alert.raised_at >= hi)
    return select(*(query.scalar_subquery().label(key) for key, query in q.items()))


_DAY_COUNTS = _day_counts()
#: Counts of that statement the report lists after the purchases (the keys keep the order they always had).
_AFTER_PURCHASES = ("purchases_not_sold", "permits_issued", "permits_revoked", "gate_denials", "visitor_overstays")


def _purchases(s: Session, day: date) -> dict[str, int]:
    """退热药品购买登记: the day's total, then each category the monitoring asks for (always), a category
    no longer offered (止泻药 before issue 12) only when the day has some, and the purchases registered but
    not sold ("无二级以上医疗机构医生处方不得出售退烧药物")."""
    rows = s.execute(select(PharmacyPurchase.drug_category, func.count()).where(PharmacyPurchase.clinic_day == day)
                     .group_by(PharmacyPurchase.drug_category)).all()
    by_category = {category: int(n) for category, n in rows}
    counts = {"antipyretic_purchases": sum(by_category.values())}
    counts |= {f"purchases_{category}": by_category.pop(category, 0) for category in DRUG_CATEGORIES}
    counts |= {f"purchases_{category}": n for category, n in sorted(by_category.items()) if n}
    return counts


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), zone)
    return start, datetime.combine(day + timedelta(days=1), time(0), zone)


def compute_counts(s: Session, day: date, zone: ZoneInfo, now: datetime) -> dict[str, int]:
    """Every count of the day, from the records themselves (stable keys; zero when nothing)."""
    return _counts_and_lowest(s, day, zone, now)[0]


def _counts_and_lowest(s: Session, day: date, zone: ZoneInfo, now: datetime) -> tuple[dict[str, int], Lowest | None]:
    """``compute_counts``, and the stock item with the least cover as the day ended (the report names it).

    Each count reads one index range of the day (its ``clinic_day`` or the time column it counts by,
    revision 0020), never the history before it: tests/reporting/test_report_counts_plan.py reads the plans."""
    lo, hi = day_bounds(day, zone)
    decisions: dict[str, int] = dict(s.execute(  # one index range: (clinic_day, decision)
        select(Screening.decision, func.count()).where(Screening.clinic_day == day).group_by(Screening.decision)).all())
    c: dict[str, int] = {"screened": sum(decisions.values())}
    for decision in ("general", "fever_clinic", "isolate"):
        c[f"decision_{decision}"] = int(decisions.get(decision, 0))
    f = {k: int(v or 0) for k, v in s.execute(_DAY_COUNTS, {"day": day, "lo": lo, "hi": hi, "now": now})
         .one()._mapping.items()}
    c.update((k, v) for k, v in f.items() if not k.startswith("_") and k not in _AFTER_PURCHASES)  # … deaths
    c["left_without_permission"] = f["_left_handoff"] + f["_left_case"]
    c["exceptions_granted"] = f["_rule_exceptions"] + f["_permit_exceptions"]
    c.update(_purchases(s, day))
    c.update((k, f[k]) for k in _AFTER_PURCHASES)
    c["open_alerts"] = f["_open_now"] + f["_acknowledged_since"] - f["_raised_and_acknowledged_since"]
    # issue 18: key-post staff tests and swabs of the day; the stockpile's cover as the day ended
    c.update(staff_day_counts(s, day))
    stock, lowest = stock_day_counts(s, day, zone)
    c.update(stock)
    if lowest is not None:
        c["stock_lowest_item"] = lowest_item_number(lowest)
    return c, lowest


def first_clinic_day(s: Session, zone: ZoneInfo) -> date:
    """The clinic's first day: the day it was set up, or the day of an earlier record (paper records of the
    days before the program, the demo's past days) — a report can be made from then on."""
    created = s.scalar(select(Clinic.created_at).limit(1))
    first = created.astimezone(zone).date() if created is not None else date.max
    earliest = s.scalar(select(func.min(Screening.clinic_day)))
    return min(first, earliest) if earliest is not None else first


class ReportService(Service):
    def preview(self, actor: Actor, day: date, *, since_clinic: bool = False) -> ReportDraft:
        """The day's counts as they would be submitted. ``since_clinic`` (``report daily``, issue 14): a day
        before the clinic's first day (:func:`first_clinic_day`) is refused (``before_clinic``), not shown as
        an empty zero report. Submitting does not check it: a clinic set up today may report yesterday."""
        with self.db.read() as s:
            authorize(s, actor, Perm.SUBMIT_REPORTS)
            return self._draft(s, day, since_clinic=since_clinic)

    def _draft(self, s: Session, day: date, *, since_clinic: bool = False) -> ReportDraft:
        identity = clinic_row(s)
        zone = ZoneInfo(identity.timezone)
        now = self.clock.now()
        if day >= now.astimezone(zone).date():
            raise ValidationError("report_day_not_over", field="day")
        first = first_clinic_day(s, zone) if since_clinic else day
        if day < first:  # issue 14: no report for a day before the clinic existed
            raise ValidationError("before_clinic", field="day", day=day.isoformat(), first_day=first.isoformat())
        head = s.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
        counts, lowest = _counts_and_lowest(s, day, zone, now)
        return ReportDraft(identity.code, day, counts, head.seq, head.hash, lowest)

    def submit(self, actor: Actor, day: date, *, note: str = "", automatic: bool = False,
               correcting: bool = False) -> SubmittedReport:
        """Finalise the day's report and queue it for the hub in the same transaction."""
        return self._submit(actor, day, note=note, automatic=automatic, correcting=correcting)

    def _submit(self, actor: Actor, day: date, *, note: str = "", automatic: bool = False,
                correcting: bool = False, quiet_if_done: bool = False) -> SubmittedReport:
        """Two desks submitting the same day at once: the audit head is locked first (PostgreSQL; SQLite's
        write transactions are serial already), so the second sees the first's version and is refused
        (``report_submitted``) — or, for the automatic submission (``quiet_if_done``), stops quietly."""
        note = " ".join(note.split())[:300]
        if correcting and not note:
            raise ValidationError("correction_note", field="note")
        action = "report.correct" if correcting else ("report.auto_submit" if automatic else "report.submit")
        with self.audited_write(actor, action, "report", None, day.isoformat()) as op:
            s = op.session
            # the automatic actor submits only marked automatic; a manual report or a correction is a person's
            authorize_automatic(s, actor, Perm.SUBMIT_REPORTS,
                                "report.auto_submit" if automatic and not correcting else action)
            s.execute(select(AuditHead.id).where(AuditHead.id == 1).with_for_update())
            latest = s.scalars(select(DailyReport).where(DailyReport.clinic_day == day)
                               .order_by(DailyReport.version.desc()).limit(1)).first()
            if latest is not None and not correcting:
                if quiet_if_done:
                    raise _AlreadySubmitted()
                raise Conflict("report_submitted", version=latest.version)
            if latest is None and correcting:
                raise NotFound(entity="report", day=day.isoformat())
            draft = self._draft(s, day)
            version = (latest.version + 1) if latest else 1
            now = self.clock.now()
            row = DailyReport(clinic_day=day, version=version, supersedes=latest.id if latest else None,
                              zero_report=draft.zero_report, automatic=automatic, counts=json.dumps(draft.counts),
                              audit_seq=draft.audit_seq, audit_hash=draft.audit_hash, submitted_at=now,
                              submitted_by=actor.username, note=note)
            s.add(row)
            s.flush()
            body = {"type": "daily_report", "clinic": draft.clinic_code, "date": day.isoformat(), "version": version,
                    "supersedes_version": latest.version if latest else None, "zero_report": draft.zero_report,
                    "automatic": automatic, "counts": draft.counts,
                    "audit_head": {"seq": draft.audit_seq, "hash": draft.audit_hash},
                    "submitted_at": now.isoformat(),
                    "app_version": __version__}  # issue 14: the hub keeps the sender's app version
            if draft.lowest_cover is not None:  # issue 18: the lowest-cover item by name (counts hold its number)
                body["stock_lowest_item_name"] = draft.lowest_cover.name
            text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            key = hashlib.sha256(f"{draft.clinic_code}|{day}|{version}".encode()).hexdigest()
            s.add(OutboxEntry(idempotency_key=key, kind="daily_report", body=text, created_at=now,
                              next_attempt_at=now))
            op.summary = {"day": day.isoformat(), "version": version, "zero_report": draft.zero_report,
                          "automatic": automatic, "note": note}
            return _record(row)

    def versions(self, actor: Actor, day: date) -> list[SubmittedReport]:
        with self.db.read() as s:
            authorize(s, actor, Perm.SUBMIT_REPORTS)
            return [_record(r) for r in s.scalars(select(DailyReport).where(DailyReport.clinic_day == day)
                                                  .order_by(DailyReport.version))]

    def auto_submit_time(self) -> time:
        with self.db.read() as s:
            text_value = s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == AUTO_SUBMIT_KEY))
        return time.fromisoformat(text_value) if text_value else AUTO_SUBMIT_AT

    def set_auto_submit_time(self, actor: Actor, value: str) -> time:
        """The admin's choice of when an unsent report goes automatically (the next day, clinic time)."""
        try:
            at = time.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValidationError("time_format", field="auto_submit_at") from exc
        refuse_automatic(actor, Perm.SUBMIT_REPORTS, "report.auto_submit_time")
        with self.audited_write(actor, "report.auto_submit_time", "setting", Perm.SUBMIT_REPORTS,
                                AUTO_SUBMIT_KEY) as op:
            row = op.session.get(ClinicSetting, AUTO_SUBMIT_KEY)
            before = row.value if row else AUTO_SUBMIT_AT.isoformat("minutes")
            if row is None:
                op.session.add(ClinicSetting(key=AUTO_SUBMIT_KEY, value=at.isoformat("minutes"),
                                             updated_at=self.clock.now()))
            else:
                row.value, row.updated_at = at.isoformat("minutes"), self.clock.now()
            op.summary = {"before": before, "after": at.isoformat("minutes")}
        return at

    def auto_submit_due(self, actor: Actor, first_day: date | None = None) -> list[SubmittedReport]:
        """Submit, marked automatic, every past day whose report was not in by the set time the next
        day (default 09:00). Run by every desk as the system (app.reporting.automatic), whoever is
        logged in; two desks at once submit a day once. The walk starts after the last day settled
        (``AUTO_SETTLED_KEY``), so a poll costs nothing when every past day has its report; a day that
        got a report by hand (late or early) is never submitted again."""
        with self.db.read() as s:
            authorize_automatic(s, actor, Perm.SUBMIT_REPORTS, "report.auto_submit")
            zone = ZoneInfo(clinic_row(s).timezone)
            settled_text = s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == AUTO_SETTLED_KEY))
            settled = date.fromisoformat(settled_text) if settled_text else None
            if settled is not None:  # every day up to the mark has its report
                start = max(first_day or settled, settled + timedelta(days=1))
            else:
                start = first_day or s.scalar(select(func.min(Screening.clinic_day))) or self.clock.now().astimezone(
                    zone).date()
            done = set(s.scalars(select(DailyReport.clinic_day).where(DailyReport.clinic_day >= start).distinct()))
        local_now = self.clock.now().astimezone(zone)
        cutoff = self.auto_submit_time()
        submitted = []
        through: date | None = None  # every day up to here has its report
        day = start
        while day < local_now.date():
            if day not in done:
                if local_now < datetime.combine(day + timedelta(days=1), cutoff, zone):
                    break  # not due yet (yesterday before the set time): the days after it neither
                try:
                    submitted.append(self._submit(actor, day, automatic=True, quiet_if_done=True))
                except _AlreadySubmitted:
                    pass  # another desk submitted it a moment ago
            through = day
            day += timedelta(days=1)
        if through is not None and (settled is None or through > settled):
            self._remember_settled(through)
        return submitted

    def _remember_settled(self, through: date) -> None:
        """Move the settled mark forward (never back). Bookkeeping, like the outbox's delivery state: it
        caches what daily_reports already says (each report is audited), so it has no audit row; losing
        it costs one longer walk. Two desks moving it at once: the one that loses leaves it to the other."""
        try:
            with self.db.write() as s:
                row = s.get(ClinicSetting, AUTO_SETTLED_KEY)
                if row is None:
                    s.add(ClinicSetting(key=AUTO_SETTLED_KEY, value=through.isoformat(), updated_at=self.clock.now()))
                elif date.fromisoformat(row.value) < through:
                    row.value, row.updated_at = through.isoformat(), self.clock.now()
        except (IntegrityError, StaleDataError):
            pass
