"""病例全程时间线 (责任倒查): every audited act on one visit — who, in which role, at which desk,
what, and whether it was done, refused or failed — every set of vital signs with NEWS2 and the triage level
(the pre-triage set first), and every time limit, met, missed or settled by the case's end (with the reason).
Refused and failed acts are marked red. Each act's summary is a
sentence: codes in words, yes/no in words, never a dict key. "Print / Save PDF" makes the A4 timeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.casework.records import TimelineEvent
from app.casework.timeline import Timeline
from app.printing import vitals_text as VS
from app.severity.store import VitalSignsRecord
from app.vocabulary.severity import RECORD
from ui.forms import Dialog
from ui.i18n import current_language
from ui.labels import (
    action_name,
    classification_name,
    clinic_mode_name,
    clock_kind_name,
    condition_name,
    decision_name,
    disposition_name,
    exception_kind_name,
    figure_name,
    figure_value,
    outcome_name,
    population_name,
    reason_names,
    role_names,
    test_kind_name,
    test_result_name,
)
from ui.pages.case_models import ClocksModel
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.session import Session
from ui.widgets import palette
from ui.widgets.table import RecordModel, bold, local, record_table

translate = QCoreApplication.translate  # lupdate extracts translate("Timeline", ...)
BAD_BG = QColor(palette.OVERDUE_ROW_BG)
BAD_FG = QColor(palette.OVERDUE)
SECONDS = "%Y-%m-%d %H:%M:%S"
EPI_FIELDS = ("travel", "contacts", "exposures", "notes", "findings")


def _time(value: Any, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    try:
        return datetime.fromisoformat(str(value)).astimezone(zone).strftime("%m-%d %H:%M")
    except ValueError:
        return str(value)


def _plain(value: Any) -> str:
    """Any recorded value as words: its values only (no keys), yes/no for a flag, times in the clinic's day."""
    if isinstance(value, bool):
        return translate("Timeline", "yes") if value else translate("Timeline", "no")
    if isinstance(value, Mapping):
        return translate("Labels", ", ").join(t for t in (_plain(v) for v in value.values()) if t)
    if isinstance(value, list | tuple):
        return translate("Labels", ", ").join(t for t in (_plain(v) for v in value) if t)
    return "" if value is None else str(value)


def _count(n: Any) -> int:
    """A count recorded in a summary (a list counts its items); anything else is none."""
    if isinstance(n, bool):
        return 0
    if isinstance(n, int):
        return n
    return len(n) if isinstance(n, list | tuple) else 0


def _clocks(s: Mapping[str, Any]) -> str:
    """What a step did to the case's time limits: started, met, settled (closed by the case's end)."""
    parts = []
    started = [str(k) for k in s.get("clocks_started") or [] if isinstance(k, str)]
    if started:
        parts.append(translate("Timeline", "started: {clocks}").format(
            clocks=translate("Labels", ", ").join(clock_kind_name(k) for k in started)))
    met = _count(s.get("clocks_met"))
    if met:
        parts.append(translate("Timeline", "{count} time limit(s) met").format(count=met))
    settled = _count(s.get("clocks_settled"))
    if settled:
        parts.append(translate("Timeline", "{count} time limit(s) settled").format(count=settled))
    return "".join(translate("Timeline", "; {part}").format(part=p) for p in parts)


def _figure(name: str) -> tuple[str, str]:
    """A rule figure's words and unit, from the figure sets of this release."""
    from app.guideline_rules import figure_sets

    for key, cls in figure_sets().items():
        if name in cls.FIGURES:
            return figure_name(key, name), cls.FIGURES[name].unit
    return name, ""


def _part(s: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """A nested part of a summary; empty when missing or not a mapping (an older row's shape)."""
    value = s.get(key)
    return value if isinstance(value, Mapping) else {}


def _figures_changed(s: Mapping[str, Any]) -> str:
    before = _part(s, "before")
    after = _part(s, "after")
    changes = []
    for name in after:
        if before.get(name) == after[name]:
            continue
        words, unit = _figure(str(name))
        changes.append(translate("Timeline", "{figure}: {before} → {after}").format(
            figure=words, before=figure_value(before.get(name), unit) if name in before else "—",
            after=figure_value(after[name], unit)))
    if not changes:
        return translate("Timeline", "Saved without changes")
    return translate("Timeline", "Changed: {changes}").format(changes=translate("Labels", ", ").join(changes))


def _detail(detail: Any, zone: ZoneInfo) -> str:
    """A disposition's detail in words."""
    if not isinstance(detail, Mapping):
        return _plain(detail)
    names = {
        "ward": translate("Timeline", "ward {value}"),
        "bed": translate("Timeline", "bed {value}"),
        "advice": translate("Timeline", "advice: {value}"),
        "excluding_test_id": translate("Timeline", "excluded by test #{value}"),
        "left_at": translate("Timeline", "left at {value}"),
        "noticed_by": translate("Timeline", "noticed by {value}"),
        "reported_to": translate("Timeline", "reported to {value}"),
        "died_at": translate("Timeline", "died at {value}"),
        "certified_by": translate("Timeline", "certified by {value}"),
    }
    parts = []
    for key, value in detail.items():
        if value in (None, "", False):
            continue
        if key == "buffer_single_room":
            parts.append(translate("Timeline", "single room in the buffer ward"))
        elif key in names:
            parts.append(names[key].format(value=_plain(value)))
        else:
            parts.append(_plain(value))
    return translate("Labels", ", ").join(p for p in parts if p)


def _epi_field(key: str) -> str:
    names = {
        "travel": translate("Timeline", "travel"),
        "contacts": translate("Timeline", "contacts"),
        "exposures": translate("Timeline", "exposures"),
        "notes": translate("Timeline", "notes"),
        "findings": translate("Timeline", "findings"),
    }
    return names.get(key, key)


def _severity(s: Mapping[str, Any], level_key: str = "level") -> str:
    """Issue 17: a set's triage level and NEWS2 (a partial total is a floor); to the doctor at once when so."""
    from app.vocabulary.severity import LEVEL

    text = translate("Timeline", "; to the doctor at once") if s.get("urgent") is True else ""
    level = s.get(level_key)
    if isinstance(level, int) and not isinstance(level, bool) and str(level) in LEVEL:
        text += translate("Timeline", "; {level}").format(level=LEVEL[str(level)].say(current_language()))
    news2 = s.get("news2")
    if isinstance(news2, int) and not isinstance(news2, bool):
        text += (translate("Timeline", "; NEWS2 {total}") if s.get("news2_complete") is not False
                 else translate("Timeline", "; NEWS2 ≥ {total} (partial)")).format(total=news2)
    return text


def _vitals_summary(s: Mapping[str, Any]) -> str:
    """``case.vitals``: NEWS2 and the level, the next round, the alert to the responsible doctor."""
    from app.vocabulary.severity import OBSERVATION_ALERT

    text = translate("Timeline", "Vital signs taken") + _severity(s)
    if s.get("spo2_scale") == 2:
        text += translate("Timeline", "; SpO₂ scale 2")
    every = s.get("every_minutes")
    if isinstance(every, int) and not isinstance(every, bool):
        text += (translate("Timeline", "; next: continuous monitoring") if every == 0
                 else translate("Timeline", "; next round within {minutes} min").format(minutes=every))
    codes = [str(c) for c in s.get("alert_codes") or [] if isinstance(c, str)]
    if codes:
        text += translate("Timeline", "; responsible doctor alerted: {alerts}").format(alerts=translate(
            "Labels", ", ").join(OBSERVATION_ALERT[c].en if c in OBSERVATION_ALERT else c for c in codes))
    return text


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
        return text + _severity(s, "severity_level")
    if action in ("pharmacy.purchase", "pharmacy.callback"):  # the screening made at the pharmacy counter
        from ui.labels import callback_outcome_name, drug_category_name, prescription_name, sale_outcome_name

        if action == "pharmacy.callback":
            text = translate("Timeline", "Buyer called back (call {call}): {outcome}").format(
                call=s.get("call", "?"), outcome=callback_outcome_name(str(s.get("outcome"))))
            if s.get("closed") is True:
                text += translate("Timeline", "; off the follow-up list")
            elif s.get("closed") is False:
                text += translate("Timeline", "; stays on the follow-up list")
            if s.get("note"):
                text += translate("Timeline", "; note: {note}").format(note=s["note"])
            return text
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
        if s.get("exception_id") is not None:
            text += translate("Timeline", "; with exception #{id} approved by {approver}").format(
                id=s["exception_id"], approver=s.get("approved_by", ""))
        return text + _clocks(s)
    if action == "case.exception_approve":
        change = _part(s, "detail")
        return translate("Timeline", "Exception #{id} approved ({kind}): {before} → {after}; reason: {reason}"
                         ).format(id=s.get("exception_id", "?"), kind=exception_kind_name(str(s.get("kind", ""))),
                                  before=classification_name(s.get("classification")),
                                  after=classification_name(change.get("to")), reason=s.get("reason", ""))
    if action == "case.incident_reported":
        return translate("Timeline", "Incident reported to {to} at {time}").format(
            to=s.get("reported_to", ""), time=_time(s.get("reported_at"), zone)) + _clocks(s)
    if action == "case.reassign":
        text = translate("Timeline", "Reassigned from {frm} to {to}: {reason}").format(
            frm=s.get("from", ""), to=s.get("to", ""), reason=s.get("reason", ""))
        if s.get("handover_cancelled"):
            text += translate("Timeline", "; the hand-over to {to} was cancelled").format(to=s["handover_cancelled"])
        return text
    if action == "case.reported":
        return translate("Timeline", "Report card {card}, reported at {time}").format(
            card=s.get("card_no", ""), time=_time(s.get("reported_at"), zone)) + _clocks(s)
    if action == "case.investigated":
        return translate("Timeline", "Investigation done at {time}").format(
            time=_time(s.get("done_at"), zone)) + _clocks(s)
    if action == "case.vitals":
        return _vitals_summary(s)
    if action == "case.observe":
        return translate("Timeline", "Observation room {room}, bed {bed}").format(room=s.get("room", ""),
                                                                                 bed=s.get("bed", ""))
    if action == "case.order_test":
        return translate("Timeline", "{test} #{id} ({population}), sampled at {time}").format(
            test=test_kind_name(str(s.get("kind"))), id=s.get("test_id", ""),
            population=population_name(str(s.get("population"))), time=_time(s.get("sample_at"), zone)) + _clocks(s)
    if action == "case.result":
        text = translate("Timeline", "{test} #{id}: {result}, {lab}, at {time}").format(
            test=test_kind_name(str(s.get("kind"))), id=s.get("test_id", ""), result=test_result_name(s.get("result")),
            lab=s.get("lab", ""), time=_time(s.get("result_at"), zone))
        if s.get("ct") is not None:
            text += f" (Ct {s['ct']})"
        if s.get("positive") is True:
            text += (translate("Timeline", "; positive, early-warning alert raised") if s.get("alert") is True
                     else translate("Timeline", "; positive"))
        return text + _clocks(s)
    if action == "case.dispose":
        text = disposition_name(s.get("disposition"))
        detail = _detail(s.get("detail") or {}, zone)
        if detail:
            text = translate("Timeline", "{disposition} ({detail})").format(disposition=text, detail=detail)
        if s.get("reason"):
            text += translate("Timeline", "; reason: {reason}").format(reason=s["reason"])
        if s.get("incident") is True:
            text += (translate("Timeline", "; an incident, early-warning alert raised") if s.get("alert") is True
                     else translate("Timeline", "; an incident"))
        return text + _clocks(s)
    return None


def _transfer_summary(action: str, s: Mapping[str, Any], zone: ZoneInfo) -> str | None:
    if action == "transfer.request":
        text = translate("Timeline", "Transfer #{id} to {hospital}, condition {condition}").format(
            id=s.get("transfer_id", "?"), hospital=s.get("hospital", ""), condition=condition_name(s.get("condition")))
        if s.get("oxygen") is True:
            text += translate("Timeline", ", needs oxygen")
        if s.get("from_ward"):
            text += translate("Timeline", "; from the ward: {ward}").format(ward=_plain(s["from_ward"]))
        if s.get("referral") is True:
            text += translate("Timeline", "; referral (sentinel room)")
        if s.get("reason"):
            text += translate("Timeline", "; reason: {reason}").format(reason=s["reason"])
        if s.get("request_clock_met"):
            text += translate("Timeline", "; the transfer request time limit met")
        return text + _clocks({"clocks_settled": s.get("clocks_settled")})
    if action == "transfer.dispatch":
        text = translate("Timeline", "120 called at {time}, dispatch no. {ref}, vehicle {vehicle}, crew {crew}").format(
            time=_time(s.get("call_120_at"), zone), ref=s.get("dispatch_ref", ""), vehicle=s.get("vehicle", ""),
            crew=s.get("crew", ""))
        if s.get("negative_pressure") is True:
            text += translate("Timeline", ", negative-pressure ambulance")
        return text
    if action == "transfer.depart":
        return translate("Timeline", "Departed at {time}, {minutes} min after the request").format(
            time=_time(s.get("departed_at"), zone), minutes=s.get("minutes_after_request", "?"))
    if action == "transfer.handover":
        return translate("Timeline", "Handed over at {time} to {staff} ({department}), condition {condition}").format(
            time=_time(s.get("handed_over_at"), zone), staff=s.get("receiving_staff", ""),
            department=s.get("department", ""), condition=condition_name(s.get("condition")))
    if action == "transfer.disinfect":
        return translate("Timeline", "Vehicle disinfected at {time} ({method}) by {by}").format(
            time=_time(s.get("disinfected_at"), zone), method=s.get("method", ""), by=s.get("by", ""))
    if action == "transfer.cancel":
        text = translate("Timeline", "Cancelled: {reason}").format(reason=s.get("reason", ""))
        if s.get("back_to_ward") is True:
            text += translate("Timeline", "; the patient stays in the ward")
        elif s.get("case_reopened") is True:
            text += translate("Timeline", "; the case is open again")
        if s.get("owes_transfer") is True:
            text += translate("Timeline", "; a transfer is still owed: request it again")
        resumed = _count(s.get("clocks_resumed"))
        if resumed:
            text += translate("Timeline", "; {count} time limit(s) running again").format(count=resumed)
        return text
    return None


def _settings_summary(action: str, s: Mapping[str, Any]) -> str | None:
    if action == "clinic.mode_change":
        return translate("Timeline", "{before} → {after}; reason: {reason}").format(
            before=clinic_mode_name(str(s.get("before", ""))), after=clinic_mode_name(str(s.get("after", ""))),
            reason=s.get("reason", ""))
    if action == "figures.update":
        return _figures_changed(s)
    return None


def english_sentence(action: str, s: Mapping[str, Any], zone: ZoneInfo) -> str | None:
    """The English sentence for an act this page has words for (None: no template; see english_summary)."""
    try:
        return (_case_summary(action, s, zone) or _triage_summary(action, s, zone)
                or _transfer_summary(action, s, zone) or _settings_summary(action, s))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def event_summary(event: TimelineEvent, zone: ZoneInfo) -> str:
    """The event in words: what was done, or why it was refused — issue 15: in Chinese the very sentence the
    printed timeline carries (app/printing/audit_text.py), in English the same facts in English."""
    from ui.pages.audit_model import screen_summary

    return screen_summary(event.action, event.outcome, event.summary, zone)


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
            who = f"{e.full_name}({e.username})" if e.full_name and e.full_name != e.username else e.username
            return f"{who} ({roles})" if roles else who
        if column == self.WORKSTATION:
            return e.workstation
        if column == self.ACTION:
            return action_name(e.action)
        if column == self.OUTCOME:
            name = outcome_name(e.outcome)
            return name if e.outcome == "success" else f"× {name}"
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


class VitalSignsModel(RecordModel[VitalSignsRecord]):
    """The sets of observations, the pre-triage one first: the words of the printed timeline, in the desk's
    language; the level's reasons as its tooltip, the level in bold when it sends the patient to the doctor at once."""

    TIME, WHO, WHERE, READINGS, NEWS2, LEVEL = range(6)

    def __init__(self, zone: ZoneInfo, timeline: Timeline, parent: QWidget | None = None) -> None:
        super().__init__(zone, parent)
        self.timeline = timeline

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Taken by"), self.tr("Where"), self.tr("Readings"), self.tr("NEWS2"),
                self.tr("Triage level")]

    def display(self, r: VitalSignsRecord, column: int) -> str:
        language = current_language()
        if column == self.TIME:
            return local(r.taken_at, self.zone, SECONDS)
        if column == self.WHO:
            name = self.timeline.people.get(r.username, "")
            return f"{name}({r.username})" if name and name != r.username else r.username
        if column == self.WHERE:
            return RECORD["pre_triage" if r == self.timeline.screening_vitals else "fever_clinic"].say(language)
        if column == self.READINGS:
            return VS.readings_line(r.vitals, language)
        if column == self.NEWS2:
            return VS.news2_text(r, language)
        return VS.level_text(r, language)

    def style(self, r: VitalSignsRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == self.LEVEL and VS.immediate(r):
            return bold()
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.READINGS, self.NEWS2, self.LEVEL):
            return VS.reasons_text(r, current_language()) or None
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
        self.events_view = record_table(self.events_model, (48, 150, 190, 120, 200, 80))
        self.events_view.setWordWrap(True)
        self.clocks_label = QLabel()
        self.clocks_label.setStyleSheet("font-weight: bold;")
        self.clocks_model = ClocksModel(session.zone, self)
        self.clocks_model.set_rows(timeline.clocks, now)
        self.clocks_view = record_table(self.clocks_model, (280, 120, 120, 120))
        self.vitals_label = QLabel()
        self.vitals_label.setStyleSheet("font-weight: bold;")
        self.vitals_model = VitalSignsModel(session.zone, timeline, self)
        self.vitals_model.set_rows(timeline.vital_signs, now)
        self.vitals_view = record_table(self.vitals_model, (150, 130, 90, 580, 230), wrap=True, row_height=None)
        # rows as tall as their wrapped readings, whatever the column widths (a case has tens of sets, not thousands)
        self.vitals_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        vitals_box = QWidget()
        vb = QVBoxLayout(vitals_box)
        vb.setContentsMargins(0, 0, 0, 0)
        vb.addWidget(self.vitals_label)
        vb.addWidget(self.vitals_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.events_view)
        split.addWidget(vitals_box)
        split.addWidget(clocks_box)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 2)
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
        self.vitals_label.setText(self.tr("Vital signs and NEWS2 (pre-triage first)"))
        self.print_button.setText(self.tr("&Print / Save PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.events_model.retranslate()
        self.clocks_model.retranslate()
        self.vitals_model.retranslate()

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

