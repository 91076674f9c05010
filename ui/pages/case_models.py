"""Table models of the fever clinic's casework: waiting patients, cases, hand-overs, tests, clocks,
the deadline board. Times show in the clinic's zone; clocks are coloured by urgency (amber when
due soon, red when overdue) and their time left follows ``set_now`` (the board's 1 s tick)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.casework.observation import continuous
from app.casework.records import BoardEntry, CaseRow, ClockRecord, HandoverRecord, LabTestRecord, WaitingPatient
from app.casework.queue import queue_label
from app.casework.vocab import ClockKind, ClockState
from app.vocabulary import severity as SEVERITY
from app.work_counts import wait_level
from ui.labels import (
    classification_name,
    clock_kind_name,
    clock_state_name,
    decision_name,
    population_name,
    say,
    settled_reason_name,
    span_text,
    test_kind_name,
    test_result_name,
    time_left_text,
)
from ui.ops import Runner
from ui.widgets import palette
from ui.widgets.palette import (
    CLASSIFICATION_BACKGROUNDS,
    CLASSIFICATION_COLORS,
    CLOCK_BACKGROUNDS,
    CLOCK_COLORS,
    TRIAGE_LEVEL_BACKGROUNDS,
    TRIAGE_LEVEL_COLORS,
    brush,
)
from ui.widgets.paged import PagedRecordModel
from ui.widgets.table import RecordModel, bold, local

translate = QCoreApplication.translate  # lupdate extracts translate("Labels", ...)
POSITIVE = QColor(palette.DANGER)
PENDING = QColor(palette.WARNING)
MUTED = QColor(palette.MUTED)


def clock_colours(state: ClockState, role: int) -> Any:
    if state == ClockState.OK:
        return None
    if role == Qt.ItemDataRole.BackgroundRole:
        return brush(CLOCK_BACKGROUNDS[state.value])
    if role == Qt.ItemDataRole.ForegroundRole:
        return brush(CLOCK_COLORS[state.value])
    if role == Qt.ItemDataRole.FontRole:
        return bold()
    return None


def classification_colours(code: str, role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole:
        return brush(CLASSIFICATION_BACKGROUNDS.get(code, palette.WHITE))
    if role == Qt.ItemDataRole.ForegroundRole:
        return brush(CLASSIFICATION_COLORS.get(code, palette.TEXT))
    if role == Qt.ItemDataRole.FontRole and code != "pending":
        return bold()
    return None


LONG_WAIT_BACKGROUND = QColor(palette.LONG_WAIT_BG)
SOON_WAIT_BACKGROUND = QColor(palette.ORANGE_BG)


class WaitingModel(RecordModel[WaitingPatient]):
    """The queue in the service's one order (app/casework/queue.py: severity, then isolate before the fever
    clinic, then the longest wait). A row turns red past its level's target (WaitingPatient.overdue) or past
    three times the county's limit (首诊负责制; ``limit_minutes`` from the untaken feed), amber past that limit
    (app.work_counts.wait_level); the level is shown in words and its colour, a called number is marked."""

    QUEUE, VISIT, PATIENT, LEVEL, WAITED, CALLED, TEMPERATURE, DECISION = range(8)

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(zone, parent)
        self.limit_minutes: int | None = None

    def key(self, r: WaitingPatient) -> object:
        return r.visit_no

    def set_limit(self, minutes: int) -> None:
        if minutes != self.limit_minutes:
            self.limit_minutes = minutes
            if self.now is not None:
                self.set_now(self.now)  # repaint the colours

    def waited_seconds(self, r: WaitingPatient) -> float:
        return max(0.0, (self.now - r.arrived_at).total_seconds()) if self.now else 0.0

    def overdue(self, r: WaitingPatient) -> bool:
        """Past the county's limit (at exactly the limit the doctor is still in time)."""
        return self.limit_minutes is not None and self.waited_seconds(r) > self.limit_minutes * 60

    def past_target(self, r: WaitingPatient) -> bool:
        return self.now is not None and r.overdue(self.now)

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Visit no."), self.tr("Patient"), self.tr("Level"),
                self.tr("Waited / target"), self.tr("Called"), self.tr("Temperature"), self.tr("Pre-triage decision")]

    def _minutes(self, minutes: int) -> str:
        if minutes >= 60:
            return self.tr("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)
        return self.tr("{minutes} min").format(minutes=minutes)

    def display(self, r: WaitingPatient, column: int) -> str:
        if column == self.QUEUE:
            return queue_label(r.queue_no)
        if column == self.VISIT:
            return r.visit_no
        if column == self.PATIENT:
            return r.patient_name
        if column == self.LEVEL:
            return say(SEVERITY.LEVEL[str(r.level)]) if r.level is not None else self.tr("No level")
        if column == self.WAITED:
            waited = self._minutes(r.waited_minutes(self.now) if self.now else 0)
            # the target as the guideline says it: "within 60 minutes", "at once"
            target = (self.tr("{minutes} min").format(minutes=r.target_minutes) if r.target_minutes
                      else self.tr("at once"))
            return f"{waited} / {target}"
        if column == self.CALLED:
            return self.tr("Called {time}").format(time=local(r.called_at, self.zone, "%H:%M")) if r.called_at else ""
        if column == self.TEMPERATURE:
            return f"{r.temperature_c:.1f} °C"
        return decision_name(r.decision)

    def wait_level(self, r: WaitingPatient) -> str:
        """"ok", "amber" (past the limit) or "red" (past three times it, or past the level's target)."""
        return "red" if self.past_target(r) else wait_level(self.waited_seconds(r), self.limit_minutes)

    def style(self, r: WaitingPatient, column: int, role: int) -> Any:
        level = self.wait_level(r)
        if column == self.LEVEL and r.level is not None and role in (Qt.ItemDataRole.ForegroundRole,
                                                                     Qt.ItemDataRole.BackgroundRole):
            table = TRIAGE_LEVEL_COLORS if role == Qt.ItemDataRole.ForegroundRole else TRIAGE_LEVEL_BACKGROUNDS
            return brush(table[r.level])
        strong = (self.QUEUE, self.VISIT, self.PATIENT, self.LEVEL, self.CALLED)
        if role == Qt.ItemDataRole.FontRole and (column in strong or (column == self.WAITED and level != "ok")):
            return bold()
        if role == Qt.ItemDataRole.BackgroundRole and level == "red":
            return QBrush(LONG_WAIT_BACKGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and level == "amber":
            return QBrush(SOON_WAIT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.WAITED and level != "ok":
            return QBrush(POSITIVE if level == "red" else PENDING)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CALLED:
            return brush(palette.BLUE)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DECISION and r.decision == "isolate":
            return QBrush(POSITIVE)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            if self.past_target(r):
                tips.append(self.tr("Waited longer than this level's target: see the patient now."))
            if self.overdue(r):
                tips.append(self.tr("Waiting longer than {limit} min: take the patient now (first-diagnosis "
                                    "responsibility).").format(limit=self.limit_minutes))
            return "\n".join(tips) or None
        return None


class CaseListModel(PagedRecordModel[CaseRow]):
    """The fever clinic's open cases, a page at a time as the list scrolls (CaseService.case_list): the doctor
    responsible in bold when it is me, a pending hand-over's receiver, results still pending, the
    classification in its colours."""

    VISIT, PATIENT, DOCTOR, CLASS, OBSERVATION, PENDING_RESULTS, TAKEN = range(7)

    def __init__(self, runner: Runner, zone: ZoneInfo, me: str, parent: QObject | None = None) -> None:
        super().__init__(runner, zone, parent)
        self.me = me

    def key(self, r: CaseRow) -> object:
        return r.visit_no

    def headers(self) -> list[str]:
        return [self.tr("Visit no."), self.tr("Patient"), self.tr("Responsible doctor"), self.tr("Classification"),
                self.tr("Observation"), self.tr("Results pending"), self.tr("Taken at")]

    def row_of(self, visit_no: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.visit_no == visit_no), -1)

    def display(self, r: CaseRow, column: int) -> str:
        if column == self.VISIT:
            return r.visit_no
        if column == self.PATIENT:
            return r.patient_name
        if column == self.DOCTOR:
            text = f"{r.doctor_name} ({r.doctor_username})"
            if r.handover_to is not None:
                text += "  " + self.tr("→ {doctor}?").format(doctor=r.handover_to)
            return text
        if column == self.CLASS:
            return classification_name(r.classification)
        if column == self.OBSERVATION:
            return " ".join(x for x in (r.observation_room, r.observation_bed) if x)
        if column == self.PENDING_RESULTS:
            return str(r.pending_results) if r.pending_results else ""
        return local(r.taken_at, self.zone)

    def style(self, r: CaseRow, column: int, role: int) -> Any:
        if column == self.CLASS:
            return classification_colours(r.classification, role)
        if role == Qt.ItemDataRole.FontRole and (column == self.VISIT or
                                                 (column == self.DOCTOR and r.doctor_username == self.me)):
            return bold()
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PENDING_RESULTS:
            return QBrush(PENDING)
        return None


class HandoverModel(RecordModel[HandoverRecord]):
    VISIT, PATIENT, FROM, REASON, REQUESTED = range(5)

    def key(self, r: HandoverRecord) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Visit no."), self.tr("Patient"), self.tr("From doctor"), self.tr("Reason"),
                self.tr("Requested at")]

    def display(self, r: HandoverRecord, column: int) -> str:
        return [r.visit_no, r.patient_name, r.from_username, r.reason, local(r.requested_at, self.zone)][column]

    def style(self, r: HandoverRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column in (self.VISIT, self.PATIENT):
            return bold()
        return None


class TestsModel(RecordModel[LabTestRecord]):
    ID, KIND, POPULATION, SAMPLE, RESULT, CT, RESULT_AT, LAB, ORDERED_BY = range(9)

    def key(self, r: LabTestRecord) -> object:
        return (r.id, r.version)

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Test"), self.tr("Tested as"), self.tr("Sampled at"), self.tr("Result"),
                self.tr("Ct"), self.tr("Result at"), self.tr("Lab"), self.tr("Ordered by")]

    def display(self, r: LabTestRecord, column: int) -> str:
        if column == self.ID:
            return f"#{r.id}"
        if column == self.KIND:
            return test_kind_name(r.kind)
        if column == self.POPULATION:
            return population_name(r.population)
        if column == self.SAMPLE:
            return local(r.sample_at, self.zone)
        if column == self.RESULT:
            return test_result_name(r.result)
        if column == self.CT:
            return f"{r.ct_value:g}" if r.ct_value is not None else ""
        if column == self.RESULT_AT:
            return local(r.result_at, self.zone)
        if column == self.LAB:
            return r.lab or ""
        return r.ordered_by

    def style(self, r: LabTestRecord, column: int, role: int) -> Any:
        if column != self.RESULT:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(PENDING if r.result is None else POSITIVE if r.result == "positive" else
                          QColor(palette.OK) if r.result == "negative" else MUTED)
        if role == Qt.ItemDataRole.FontRole:
            return bold()
        return None


def clock_status(clock: ClockRecord, now: datetime | None) -> tuple[str, ClockState]:
    """What a clock's status cell says, and the state that colours it."""
    if now is None:
        return "", ClockState.OK
    if clock.settled:  # closed by the case's end, not met by its own event: neither in time nor missed
        return settled_reason_name(clock.settled_reason), ClockState.OK
    if clock.met_at is not None:
        if clock.missed:
            return translate("Labels", "Met late ({time} past due)").format(
                time=span_text((clock.met_at - clock.due_at).total_seconds())), ClockState.OVERDUE
        return translate("Labels", "Met in time"), ClockState.OK
    state = clock.state(now)
    left = time_left_text((clock.due_at - now).total_seconds())
    if state == ClockState.OVERDUE:  # "overdue by 0:10:00" says it all
        return left, state
    return f"{clock_state_name(state.value)} · {left}", state


def clock_label(clock: ClockRecord) -> str:
    name = clock_kind_name(clock.kind)
    if clock.kind == ClockKind.RESULT and clock.ref_id is not None:
        name += f" (#{clock.ref_id})"
    return name


class ClocksModel(RecordModel[ClockRecord]):
    """A case's clocks, open and met."""

    KIND, STARTED, DUE, MET, STATUS = range(5)

    def key(self, r: ClockRecord) -> object:
        return (r.id, r.met_at)

    def headers(self) -> list[str]:
        return [self.tr("Time limit"), self.tr("Started"), self.tr("Due"), self.tr("Met at"), self.tr("Status")]

    def display(self, r: ClockRecord, column: int) -> str:
        if column == self.KIND:
            return clock_label(r)
        if column == self.STARTED:
            return local(r.started_at, self.zone)
        if column == self.DUE:
            return local(r.due_at, self.zone)
        if column == self.MET:
            return local(r.met_at, self.zone)
        return clock_status(r, self.now)[0]

    def style(self, r: ClockRecord, column: int, role: int) -> Any:
        text, state = clock_status(r, self.now)
        if r.settled:
            return QBrush(MUTED) if role == Qt.ItemDataRole.ForegroundRole else None
        if r.met_at is not None and not r.missed:
            if role == Qt.ItemDataRole.ForegroundRole:
                return brush(palette.OK)
            return None
        return clock_colours(state, role)


class BoardModel(RecordModel[BoardEntry]):
    """The deadline board: open clocks, most urgent first; time left from ``set_now``. The patient's name is
    masked (the board is public, issue 15)."""

    VISIT, PATIENT, KIND, STARTED, DUE, LEFT, DOCTOR = range(7)

    def key(self, r: BoardEntry) -> object:
        return r.clock.id

    def headers(self) -> list[str]:
        return [self.tr("Visit no."), self.tr("Patient"), self.tr("Time limit"), self.tr("Started"), self.tr("Due"),
                self.tr("Time left"), self.tr("Responsible doctor")]

    def state(self, r: BoardEntry) -> ClockState:
        return r.clock.state(self.now) if self.now is not None else r.state

    def seconds_left(self, r: BoardEntry) -> float:
        return (r.clock.due_at - self.now).total_seconds() if self.now is not None else r.seconds_left

    def display(self, r: BoardEntry, column: int) -> str:
        if column == self.VISIT:
            return r.clock.visit_no
        if column == self.PATIENT:
            return r.patient_masked
        if column == self.KIND:
            return clock_label(r.clock)
        if column == self.STARTED:
            return local(r.clock.started_at, self.zone)
        if column == self.DUE:
            return local(r.clock.due_at, self.zone)
        if column == self.LEFT:
            if continuous(r.clock):  # NEWS2 ≥ 7: not minutes overdue but a patient to review now
                return "⚠ " + self.tr("Continuous monitoring, urgent review")
            state = self.state(r)
            prefix = "" if state == ClockState.OK else ("⚠ " if state == ClockState.WARNING else "⚠ ")
            return prefix + time_left_text(self.seconds_left(r))
        return r.doctor_name or r.doctor_username

    def style(self, r: BoardEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column in (self.VISIT, self.LEFT):
            return bold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return clock_state_name(self.state(r).value)
        return clock_colours(self.state(r), role)
