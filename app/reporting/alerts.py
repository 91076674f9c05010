"""Multi-point early warning (多点触发预警): turn the records into alerts a person must acknowledge.

Three triggers, each idempotent through a unique ``dedupe_key`` so any workstation may scan as often
as it likes:

* case — a case classified suspected / confirmed / asymptomatic (one alert per case and class);
* cluster — a registered fever patient whose normalised address or workplace (学校 is entered as the
  workplace) matches another patient's visit within ``CLUSTER_WINDOW_DAYS`` before it; one alert per
  visit that joins a cluster, so a growing cluster is signalled again, a re-scan never;
* EARS — C1/C2/C3 (app/reporting/ears.py) on fever-clinic registrations and on pharmacy purchases of
  each drug category (antipyretic, antiviral, antibiotic, cough: one series and alert kind each) per
  clinic day, 28 days ending yesterday; an alarm on yesterday raises one alert per series and day;
* untaken — a patient at the fever clinic no doctor took within the figure's minutes (首诊负责制).

Evidence holds counts, visit numbers, dates and method values — never a name or an ID number.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.figures import CaseworkFigures
from app.casework.tables import Case, CaseClassification
from app.casework.untaken import LateArrival, taken_late, untaken_patients
from app.casework.vocab import REPORTABLE
from app.clock import Clock
from app.db.engine import Database
from app.db.models import AuditEvent, AuditHead, Clinic
from app.errors import Conflict, NotFound, StaleEdit, ValidationError
from app.figures import load_figures
from app.permissions import Perm
from app.reporting.alert_tables import Alert
from app.reporting.ears import EarsDay, ears
from app.services.base import Service, authorize
from app.triage.common import clinic_row
from app.triage.rules import normalise_area
from app.triage.tables import Patient, PharmacyPurchase, Screening, Visit
from app.triage.vocab import DrugCategory

EARS_MIN_SD = 0.5
EARS_DAYS = 28
CLUSTER_WINDOW_DAYS = 7  # two visits at most this many clinic days apart belong together
LOOKBACK_DAYS = 14  # a scan looks at classifications and visits this recent (a missed scan is caught up)
ACTION_MAX = 500
_REPORTABLE = tuple(c.value for c in REPORTABLE)


class AlertKind(StrEnum):
    CASE = "case"
    CLUSTER = "cluster"
    EARS_FEVER_VISITS = "ears_fever_visits"
    EARS_ANTIPYRETIC = "ears_antipyretic"  # one EARS series per drug category (一退两抗 + 止咳药)
    EARS_ANTIVIRAL = "ears_antiviral"
    EARS_ANTIBIOTIC = "ears_antibiotic"
    EARS_COUGH = "ears_cough"
    # events raised at once by the service that records them (raise_now), not by a scan
    POSITIVE_RESULT = "positive_result"  # 逢阳必报、逢阳即报: a positive nucleic-acid or antigen result
    LEFT_WITHOUT_PERMISSION = "left_without_permission"  # a suspected or positive patient left (擅自离院)
    UNTAKEN_PATIENT = "untaken_patient"  # arrived at the fever clinic, no doctor took the case in time (不得推诿)
    VISITOR_OVERSTAY = "visitor_overstay"  # a visitor still inside after the visit window
    OFFLINE_ADMISSION_REFUSABLE = "offline_admit_refusable"  # an offline gate let in what live data refuses
    STAFF_POSITIVE = "staff_positive"  # a key-post staff member's test positive (app/staff, issue 18)
    SWAB_POSITIVE = "swab_positive"  # an environmental surface swab positive (app/staff, issue 18)
    NEWS2 = "news2"  # the observation round: NEWS2 rose or reached the alert total (app/casework/observation.py)


#: The EARS alert kind of each drug category's purchase series.
EARS_DRUG_KIND: dict[DrugCategory, AlertKind] = {
    DrugCategory.ANTIPYRETIC: AlertKind.EARS_ANTIPYRETIC,
    DrugCategory.ANTIVIRAL: AlertKind.EARS_ANTIVIRAL,
    DrugCategory.ANTIBIOTIC: AlertKind.EARS_ANTIBIOTIC,
    DrugCategory.COUGH: AlertKind.EARS_COUGH,
}


@dataclass(frozen=True)
class AlertRecord:
    id: int
    kind: str
    dedupe_key: str
    raised_at: datetime
    clinic_day: date
    evidence: dict[str, Any]
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    action_taken: str | None
    version: int

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


@dataclass(frozen=True)
class _Signal:
    kind: AlertKind
    key: str
    clinic_day: date
    evidence: dict[str, Any]


def _record(a: Alert) -> AlertRecord:
    return AlertRecord(a.id, a.kind, a.dedupe_key, a.raised_at, a.clinic_day, json.loads(a.evidence),
                       a.acknowledged_at, a.acknowledged_by, a.action_taken, a.version)


_COLUMNS = (Alert.id, Alert.kind, Alert.dedupe_key, Alert.raised_at, Alert.clinic_day, Alert.evidence,
            Alert.acknowledged_at, Alert.acknowledged_by, Alert.action_taken, Alert.version)


def _records(s: Session, *where: Any, order: tuple[Any, ...]) -> list[AlertRecord]:
    """Alerts as plain rows (no ORM objects: an unacknowledged backlog can be thousands)."""
    rows = s.connection().execute(select(*_COLUMNS).where(*where).order_by(*order))
    return [AlertRecord(i, kind, key, raised, day, json.loads(evidence), acked_at, acked_by, action, version)
            for i, kind, key, raised, day, evidence, acked_at, acked_by, action, version in rows.all()]


# ----- normalisation (addresses and workplaces are typed freely at the desk) ----------------------

_UNIT = "(?:号楼|号院|单元|号|栋|幢|座|楼|层|室|户)"
_HOUSE_NUMBER = re.compile(rf"(?:[0-9a-z]*[0-9][0-9a-z]*{_UNIT}?|[一二三四五六七八九十百零〇两]+{_UNIT}|[a-z]{_UNIT})$")
_AREA_ONLY = re.compile(r"(?:省|市|县|镇|乡|街道|(?<![小社园校])区)$")  # a whole town is no cluster
_NO_WORKPLACE = frozenset({"无", "没有", "无业", "待业", "不详", "未知", "退休", "离退休", "农民", "务农", "家务",
                           "散居", "个体", "自由职业", "none", "na", "无单位"})
MIN_KEY_CHARS = 4
KEYS_KEPT = 1 << 15  # addresses and workplaces normalised once per process (each scan meets the same ones again)


def _clean(text: str) -> str:
    """Full-width → half-width (NFKC), lower case, no spaces, punctuation or symbols."""
    text = unicodedata.normalize("NFKC", normalise_area(text)).casefold()
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSZ")


@lru_cache(maxsize=KEYS_KEPT)
def address_key(address: str) -> str | None:
    """新河镇东村12号 and 新河镇东村 15号 → 新河镇东村; None when too vague to link two households."""
    key = _clean(address)
    while (stripped := _HOUSE_NUMBER.sub("", key)) != key:
        key = stripped
    if len(key) < MIN_KEY_CHARS or _AREA_ONLY.search(key):
        return None
    return key


@lru_cache(maxsize=KEYS_KEPT)
def workplace_key(workplace: str) -> str | None:
    """A workplace or school compared whole; "无", "退休"... link nobody."""
    key = _clean(workplace)
    return None if len(key) < 2 or key in _NO_WORKPLACE else key


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ----- triggers ------------------------------------------------------------------------------------

def case_signals(s: Session, since: datetime, zone: ZoneInfo,
                 visit_nos: Collection[str] | None = None) -> list[_Signal]:
    """Every reportable classification since ``since``, from the classification events (one row per change,
    so one later changed is kept; read by their time index, never the history of every case); ``visit_nos``:
    only these visits' (those classified since the last scan, by their key)."""
    query = (select(Visit.visit_no, CaseClassification.after, CaseClassification.at)
             .join(Case, Case.id == CaseClassification.case_id).join(Visit, Visit.id == Case.visit_id)
             .where(CaseClassification.at >= since, CaseClassification.after.in_(_REPORTABLE))
             .order_by(CaseClassification.at, CaseClassification.id))
    if visit_nos is not None:
        query = query.where(Visit.visit_no.in_(sorted(visit_nos)))
    rows = s.connection().execute(query).all() if visit_nos is None or visit_nos else []
    found: dict[tuple[str, str], datetime] = {}
    for visit_no, cls, at in rows:
        found.setdefault((visit_no, cls), at)
    return [_Signal(AlertKind.CASE, f"case:{visit_no}:{cls}", at.astimezone(zone).date(),
                    {"visit_no": visit_no, "classification": cls, "classified_at": at.isoformat()})
            for (visit_no, cls), at in found.items()]


@dataclass(frozen=True)
class _Visit:
    seq: int
    visit_no: str
    day: date
    patient_id: int
    keys: tuple[tuple[str, str], ...]  # (field, normalised key)


@dataclass
class Clusters:
    """The visits of the cluster window as a scan read them, each with its keys, in the window's order: kept by
    the service so that a registration adds its visit rather than have the window read again (issue 16)."""

    today: date
    first: date  # the first day whose visits may signal
    visits: dict[str, _Visit]  # by visit number
    by_key: dict[tuple[str, str], list[_Visit]]  # in seq order, so by clinic day too
    patients: dict[int, tuple[tuple[str, str], ...]]  # each patient's keys as read


def _keys(address: str | None, workplace: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((f, k) for f, k in (("address", address_key(address or "")),
                                    ("workplace", workplace_key(workplace or ""))) if k)


_CLUSTER_ROWS = (select(Visit.visit_no, Visit.clinic_day, Visit.patient_id, Patient.address, Patient.workplace)
                 .join(Patient, Patient.id == Visit.patient_id)
                 .order_by(Visit.clinic_day, Visit.registered_at, Visit.id))


def _add(clusters: Clusters, rows: Iterable[Any]) -> list[_Visit]:
    added = []
    for visit_no, day, patient_id, address, workplace in rows:
        v = _Visit(len(clusters.visits), visit_no, day, patient_id, _keys(address, workplace))
        clusters.visits[visit_no] = v
        clusters.patients[patient_id] = v.keys
        for fk in v.keys:
            clusters.by_key.setdefault(fk, []).append(v)
        added.append(v)
    return added


def cluster_window(s: Session, today: date) -> Clusters:
    """The visits of the last ``LOOKBACK_DAYS`` and the ``CLUSTER_WINDOW_DAYS`` before them (an index range)."""
    first = today - timedelta(days=LOOKBACK_DAYS)
    clusters = Clusters(today, first, {}, {}, {})
    _add(clusters, s.connection().execute(
        _CLUSTER_ROWS.where(Visit.clinic_day >= first - timedelta(days=CLUSTER_WINDOW_DAYS))))
    return clusters


def _cluster_signal(v: _Visit, field: str, key: str, members: list[_Visit]) -> _Signal:
    evidence = {"field": field, "key": key, "window_days": CLUSTER_WINDOW_DAYS,
                "patients": len({o.patient_id for o in members}), "new_visit_no": v.visit_no,
                "visits": [{"visit_no": o.visit_no, "date": o.day.isoformat()} for o in members]}
    return _Signal(AlertKind.CLUSTER, f"cluster:{field}:{_digest(key)}:{v.visit_no}", v.day, evidence)


def cluster_signals(s: Session, today: date, clusters: Clusters | None = None) -> list[_Signal]:
    """A visit with another patient's visit sharing a key in the window before it (or that day).

    Each key's visits are walked once with a window of the last ``CLUSTER_WINDOW_DAYS`` days (so the work
    follows the visits of the window, not their pairs); evidence is built only for the visits that signal.
    ``clusters``: the window already read."""
    clusters = clusters or cluster_window(s, today)
    # (seq, field) → its key's visits from the window's first member up to the visit itself
    joined: dict[tuple[int, str], list[_Visit]] = {}
    for (field, _key), group in clusters.by_key.items():
        start, patients = 0, Counter[int]()
        for i, v in enumerate(group):  # in seq order, so by clinic day too
            patients[v.patient_id] += 1
            while (v.day - group[start].day).days > CLUSTER_WINDOW_DAYS:
                gone = group[start].patient_id
                patients[gone] -= 1
                if not patients[gone]:
                    del patients[gone]
                start += 1
            if len(patients) > 1 and v.day >= clusters.first:  # another patient's visit within the window
                joined[(v.seq, field)] = group[start:i + 1]
    signals = []
    for v in clusters.visits.values():
        for field, key in v.keys:
            members = joined.get((v.seq, field))
            if members is not None:
                signals.append(_cluster_signal(v, field, key, members))
    return signals


def registered_signals(s: Session, clusters: Clusters, visit_nos: Collection[str]) -> list[_Signal] | None:
    """The cluster signals of visits registered since ``clusters`` was read, each added to it: the new visits
    read by their key, each one's key groups walked in memory. None when the window must be read again: a
    returning patient whose address or workplace changed (their earlier visits' keys changed too), or a visit
    not of today."""
    rows = s.connection().execute(_CLUSTER_ROWS.where(Visit.visit_no.in_(sorted(visit_nos)))).all() if visit_nos else []
    new = []
    for row in rows:
        if row.clinic_day != clusters.today:
            return None
        keys = _keys(row.address, row.workplace)
        if clusters.patients.get(row.patient_id, keys) != keys:
            return None
        if row.visit_no not in clusters.visits:  # else added by a scan whose raise did not commit
            new.append(row)
    _add(clusters, new)
    signals = []
    for row in rows:
        v = clusters.visits[row.visit_no]
        for field, key in v.keys:
            members = [o for o in clusters.by_key[(field, key)]
                       if o.seq <= v.seq and (v.day - o.day).days <= CLUSTER_WINDOW_DAYS]
            if len({o.patient_id for o in members}) > 1:
                signals.append(_cluster_signal(v, field, key, members))
    return signals


def _daily_counts(s: Session, column: Any, first: date, last: date, *conditions: Any) -> dict[date, int]:
    rows = s.execute(select(column, func.count()).where(column >= first, column <= last, *conditions)
                     .group_by(column))
    return {day: int(n) for day, n in rows}


@lru_cache(maxsize=32)
def _latest(days: tuple[date, ...], counts: tuple[int, ...]) -> EarsDay:
    """EARS on the series' last day, kept: the series ends yesterday, so it is the same all day long."""
    return ears(days, counts, EARS_MIN_SD)[-1]


def ears_signals(s: Session, today: date, zone: ZoneInfo) -> list[_Signal]:
    """C1/C2/C3 on yesterday, over the 28 days ending yesterday — not before the clinic began recording
    (27 empty days before a first busy one would be no aberration)."""
    last = today - timedelta(days=1)
    created = s.scalar(select(func.min(Clinic.created_at)))
    began = [d for d in (created.astimezone(zone).date() if created else None,
                         s.scalar(select(func.min(Screening.clinic_day)))) if d is not None]
    first = max(last - timedelta(days=EARS_DAYS - 1), min(began, default=last))
    if (last - first).days < 7:  # C1 needs seven baseline days
        return []
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    series = [(AlertKind.EARS_FEVER_VISITS, "fever_clinic_registrations",
               _daily_counts(s, Visit.clinic_day, first, last))]
    # 多点触发预警 on drug sales: one series per category the monitoring counts ("一退两抗" + 止咳药); every
    # registered buyer counts, sold or not (an antipyretic refused for want of a prescription is demand too)
    series += [(EARS_DRUG_KIND[category], f"{category.value}_purchases",
                _daily_counts(s, PharmacyPurchase.clinic_day, first, last,
                              PharmacyPurchase.drug_category == category.value)) for category in DrugCategory]
    signals = []
    for kind, name, by_day in series:
        counts = [by_day.get(d, 0) for d in days]
        latest = _latest(tuple(days), tuple(counts))
        if not latest.alarm:
            continue
        r = lambda v: None if v is None else round(v, 3)  # noqa: E731
        evidence = {"series": name, "method": "EARS", "date": last.isoformat(), "count": latest.count,
                    "c1": r(latest.c1), "c2": r(latest.c2), "c3": r(latest.c3),
                    "alarms": [m for m, on in (("c1", latest.c1_alarm), ("c2", latest.c2_alarm),
                                                ("c3", latest.c3_alarm)) if on],
                    "min_sd": EARS_MIN_SD, "series_from": first.isoformat(), "counts": counts}
        signals.append(_Signal(kind, f"{kind.value}:{last.isoformat()}", last, evidence))
    return signals


def untaken_signals(s: Session, now: datetime, zone: ZoneInfo, *, taken: Collection[str] | None = None
                    ) -> list[_Signal]:
    """首诊负责制 ("不得推诿任何患者"): a patient who arrived at the fever clinic and was not taken by a doctor
    within ``CaseworkFigures.untaken_minutes`` — still waiting, or taken late between two scans — one alert
    per visit, on the day of arrival. Evidence: the visit number, times and minutes, no name.
    ``taken``: of those taken, only these visits (none: only those still waiting, the ones time alone adds)."""
    figures, _version = load_figures(s, CaseworkFigures)
    limit = figures.untaken_minutes
    late = [LateArrival(p.visit_no, p.arrived_at, None, p.minutes_waited) for p in untaken_patients(s, now, limit)]
    late += taken_late(s, limit, now - timedelta(days=LOOKBACK_DAYS), taken)
    return [_Signal(AlertKind.UNTAKEN_PATIENT, f"untaken:{a.visit_no}", a.arrived_at.astimezone(zone).date(),
                    {"visit_no": a.visit_no, "arrived_at": a.arrived_at.isoformat(), "limit_minutes": limit,
                     "minutes_waited": a.minutes_waited,
                     "taken_at": a.taken_at.isoformat() if a.taken_at is not None else None})
            for a in late]


def raise_now(s: Session, kind: AlertKind, key: str, clinic_day: date, evidence: dict[str, Any],
              now: datetime) -> bool:
    """Raise an event alert inside the caller's transaction (the write that recorded the event), so the
    alert exists the moment the event does, without waiting for a scan. Idempotent on ``key``: returns
    False when that alert was already raised. Evidence: codes, counts, visit numbers — never a name."""
    if s.scalar(select(Alert.id).where(Alert.dedupe_key == key)) is not None:
        return False
    row = Alert(kind=kind.value, dedupe_key=key, raised_at=now, clinic_day=clinic_day,
                evidence=json.dumps(evidence, ensure_ascii=False, sort_keys=True))
    try:
        with s.begin_nested():  # another desk raised it at the same moment (PostgreSQL): not an error
            s.add(row)
    except IntegrityError:
        return False
    return True


# ----- the service ---------------------------------------------------------------------------------

#: What a write of each audited action can change among the scan's inputs (issue 16), as the source it touches:
#: "case" (a classification), "taken" (a case taken, perhaps late), "cluster" (a visit registered, a patient's
#: address or workplace). After writes whose actions are all listed, a scan reads only those sources, and for
#: "case" and "taken" only the visits the writes name; any other action (an import of past days, a figure
#: edited, a restore, a received transfer, a reassigned case, an action added later) makes it read every window
#: again — at 10⁶ visits that is a fortnight of a busy clinic, ~0.2 s, where the listed ones cost ~5 ms. A write on the same clinic day
#: changes none of the EARS series: they end yesterday.
TOUCHES: Mapping[str, str | None] = {
    "auth.login": None, "access.search": None, "access.view": None, "access.export": None, "access.print": None,
    "triage.screen": None, "pharmacy.purchase": None, "pharmacy.callback": None,
    "handoff.send": None, "handoff.arrive": None, "handoff.left_without_permission": None, "queue.call": None,
    "gate.scan": None, "alert.raise": None, "alert.acknowledge": None, "case.interview": None, "case.observe": None,
    "case.order_test": None, "case.result": None, "case.vitals": None, "case.reported": None,
    "case.investigated": None, "case.dispose": None, "case.incident_reported": None, "case.handover_request": None,
    "case.handover_accept": None, "case.handover_decline": None, "case.exception_approve": None,
    # the ward, the gate, transfers on their way, accounts, desks, staff, stock, the county road: no source
    "ward.admit": None, "ward.discharge": None, "ward.save": None, "permit.issue_escort": None,
    "permit.issue_visitor": None, "permit.reprint": None, "permit.revoke": None, "permit.escort_test": None,
    "permit.exception_approve": None, "transfer.request": None, "transfer.dispatch": None, "transfer.depart": None,
    "transfer.handover": None, "transfer.cancel": None, "transfer.disinfect": None, "transfer.hospital_save": None,
    "transfer.hospitals_replace": None, "transfer.targets_update": None, "user.create": None, "user.update": None,
    "user.disable": None, "user.enable": None, "user.change_password": None, "user.reset_password": None,
    "desk.register": None, "desk.enrol": None, "desk.revoke": None, "staff.add": None, "staff.update": None,
    "staff.test": None, "swab.record": None, "stock.item_add": None, "stock.item_update": None,
    "report.submit": None, "report.auto_submit": None, "report.auto_submit_time": None, "sync.export": None,
    "sync.import_receipt": None, "audit.hub_key": None, "audit.hub_receipt": None, "db.backup": None,
    "clinic.contacts_update": None,
    "case.classify": "case", "case.take": "taken", "triage.register": "cluster",  # the visit number, each
}
CATCH_UP_MAX = 500  # more writes than this since the last scan: every window is read again


def _touched(s: Session, since: tuple[int, str], head: tuple[int, str]) -> dict[str, set[str]] | None:
    """The sources the writes after ``since`` touched (source → visit numbers), from the trail's rows between the
    two heads — an index range that follows the writes, not the history (their sequence numbers are gap-free and
    in commit order, where a table's ids are not). None: read everything (an action not in ``TOUCHES``, too
    many writes, or a trail that is not the one ``since`` was read from — a restore)."""
    if not 0 < head[0] - since[0] <= CATCH_UP_MAX:
        return None
    rows = s.connection().execute(select(AuditEvent.seq, AuditEvent.hash, AuditEvent.action, AuditEvent.entity_id)
                                  .where(AuditEvent.seq >= since[0], AuditEvent.seq <= head[0])
                                  .order_by(AuditEvent.seq)).all()
    if len(rows) != head[0] - since[0] + 1 or (rows[0].seq, rows[0].hash) != since or rows[-1].hash != head[1]:
        return None
    touched: dict[str, set[str]] = defaultdict(set)
    for row in rows[1:]:
        if row.action not in TOUCHES:
            return None
        source = TOUCHES[row.action]
        if source is not None:
            touched[source].add(row.entity_id or "")
    return touched


@dataclass(frozen=True)
class _Scanned:
    """What a full scan of this service saw, all of whose signals are raised: the audit head then (sequence and
    hash), the clinic day and the time."""

    head: tuple[int, str]
    day: date
    at: datetime


def _head(s: Session) -> tuple[int, str]:
    """The audit head (app/changes.py): every business write, at any desk, moves it as it commits."""
    row = s.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    return (int(row.seq), str(row.hash)) if row is not None else (0, "")


class AlertService(Service):
    """The scan and the open alerts remember what they last read (issue 16): a desk polls them every minute
    and most polls find nothing changed, so a poll re-reads only what turns with time alone."""

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db, clock)
        self._scanned: _Scanned | None = None
        self._clusters: Clusters | None = None  # the cluster window the last scan read or added to
        self._scanning = threading.Lock()  # two windows' feeds may scan at once: one at a time uses the memory
        self._open: tuple[tuple[int, str], frozenset[int], tuple[AlertRecord, ...]] = ((-1, ""), frozenset(), ())

    def scan(self, actor: Actor) -> list[AlertRecord]:
        """Raise what the records call for (``_scan``), one scan of this service at a time."""
        with self._scanning:
            return self._scan(actor)

    def _scan(self, actor: Actor) -> list[AlertRecord]:
        """Raise the alerts the records call for that are not raised yet; nothing is written (or
        audited) when there is nothing new, so scanning every minute costs no trail rows.

        On the clinic day of this service's last scan, every signal that scan saw is raised: this one reads the
        patients still waiting (time alone makes them late) and only what the writes since then touched
        (``TOUCHES``); otherwise every window."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_CLOCKS)
            head = _head(s)  # first: whatever is read below is at least this recent
            zone = ZoneInfo(clinic_row(s).timezone)
            now = self.clock.now()
            today = now.astimezone(zone).date()
            last = self._scanned
            touched = (_touched(s, last.head, head) if last.head != head else {}) if (
                last is not None and last.day == today and last.at <= now) else None
            scanned = _Scanned(head, today, now)
            if touched is None:
                self._clusters = cluster_window(s, today)
                fresh = self._fresh(s, case_signals(s, now - timedelta(days=LOOKBACK_DAYS), zone)
                                    + cluster_signals(s, today, self._clusters) + ears_signals(s, today, zone)
                                    + untaken_signals(s, now, zone))
            else:
                signals = untaken_signals(s, now, zone, taken=touched.get("taken", set()))
                if "case" in touched:
                    signals += case_signals(s, now - timedelta(days=LOOKBACK_DAYS), zone, touched["case"])
                if "cluster" in touched:
                    clusters = self._clusters
                    added = (registered_signals(s, clusters, touched["cluster"])
                             if clusters is not None and clusters.today == today else None)
                    if added is None:
                        self._clusters = clusters = cluster_window(s, today)
                        added = cluster_signals(s, today, clusters)
                    signals += added
                fresh = self._fresh(s, signals)
        if not fresh:
            self._scanned = scanned
            return []
        with self.audited_write(actor, "alert.raise", "alert", Perm.VIEW_CLOCKS) as op:
            st = op.session
            now = self.clock.now()
            raised: list[Alert] = []
            for sig in self._fresh(st, fresh):  # again: another workstation may have raised some meanwhile
                row = Alert(kind=sig.kind.value, dedupe_key=sig.key, raised_at=now, clinic_day=sig.clinic_day,
                            evidence=json.dumps(sig.evidence, ensure_ascii=False, sort_keys=True))
                try:
                    with st.begin_nested():  # a concurrent scan's row (PostgreSQL) is skipped, not fatal
                        st.add(row)
                except IntegrityError:
                    continue
                raised.append(row)
            op.summary = {"raised": [{"id": a.id, "kind": a.kind, "dedupe_key": a.dedupe_key} for a in raised]}
            records = [_record(a) for a in raised]
        with self.db.read() as s:
            after = _head(s)
        if after[0] == head[0] + 1:  # the one write since the scan read is its own: nothing else changed
            self._scanned = _Scanned(after, scanned.day, scanned.at)
        return records

    @staticmethod
    def _fresh(s: Session, signals: Iterable[_Signal]) -> list[_Signal]:
        unique = list({sig.key: sig for sig in signals}.values())
        keys = [sig.key for sig in unique]
        taken: set[str] = set()
        for i in range(0, len(keys), 500):
            taken |= set(s.scalars(select(Alert.dedupe_key).where(Alert.dedupe_key.in_(keys[i:i + 500]))))
        return [sig for sig in unique if sig.key not in taken]

    def open_alerts(self, actor: Actor) -> list[AlertRecord]:
        """Alerts nobody has acknowledged yet, oldest first. Raising and acknowledging are audited writes, so
        while the audit head stays the list does; when it moved, the open ids are read (an index range) and the
        rows of only those not seen before — an open alert never changes (acknowledging is what closes it), so
        a backlog of thousands is parsed once, not at every poll."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_CLOCKS)
            head = _head(s)
            at, seen, kept = self._open
            if head != at:
                ids = frozenset(s.connection().execute(select(Alert.id).where(Alert.acknowledged_at.is_(None)))
                                .scalars())
                if ids != seen:
                    known = {a.id: a for a in kept if a.id in ids}
                    new = sorted(ids - known.keys())
                    for i in range(0, len(new), 500):
                        known.update((a.id, a) for a in _records(s, Alert.id.in_(new[i:i + 500]),
                                                                 Alert.acknowledged_at.is_(None), order=(Alert.id,)))
                    seen, kept = frozenset(known), tuple(sorted(known.values(), key=lambda a: (a.raised_at, a.id)))
                self._open = (head, seen, kept)
        return list(kept)

    def history(self, actor: Actor, since: datetime) -> list[AlertRecord]:
        """Every alert raised since ``since`` (acknowledged or not), newest first."""
        if since.tzinfo is None:
            raise ValidationError("naive_datetime", field="since")
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_CLOCKS)
            return _records(s, Alert.raised_at >= since, order=(Alert.raised_at.desc(), Alert.id.desc()))

    def acknowledge(self, actor: Actor, alert_id: int, expected_version: int, action_taken: str) -> AlertRecord:
        """Who saw it, when, and what was done: the action is required; a refusal is audited too."""
        text = " ".join((action_taken or "").split())
        with self.audited_write(actor, "alert.acknowledge", "alert", Perm.ACKNOWLEDGE_ALERTS, alert_id) as op:
            if not text:
                raise ValidationError("required", field="action_taken")
            if len(text) > ACTION_MAX:
                raise ValidationError("too_long", field="action_taken", maximum=ACTION_MAX)
            row = op.session.get(Alert, alert_id)
            if row is None:
                raise NotFound(entity="alert", id=alert_id)
            if row.acknowledged_at is not None:
                raise Conflict("already_acknowledged", by=row.acknowledged_by)
            if row.version != expected_version:
                raise StaleEdit(entity="alert")
            row.acknowledged_at, row.acknowledged_by, row.action_taken = self.clock.now(), actor.username, text
            op.session.flush()
            op.summary = {"kind": row.kind, "dedupe_key": row.dedupe_key, "action_taken": text}
            return _record(row)
