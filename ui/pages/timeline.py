"""病例全程时间线 (责任倒查): every audited act on one visit — who, in which role, at which desk,
what, and whether it was done, refused or failed — and every time limit, met or missed.
Refused and failed acts are marked red. "Print / Save PDF" makes the A4 timeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.casework.records import TimelineEvent
from app.casework.timeline import Timeline
from app.errors import FeverSentinelError
from ui.forms import Dialog
from ui.labels import (
    action_name,
    classification_name,
    clock_kind_name,
    decision_name,
    disposition_name,
    outcome_name,
    population_name,
    reason_names,
    role_names,
    test_kind_name,
    test_result_name,
)
from ui.messages import error_text
from ui.pages.case_models import ClocksModel, RecordModel, bold, local
from ui.pages.case_page import table_view
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.session import Session

translate = QCoreApplication.translate  # lupdate extracts translate("Timeline", ...)
BAD_BG = QColor("#f8d0cc")
BAD_FG = QColor("#8c1d18")
SECONDS = "%Y-%m-%d %H:%M:%S"
EPI_FIELDS = ("travel", "contacts", "exposures", "notes", "findings")


def _time(value: Any, zone: ZoneInfo) -> str:
    try:
        return datetime.fromisoformat(str(value)).astimezone(zone).strftime("%m-%d %H:%M")
    except ValueError:
        return str(value)


def _plain(value: Any) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return "" if value is None else str(value)


def _epi_field(key: str) -> str:
    names = {
        "travel": translate("Timeline", "travel"),
        "contacts": translate("Timeline", "contacts"),
        "exposures": translate("Timeline", "exposures"),
        "notes": translate("Timeline", "notes"),
        "findings": translate("Timeline", "findings"),
    }
    return names.get(key, key)


def _triage_summary(action: str, s: Mapping[str, Any], zone: ZoneInfo) -> str | None:
    if action == "triage.screen":
        text = translate("Timeline", "{temperature} °C; decision: {decision}").format(
            temperature=f"{float(s.get('temperature') or 0):.1f}", decision=decision_name(str(s.get("decision"))))
        reasons = s.get("reasons") or []
        if isinstance(reasons, str):  # stored comma-joined
            reasons = [r for r in reasons.split(",") if r]
        if reasons:
            text += translate("Timeline", "; reasons: {reasons}").format(reasons=reason_names(reasons))
        if s.get("override_reason"):
            text += translate("Timeline", "; changed by the nurse: {reason}").format(reason=s["override_reason"])
        return text
    if action in ("pharmacy.purchase", "pharmacy.callback"):  # the screening made at the pharmacy counter
        from ui.labels import callback_outcome_name, drug_category_name, prescription_name, sale_outcome_name

        if action == "pharmacy.callback":
            return callback_outcome_name(str(s.get("outcome")))
        parts = [drug_category_name(str(s.get("category"))), prescription_name(s.get("prescription")),
                 sale_outcome_name(s.get("outcome"))]  # rows from before issue 12 have the category only
        text = translate("Timeline", "At the pharmacy counter: {what}").format(
            what=translate("Labels", ", ").join(p for p in parts if p))
        if s.get("decision"):
            text += translate("Timeline", "; decision: {decision}").format(decision=decision_name(str(s["decision"])))
        return text
    if action == "triage.register":
        return (translate("Timeline", "Registered as a returning patient") if s.get("returning")
                else translate("Timeline", "Registered as a new patient"))
    if action == "handoff.send":
        return translate("Timeline", "Escort {escort}, expected by {time}").format(
            escort=s.get("escort", ""), time=_time(s.get("due_at"), zone))
    if action == "handoff.arrive":
        minutes = round(float(s.get("minutes") or 0))
        return (translate("Timeline", "Arrived after {minutes} min (late)") if s.get("late")
                else translate("Timeline", "Arrived after {minutes} min")).format(minutes=minutes)
    if action == "handoff.left_without_permission":
        return translate("Timeline", "Noticed by {noticed}, reported to {reported}").format(
            noticed=s.get("noticed_by", ""), reported=s.get("reported_to", ""))
    return None


def _case_summary(action: str, s: Mapping[str, Any], zone: ZoneInfo) -> str | None:
    if action == "case.take":
        return translate("Timeline", "Took the case; responsible doctor: {doctor}").format(doctor=s.get("doctor", ""))
    if action == "case.handover_request":
        return translate("Timeline", "Asked {to} to take over: {reason}").format(to=s.get("to", ""),
                                                                                 reason=s.get("reason", ""))
    if action == "case.handover_accept":
        return translate("Timeline", "{to} took over the case from {frm}").format(to=s.get("to", ""),
                                                                                  frm=s.get("from", ""))
    if action == "case.handover_decline":
        return translate("Timeline", "{to} declined to take over from {frm}: {note}").format(
            to=s.get("to", ""), frm=s.get("from", ""), note=s.get("note", ""))
    if action == "case.interview":
        changed = list(s.get("changed") or {})
        if not changed:
            return translate("Timeline", "Saved without changes")
        return translate("Timeline", "Changed: {fields}").format(
            fields=translate("Labels", ", ").join(_epi_field(k) for k in changed))
    if action == "case.classify":
        text = translate("Timeline", "{before} → {after}").format(
            before=classification_name(s.get("before")), after=classification_name(s.get("after")))
        if s.get("other_pathogen"):
            text += translate("Timeline", "; other pathogen: {pathogen}").format(pathogen=s["other_pathogen"])
        if s.get("clocks_started"):
            text += translate("Timeline", "; started: {clocks}").format(
                clocks=translate("Labels", ", ").join(clock_kind_name(k) for k in s["clocks_started"]))
        return text
    if action == "case.reported":
        return translate("Timeline", "Report card {card}, reported at {time}").format(
            card=s.get("card_no", ""), time=_time(s.get("reported_at"), zone))
    if action == "case.investigated":
        return translate("Timeline", "Investigation done at {time}").format(time=_time(s.get("done_at"), zone))
    if action == "case.observe":
        return translate("Timeline", "Observation room {room}, bed {bed}").format(room=s.get("room", ""),
                                                                                 bed=s.get("bed", ""))
    if action == "case.order_test":
        return translate("Timeline", "{test} #{id} ({population}), sampled at {time}").format(
            test=test_kind_name(str(s.get("kind"))), id=s.get("test_id", ""),
            population=population_name(str(s.get("population"))), time=_time(s.get("sample_at"), zone))
    if action == "case.result":
        text = translate("Timeline", "{test} #{id}: {result}, {lab}, at {time}").format(
            test=test_kind_name(str(s.get("kind"))), id=s.get("test_id", ""), result=test_result_name(s.get("result")),
            lab=s.get("lab", ""), time=_time(s.get("result_at"), zone))
        if s.get("ct") is not None:
            text += f" (Ct {s['ct']})"
        return text
    if action == "case.dispose":
        text = disposition_name(s.get("disposition"))
        detail = {k: v for k, v in (s.get("detail") or {}).items() if v not in (None, "", False)}
        if detail:
            text += f" ({_plain(detail)})"
        if s.get("reason"):
            text += translate("Timeline", "; reason: {reason}").format(reason=s["reason"])
        return text
    return None


def event_summary(event: TimelineEvent, zone: ZoneInfo) -> str:
    """The event in words: what was done, or why it was refused."""
    s = event.summary if isinstance(event.summary, Mapping) else {}
    if event.outcome != "success" and "error" in s:
        details = {k: v for k, v in s.items() if k != "error"}
        return error_text(FeverSentinelError(str(s["error"]), **details))
    try:
        text = _case_summary(event.action, s, zone) or _triage_summary(event.action, s, zone)
    except (KeyError, TypeError, ValueError, AttributeError):
        text = None
    return text if text is not None else _plain(s)[:200]


class TimelineModel(RecordModel[TimelineEvent]):
    SEQ, TIME, WHO, WORKSTATION, ACTION, OUTCOME, SUMMARY = range(7)

    def headers(self) -> list[str]:
        return [self.tr("Seq."), self.tr("Time"), self.tr("Who"), self.tr("Workstation"), self.tr("Action"),
                self.tr("Outcome"), self.tr("Summary")]

    def display(self, e: TimelineEvent, column: int) -> str:
        if column == self.SEQ:
            return "" if e.seq is None else str(e.seq)
        if column == self.TIME:
            return local(e.at, self.zone, SECONDS)
        if column == self.WHO:
            roles = role_names([r.strip() for r in (e.roles or "").split(",") if r.strip()])
            return f"{e.username} ({roles})" if roles else e.username
        if column == self.WORKSTATION:
            return e.workstation
        if column == self.ACTION:
            return action_name(e.action)
        if column == self.OUTCOME:
            name = outcome_name(e.outcome)
            return name if e.outcome == "success" else f"✖ {name}"
        return event_summary(e, self.zone)

    def style(self, e: TimelineEvent, column: int, role: int) -> Any:
        bad = e.outcome != "success"
        if role == Qt.ItemDataRole.BackgroundRole and bad:
            return QBrush(BAD_BG)
        if role == Qt.ItemDataRole.ForegroundRole and bad:
            return QBrush(BAD_FG)
        if role == Qt.ItemDataRole.FontRole and bad and column in (self.ACTION, self.OUTCOME):
            return bold()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SUMMARY:
            return event_summary(e, self.zone)
        return None


class TimelineDialog(Dialog):
    def __init__(self, session: Session, timeline: Timeline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.timeline = timeline
        self.preview: PrintPreviewDialog | None = None
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1200, 680)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.counts = QLabel()
        now = session.ctx.clock.now()
        self.events_model = TimelineModel(session.zone, self)
        self.events_model.set_rows(timeline.events, now)
        self.events_view = table_view(self.events_model, (48, 150, 190, 120, 200, 80))
        self.events_view.setWordWrap(True)
        self.clocks_label = QLabel()
        self.clocks_label.setStyleSheet("font-weight: bold;")
        self.clocks_model = ClocksModel(session.zone, self)
        self.clocks_model.set_rows(timeline.clocks, now)
        self.clocks_view = table_view(self.clocks_model, (280, 120, 120, 120))
        self.print_button = QPushButton()
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_timeline)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        clocks_box = QWidget()
        cb = QVBoxLayout(clocks_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.addWidget(self.clocks_label)
        cb.addWidget(self.clocks_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.events_view)
        split.addWidget(clocks_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.print_button.setFocus()

    def retranslate(self) -> None:
        t = self.timeline
        self.setWindowTitle(self.tr("Timeline — {visit_no}").format(visit_no=t.visit_no))
        self.heading.setText(self.tr("Case timeline: {visit_no} — {name}").format(visit_no=t.visit_no,
                                                                                 name=t.patient_name))
        bad = sum(1 for e in t.events if e.outcome != "success")
        missed = sum(1 for c in t.clocks if c.missed or (c.met_at is None and c.due_at < self.session.ctx.clock.now()))
        self.counts.setText(self.tr("{events} events, {bad} refused or failed; {clocks} time limits, {missed} "
                                    "missed").format(events=len(t.events), bad=bad, clocks=len(t.clocks),
                                                     missed=missed))
        self.clocks_label.setText(self.tr("Time limits"))
        self.print_button.setText(self.tr("&Print / Save PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.events_model.retranslate()
        self.clocks_model.retranslate()

    def _opened(self, dialog: PrintPreviewDialog) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = dialog

    def print_timeline(self) -> None:
        from app.printing.timeline_pdf import case_timeline_pdf

        timeline, clinic, clock = self.timeline, self.session.clinic, self.session.ctx.clock
        printed_by = f"{self.session.full_name}（{self.session.actor.username}）"
        open_preview(self.session, self, lambda: case_timeline_pdf(timeline, clinic, clock.now(), printed_by),
                     translate("Printing", "Case timeline {visit_no}").format(visit_no=timeline.visit_no),
                     f"timeline-{timeline.visit_no}.pdf", self._opened)


def open_timeline(session: Session, parent: QWidget, visit_no: str, on_open: Callable[[TimelineDialog], None]
                  ) -> None:
    """Read the timeline through the runner, then show it (window-modal, non-blocking)."""
    timelines, actor = session.ctx.timelines, session.actor

    def show(timeline: Timeline) -> None:
        dialog = TimelineDialog(session, timeline, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        on_open(dialog)
        dialog.show()

    session.runner.run(lambda: timelines.timeline(actor, visit_no), show, parent=parent)

