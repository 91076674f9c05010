"""The small dialogs of a fever-clinic case: order a test, record a result, hand over, decline a
hand-over, and close the case with a disposition. Each submits through the runner, shows a refusal
next to the field it is about, keeps what was typed, and emits ``saved(result)`` on success."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.casework.records import CaseRecord, HandoverRecord, LabTestRecord
from app.casework.vocab import (
    POSITIVE_KINDS,
    CaseExceptionKind,
    Classification,
    Disposition,
    Population,
    TestKind,
    TestResult,
)
from app.services.users import ColleagueInfo
from ui.fields import TimeField
from ui.forms import grow_to_fit, tidy_form
from ui.labels import (
    classification_name,
    disposition_name,
    population_name,
    test_kind_name,
    test_result_name,
)
from ui.messages import code_text
from ui.second_person import SecondPerson
from ui.session import Session
from ui.widgets.dialog import FormDialog, text_edit
from ui.widgets.palette import SLATE_TEXT, WARN_STYLE, style

translate = QCoreApplication.translate  # lupdate extracts translate("Labels", ...)


class OrderTestDialog(FormDialog):
    """开具检测: kind, who is tested (sets the nucleic-acid turnaround), sample time."""

    def __init__(self, session: Session, case: CaseRecord, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case = case
        self.kind = QComboBox()
        for kind in TestKind:
            self.kind.addItem("", kind.value)
        self.population = QComboBox()
        for population in Population:
            self.population.addItem("", population.value)
        self.sample_at = TimeField(session.zone)
        self.sample_at.set_value(session.ctx.clock.now())
        self.add_field("kind", self.kind)
        self.add_field("population", self.population)
        self.add_field("sample_at", self.sample_at)
        self.errors.add("room", self.kind, self.general_error)
        self.retranslate()
        self.kind.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Order a test — {visit_no}").format(visit_no=self.case.visit_no))
        self.explain.setText(self.tr("A nucleic acid test starts its turnaround clock at the sample time: 6 h for "
                                     "fever clinic and emergency patients, 12 h for other patients and escorts, "
                                     "24 h for voluntary testing. The patient waits under observation."))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, test_kind_name(self.kind.itemData(i)))
        for i in range(self.population.count()):
            self.population.setItemText(i, population_name(self.population.itemData(i)))
        self.labels["kind"].setText(self.tr("&Test:"))
        self.labels["population"].setText(self.tr("Tested &as:"))
        self.labels["sample_at"].setText(self.tr("&Sampled at:"))
        self.retranslate_buttons(self.tr("&Order test"))

    def submit(self) -> None:
        self.errors.clear()
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        kind, population, at = self.kind.currentData(), self.population.currentData(), self.sample_at.value()
        self.session.runner.run(lambda: cases.order_test(actor, visit_no, kind, population, at),
                                self.done_with, self.refused, parent=self)


class ResultDialog(FormDialog):
    """录入结果: any doctor may enter the result the lab sends."""

    last_lab = ""  # remembered per desk session: usually the same lab all day

    def __init__(self, session: Session, test: LabTestRecord, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.test = test
        self.outcome = QComboBox()
        self.outcome.addItem("", None)
        for result in TestResult:
            self.outcome.addItem("", result.value)
        self.ct_value = QLineEdit()
        self.ct_value.setMaxLength(5)
        self.ct_value.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,2}([.,]\d{0,2})?$"), self))
        self.result_at = TimeField(session.zone)
        self.result_at.set_value(session.ctx.clock.now())
        self.lab = text_edit(64)
        self.lab.setText(ResultDialog.last_lab)
        for key, widget in (("result", self.outcome), ("ct_value", self.ct_value), ("result_at", self.result_at),
                            ("lab", self.lab)):
            self.add_field(key, widget)
        # 逢阳即报: a positive NAT or antigen says, before it is saved, what comes next
        self.positive_hint = QLabel()
        self.positive_hint.setWordWrap(True)
        self.positive_hint.setStyleSheet(WARN_STYLE + " font-weight: bold;")
        self.positive_hint.hide()
        self.body.insertWidget(self.body.indexOf(self.general_error), self.positive_hint)
        self.outcome.currentIndexChanged.connect(lambda _i: self._show_positive_hint())
        self.retranslate()
        self.outcome.setFocus()

    def positive(self) -> bool:
        return self.outcome.currentData() == TestResult.POSITIVE.value and self.test.kind in POSITIVE_KINDS

    def _show_positive_hint(self) -> None:
        self.positive_hint.setVisible(self.positive())

    def retranslate(self) -> None:
        t = self.test
        self.setWindowTitle(self.tr("Record result — test #{id}").format(id=t.id))
        self.explain.setText(self.tr("{test} (#{id}), {population}, sampled at {time}.").format(
            test=test_kind_name(t.kind), id=t.id, population=population_name(t.population),
            time=t.sample_at.astimezone(self.session.zone).strftime("%Y-%m-%d %H:%M")))
        self.outcome.setItemText(0, self.tr("— choose —"))
        for i in range(1, self.outcome.count()):
            self.outcome.setItemText(i, test_result_name(self.outcome.itemData(i)))
        self.labels["result"].setText(self.tr("&Result:"))
        self.labels["ct_value"].setText(self.tr("&Ct value:"))
        self.ct_value.setPlaceholderText(self.tr("optional, nucleic acid only"))
        self.labels["result_at"].setText(self.tr("Result &time:"))
        self.labels["lab"].setText(self.tr("&Lab:"))
        self.lab.setPlaceholderText(self.tr("e.g. county CDC laboratory"))
        self.positive_hint.setText(self.tr("Positive: on saving, the case window goes straight to the "
                                           "classification, and the 2 h direct network report clock starts "
                                           "from the result time."))
        self.retranslate_buttons(self.tr("&Save result"))

    def submit(self) -> None:
        self.errors.clear()
        raw = self.ct_value.text().strip().replace(",", ".")
        try:
            ct = float(raw) if raw and raw != "." else None
        except ValueError:
            self.errors.show_text("ct_value", code_text("ct_value"))
            return
        cases, actor, t = self.session.ctx.cases, self.session.actor, self.test
        result, at, lab = self.outcome.currentData(), self.result_at.value(), self.lab.text()
        ResultDialog.last_lab = lab.strip()
        self.session.runner.run(
            lambda: cases.record_result(actor, t.id, t.version, result=result or "", result_at=at, lab=lab,
                                        ct_value=ct),
            self.done_with, self.refused, parent=self)


class HandoverDialog(FormDialog):
    """交接: the case moves to another doctor once they accept it. The doctor picks a colleague by name
    from the clinic's active doctors (loaded by the caller); with no other doctor there is nothing to submit."""

    def __init__(self, session: Session, case: CaseRecord, doctors: list[ColleagueInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case = case
        self.doctors = [d for d in doctors if d.username != session.actor.username]
        self.to_doctor = QComboBox()
        for doctor in self.doctors:
            self.to_doctor.addItem("", doctor.username)
        self.to_doctor.setCurrentIndex(-1)
        self.reason = text_edit(200)
        self.add_field("to_username", self.to_doctor)
        self.add_field("reason", self.reason)
        self.no_doctor = QLabel()
        self.no_doctor.setWordWrap(True)
        self.no_doctor.setStyleSheet(WARN_STYLE)
        self.no_doctor.setVisible(not self.doctors)
        self.body.insertWidget(self.body.indexOf(self.general_error), self.no_doctor)
        for widget in (self.to_doctor, self.reason, self.ok):
            widget.setEnabled(bool(self.doctors))
        self.retranslate()
        (self.to_doctor if self.doctors else self.cancel).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hand over — {visit_no}").format(visit_no=self.case.visit_no))
        self.explain.setText(self.tr("You stay responsible for {visit_no} until the other doctor accepts the "
                                     "hand-over.").format(visit_no=self.case.visit_no))
        self.labels["to_username"].setText(self.tr("&To doctor:"))
        self.to_doctor.setPlaceholderText(self.tr("Choose a doctor"))
        for i, doctor in enumerate(self.doctors):
            self.to_doctor.setItemText(i, self.tr("{name} ({username})").format(name=doctor.full_name,
                                                                                username=doctor.username))
        self.labels["reason"].setText(self.tr("&Reason:"))
        self.reason.setPlaceholderText(self.tr("e.g. end of shift, nucleic acid result pending"))
        self.no_doctor.setText(self.tr("No other doctor has an active account, so there is no one to hand this "
                                       "case over to. You stay responsible; the administrator can add a doctor."))
        self.retranslate_buttons(self.tr("Request &hand-over"))

    def submit(self) -> None:
        if self.to_doctor.currentIndex() < 0:
            self.errors.show_text("to_username", self.tr("Choose the doctor to hand the case over to."))
            return
        self.errors.clear()
        cases, actor, visit_no = self.session.ctx.cases, self.session.actor, self.case.visit_no
        to, reason = self.to_doctor.currentData(), self.reason.text()
        self.session.runner.run(lambda: cases.request_handover(actor, visit_no, to, reason),
                                self.done_with, self.refused, parent=self)


class DeclineDialog(FormDialog):
    """Declining a hand-over needs a note for the doctor who asked."""

    def __init__(self, session: Session, handover: HandoverRecord, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.handover = handover
        self.note = text_edit(200)
        self.add_field("note", self.note)
        self.retranslate()
        self.note.setFocus()

    def retranslate(self) -> None:
        h = self.handover
        self.setWindowTitle(self.tr("Decline hand-over — {visit_no}").format(visit_no=h.visit_no))
        self.explain.setText(self.tr("{doctor} asked you to take over {visit_no}: “{reason}”. They stay "
                                     "responsible. Tell them why you decline.").format(
            doctor=h.from_username, visit_no=h.visit_no, reason=h.reason))
        self.labels["note"].setText(self.tr("&Note:"))
        self.retranslate_buttons(self.tr("&Decline"))

    def submit(self) -> None:
        self.errors.clear()
        cases, actor, hid, note = self.session.ctx.cases, self.session.actor, self.handover.id, self.note.text()
        self.session.runner.run(lambda: cases.answer_handover(actor, hid, False, note),
                                self.done_with, self.refused, parent=self)


class DispositionDialog(FormDialog):
    """处置: how the patient leaves the fever clinic. Only the dispositions the service allows now are
    offered (CaseRecord.refusals: e.g. no home or admission for a reportable or positive case; the
    incidents always); the ones it refuses are listed with the service's sentence. The page of details
    follows the choice, and a refusal at submit shows next to the field it is about."""

    def __init__(self, session: Session, case: CaseRecord, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case = case
        self.setMinimumWidth(600)
        self.disposition = QComboBox()
        self.disposition.addItem("", None)
        refusals = dict(case.refusals)
        for d in Disposition:
            # a transfer goes through the transfer request, which books the ambulance
            if d != Disposition.TRANSFER and d.value not in refusals:
                self.disposition.addItem("", d.value)
        # what the service refuses now, grouped by its reason (code → the dispositions it refuses)
        self.refused_now: dict[str, list[str]] = {}
        for d in Disposition:
            if d != Disposition.TRANSFER and d.value in refusals:
                self.refused_now.setdefault(refusals[d.value], []).append(d.value)
        self.refused_label = QLabel()
        self.refused_label.setWordWrap(True)
        self.refused_label.setStyleSheet(WARN_STYLE)
        self.refused_label.setVisible(bool(self.refused_now))
        self.situation = QLabel()
        self.situation.setWordWrap(True)
        self.pending = QLabel()
        self.pending.setWordWrap(True)
        self.pending.setStyleSheet(WARN_STYLE)
        self.pending.setVisible(bool(case.pending_results))
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet(style(fg=SLATE_TEXT))
        self.body.insertWidget(1, self.situation)
        self.body.insertWidget(2, self.pending)
        self.transfer_note = QLabel()
        self.transfer_note.setWordWrap(True)
        self.transfer_note.setStyleSheet(style(fg=SLATE_TEXT))
        self.body.insertWidget(3, self.transfer_note)
        self.body.insertWidget(4, self.refused_label)
        self.add_field("disposition", self.disposition)
        self.form.addRow(self.rule)

        # one page of details per choice; only the chosen one is shown (hidden pages take no room)
        pages = QWidget()
        self.pages = QVBoxLayout(pages)
        self.pages.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(pages)
        self.page_of: dict[str | None, QWidget] = {}
        # excluded → general outpatient: the negative result that excludes
        self.excluding = QComboBox()
        for t in case.tests:  # only a negative nucleic-acid result of this visit excludes
            if t.result == TestResult.NEGATIVE and t.kind == TestKind.NUCLEIC_ACID:
                self.excluding.addItem("", t.id)
        self.excluding_page, f = self._page(Disposition.EXCLUDED_GENERAL.value)
        self.add_field("excluding_test_id", self.excluding, f)
        # home advice
        self.advice = text_edit(300)
        _p, f = self._page(Disposition.HOME_ADVICE.value)
        self.add_field("advice", self.advice, f)
        # admitted
        self.ward, self.bed = text_edit(64), text_edit(32)
        self.buffer_room = QCheckBox()
        self.buffer_room.setChecked(case.classification != Classification.EXCLUDED)
        _p, f = self._page(Disposition.ADMITTED.value)
        self.add_field("ward", self.ward, f)
        self.add_field("bed", self.bed, f)
        self.add_field("buffer_single_room", self.buffer_room, f)
        # left without permission
        self.left_at = TimeField(session.zone)
        self.left_at.set_value(session.ctx.clock.now())
        self.noticed_by, self.reported_to = text_edit(64), text_edit(64)
        _p, f = self._page(Disposition.LEFT_WITHOUT_PERMISSION.value)
        self.add_field("left_at", self.left_at, f)
        self.add_field("noticed_by", self.noticed_by, f)
        self.add_field("reported_to", self.reported_to, f)
        # died (an incident)
        self.died_at = TimeField(session.zone)
        self.died_at.set_value(session.ctx.clock.now())
        self.certified_by = text_edit(64)
        _p, f = self._page(Disposition.DIED.value)
        self.add_field("died_at", self.died_at, f)
        self.add_field("certified_by", self.certified_by, f)

        self.reason = text_edit(200)
        self.add_field("reason", self.reason)
        self.errors.add("classification", self.disposition, self.general_error)
        self.disposition.currentIndexChanged.connect(self._chosen)
        self.retranslate()
        self._chosen()
        self.disposition.setFocus()

    def _page(self, code: str) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        tidy_form(form)
        self.pages.addWidget(page)
        self.page_of[code] = page
        return page, form

    def chosen(self) -> str | None:
        return self.disposition.currentData()

    def choose(self, code: str) -> None:
        self.disposition.setCurrentIndex(self.disposition.findData(code))

    def _chosen(self) -> None:
        self.errors.clear()
        current = self.page_of.get(self.chosen())
        for page in self.page_of.values():
            page.setVisible(page is current)
        if self.isVisible():
            grow_to_fit(self)  # a taller page grows the dialog; a shorter one leaves room above the buttons
        self._explain_rule()

    def _explain_rule(self) -> None:
        code = self.chosen()
        rules = {
            None: "",
            "excluded_general": self.tr("Only for a case classified as excluded, with the negative nucleic acid "
                                        "result of this visit that excludes it."),
            "home_advice": self.tr("Only once the case is excluded by a negative nucleic acid result. Write the "
                                   "advice given."),
            "admitted": self.tr("Until the case is excluded, only to a single room in the buffer ward."),
            "left_without_permission": self.tr("An incident: record when the patient left, who noticed and whom "
                                               "it was reported to."),
            "died": self.tr("An incident: record the time of death and the doctor who certified it."),
        }
        self.rule.setText(rules.get(code, ""))
        self.rule.setVisible(bool(self.rule.text()))
        if code == Disposition.EXCLUDED_GENERAL and not self.excluding.count():
            self.rule.setText(self.rule.text() + " " + self.tr("This case has no negative result yet."))

    def retranslate(self) -> None:
        c, zone = self.case, self.session.zone
        self.setWindowTitle(self.tr("Disposition — {visit_no}").format(visit_no=c.visit_no))
        self.explain.setText(self.tr("Close the case of {visit_no} ({name}) with how the patient leaves the fever "
                                     "clinic. A closed case cannot be reopened.").format(
            visit_no=c.visit_no, name=c.patient_name))
        self.situation.setText(self.tr("Classification: {classification}").format(
            classification=classification_name(c.classification)))
        n = len(c.pending_results)
        self.pending.setText(self.tr("{count} test result(s) still pending: {tests}.").format(
            count=n, tests=translate("Labels", ", ").join(f"{test_kind_name(t.kind)} #{t.id}"
                                                          for t in c.pending_results)))
        lines = [self.tr("Not possible now:")]
        for code, refused in self.refused_now.items():
            lines.append(self.tr("• {dispositions}: {why}").format(
                dispositions=translate("Labels", ", ").join(disposition_name(d) for d in refused),
                why=code_text(code)))
        self.refused_label.setText("\n".join(lines))
        self.disposition.setItemText(0, self.tr("— choose —"))
        for i in range(1, self.disposition.count()):
            self.disposition.setItemText(i, disposition_name(self.disposition.itemData(i)))
        by_id = {t.id: t for t in c.tests}
        for i in range(self.excluding.count()):
            t = by_id[self.excluding.itemData(i)]
            when = t.result_at.astimezone(zone).strftime("%m-%d %H:%M") if t.result_at else ""
            self.excluding.setItemText(i, self.tr("#{id} {test}: {result}, {time}").format(
                id=t.id, test=test_kind_name(t.kind), result=test_result_name(t.result), time=when))
        self.labels["disposition"].setText(self.tr("&Disposition:"))
        self.labels["excluding_test_id"].setText(self.tr("E&xcluding result:"))
        self.labels["advice"].setText(self.tr("&Advice:"))
        self.advice.setPlaceholderText(self.tr("e.g. rest at home, take temperature twice a day, come back if "
                                               "worse"))
        self.labels["ward"].setText(self.tr("&Ward:"))
        self.labels["bed"].setText(self.tr("&Bed:"))
        self.labels["buffer_single_room"].setText("")
        self.buffer_room.setText(self.tr("Single room in the &buffer ward"))
        self.labels["left_at"].setText(self.tr("&Left at:"))
        self.labels["noticed_by"].setText(self.tr("&Noticed by:"))
        self.labels["reported_to"].setText(self.tr("Re&ported to:"))
        self.reported_to.setPlaceholderText(self.tr("e.g. infection control, the duty director"))
        self.labels["died_at"].setText(self.tr("Time of dea&th:"))
        self.labels["certified_by"].setText(self.tr("&Certified by:"))
        self.certified_by.setPlaceholderText(self.tr("the doctor who certified the death"))
        self.labels["reason"].setText(self.tr("R&eason:"))
        self.reason.setPlaceholderText(self.tr("optional: anything the next person should know"))
        self.transfer_note.setText(self.tr("A transfer to the designated hospital is not closed here: it is recorded "
                                           "through the transfer request, which books the ambulance."))
        self._explain_rule()
        self.retranslate_buttons(self.tr("&Close case"))

    def detail(self) -> dict[str, object]:
        code = self.chosen()
        if code == Disposition.EXCLUDED_GENERAL:
            return {"excluding_test_id": self.excluding.currentData()}
        if code == Disposition.HOME_ADVICE:
            return {"advice": self.advice.text().strip()}
        if code == Disposition.ADMITTED:
            return {"ward": self.ward.text().strip(), "bed": self.bed.text().strip(),
                    "buffer_single_room": self.buffer_room.isChecked()}
        if code == Disposition.LEFT_WITHOUT_PERMISSION:
            return {"left_at": self.left_at.value().strftime("%Y-%m-%d %H:%M"),
                    "noticed_by": self.noticed_by.text().strip(), "reported_to": self.reported_to.text().strip()}
        if code == Disposition.DIED:
            return {"died_at": self.died_at.value().strftime("%Y-%m-%d %H:%M"),
                    "certified_by": self.certified_by.text().strip()}
        return {}

    def submit(self) -> None:
        self.errors.clear()
        cases, actor, c = self.session.ctx.cases, self.session.actor, self.case
        code, detail, reason = self.chosen() or "", self.detail(), self.reason.text()
        self.session.runner.run(lambda: cases.dispose(actor, c.visit_no, c.version, code, detail, reason),
                                self.done_with, self.refused, parent=self)


class ClassificationExceptionDialog(FormDialog):
    """特殊情况 for a classification change the rules refuse (a downgrade, or excluding a suspected case
    without the second negative nucleic acid test): a second person with the right to approve exceptions
    (the medical director), not the doctor at the desk, signs in here with a reason. The exception is
    approved as that person (CaseExceptionService.approve) for this visit and this classification only;
    the case window then classifies with it. Emits ``approved(exception id)``."""

    approved = Signal(int)

    def __init__(self, session: Session, case: CaseRecord, to: str, refusal: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case = case
        self.to = to
        self.refusal = refusal  # the service's sentence: why the change is refused without an exception
        self.setMinimumWidth(620)
        self.change = QLabel()
        self.change.setStyleSheet("font-weight: bold;")
        self.refused_label = QLabel()
        self.refused_label.setWordWrap(True)
        self.refused_label.setStyleSheet(WARN_STYLE)
        self.body.insertWidget(1, self.refused_label)
        self.change_label = QLabel()
        self.form.addRow(self.change_label, self.change)
        self.second = SecondPerson(self)
        self.reason = text_edit(200)
        self.add_field("reason", self.reason)
        self.errors.add("to", self.reason, self.general_error)
        self.retranslate()
        self.second.approver.setFocus()

    def retranslate(self) -> None:
        c = self.case
        self.setWindowTitle(self.tr("Second person approves an exception — {visit_no}").format(visit_no=c.visit_no))
        self.explain.setText(self.tr("{visit_no} {name} is classified as {before}. A second person with the right to "
                                     "approve exceptions (the medical director; not you) signs in here and writes "
                                     "the reason. The exception is recorded under their name, counted in the daily "
                                     "report, and used once, for this change only: you then classify the case with "
                                     "it.").format(visit_no=c.visit_no, name=c.patient_name,
                                                   before=classification_name(c.classification)))
        self.refused_label.setText(self.tr("Refused without an exception: {why}").format(why=self.refusal))
        self.change_label.setText(self.tr("Change:"))
        self.change.setText(self.tr("{before} → {after}").format(before=classification_name(c.classification),
                                                                 after=classification_name(self.to)))
        self.second.retranslate()
        self.labels["reason"].setText(self.tr("R&eason:"))
        self.reason.setPlaceholderText(self.tr("e.g. confirmed entered by mistake; the county CDC corrected it"))
        self.retranslate_buttons(self.tr("&Approve"))

    def submit(self) -> None:
        self.errors.clear()
        exceptions, visit_no, to, reason = (self.session.ctx.case_exceptions, self.case.visit_no, self.to,
                                            self.reason.text())
        approve = self.second.signed(lambda approver: exceptions.approve(
            approver, visit_no, CaseExceptionKind.CLASSIFICATION_DOWNGRADE.value, {"to": to}, reason))
        if approve is not None:
            self.session.runner.run(approve, self._done, self.refused, parent=self)

    def _done(self, exception_id: int) -> None:
        self.approved.emit(exception_id)
        self.accept()
