"""The top of the case window: who the patient is, who is responsible, the classification badge and the most
urgent clock; a banner when the case is closed or someone else's; the red 阳性 frame (逢阳必报、逢阳即报) and
the incident frame for a patient who left without permission. Asks the dialog for what it cannot do itself."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.casework.vocab import REPORTABLE, ClockKind
from ui.fields import TimeField
from ui.labels import age_text, classification_name, disposition_name, sex_name, test_kind_name
from ui.pages.case.common import (
    BANNER_STYLE,
    CLOSED_STYLE,
    CaseView,
    clock_chip,
    last_clock,
    open_clock,
    positive_tests,
)
from ui.pages.case_models import clock_label, clock_status
from ui.widgets.palette import (
    CLASSIFICATION_BACKGROUNDS,
    CLASSIFICATION_COLORS,
    DANGER,
    DANGER_BG,
    FAINT,
    NEUTRAL_BG,
    OVERDUE,
    SLATE_DARK,
    TEXT,
    WHITE,
    style,
)
from ui.widgets.table import local

translate = QCoreApplication.translate  # the strings keep the context "CaseDialog" they were translated in
POSITIVE_FRAME = f"QFrame#positive {{ background: {DANGER}; border-radius: 6px; }}"
INCIDENT_FRAME = f"QFrame#incident {{ background: {DANGER_BG}; border: 1px solid {DANGER}; border-radius: 6px; }}"
REPORTED_FRAME = f"QFrame#incident {{ background: {NEUTRAL_BG}; border-radius: 6px; }}"


class CaseHeader(QWidget):
    """``classify_asked``/``report_asked``: the positive frame's buttons; ``incident_asked``: record whom the
    incident was reported to (``incident_to``, ``incident_at``)."""

    classify_asked = Signal()
    report_asked = Signal()
    incident_asked = Signal()

    def __init__(self, view: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.visit_label = QLabel()
        self.visit_label.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.visit_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label = QLabel()
        self.name_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.facts_label = QLabel()
        self.class_badge = QLabel()
        self.doctor_label = QLabel()
        self.doctor_label.setStyleSheet("font-size: 11pt;")
        self.observation_label = QLabel()
        self.urgent_label = QLabel()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self._build_positive()
        self._build_incident(view)
        top = QHBoxLayout()
        for widget, space in ((self.visit_label, 12), (self.name_label, 8), (self.facts_label, 0)):
            top.addWidget(widget)
            if space:
                top.addSpacing(space)
        top.addStretch(1)
        top.addWidget(self.class_badge)
        second = QHBoxLayout()
        second.addWidget(self.doctor_label)
        second.addSpacing(18)
        second.addWidget(self.observation_label)
        second.addStretch(1)
        second.addWidget(self.urgent_label)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.positive_frame)
        box.addLayout(top)
        box.addLayout(second)
        box.addWidget(self.banner)
        box.addWidget(self.incident_frame)
        box.addWidget(line)

    def _build_positive(self) -> None:
        """逢阳必报、逢阳即报: a positive result asks for classification and the report, at the top, in red."""
        self.positive_frame = QFrame()
        self.positive_frame.setObjectName("positive")
        self.positive_frame.setStyleSheet(POSITIVE_FRAME)
        self.positive_badge = QLabel()
        self.positive_badge.setStyleSheet(style(fg=DANGER, bg=WHITE, bold=True, extra="font-size: 18pt; "
                                                "padding: 2px 12px; border-radius: 4px;"))
        self.positive_text = QLabel()
        self.positive_text.setWordWrap(True)
        self.positive_text.setStyleSheet(style(fg=WHITE, bold=True, extra="font-size: 11pt;"))
        self.positive_classify_button = QPushButton()
        self.positive_classify_button.clicked.connect(self.classify_asked)
        self.positive_report_button = QPushButton()
        self.positive_report_button.clicked.connect(self.report_asked)
        for b in (self.positive_classify_button, self.positive_report_button):
            b.setStyleSheet(f"QPushButton {{ background: {WHITE}; color: {DANGER}; font-weight: bold; "
                            f"padding: 4px 14px; border-radius: 4px; }} QPushButton:disabled {{ color: {FAINT}; }}")
        row = QHBoxLayout(self.positive_frame)
        row.addWidget(self.positive_badge)
        row.addWidget(self.positive_text, 1)
        row.addWidget(self.positive_classify_button)
        row.addWidget(self.positive_report_button)
        self.positive_frame.hide()

    def _build_incident(self, view: CaseView) -> None:
        """A suspected or positive patient who left without permission: report the incident within 2 h."""
        self.incident_frame = QFrame()
        self.incident_frame.setObjectName("incident")
        self.incident_text = QLabel()
        self.incident_text.setWordWrap(True)
        self.incident_text.setStyleSheet(style(fg=OVERDUE, bold=True))
        self.incident_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.incident_to = QLineEdit()
        self.incident_to.setMaxLength(64)
        self.incident_at = TimeField(view.zone)
        self.incident_button = QPushButton()
        self.incident_button.clicked.connect(self.incident_asked)
        self.incident_to.returnPressed.connect(self.incident_asked)
        self.incident_to_label, self.incident_at_label = QLabel(), QLabel()
        self.incident_to_label.setBuddy(self.incident_to)
        self.incident_at_label.setBuddy(self.incident_at)
        self.incident_inputs = QWidget()
        row = QHBoxLayout(self.incident_inputs)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.incident_to_label, self.incident_to, self.incident_at_label, self.incident_at,
                  self.incident_button):
            row.addWidget(w)
        row.setStretch(1, 1)
        box = QVBoxLayout(self.incident_frame)
        box.addWidget(self.incident_text)
        box.addWidget(self.incident_inputs)
        self.incident_frame.hide()

    # ----- showing --------------------------------------------------------------------------
    def load(self, view: CaseView) -> None:
        """Show ``view``'s case; the incident time starts at now until the incident is reported."""
        self.view = view
        if view.case.incident_reported_at is None:
            self.incident_at.set_value(view.now)
        self.refresh()
        mine, active = view.mine, view.active
        self.positive_classify_button.setEnabled(mine and active)
        reporting = mine and view.case.incident_reported_at is None
        for w in (self.incident_to, self.incident_at, self.incident_button):
            w.setEnabled(reporting)

    def refresh(self) -> None:
        """The words and colours of the case as it is (also after a language switch)."""
        view, c, zone = self.view, self.view.case, self.view.zone
        today = view.now.astimezone(zone).date()
        self.visit_label.setText(c.visit_no)
        self.name_label.setText(c.patient_name)
        self.facts_label.setText("  ".join(x for x in (sex_name(c.sex), age_text(c.birth_date, today)) if x))
        self.class_badge.setText(classification_name(c.classification))
        self.class_badge.setStyleSheet(style(
            fg=CLASSIFICATION_COLORS.get(c.classification, TEXT), bg=CLASSIFICATION_BACKGROUNDS.get(
                c.classification, NEUTRAL_BG), bold=True, extra="font-size: 13pt; padding: 4px 12px; "
                                                                  "border-radius: 6px;"))
        self.doctor_label.setText(translate("CaseDialog", "Responsible doctor: {name} ({username}), since {time}")
                                  .format(name=c.doctor_name, username=c.doctor_username, time=local(c.taken_at, zone)))
        if c.observation_room or c.observation_bed:
            self.observation_label.setText(translate("CaseDialog", "Observation: {room} {bed}").format(
                room=c.observation_room or "", bed=c.observation_bed or ""))
        else:
            self.observation_label.setText(translate("CaseDialog", "Not under observation"))
        self._refresh_banner()
        self._refresh_positive()
        self._refresh_incident()
        self.tick(view.now)

    def _refresh_banner(self) -> None:
        """Closed, someone else's case, or a hand-over on the way."""
        view, c, zone = self.view, self.view.case, self.view.zone
        banner, banner_style = "", BANNER_STYLE
        if c.in_ward:  # closed for the fever clinic, still recorded (and transferred) from the ward
            ward = " ".join(str(c.disposition_detail.get(k) or "") for k in ("ward", "bed")).strip()
            banner = translate("CaseDialog", "Closed {time}: {disposition} ({ward}). Results, classification and a "
                                             "transfer request are still recorded here.").format(
                time=local(c.closed_at, zone), disposition=disposition_name(c.disposition), ward=ward)
            banner_style = CLOSED_STYLE
            if not view.mine:
                banner += " " + translate("CaseDialog", "Read only: {name} ({username}) is responsible; any doctor "
                                                        "may request the transfer from the ward.").format(
                    name=c.doctor_name, username=c.doctor_username)
        elif not view.is_open:
            banner = translate("CaseDialog", "Closed {time}: {disposition}.").format(
                time=local(c.closed_at, zone), disposition=disposition_name(c.disposition))
            banner_style = CLOSED_STYLE
        elif not view.mine:
            banner = translate("CaseDialog", "Read only: {name} ({username}) is responsible for this case.").format(
                name=c.doctor_name, username=c.doctor_username)
        if c.pending_handover is not None:
            h = c.pending_handover
            banner = (banner + "  " if banner else "") + translate(
                "CaseDialog", "Hand-over to {to} requested at {time} — waiting for their answer.").format(
                to=h.to_username, time=local(h.requested_at, zone))
        self.banner.setText(banner)
        self.banner.setStyleSheet(banner_style)
        self.banner.setVisible(bool(banner))

    def _refresh_positive(self) -> None:
        """The red 阳性 banner: which results are positive, and what is still to do — classify the case,
        record the direct network report (by the report clock's due time when the service started one)."""
        c, zone = self.view.case, self.view.zone
        if not c.positive:  # the service's flag
            self.positive_frame.hide()
            return
        tests = translate("Labels", ", ").join(translate("CaseDialog", "{test} #{id} ({time})").format(
            test=test_kind_name(t.kind), id=t.id, time=local(t.result_at, zone)) for t in positive_tests(c))
        lines = [translate("CaseDialog", "Positive result: {tests}. Every positive is reported at once.").format(
            tests=tests) if tests else translate("CaseDialog", "Positive result. Every positive is reported at once.")]
        needs_class = c.classification not in REPORTABLE
        if needs_class:
            lines.append(translate("CaseDialog", "Classify the case now (suspected, confirmed or asymptomatic)."))
        report = open_clock(c, ClockKind.REPORT)
        if c.reported_at is not None and report is None:
            lines.append(translate("CaseDialog", "Reported: card {card}, {time}.").format(
                card=c.report_card_no or "", time=local(c.reported_at, zone)))
        elif report is not None:
            lines.append(translate("CaseDialog", "Record the direct network report by {time}.").format(
                time=local(report.due_at, zone)))
        else:
            lines.append(translate("CaseDialog", "Record the direct network report within 2 h of the result."))
        self.positive_badge.setText(translate("CaseDialog", "POSITIVE"))
        self.positive_text.setText("\n".join(lines))
        self.positive_classify_button.setText(translate("CaseDialog", "Classify now"))
        self.positive_report_button.setText(translate("CaseDialog", "Report now"))
        self.positive_classify_button.setVisible(needs_class)
        self.positive_report_button.setVisible(c.reported_at is None or report is not None)
        self.positive_frame.show()

    def _refresh_incident(self) -> None:
        """A suspected or positive patient who left without permission (the service started the incident
        report clock): whom it was reported to and when, or the fields to record it by the clock's due time."""
        c, zone = self.view.case, self.view.zone
        clock = last_clock(c, ClockKind.INCIDENT)
        if clock is None:
            self.incident_frame.hide()
            return
        left_at = str(c.disposition_detail.get("left_at") or local(c.closed_at, zone))
        if c.incident_reported_at is not None:
            self.incident_text.setText(translate("CaseDialog", "Left without permission at {left}: incident "
                                                               "reported to {to} at {time}.").format(
                left=left_at, to=c.incident_reported_to or "", time=local(c.incident_reported_at, zone, "%H:%M")))
            self.incident_frame.setStyleSheet(REPORTED_FRAME)
            self.incident_text.setStyleSheet(style(fg=SLATE_DARK, bold=True))
            self.incident_inputs.hide()
        else:
            who = (classification_name(c.classification) if c.classification in REPORTABLE
                   else translate("CaseDialog", "positive result"))
            self.incident_text.setText(translate("CaseDialog", "Incident: a patient ({who}) left without permission "
                                                               "at {left}. Report it within 2 h, by {due}, and "
                                                               "record whom it was reported to.").format(
                who=who, left=left_at, due=local(clock.due_at, zone, "%H:%M")))
            self.incident_frame.setStyleSheet(INCIDENT_FRAME)
            self.incident_text.setStyleSheet(style(fg=OVERDUE, bold=True))
            self.incident_inputs.show()
        self.incident_frame.show()

    def tick(self, now: datetime) -> None:
        """The most urgent open clock, with its time left."""
        open_clocks = sorted((k for k in self.view.case.clocks if k.met_at is None), key=lambda k: k.due_at)
        if not open_clocks:
            self.urgent_label.hide()
            return
        k = open_clocks[0]
        text, state = clock_status(k, now)
        clock_chip(self.urgent_label, translate("CaseDialog", "{clock}: {status}").format(
            clock=clock_label(k), status=text), state)
        self.urgent_label.show()

    def retranslate(self) -> None:
        self.incident_to_label.setText(translate("CaseDialog", "Reported &to:"))
        self.incident_to.setPlaceholderText(translate("CaseDialog", "e.g. county CDC, the duty director"))
        self.incident_at_label.setText(translate("CaseDialog", "&At:"))
        self.incident_button.setText(translate("CaseDialog", "Record incident report"))
        self.refresh()
