"""The observation round (issue 17, part 4): a patient under observation in the fever clinic has the vital signs
taken again on a schedule that follows NEWS2 (app/severity/observation.py, ObservationFigures), and a rise of
NEWS2 alerts the responsible doctor.

* Who records: whoever may update the case — its responsible doctor (首诊负责制, Perm.CASEWORK) — on an open
  case. SpO₂ scale 2 is allowed here: the doctor is the clinician who judges hypercapnic respiratory failure
  (pre-triage always scores scale 1).
* The round's clock (ClockKind.OBSERVATION_ROUND, one open at a time) is due ``observe_every_minutes`` of the
  latest set's NEWS2 after that set was taken: the schedule follows the readings, so a pre-triage set taken
  hours before observation began can make the first round due at once. With no set at all (a screening from
  before schema 0023) the first round is due when observation starts — NEWS2 needs a baseline. Recording a set
  meets the open round and starts the next with the new interval. NEWS2 ≥ 7 (0 minutes: continuous
  monitoring) makes the round due at the set's own time: the board shows it as continuous monitoring with an
  urgent review (``continuous``), not as minutes overdue. The case's end settles the round like its other
  clocks (clocks.settle); a cancelled transfer resumes it.
* The alert (AlertKind.NEWS2): ``observation.alerts`` of the previous set (the pre-triage one counts) and the
  new one; one alert per set, its codes in the evidence, with the visit number, both totals and the responsible
  doctor's log-in — never a name.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework import clocks
from app.casework.records import ClockRecord
from app.casework.tables import Case, Clock
from app.casework.vocab import ClockKind
from app.errors import Conflict, NotFound, PermissionDenied
from app.figures import load_figures
from app.permissions import Perm
from app.reporting.alerts import AlertKind, raise_now
from app.services.base import Service, authorize
from app.severity import store
from app.severity.figures import ObservationFigures
from app.severity.news2 import News2, risk_of
from app.severity.observation import alerts, observe_every_minutes
from app.severity.store import VitalSignsRecord
from app.severity.vitals import Vitals
from app.triage.common import clinic_day
from app.triage.tables import Visit


def every_minutes(vitals: VitalSignsRecord, figures: ObservationFigures) -> int:
    """Minutes to the next round after this set (0: continuous), from its NEWS2 as saved."""
    news2 = News2({}, (), vitals.news2, vitals.max_single, risk_of(vitals.news2, vitals.max_single).value)
    return observe_every_minutes(news2, figures)


def window(minutes: int) -> tuple[timedelta, timedelta]:
    """(warn after, due after): the last quarter of the interval is "due soon"."""
    return timedelta(minutes=minutes * 3 / 4), timedelta(minutes=minutes)


def continuous(clock: ClockRecord) -> bool:
    """A round started by a set with NEWS2 in the continuous band: due at once, an urgent review."""
    return clock.kind == ClockKind.OBSERVATION_ROUND and clock.ref_id is not None and clock.due_at == clock.started_at


def latest_vitals(s: Session, case: Case) -> VitalSignsRecord | None:
    """The case's latest set; before any, the one taken at pre-triage (None: neither)."""
    latest = store.latest_for_case(s, case.id)
    if latest is None and case.visit.screening is not None:
        latest = store.for_screening(s, case.visit.screening.id)
    return latest


def start_round(s: Session, case: Case, at: datetime) -> Clock:
    """The next round, from the latest set (or due at ``at`` when there is none)."""
    figures, _ = load_figures(s, ObservationFigures)
    latest = latest_vitals(s, case)
    if latest is None:
        return clocks.start(s, case, ClockKind.OBSERVATION_ROUND, at, window(0))
    return clocks.start(s, case, ClockKind.OBSERVATION_ROUND, latest.taken_at,
                        window(every_minutes(latest, figures)), ref_id=latest.id)


def _case(s: Session, visit_no: str) -> Case:
    case = s.scalars(select(Case).join(Visit, Visit.id == Case.visit_id).where(Visit.visit_no == visit_no)).first()
    if case is None:
        raise NotFound(entity="case", visit_no=visit_no)
    return case


class ObservationService(Service):
    def record_vitals(self, actor: Actor, visit_no: str, vitals: Vitals) -> VitalSignsRecord:
        """One set of observations on the case, audited ``case.vitals``: meets the open round, starts the next
        (while the patient is under observation) and raises the NEWS2 alert the rise calls for."""
        number = visit_no.strip().upper()
        with self.audited_write(actor, "case.vitals", "visit", Perm.CASEWORK, number) as op:
            s = op.session
            case = _case(s, number)
            if case.doctor_id != actor.user_id:
                raise PermissionDenied("not_responsible", doctor=case.doctor_username)
            if case.closed_at is not None:
                raise Conflict("case_closed", disposition=case.disposition)
            previous = latest_vitals(s, case)
            now = self.clock.now()
            saved = store.add(s, at=now, username=actor.username, workstation=actor.workstation, vitals=vitals,
                              severity=store.severity_of(s, vitals), case_id=case.id)
            figures, _ = load_figures(s, ObservationFigures)
            met = clocks.meet(s, case.id, ClockKind.OBSERVATION_ROUND, now)
            minutes = every_minutes(saved, figures)
            op.summary = {"vital_signs_id": saved.id, "news2": saved.news2, "news2_complete": saved.news2_complete,
                          "level": saved.level, "spo2_scale": saved.vitals.spo2_scale, "round_met": met,
                          "every_minutes": minutes}
            if case.observation_started_at is not None:
                clocks.start(s, case, ClockKind.OBSERVATION_ROUND, now, window(minutes), ref_id=saved.id)
                op.summary["round_started"] = True
            codes = alerts(previous.news2 if previous is not None else None, saved.news2, figures)
            if codes:
                evidence = {"visit_no": number, "previous_news2": previous.news2 if previous is not None else None,
                            "news2": saved.news2, "news2_complete": saved.news2_complete, "codes": list(codes),
                            "doctor": case.doctor_username, "vital_signs_id": saved.id}
                op.summary |= {"alert": raise_now(s, AlertKind.NEWS2, f"news2:{number}:{saved.id}",
                                                  clinic_day(s, now), evidence, now), "alert_codes": list(codes)}
            s.flush()
            return saved

    def trend(self, actor: Actor, visit_no: str) -> list[VitalSignsRecord]:
        """Every set of the visit, oldest first: the pre-triage set, then the case's."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            case = _case(s, visit_no.strip().upper())
            first = store.for_screening(s, case.visit.screening.id) if case.visit.screening is not None else None
            return ([first] if first is not None else []) + store.for_case(s, case.id)

    def next_round(self, actor: Actor, visit_no: str) -> ClockRecord | None:
        """The open round's clock (None: not under observation, or the case ended)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            case = _case(s, visit_no.strip().upper())
            row = s.scalars(select(Clock).where(Clock.case_id == case.id, Clock.met_at.is_(None),
                                                Clock.kind == ClockKind.OBSERVATION_ROUND.value)
                            .order_by(Clock.id.desc()).limit(1)).first()
            return clocks.record(row) if row is not None else None
