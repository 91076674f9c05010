"""The pre-triage screening form: temperature first, Enter records, the decision shows live.

A healthy walk-in takes "36.5", the health code actually seen (it starts unchosen: 未查验 is never
recorded at the desk; "not shown" asks why) and Enter. Every change re-assesses after a short pause through the
runner (``screening.assess`` is fast), and the decision panel shows the answer in large coloured
words with its reasons in plain language. The other vital signs (issue 17) follow the temperature in Tab order —
SpO₂, respiratory rate, heart rate, systolic pressure, consciousness (a typed letter chooses), oxygen — each
optional; the panel shows the severity beside the epidemic decision, and for a level I/II patient a banner: to a
doctor at once, with the isolation the decision asks for (computed by the service; the screen only shows it). The nurse may raise the decision; lowering it needs a
written reason, which the service enforces and the form shows next to the reason field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.permissions import Perm
from app.severity.triage_level import Severity
from app.vocabulary import severity as V
from app.triage.lists import ListQuery
from app.triage.pharmacy_service import CarryForward
from app.triage.records import Assessment, ScreeningInput, ScreeningRecord, TravelEntry
from app.triage.rules import TriageRules
from app.triage.vocab import Decision, HealthCode, Occupation, Symptom, TempMethod
from ui.fields import DateField, TemperatureEdit, TemperatureHint, debouncer
from ui.forms import FieldErrors, describe, error_label, field_with_error, tidy_form
from ui.labels import (
    decision_name,
    health_code_name,
    occupation_name,
    reason_name,
    risk_level_name,
    symptom_name,
    say,
    temp_method_name,
)
from ui.i18n import current_language
from ui.session import Session
from ui.widgets import palette
from ui.widgets.vitals import ConsciousnessChoice, ReadingEdit

ASSESS_DELAY_MS = 200
translate = QCoreApplication.translate  # lupdate extracts translate("DecisionPanel", ...)


def unit_of(reading: str) -> str:
    """The unit (app.vocabulary.severity.UNIT) a desk reading is typed in."""
    return {"spo2": "percent", "systolic_bp": "mmhg"}.get(reading, "per_minute")


@dataclass(frozen=True)
class PendingScreening:
    """A recorded screening that still needs registration (from the desk or the pharmacy)."""

    screening_id: int
    decision: str
    temperature_c: float | None
    reasons: tuple[str, ...]
    onset_date: date | None = None
    health_code: str = HealthCode.NOT_CHECKED.value  # from the pharmacy counter: checked at registration
    carried: CarryForward | None = None  # a buyer from the pharmacy counter: the registration starts filled in

    @classmethod
    def of(cls, record: ScreeningRecord) -> PendingScreening:
        return cls(record.id, record.decision, record.inputs.temperature_c, record.reasons, record.inputs.onset_date,
                   record.inputs.health_code)


class HealthCodeChoice(QWidget):
    """绿码 / 黄码 / 红码 / 未出示, starting with none chosen (not checked); "not shown" asks for the reason.

    The service refuses a desk screening whose code is not checked (``health_code_unchecked``) and a
    "not shown" without a reason (``health_code_reason``); this widget only offers the choice."""

    changed = Signal()
    CODES = (HealthCode.GREEN, HealthCode.YELLOW, HealthCode.RED, HealthCode.NONE)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for code in self.CODES:
            button = QRadioButton()
            self.buttons[code.value] = button
            self.group.addButton(button)
            layout.addWidget(button)
        self.note = QLineEdit()
        self.note.setMaxLength(100)
        self.note.setMinimumWidth(220)  # its placeholder (the example reason) stays readable
        layout.addSpacing(8)
        layout.addWidget(self.note, 1)
        layout.addStretch(0)  # the buttons stay together when no reason is asked
        self.setFocusProxy(self.buttons[HealthCode.GREEN.value])
        self.group.buttonToggled.connect(self._toggled)
        self.note.textChanged.connect(lambda _t: self.changed.emit())
        self.retranslate()
        self._show_note()

    def retranslate(self) -> None:
        for code, button in self.buttons.items():
            button.setText(health_code_name(code))
        self.note.setPlaceholderText(self.tr("Why not shown, e.g. elderly, no smartphone"))

    def value(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()), HealthCode.NOT_CHECKED.value)

    def note_text(self) -> str | None:
        text = " ".join(self.note.text().split())
        return text if text and self.value() == HealthCode.NONE.value else None

    def set_value(self, code: str, note: str | None = None) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)
        else:
            self.clear()
        self.note.setText(note or "")

    def clear(self) -> None:
        self.group.setExclusive(False)  # an exclusive group never lets its last button go
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.note.clear()
        self._show_note()

    def _toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._show_note()
            if self.value() == HealthCode.NONE.value:
                self.note.setFocus()
            self.changed.emit()

    def _show_note(self) -> None:
        self.note.setVisible(self.value() == HealthCode.NONE.value)


class DecisionPanel(QFrame):
    """The decision in large coloured words, the severity beside it (level, NEWS2, reasons; a banner when the
    patient goes to a doctor at once), its reasons, matched risk areas and warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel()
        self.caption.setStyleSheet(f"font-size: 11pt; color: {palette.HINT};")
        self.decision = QLabel()
        self.decision.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.decision.setWordWrap(True)
        self.decision.setMinimumHeight(68)
        self.banner = QLabel()  # to a doctor at once (level I/II), with the decision's isolation
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"font-size: 14pt; font-weight: bold; color: {palette.WHITE};"
                                  f" background: {palette.ALARM}; border-radius: 6px; padding: 4px;")
        self.banner.hide()
        self.severity = QLabel()  # the level in words, NEWS2 and the level's reasons
        self.severity.setWordWrap(True)
        self.severity.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.severity.hide()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("font-size: 11pt;")
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.banner)
        layout.addWidget(self.decision)
        layout.addWidget(self.severity)
        layout.addWidget(self.reasons, 1)
        self.code: str | None = None
        self.show_empty("")

    def show_empty(self, hint: str) -> None:
        self.code = None
        self.decision.setText(hint)
        self.decision.setStyleSheet(f"font-size: 16pt; color: {palette.PLACEHOLDER};"
                                    f" border: 2px dashed {palette.PLACEHOLDER_BORDER}; border-radius: 6px;")
        self.reasons.clear()
        self.show_severity(None, "")

    def show_decision(self, code: str, lines: list[str]) -> None:
        self.code = code
        self.decision.setText(decision_name(code))
        self.decision.setStyleSheet(
            f"font-size: 26pt; font-weight: bold; color: {palette.DECISION_COLORS.get(code, palette.TEXT)};"
            f" background: {palette.DECISION_BACKGROUNDS.get(code, palette.WHITE)};"
            f" border: 2px solid {palette.DECISION_COLORS.get(code, palette.TEXT)}; border-radius: 6px; padding: 6px;")
        self.reasons.setText("\n".join(f"• {line}" for line in lines))

    def show_severity(self, severity: Severity | None, decision: str) -> None:
        """The level in words with its time to be seen, NEWS2 (saying what is missing), the level's reasons;
        the banner when ``severity.immediate``, naming the isolation ``decision`` asks for."""
        if severity is None:
            self.banner.hide()
            self.severity.hide()
            return
        language = current_language()
        level = severity.level
        seen = say(V.CLI["at_once"]) if severity.minutes == 0 else say(V.CLI["within"]).format(minutes=severity.minutes)
        head = (f"<b style='font-size: 14pt; color: {palette.TRIAGE_LEVEL_COLORS.get(level, palette.TEXT)}'>"
                f"{say(V.LEVEL[str(level)])}</b> · {seen} · {self._news2_text(severity)}")
        separator = "；" if language.startswith("zh") else "; "
        reasons = separator.join(V.reason_text(r.code, r.value, language) for r in severity.reasons)
        self.severity.setText(head + (f"<br>{reasons}" if reasons else ""))
        self.severity.setStyleSheet(
            f"font-size: 11pt; background: {palette.TRIAGE_LEVEL_BACKGROUNDS.get(level, palette.WHITE)};"
            " border-radius: 6px; padding: 4px;")
        self.severity.show()
        self.banner.setText(self.immediate_text_for(decision))
        self.banner.setVisible(severity.immediate)

    def _news2_text(self, severity: Severity) -> str:
        total, missing = severity.news2.total, severity.missing
        if not missing:
            return self.tr("NEWS2 {total}").format(total=total)
        if len(missing) == len(V.PARAMETER) - 1:
            return self.tr("NEWS2 {total} (partial: temperature only)").format(total=total)
        separator = "、" if current_language().startswith("zh") else ", "
        names = separator.join(say(V.PARAMETER[p]) for p in missing)
        return self.tr("NEWS2 {total} (partial: {missing} not measured)").format(total=total, missing=names)

    @staticmethod
    def immediate_text_for(decision: str) -> str:
        """The banner: to a doctor at once, with the precautions of the epidemic decision."""
        if decision == Decision.ISOLATE.code:
            return translate("DecisionPanel", "To a doctor at once · isolate and report")
        if decision == Decision.FEVER_CLINIC.code:
            return translate("DecisionPanel", "To a doctor at once · fever-clinic isolation precautions")
        return translate("DecisionPanel", "To a doctor at once")


class ScreeningForm(QWidget):
    """Emits ``needs_registration(PendingScreening)`` after a fever-clinic or isolation screening."""

    needs_registration = Signal(object)
    recorded = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rules = TriageRules()
        self.assessment: Assessment | None = None
        self._assess_seq = 0
        self._busy = False
        self.last_record: ScreeningRecord | None = None
        self.today_count: int | None = None
        self._timer = debouncer(self, ASSESS_DELAY_MS, self.assess_now)

        # ----- measurement
        self.temperature = TemperatureEdit()
        self.temperature.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.temperature.setFixedWidth(120)
        self.temperature.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.celsius = QLabel("°C")
        self.celsius.setStyleSheet("font-size: 16pt;")
        self.method = QComboBox()
        for method in TempMethod:
            self.method.addItem("", method.value)
        self.temp_hint = TemperatureHint(self.temperature)
        self.temp_error = error_label()
        self.method_label = QLabel()
        self.method_label.setBuddy(self.method)
        self.temp_label = QLabel()
        self.temp_label.setBuddy(self.temperature)
        self.temp_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        temp_row = QHBoxLayout()
        temp_row.addWidget(self.temp_label)
        temp_row.addWidget(self.temperature)
        temp_row.addWidget(self.celsius)
        temp_row.addSpacing(16)
        temp_row.addWidget(self.method_label)
        temp_row.addWidget(self.method)
        temp_row.addStretch(1)
        # the thermometer rarely changes: Alt+M or a click reaches it; Tab runs temperature → SpO₂ → … → oxygen
        self.method.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        # ----- the other vital signs (issue 17), each optional
        self.spo2, self.rr, self.hr, self.sbp = ReadingEdit(3), ReadingEdit(2), ReadingEdit(3), ReadingEdit(3)
        self.consciousness = ConsciousnessChoice()
        self.oxygen = QCheckBox()
        self.vital_labels: dict[str, QLabel] = {}
        self.vital_units: dict[str, QLabel] = {}
        vitals_row = QHBoxLayout()
        readings: tuple[tuple[str, QWidget], ...] = (
            ("spo2", self.spo2), ("respiratory_rate", self.rr), ("heart_rate", self.hr), ("systolic_bp", self.sbp),
            ("consciousness", self.consciousness))
        for name, field in readings:
            label = QLabel()
            label.setBuddy(field)
            self.vital_labels[name] = label
            vitals_row.addWidget(label)
            vitals_row.addWidget(field)
            if name != "consciousness":
                self.vital_units[name] = QLabel()
                vitals_row.addWidget(self.vital_units[name])
            vitals_row.addSpacing(6)
        vitals_row.addWidget(self.oxygen)
        vitals_row.addStretch(1)
        self.vitals_error = error_label()

        # ----- symptoms
        self.symptom_box = QGroupBox()
        grid = QGridLayout(self.symptom_box)
        self.symptoms: dict[str, QCheckBox] = {}
        for i, symptom in enumerate(Symptom):
            box = QCheckBox()
            self.symptoms[symptom.value] = box
            grid.addWidget(box, i // 3, i % 3)

        # ----- history
        today = self._today
        self.onset = DateField(today, "onset_date")
        self.travel_area = QLineEdit()
        self.travel_area.setMaxLength(60)
        self.area_model = QStringListModel(self)
        completer = QCompleter(self.area_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.travel_area.setCompleter(completer)
        self.travel_date = DateField(today, "travel")
        self.travel_date.setFixedWidth(120)
        self.add_travel_button = QPushButton()
        self.add_travel_button.clicked.connect(self.add_travel)
        self.travel_list = QListWidget()
        self.travel_list.setMaximumHeight(64)
        self.travel_list.installEventFilter(self)
        self.travel_area.installEventFilter(self)
        self.travel_date.installEventFilter(self)
        self.remove_travel_button = QPushButton()
        self.remove_travel_button.clicked.connect(self.remove_travel)
        travel_row = QHBoxLayout()
        travel_row.addWidget(self.travel_area, 1)
        self.travel_date_label = QLabel()
        self.travel_date_label.setBuddy(self.travel_date)
        travel_row.addWidget(self.travel_date_label)
        travel_row.addWidget(self.travel_date)
        travel_row.addWidget(self.add_travel_button)
        travel_list_row = QHBoxLayout()
        travel_list_row.addWidget(self.travel_list, 1)
        travel_list_row.addWidget(self.remove_travel_button, 0, Qt.AlignmentFlag.AlignTop)
        travel_box = QWidget()
        travel_layout = QVBoxLayout(travel_box)
        travel_layout.setContentsMargins(0, 0, 0, 0)
        travel_layout.addLayout(travel_row)
        travel_layout.addLayout(travel_list_row)
        self.travel_error = error_label()
        travel_layout.addWidget(self.travel_error)

        self.contact = QCheckBox()
        self.cluster = QCheckBox()
        self.antipyretic = QCheckBox()
        self.health_code = HealthCodeChoice()
        self.occupation = QComboBox()
        for occupation in Occupation:
            self.occupation.addItem("", occupation.value)

        self.history_box = QGroupBox()
        form = QFormLayout(self.history_box)
        tidy_form(form)
        self.onset_label, self.travel_label = QLabel(), QLabel()
        self.code_label, self.occupation_label = QLabel(), QLabel()
        self.onset_label.setBuddy(self.onset)
        self.travel_label.setBuddy(self.travel_area)
        self.code_label.setBuddy(self.health_code)
        self.occupation_label.setBuddy(self.occupation)
        onset_box, self.onset_error = field_with_error(self.onset)
        self.onset.setMaximumWidth(340)
        form.addRow(self.onset_label, onset_box)
        form.addRow(self.travel_label, travel_box)
        flags = QHBoxLayout()
        for box in (self.contact, self.cluster, self.antipyretic):
            flags.addWidget(box)
        flags.addStretch(1)
        form.addRow(flags)
        code_box, self.code_error = field_with_error(self.health_code)
        self.code_note_error = error_label()
        code_layout = code_box.layout()
        assert code_layout is not None  # field_with_error gives the box its layout
        code_layout.addWidget(self.code_note_error)
        form.addRow(self.code_label, code_box)
        self.occupation.setMaximumWidth(340)
        form.addRow(self.occupation_label, self.occupation)

        # ----- decision
        self.panel = DecisionPanel()
        self.choice_label = QLabel()
        self.choice = QComboBox()
        self.choice.addItem("", None)
        for d in Decision:
            self.choice.addItem("", d.code)
        self.choice_label.setBuddy(self.choice)
        self.override_label = QLabel()
        self.override_reason = QLineEdit()
        self.override_reason.setMaxLength(200)
        self.override_label.setBuddy(self.override_reason)
        override_box, self.override_error = field_with_error(self.override_reason)
        self.record_button = QPushButton()
        self.record_button.setStyleSheet("font-size: 13pt; font-weight: bold; padding: 6px 18px;")
        self.record_button.clicked.connect(self.submit)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.count_label = QLabel()
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.errors.add("temperature", self.temperature, self.temp_error)
        for name, field in (*readings, ("oxygen", self.oxygen)):
            self.errors.add(name, field, self.vitals_error)
        self.errors.add("onset_date", self.onset, self.onset_error)
        self.errors.add("travel", self.travel_area, self.travel_error)
        self.errors.add("health_code", self.health_code, self.code_error)
        self.errors.add("health_code_note", self.health_code.note, self.code_note_error)
        self.errors.add("override_reason", self.override_reason, self.override_error)

        right = QVBoxLayout()
        right.addWidget(self.panel, 1)
        choice_form = QFormLayout()
        tidy_form(choice_form)
        choice_form.addRow(self.choice_label, self.choice)
        choice_form.addRow(self.override_label, override_box)
        right.addLayout(choice_form)
        right.addWidget(self.general_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addWidget(self.count_label)

        left = QVBoxLayout()
        left.addLayout(temp_row)
        left.addWidget(self.temp_hint)
        left.addWidget(self.temp_error)
        left.addLayout(vitals_row)
        left.addWidget(self.vitals_error)
        left.addWidget(self.symptom_box)
        left.addWidget(self.history_box)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

        chain: list[QWidget] = [self.temperature, self.spo2, self.rr, self.hr, self.sbp, self.consciousness,
                                self.oxygen, self.method, *self.symptoms.values(), self.onset,
                                self.travel_area, self.travel_date, self.add_travel_button, self.travel_list,
                                self.remove_travel_button, self.contact, self.cluster, self.antipyretic,
                                self.health_code, self.occupation,  # the box brings its buttons and note along
                                self.choice, self.override_reason,
                                self.clear_button, self.record_button]  # as they are laid out
        # setTabOrder puts a focus proxy in its widget's place: without the proxy the box itself is moved, so no
        # stray copy of it is left after the last button to send Tab from "Record" back into the health code
        proxy = self.health_code.focusProxy()
        self.health_code.setFocusProxy(None)  # type: ignore[arg-type]  # PySide6 stubs omit None; Qt takes it
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        if proxy is not None:
            self.health_code.setFocusProxy(proxy)

        for edit in (self.temperature, self.spo2, self.rr, self.hr, self.sbp, self.onset, self.travel_area,
                     self.travel_date):
            edit.textChanged.connect(self.changed)
        for box in (*self.symptoms.values(), self.contact, self.cluster, self.antipyretic, self.oxygen):
            box.toggled.connect(self.changed)
        for combo in (self.method, self.occupation, self.consciousness):
            combo.currentIndexChanged.connect(self.changed)
        self.health_code.changed.connect(self.changed)
        self.choice.currentIndexChanged.connect(self._update_override)
        self.retranslate()
        self._update_override()

    def _today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    # ----- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.temp_label.setText(self.tr("&Temperature"))
        self.temperature.setPlaceholderText("36.5")
        self.temp_hint.refresh()
        self.method_label.setText(self.tr("&Measured at"))
        for i in range(self.method.count()):
            self.method.setItemText(i, temp_method_name(self.method.itemData(i)))
        for name, label in self.vital_labels.items():
            label.setText(say(V.PARAMETER_SHORT[name]))
        for name, unit in self.vital_units.items():
            unit.setText(say(V.UNIT[unit_of(name)]))
        self.consciousness.setItemText(0, self.tr("not assessed"))
        for i in range(1, self.consciousness.count()):
            code = self.consciousness.itemData(i)
            self.consciousness.setItemText(i, f"{code} {say(V.AVPU[code])}")
        self.oxygen.setText(self.tr("On oxygen"))
        self.symptom_box.setTitle(self.tr("Symptoms"))
        for code, box in self.symptoms.items():
            box.setText(symptom_name(code))
        self.history_box.setTitle(self.tr("Epidemiological history"))
        self.onset_label.setText(self.tr("&Onset date:"))
        self.onset.setPlaceholderText(self.tr("YYYY-MM-DD, or days ago (0 = today)"))
        self.travel_label.setText(self.tr("T&ravel ({days} days before onset):").format(
            days=self.rules.travel_window_days))
        self.travel_area.setPlaceholderText(self.tr("Place stayed, e.g. 广州白云"))
        self.travel_date_label.setText(self.tr("last day"))
        self.travel_date.setPlaceholderText(self.tr("date/days"))
        self.add_travel_button.setText(self.tr("&Add"))
        self.remove_travel_button.setText(self.tr("Remove"))
        self.contact.setText(self.tr("Contact with a &case"))
        self.cluster.setText(self.tr("C&luster of cases"))
        self.antipyretic.setText(self.tr("Took fever medicine bought &elsewhere"))
        self.code_label.setText(self.tr("Health co&de:"))
        self.health_code.retranslate()
        self.occupation_label.setText(self.tr("High-risk &job:"))
        for i in range(self.occupation.count()):
            self.occupation.setItemText(i, occupation_name(self.occupation.itemData(i)))
        self.panel.caption.setText(self.tr("Decision"))
        self.choice_label.setText(self.tr("&Nurse's decision:"))
        self.choice.setItemText(0, self.tr("As assessed"))
        for i in range(1, self.choice.count()):
            self.choice.setItemText(i, decision_name(self.choice.itemData(i)))
        self.override_label.setText(self.tr("Reason for lo&wering:"))
        self.override_reason.setPlaceholderText(self.tr("Required when the decision is lowered"))
        self.record_button.setText(self.tr("Record (Enter)"))
        self.clear_button.setText(self.tr("Clear (Esc)"))
        self._show_assessment()
        self._show_count()
        self._show_status()

    # ----- rules and risk areas -------------------------------------------------------------
    def set_rules(self, rules: TriageRules, areas: list[str]) -> None:
        self.rules = rules
        self.temp_hint.set_rules(rules)
        self.area_model.setStringList(sorted(areas))
        self.retranslate()

    # ----- inputs ---------------------------------------------------------------------------
    def travel_entries(self) -> list[TravelEntry]:
        entries = [self.travel_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.travel_list.count())]
        pending = " ".join(self.travel_area.text().split())
        if pending:  # typed but not added yet: still counts
            entries.append(TravelEntry(pending, self.travel_date.value()))
        return entries

    def inputs(self) -> ScreeningInput:
        """The form as a ScreeningInput; raises ValidationError for what cannot be read."""
        temperature = self.temperature.value()
        if temperature is None:
            raise ValidationError("temperature_required", field="temperature")
        spo2 = self.spo2.value()
        consciousness = self.consciousness.currentData()
        return ScreeningInput(
            spo2=spo2, respiratory_rate=self.rr.value(), heart_rate=self.hr.value(), systolic_bp=self.sbp.value(),
            consciousness=None if consciousness is None else str(consciousness),
            # with an SpO₂ the box answers "air or oxygen?" either way; without one, unticked is not recorded
            oxygen=True if self.oxygen.isChecked() else (False if spo2 is not None else None),
            temperature_c=temperature, temp_method=str(self.method.currentData()),
            symptoms=frozenset(code for code, box in self.symptoms.items() if box.isChecked()),
            onset_date=self.onset.value(), travel=tuple(self.travel_entries()),
            contact_case=self.contact.isChecked(), cluster=self.cluster.isChecked(),
            health_code=self.health_code.value(), health_code_note=self.health_code.note_text(),
            occupation=str(self.occupation.currentData()), antipyretic_elsewhere=self.antipyretic.isChecked())

    def add_travel(self) -> None:
        area = " ".join(self.travel_area.text().split())
        if not area:
            self.travel_area.setFocus()
            return
        try:
            entry = TravelEntry(area, self.travel_date.value())
        except ValidationError as exc:
            self.errors.show(exc)
            return
        text = f"{area}  ({entry.last_date.isoformat()})" if entry.last_date else area
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, entry)
        self.travel_list.addItem(item)
        self.travel_area.clear()
        self.travel_date.clear()
        self.travel_area.setFocus()
        self.changed()

    def remove_travel(self) -> None:
        row = self.travel_list.currentRow()
        if row >= 0:
            self.travel_list.takeItem(row)
            self.changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self.travel_list and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_travel()
                return True
            if (watched in (self.travel_area, self.travel_date) and self.travel_area.text().strip()
                    and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
                self.add_travel()  # Enter in the travel row adds the place; the next Enter records
                return True
        return super().eventFilter(watched, event)

    # ----- live assessment ------------------------------------------------------------------
    def changed(self) -> None:
        self._timer.start()

    def assess_now(self) -> None:
        self._timer.stop()
        self._assess_seq += 1
        seq = self._assess_seq
        try:
            inputs = self.inputs()
        except ValidationError as exc:
            self.assessment = None
            self._assess_error = exc if exc.code != "temperature_required" else None
            self._show_assessment()
            return
        screening = self.session.ctx.screening
        self.session.runner.run(lambda: screening.assess(inputs), lambda a: self._assessed(seq, a, None),
                                lambda exc: self._assessed(seq, None, exc), parent=self)

    _assess_error: BaseException | None = None

    def _assessed(self, seq: int, assessment: Assessment | None, exc: BaseException | None) -> None:
        if seq != self._assess_seq:
            return  # the nurse typed on; a newer answer is coming
        self.assessment, self._assess_error = assessment, exc
        self._show_assessment()

    def _show_assessment(self) -> None:
        a = self.assessment
        if self._assess_error is not None:
            self.panel.show_empty(self.tr("Check the input"))
            self.panel.reasons.setText(describe(self._assess_error))
        elif a is None:
            self.panel.show_empty(self.tr("Enter the temperature"))
        else:
            lines = [reason_name(r, self.rules.fever_threshold_c, self.rules.travel_window_days) for r in a.reasons]
            lines += [self.tr("{area}: {level}").format(area=area, level=risk_level_name(level))
                      for area, level in a.matched_areas]
            if not lines:
                lines = [self.tr("No fever, symptoms or epidemiological risk")]
            if "temperature_low" in a.warnings:
                lines.append(self.tr("⚠ Unusually low temperature: measure again"))
            if "temperature_high" in a.warnings:
                lines.append(self.tr("⚠ Unusually high temperature: measure again"))
            lines += [f"⚠ {say(V.VITAL_WARNING[w])}" for w in a.warnings
                      if not w.startswith("temperature_") and w in V.VITAL_WARNING]
            self.panel.show_decision(a.decision, lines)
        self._update_override()

    def chosen_decision(self) -> str | None:
        code = self.choice.currentData()
        if code is None or (self.assessment is not None and code == self.assessment.decision):
            return None
        return str(code)

    def is_downgrade(self) -> bool:
        code = self.chosen_decision()
        return (code is not None and self.assessment is not None
                and Decision.from_code(code) < Decision.from_code(self.assessment.decision))

    def _update_override(self) -> None:
        down = self.is_downgrade()
        self.override_reason.setEnabled(down)
        self.override_label.setEnabled(down)
        if not down:
            self.override_error.hide()
        a = self.assessment
        if a is not None and self._assess_error is None:  # the banner names the isolation of the decision chosen
            self.panel.show_severity(a.severity, self.chosen_decision() or a.decision)

    # ----- recording ------------------------------------------------------------------------
    def submit(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        try:
            inputs = self.inputs()
        except ValidationError as exc:
            self.errors.show(exc)
            return
        self._busy = True
        screening = self.session.ctx.screening
        self.session.runner.run(lambda: screening.assess(inputs), lambda a: self._confirm(inputs, a),
                                self._failed, parent=self)

    def _confirm(self, inputs: ScreeningInput, assessment: Assessment) -> None:
        self.assessment, self._assess_error = assessment, None
        self._show_assessment()
        if inputs.health_code == HealthCode.NOT_CHECKED.value:  # the service refuses it too: say so first
            self._busy = False
            self.errors.show(ValidationError("health_code_unchecked", field="health_code"))
            return
        temperature_warned = any(w.startswith("temperature_") for w in assessment.warnings)
        if temperature_warned:
            answer = QMessageBox.question(
                self, self.tr("Unusual temperature"),
                self.tr("{temperature} °C is unusual for a living person. Was it measured correctly? "
                        "Choose Yes to record it anyway, No to measure again.")
                .format(temperature=f"{inputs.temperature_c:.1f}"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self._busy = False
                self.temperature.selectAll()
                self.temperature.setFocus()
                return
        others = [w for w in assessment.warnings if not w.startswith("temperature_") and w in V.VITAL_WARNING]
        if others:  # the same confirmation as the temperature's, for the other readings
            answer = QMessageBox.question(
                self, self.tr("Unusual reading"),
                self.tr("{warnings}\nChoose Yes to record it anyway, No to measure again.")
                .format(warnings="\n".join(say(V.VITAL_WARNING[w]) for w in others)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self._busy = False
                field = self.reading_field(others[0])
                field.selectAll()
                field.setFocus()
                return
        decision = self.chosen_decision()
        reason = self.override_reason.text() if decision is not None else None
        screening, actor = self.session.ctx.screening, self.session.actor
        self.session.runner.run(
            lambda: screening.record(actor, inputs, decision=decision, override_reason=reason),
            self._recorded, self._failed, parent=self)

    def reading_field(self, warning: str) -> QLineEdit:
        """The field a ``VitalWarning`` is about (e.g. "spo2_low" → the SpO₂ field)."""
        fields = {"spo2": self.spo2, "respiratory_rate": self.rr, "heart_rate": self.hr, "systolic_bp": self.sbp}
        return next((f for name, f in fields.items() if warning.startswith(name)), self.temperature)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.errors.show(exc)

    def _recorded(self, record: ScreeningRecord) -> None:
        self._busy = False
        self.last_record = record
        self.recorded.emit(record)
        self.clear()
        self._show_status()
        self.refresh_count()
        if record.decision != Decision.GENERAL.code:
            self.needs_registration.emit(PendingScreening.of(record))

    def _show_status(self) -> None:
        r = self.last_record
        if r is None:
            self.status.clear()
            return
        at = r.screened_at.astimezone(self.session.zone).strftime("%H:%M")
        text = self.tr("Recorded at {time}: {temperature} °C → {decision}").format(
            time=at, temperature=f"{r.inputs.temperature_c:.1f}", decision=decision_name(r.decision))
        if r.urgent and r.severity_level is not None:
            text += f" · {say(V.LEVEL[str(r.severity_level)])} · {DecisionPanel.immediate_text_for(r.decision)}"
        self.status.setText(text)
        color = palette.ALARM if r.urgent else palette.DECISION_COLORS.get(r.decision, palette.TEXT)
        self.status.setStyleSheet(f"color: {color};" + (" font-weight: bold;" if r.urgent else ""))

    def refresh_count(self) -> None:
        if not self.session.can(Perm.VIEW_PATIENTS):
            return
        lists, actor, day = self.session.ctx.lists, self.session.actor, self._today()
        self.session.runner.run(lambda: lists.count(actor, ListQuery(day=day)), self._counted,
                                lambda _exc: None, parent=self)

    def _counted(self, n: int) -> None:
        self.today_count = n
        self._show_count()

    def _show_count(self) -> None:
        if self.today_count is not None:
            self.count_label.setText(self.tr("Screened today: {count}").format(count=self.today_count))

    def clear(self) -> None:
        """Empty the form for the next person; focus the temperature."""
        self._timer.stop()
        self._assess_seq += 1
        for widget in (self.temperature, self.spo2, self.rr, self.hr, self.sbp, self.onset, self.travel_area,
                       self.travel_date, self.override_reason):
            widget.clear()
        for box in (*self.symptoms.values(), self.contact, self.cluster, self.antipyretic, self.oxygen):
            box.setChecked(False)
        self.travel_list.clear()
        for combo in (self.method, self.occupation, self.choice, self.consciousness):
            combo.setCurrentIndex(0)
        self.health_code.clear()
        self._timer.stop()
        self.errors.clear()
        self.assessment, self._assess_error = None, None
        self._show_assessment()
        self.temperature.setFocus()

    # ----- keys -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
