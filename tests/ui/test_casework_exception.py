"""特殊情况 on the case window: a classification change the rules refuse (a step back, or excluding a
suspected case without the second negative test) offers "Second person approves an exception…"; the
medical director signs in on the doctor's screen with a reason, the exception is approved as them and the
doctor classifies with it. The approver cannot be the doctor; an approval waiting for the visit is shown
and used."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.casework_support import (
    CHIEF_PASSWORD,
    NIGHT_PASSWORD,
    add_chief,
    add_night_doctor,
    admin_actor,
    confirmed_case,
    settle,
)
from tests.ui.conftest import ADMIN_PASSWORD
from tests.ui.triage_support import session_for
from ui.pages.case_dialogs import ClassificationExceptionDialog
from ui.pages.case_page import CaseDialog

SHOTS = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))


def open_dialog(qtbot, session, case) -> CaseDialog:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def choose(dialog: CaseDialog, classification: str) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.classify_tab.classification.setCurrentIndex(dialog.classify_tab.classification.findData(classification))


def errors_of(form: ClassificationExceptionDialog) -> str:
    return " ".join(form.errors.visible_texts())


def test_a_step_back_is_approved_by_a_second_person_then_classified(qtbot, doctor_session, nurse_session,
                                                                     type_text):
    ctx, doctor = doctor_session.ctx, doctor_session.actor
    add_night_doctor(ctx)  # a doctor without the right to approve exceptions
    case = confirmed_case(ctx, nurse_session.actor, doctor)
    dialog = open_dialog(qtbot, doctor_session, case)
    assert dialog.classify_tab.exception_button.isHidden() and dialog.classify_tab.exceptions_label.isHidden()

    choose(dialog, "suspected")
    dialog.classify_tab.classify_button.click()  # confirmed → suspected: the forward-only rule refuses
    assert "only moves forward" in dialog.message.text()
    assert dialog.case.classification == "confirmed"
    assert dialog.classify_tab.exception_button.isVisible() and dialog.classify_tab.exception_button.isEnabled()
    choose(dialog, "asymptomatic")  # another choice: the offer was for the refused one
    assert dialog.classify_tab.exception_button.isHidden()
    choose(dialog, "suspected")
    assert dialog.classify_tab.exception_button.isVisible()

    dialog.classify_tab.exception_button.click()
    form = dialog.exception_dialog
    assert isinstance(form, ClassificationExceptionDialog) and form.isVisible()
    assert form.to == "suspected"
    assert "Confirmed case → Suspected case" == form.change.text()
    assert "only moves forward" in form.refused_label.text()
    # the doctor cannot be their own second person
    type_text(form.second.approver, "doctor")
    type_text(form.second.password, "doctor-pass-2026")
    type_text(form.reason, "误录为确诊，县疾控已更正")
    form.ok.click()
    assert form.isVisible() and "second person" in errors_of(form)
    assert form.second.password.text() == ""  # a password is never kept
    # a doctor without the right
    form.second.approver.clear()
    type_text(form.second.approver, "night")
    type_text(form.second.password, NIGHT_PASSWORD)
    form.ok.click()
    assert form.isVisible() and "night may not approve exceptions" in errors_of(form)
    # the medical director, wrong password
    form.second.approver.clear()
    type_text(form.second.approver, "admin")
    type_text(form.second.password, "wrong-password")
    form.ok.click()
    assert form.isVisible() and "Wrong user name or password" in errors_of(form)
    # no reason
    form.reason.clear()
    type_text(form.second.password, ADMIN_PASSWORD)
    form.ok.click()
    assert form.isVisible() and "Write why the exception is approved" in errors_of(form)
    assert ctx.case_exceptions.for_visit(doctor, case.visit_no) == []

    type_text(form.reason, "误录为确诊，县疾控已更正")
    type_text(form.second.password, ADMIN_PASSWORD)
    form.ok.click()
    assert not form.isVisible(), errors_of(form)
    assert dialog.case.classification == "suspected"
    assert dialog.header.class_badge.text() == "Suspected case"
    [used] = ctx.case_exceptions.for_visit(doctor, case.visit_no)
    assert (used.approved_by, used.used_by, used.detail, used.reason) == (
        "admin", "doctor", {"to": "suspected"}, "误录为确诊，县疾控已更正")
    assert f"(Exception #{used.id} used.)" in dialog.message.text()
    assert dialog.classify_tab.exception_button.isHidden() and dialog.classify_tab.exceptions_label.isHidden()


def test_an_approval_waiting_for_the_visit_is_shown_and_used(qtbot, doctor_session, nurse_session):
    ctx, doctor = doctor_session.ctx, doctor_session.actor
    case = confirmed_case(ctx, nurse_session.actor, doctor)
    # the medical director approved it at their own desk
    exception_id = ctx.case_exceptions.approve(admin_actor(ctx), case.visit_no, "classification_downgrade",
                                               {"to": "pending"}, "误分类，待核酸结果")
    case = ctx.cases.get(doctor, case.visit_no)
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.classify_tab.exceptions_label.isVisible()
    text = dialog.classify_tab.exceptions_label.text()
    assert f"Exception #{exception_id} approved by admin" in text and "may change to Not yet classified" in text
    assert "误分类，待核酸结果" in text
    assert dialog.classify_tab.classify_button.text() == "Classify"  # the current choice needs none
    choose(dialog, "pending")
    assert dialog.classify_tab.classify_button.text() == f"Classify with exception #{exception_id}"
    dialog.classify_tab.classify_button.click()
    assert dialog.case.classification == "pending"
    assert f"(Exception #{exception_id} used.)" in dialog.message.text()
    assert dialog.classify_tab.exceptions_label.isHidden()
    assert ctx.case_exceptions.pending(doctor, case.visit_no) == []


def test_the_service_refuses_an_exception_the_doctor_approved_themselves(qtbot, nurse_session, triage_ctx, runner):
    """A doctor who also holds the approving right (chief) approved the change for their own case at another
    desk: the case window tries it, and shows the service's refusal (exception_self)."""
    ctx = triage_ctx
    add_chief(ctx)
    chief = session_for(ctx, "chief", CHIEF_PASSWORD, runner, desk="fever-clinic")
    case = confirmed_case(ctx, nurse_session.actor, chief.actor)
    ctx.case_exceptions.approve(chief.actor, case.visit_no, "classification_downgrade", {"to": "suspected"},
                                "本人批准")
    dialog = open_dialog(qtbot, chief, ctx.cases.get(chief.actor, case.visit_no))
    choose(dialog, "suspected")
    dialog.classify_tab.classify_button.click()
    assert "You approved this exception yourself" in dialog.message.text()
    assert dialog.case.classification == "confirmed"
    # and at the desk, naming oneself as the second person is refused before anything is recorded
    dialog.classify_tab.refused_to, dialog.classify_tab.refusal = "suspected", "—"
    dialog.approve_exception()
    form = dialog.exception_dialog
    assert isinstance(form, ClassificationExceptionDialog)
    form.second.approver.setText("chief")
    form.second.password.setText(CHIEF_PASSWORD)
    form.reason.setText("本人再次批准")
    form.ok.click()
    assert form.isVisible() and "yourself" in errors_of(form)
    assert len(ctx.case_exceptions.for_visit(chief.actor, case.visit_no)) == 1


def test_a_suspected_case_excluded_on_one_negative_test_needs_the_exception(qtbot, doctor_session, nurse_session,
                                                                           clock):
    ctx, doctor = doctor_session.ctx, doctor_session.actor
    case = confirmed_case(ctx, nurse_session.actor, doctor)
    case = ctx.cases.get(doctor, case.visit_no)
    exception_id = ctx.case_exceptions.approve(admin_actor(ctx), case.visit_no, "classification_downgrade",
                                               {"to": "suspected"}, "误录为确诊")
    case = ctx.cases.classify(doctor, case.visit_no, case.version, "suspected", exception_id=exception_id)
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "2床")
    case = ctx.cases.order_test(doctor, case.visit_no, "nucleic_acid", "fever_clinic", clock.now())
    nat = case.tests[-1]
    clock.advance(hours=4)
    case = ctx.cases.record_result(doctor, nat.id, nat.version, result="negative", result_at=clock.now(),
                                   lab="县疾控中心实验室")
    dialog = open_dialog(qtbot, doctor_session, case)
    choose(dialog, "excluded")
    dialog.classify_tab.classify_button.click()
    assert "two negative nucleic acid results" in dialog.message.text()
    assert dialog.classify_tab.exception_button.isVisible()
    dialog.classify_tab.exception_button.click()
    form = dialog.exception_dialog
    assert isinstance(form, ClassificationExceptionDialog)
    assert "two negative nucleic acid results" in form.refused_label.text()
    form.second.approver.setText("admin")
    form.second.password.setText(ADMIN_PASSWORD)
    form.reason.setText("县疾控专家会诊排除")
    form.ok.click()
    assert not form.isVisible(), errors_of(form)
    assert dialog.case.classification == "excluded"


def test_exception_dialog_in_chinese(qtbot, qapp, doctor_session, nurse_session):
    from ui.i18n import install_language

    ctx, doctor = doctor_session.ctx, doctor_session.actor
    case = confirmed_case(ctx, nurse_session.actor, doctor)
    ctx.case_exceptions.approve(admin_actor(ctx), case.visit_no, "classification_downgrade", {"to": "pending"},
                                "误分类，待核酸结果")
    case = ctx.cases.get(doctor, case.visit_no)
    install_language(qapp, "zh_CN")
    try:
        dialog = open_dialog(qtbot, doctor_session, case)
        dialog.resize(1366, 728)
        choose(dialog, "suspected")
        dialog.classify_tab.classify_button.click()
        assert dialog.classify_tab.exception_button.isVisible()
        assert "特例" in dialog.classify_tab.exception_button.text()
        assert "批准" in dialog.classify_tab.exceptions_label.text()
        settle()
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "case_exception_offer.png"))
        dialog.classify_tab.exception_button.click()
        form = dialog.exception_dialog
        assert isinstance(form, ClassificationExceptionDialog)
        form.second.approver.setText("doctor")
        form.second.password.setText("x")
        form.reason.setText("误录")
        form.ok.click()
        settle()
        assert form.labels["approver"].text().startswith("批准人")
        assert all("_" not in t for t in form.errors.visible_texts())
        form.grab().save(str(SHOTS / "case_exception_dialog.png"))
    finally:
        install_language(qapp, "en")
