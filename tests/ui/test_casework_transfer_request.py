"""The transfer request from the case window: whether a reason is required is the service's answer
(TransferService.needs_reason — not for a case that owes a transfer, nor in a sentinel room); a patient in
a ward who owes a transfer may be asked for by any doctor, so every doctor gets the button; a refusal is
the service's sentence."""

from __future__ import annotations

from tests.ui.casework_support import night_session, settle, taken_case, treat_mode
from tests.ui.transfer_support import add_hospitals
from ui.pages.case_page import CaseDialog
from ui.pages.transfer_dialogs import TransferRequestDialog


def open_dialog(qtbot, session, case) -> CaseDialog:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def in_buffer_ward(session, nurse, clock, result: str | None):  # type: ignore[no-untyped-def]
    """A pending case admitted to a buffer-ward single room while its NAT is out; then the result."""
    ctx, doctor = session.ctx, session.actor
    treat_mode(ctx)
    case = taken_case(ctx, nurse.actor, doctor)
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "2床")
    ctx.cases.order_test(doctor, case.visit_no, "blood_routine", "fever_clinic", clock.now())
    case = ctx.cases.order_test(doctor, case.visit_no, "nucleic_acid", "fever_clinic", clock.now())
    case = ctx.cases.dispose(doctor, case.visit_no, case.version, "admitted",
                             {"ward": "缓冲病区", "bed": "3床", "buffer_single_room": True})
    if result is not None:
        nat = next(t for t in case.tests if t.kind == "nucleic_acid")
        clock.advance(hours=3)
        case = ctx.cases.record_result(doctor, nat.id, nat.version, result=result, result_at=clock.now(),
                                       lab="县疾控中心实验室")
    return case


def request_form(dialog: CaseDialog) -> TransferRequestDialog:
    dialog.transfer_button.click()
    form = dialog.sub
    assert isinstance(form, TransferRequestDialog) and form.isVisible()
    return form


def fill(form: TransferRequestDialog) -> None:
    form.precautions.setText("N95、防护服")
    form.staff.setText("护士 李娜")


def test_any_doctor_requests_the_transfer_of_a_ward_patient_who_turned_positive(
        qtbot, doctor_session, nurse_session, runner, clock):
    ctx = doctor_session.ctx
    add_hospitals(ctx)
    case = in_buffer_ward(doctor_session, nurse_session, clock, "positive")
    night = night_session(ctx, runner)  # not the responsible doctor
    dialog = open_dialog(qtbot, night, ctx.cases.get(night.actor, case.visit_no))
    assert "Read only" in dialog.header.banner.text()
    assert not dialog.classify_tab.classify_button.isEnabled()  # the case stays the responsible doctor's
    assert dialog.transfer_button.isEnabled()  # but the transfer from the ward is anyone's to ask for
    form = request_form(dialog)
    assert form.reason_note.isHidden()  # it owes a transfer: no reason needed (the service says so)
    assert "any doctor may ask for the transfer" in form.explain.text()
    fill(form)
    form.ok.click()
    assert not form.isVisible(), form.errors.visible_texts()
    assert "requested" in dialog.message.text()
    [transfer] = [t for t in ctx.transfers.open_transfers(night.actor) if t.visit_no == case.visit_no]
    assert transfer.requested_by == "night"


def test_a_ward_patient_who_owes_no_transfer_is_refused_with_the_service_sentence(
        qtbot, doctor_session, nurse_session, runner, clock):
    ctx = doctor_session.ctx
    add_hospitals(ctx)
    case = in_buffer_ward(doctor_session, nurse_session, clock, None)  # the NAT is still out
    night = night_session(ctx, runner)
    dialog = open_dialog(qtbot, night, ctx.cases.get(night.actor, case.visit_no))
    assert dialog.transfer_button.isEnabled()  # offered: the service decides
    form = request_form(dialog)
    assert form.reason_note.isVisible()  # it owes none, in a fever room: the service wants a reason
    fill(form)
    form.reason.setText("家属要求")
    form.ok.click()
    assert form.isVisible()
    assert any("closed" in t for t in form.errors.visible_texts())


def test_the_reason_is_required_only_when_the_service_says_so(qtbot, doctor_session, nurse_session, runner):
    ctx = doctor_session.ctx
    add_hospitals(ctx)
    # a sentinel room (the township default) refers every patient: no reason needed
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    form = request_form(dialog)
    assert form.reason_note.isHidden() and form.reason.placeholderText() == "optional"
    form.reject()
    dialog.close()
    # a fever room treats its patients: a pending case transferred needs a reason
    treat_mode(ctx)
    dialog = open_dialog(qtbot, doctor_session, ctx.cases.get(doctor_session.actor, case.visit_no))
    form = request_form(dialog)
    assert form.reason_note.isVisible()
    fill(form)
    form.ok.click()
    assert form.isVisible() and form.errors.visible_texts()
    # someone else's open case: no button (only the responsible doctor asks while it is in the fever clinic)
    night = night_session(ctx, runner)
    other = open_dialog(qtbot, night, ctx.cases.get(night.actor, case.visit_no))
    assert not other.transfer_button.isEnabled()


def test_transfer_from_the_ward_in_chinese(qtbot, qapp, doctor_session, nurse_session, runner, clock):
    import os
    from pathlib import Path

    from ui.i18n import install_language

    ctx = doctor_session.ctx
    add_hospitals(ctx)
    case = in_buffer_ward(doctor_session, nurse_session, clock, "positive")
    night = night_session(ctx, runner)
    install_language(qapp, "zh_CN")
    try:
        dialog = open_dialog(qtbot, night, ctx.cases.get(night.actor, case.visit_no))
        assert "任何医生均可申请" in dialog.header.banner.text()
        form = request_form(dialog)
        assert "任何医生均可申请转运" in form.explain.text()
        settle()
        shots = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))
        shots.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(shots / "case_ward_transfer.png"))
        form.grab().save(str(shots / "case_ward_transfer_request.png"))
    finally:
        install_language(qapp, "en")
