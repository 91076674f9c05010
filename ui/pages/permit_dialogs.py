"""Dialogs of the permits page: issue an escort or visitor permit, approve an exception (an
administrator, or a second person at this desk), a reason (revoke, reprint), a newer negative test
for an escort."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import FeverSentinelError
from app.permissions import Perm
from app.wards.figures import WardFigures
from app.wards.permit_service import Holder
from app.wards.records import AdmissionRecord, PermitRecord
from app.wards.vocab import ExceptionKind, PermitKind
from ui.fields import TimeField
from ui.labels import exception_kind_name, nursing_level_name, permit_kind_name, test_result_name, ward_type_name
from ui.second_person import SecondPerson
from ui.session import Session
from ui.widgets import palette
from ui.widgets.dialog import FormDialog, text_edit
from ui.widgets.identity import IdentityFields

RULE_REFUSALS = ("escort_refused", "visitor_refused")
RESULTS = ("", "negative", "positive")  # "": not chosen yet (the service refuses anything but negative)


def result_combo() -> QComboBox:
    combo = QComboBox()
    for code in RESULTS:
        combo.addItem("", code or None)
    return combo


def retranslate_results(combo: QComboBox, choose: str) -> None:
    for i in range(combo.count()):
        code = combo.itemData(i)
        combo.setItemText(i, test_result_name(code) if code else choose)


def load_ward_figures(session: Session, done: Callable[[WardFigures], None]) -> None:
    """The ward figures in force (visit minutes, test validity), read through the runner."""
    figures = session.ctx.figures
    session.runner.run(lambda: figures.get(WardFigures)[0], done, lambda _exc: None)


class IssueDialog(FormDialog):
    """Issue an escort or a visitor permit for one inpatient. Emits ``issued(PermitRecord)``.

    A rule refusal (critical care, infectious ward, level-3 nursing) is shown in plain words; an
    administrator gets "Approve exception…" right here, and the permit is then issued with it."""

    issued = Signal(object)

    def __init__(self, session: Session, admission: AdmissionRecord, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.admission = admission
        self.kind = kind
        self.exception_id: int | None = None
        self.needs: list[str] = []
        self.exception_dialog: ExceptionDialog | None = None
        self.setMinimumWidth(560)
        self.explain.setStyleSheet("font-weight: bold;")  # the patient the permit is for
        self.identity = IdentityFields(self.form, self.errors, self._today, with_sex=False, parent=self)
        self.relation = text_edit(32)
        self.add_field("relation", self.relation)
        now = session.ctx.clock.now()
        self.figures = WardFigures()
        self.test_at = TimeField(session.zone)
        self.test_result = result_combo()
        self.window_start = TimeField(session.zone)
        self.window_end = TimeField(session.zone)
        self.reason = text_edit(200)
        if kind == PermitKind.ESCORT:
            self.test_at.set_value(now)
            self.add_field("test_at", self.test_at)
            self.add_field("test_result", self.test_result)
        else:
            self.window_start.set_value(now)
            self.window_end.set_value(now + timedelta(minutes=self.figures.visit_max_minutes))
            self.add_field("reason", self.reason)
            self.add_field("window_start", self.window_start)
            self.add_field("window_end", self.window_end)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {palette.HINT};")
        self.errors.add("exception", self.identity.name, self.general_error)
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self.approve_exception)
        self.approve_button.hide()
        self.can_approve = session.can(Perm.APPROVE_EXCEPTIONS)
        self.exception_label = QLabel()
        self.exception_label.setStyleSheet(f"color: {palette.INFO}; font-weight: bold;")
        self.exception_label.hide()
        self.body.insertWidget(self.body.indexOf(self.form) + 1, self.note)
        for widget in (self.exception_label, self.approve_button):
            self.body.insertWidget(self.body.indexOf(self.buttons), widget)
        self.retranslate()
        self.identity.name.setFocus()
        load_ward_figures(session, self._figures_loaded)

    def _figures_loaded(self, figures: WardFigures) -> None:
        if self.kind == PermitKind.VISITOR and figures.visit_max_minutes != self.figures.visit_max_minutes:
            self.window_end.set_value(self.window_start.value() + timedelta(minutes=figures.visit_max_minutes))
        self.figures = figures
        self.retranslate()

    def _today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Issue {kind}").format(kind=permit_kind_name(self.kind)))
        a = self.admission
        self.explain.setText(self.tr("For {name} — {ward} ({type}), bed {bed}, {level}").format(
            name=a.patient_name, ward=a.ward_name, type=ward_type_name(a.ward_type), bed=a.bed,
            level=nursing_level_name(a.nursing_level)))
        self.identity.retranslate()
        self.identity.labels["name"].setText(self.tr("Holder's &name:"))
        self.labels["relation"].setText(self.tr("&Relation:"))
        self.relation.setPlaceholderText(self.tr("e.g. son, daughter, spouse"))
        if self.kind == PermitKind.ESCORT:
            self.labels["test_at"].setText(self.tr("NAT sampled &at:"))
            self.labels["test_result"].setText(self.tr("NAT res&ult:"))
            retranslate_results(self.test_result, self.tr("Choose the result…"))
            self.note.setText(self.tr("One escort per patient, with a NEGATIVE nucleic acid result sampled within "
                                      "the last {hours} hours. The permit ends when the result's {hours} hours end "
                                      "(the gate then refuses the escort), unless a newer negative result is "
                                      "recorded.").format(hours=self.figures.escort_test_valid_hours))
        else:
            self.labels["reason"].setText(self.tr("Reason for an on-site &visit:"))
            self.reason.setPlaceholderText(self.tr("e.g. critical condition notice, consent to an operation"))
            self.labels["window_start"].setText(self.tr("Visit &from:"))
            self.labels["window_end"].setText(self.tr("Visit &until:"))
            self.note.setText(self.tr("In principle no on-site visits: video visits are encouraged. One visitor, "
                                      "one visit of at most {minutes} minutes: once the visitor has left, or the "
                                      "time is over, the permit no longer lets them in.").format(
                minutes=self.figures.visit_max_minutes))
        self.approve_button.setText(self.tr("Second person approves an e&xception…"))
        self._show_exception()
        self.ok.setText(self.tr("Issue p&ermit"))
        self.cancel.setText(self.tr("Cancel"))

    def _show_exception(self) -> None:
        self.exception_label.setText(self.tr("Exception #{id} approved: issue the permit now.").format(
            id=self.exception_id))
        self.exception_label.setVisible(self.exception_id is not None)

    def holder(self) -> Holder:
        p = self.identity.patient_input()
        return Holder(p.name, p.id_type, p.id_number, self.relation.text(), p.phone)

    def submit(self) -> None:
        self.errors.clear()
        permits, actor, admission_id, exception_id = (self.session.ctx.permits, self.session.actor,
                                                      self.admission.id, self.exception_id)
        holder = self.holder()
        if self.kind == PermitKind.ESCORT:
            test_at, result = self.test_at.value(), self.test_result.currentData()
            self.session.runner.run(lambda: permits.issue_escort(actor, admission_id, holder, test_at=test_at,
                                                                 test_result=result, exception_id=exception_id),
                                    self._done, self._failed, parent=self)
        else:
            start, end, reason = self.window_start.value(), self.window_end.value(), self.reason.text()
            self.session.runner.run(lambda: permits.issue_visitor(actor, admission_id, holder, window_start=start,
                                                                  window_end=end, reason=reason,
                                                                  exception_id=exception_id),
                                    self._done, self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.errors.show(exc)
        rule = isinstance(exc, FeverSentinelError) and exc.code in RULE_REFUSALS
        if rule:
            assert isinstance(exc, FeverSentinelError)
            self.needs = [str(k) for k in exc.details.get("needs", [])]
            self.exception_id = None
            self._show_exception()
        self.approve_button.setVisible(bool(rule))
        if rule:
            self.approve_button.setFocus()

    def approve_exception(self) -> None:
        """A second person — not the one issuing — approves here with their own password."""
        if self.exception_dialog is not None:
            self.exception_dialog.deleteLater()
        self.exception_dialog = ExceptionDialog(self.session, self.admission, self.needs, self, co_sign=True)
        self.exception_dialog.approved.connect(self._approved)
        self.exception_dialog.show()

    def _approved(self, exception_id: int) -> None:
        self.exception_id = exception_id
        self.approve_button.hide()
        self.errors.clear()
        self._show_exception()
        self.ok.setFocus()

    def _done(self, record: PermitRecord) -> None:
        self.issued.emit(record)
        self.accept()


class ExceptionDialog(FormDialog):
    """One exception to the permit rules, with a reason (used once, by someone other than the approver).

    On the permits page an administrator approves under their own name; ``co_sign`` (from the issue
    dialog) asks for a second person's user name and password instead: the one issuing cannot approve."""

    approved = Signal(int)

    def __init__(self, session: Session, admission: AdmissionRecord, needs: list[str] | None = None,
                 parent: QWidget | None = None, co_sign: bool = False) -> None:
        super().__init__(session, parent)
        self.admission = admission
        self.co_sign = co_sign
        self.kind = QComboBox()
        kinds = [k for k in ExceptionKind if not needs or k.value in needs] or list(ExceptionKind)
        for k in kinds:
            self.kind.addItem("", k.value)
        self.reason = text_edit(200)
        self.second = SecondPerson(self) if co_sign else None
        self.add_field("kind", self.kind)
        self.add_field("reason", self.reason)
        self.retranslate()
        (self.second.approver if self.second else self.reason).setFocus()

    @property
    def approver(self) -> QLineEdit | None:
        return self.second.approver if self.second else None

    @property
    def password(self) -> QLineEdit | None:
        return self.second.password if self.second else None

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Approve an exception"))
        if self.second is not None:
            self.explain.setText(self.tr("For {name} ({ward}, bed {bed}). A second person with the right to "
                                         "approve exceptions (not you) signs in here; the exception is recorded "
                                         "under their name with the reason, and can be used for one permit.").format(
                name=self.admission.patient_name, ward=self.admission.ward_name, bed=self.admission.bed))
            self.second.retranslate()
        else:
            self.explain.setText(self.tr("For {name} ({ward}, bed {bed}). The exception is recorded under your name "
                                         "with the reason, and can be used for one permit, issued by another "
                                         "staff member.").format(
                name=self.admission.patient_name, ward=self.admission.ward_name, bed=self.admission.bed))
        self.labels["kind"].setText(self.tr("&Rule:"))
        self.labels["reason"].setText(self.tr("R&eason:"))
        self.reason.setPlaceholderText(self.tr("e.g. the doctor orders one escort at night"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, exception_kind_name(self.kind.itemData(i)))
        self.ok.setText(self.tr("&Approve"))
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        self.errors.clear()
        ctx, me, admission_id = self.session.ctx, self.session.actor, self.admission.id
        kind, reason = str(self.kind.currentData()), self.reason.text()
        if self.second is None:
            self.session.runner.run(lambda: ctx.wards.approve_exception(me, admission_id, kind, reason),
                                    self._done, self.errors.show, parent=self)
            return
        approve = self.second.signed(lambda approver: ctx.wards.approve_exception(approver, admission_id, kind,
                                                                                   reason))
        if approve is not None:
            self.session.runner.run(approve, self._done, self.errors.show, parent=self)

    def _done(self, exception_id: int) -> None:
        self.approved.emit(exception_id)
        self.accept()


class ReasonDialog(FormDialog):
    """Revoke or reprint a permit, with a reason. Emits ``saved(PermitRecord)`` (the new card on a reprint)."""

    saved = Signal(object)

    def __init__(self, session: Session, permit: PermitRecord, reprint: bool, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.permit = permit
        self.reprint = reprint
        self.setMinimumWidth(480)
        self.reason = text_edit(150)
        self.add_field("reason", self.reason)
        self.retranslate()
        self.reason.setFocus()

    def retranslate(self) -> None:
        p = self.permit
        if self.reprint:
            self.setWindowTitle(self.tr("Reprint permit"))
            self.explain.setText(self.tr("A new card replaces {number} ({holder}). The old card stops working at "
                                         "once, at every gate.").format(number=p.number, holder=p.holder_name))
            self.reason.setPlaceholderText(self.tr("e.g. card lost, card damaged"))
            self.ok.setText(self.tr("&Reprint"))
        else:
            self.setWindowTitle(self.tr("Revoke permit"))
            self.explain.setText(self.tr("Revoke {number} ({holder}): the gates refuse it from now on.").format(
                number=p.number, holder=p.holder_name))
            self.reason.setPlaceholderText(self.tr("e.g. escort has a fever"))
            self.ok.setText(self.tr("Re&voke"))
        self.labels["reason"].setText(self.tr("R&eason:"))
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        self.errors.clear()
        permits, actor, permit_id, reason = self.session.ctx.permits, self.session.actor, self.permit.id, \
            self.reason.text()
        if self.reprint:
            self.session.runner.run(lambda: permits.reprint(actor, permit_id, reason.strip() or "lost"), self._done,
                                    self.errors.show, parent=self)
        else:
            self.session.runner.run(lambda: permits.revoke(actor, permit_id, reason), self._done, self.errors.show,
                                    parent=self)

    def _done(self, record: PermitRecord) -> None:
        self.saved.emit(record)
        self.accept()


class EscortTestDialog(FormDialog):
    """Record the escort's newer negative test, so the gate keeps admitting them."""

    saved = Signal(object)

    def __init__(self, session: Session, permit: PermitRecord, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setMinimumWidth(0)  # one short field: the dialog takes its content's width
        self.permit = permit
        self.test_at = TimeField(session.zone)
        self.test_at.set_value(session.ctx.clock.now())
        self.test_result = result_combo()
        self.add_field("test_at", self.test_at)
        self.add_field("test_result", self.test_result)
        self.retranslate()
        self.test_at.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Update escort's test"))
        self.explain.setText(self.tr("A newer negative nucleic acid result for {holder} ({number}): the permit is "
                                     "valid again until this result's validity ends.").format(
            holder=self.permit.holder_name, number=self.permit.number))
        self.labels["test_at"].setText(self.tr("NAT sampled &at:"))
        self.labels["test_result"].setText(self.tr("NAT res&ult:"))
        retranslate_results(self.test_result, self.tr("Choose the result…"))
        self.ok.setText(self.tr("&Save"))
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        self.errors.clear()
        permits, actor, p = self.session.ctx.permits, self.session.actor, self.permit
        test_at: datetime = self.test_at.value()
        result = self.test_result.currentData()
        self.session.runner.run(lambda: permits.update_escort_test(actor, p.id, p.version, test_at, result),
                                self._done, self.errors.show, parent=self)

    def _done(self, record: PermitRecord) -> None:
        self.saved.emit(record)
        self.accept()
