"""擅自离院 as an incident on the case window: a suspected or positive patient who left without permission
has a 2 h incident report clock; the window shows it and records whom it was reported to and when, then
says so. A patient who left while only pending (no positive result) is no incident to report."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.casework_support import night_session, settle, taken_case
from ui.pages.case_page import CaseDialog

SHOTS = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))
LEFT = {"left_at": "2026-03-10 09:30", "noticed_by": "护士 李娜", "reported_to": "值班主任"}


def open_dialog(qtbot, session, case) -> CaseDialog:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def left_case(session, nurse, classification: str = "suspected"):  # type: ignore[no-untyped-def]
    ctx, doctor = session.ctx, session.actor
    case = taken_case(ctx, nurse.actor, doctor)
    if classification != "pending":
        case = ctx.cases.classify(doctor, case.visit_no, case.version, classification)
    return ctx.cases.dispose(doctor, case.visit_no, case.version, "left_without_permission", LEFT)


def test_the_incident_is_reported_from_the_case_window(qtbot, doctor_session, nurse_session, clock, type_text):
    ctx = doctor_session.ctx
    case = left_case(doctor_session, nurse_session)
    dialog = open_dialog(qtbot, doctor_session, case)
    assert dialog.header.incident_frame.isVisible() and dialog.header.incident_inputs.isVisible()
    text = dialog.header.incident_text.text()
    assert "Suspected case" in text and "left without permission at 2026-03-10 09:30" in text
    assert "within 2 h, by 11:00" in text
    assert any(k.kind == "incident_2h" and k.open for k in dialog.clocks.clocks_model.rows())
    assert dialog.header.incident_button.isEnabled()

    dialog.header.incident_button.click()  # whom it was reported to is required
    assert "×" in dialog.message.text()
    assert dialog.case.incident_reported_at is None

    clock.advance(minutes=40)
    type_text(dialog.header.incident_to, "县疾控中心")
    dialog.header.incident_at.set_value(clock.now())
    dialog.header.incident_button.click()
    assert "Incident report recorded" in dialog.message.text()
    assert dialog.header.incident_text.text() == ("Left without permission at 2026-03-10 09:30: incident reported to "
                                           "县疾控中心 at 09:40.")
    assert dialog.header.incident_inputs.isHidden()
    record = ctx.cases.get(doctor_session.actor, case.visit_no)
    assert record.incident_reported_to == "县疾控中心"
    incident = next(k for k in record.clocks if k.kind == "incident_2h")
    assert incident.met and not incident.missed
    dialog.tabs.setCurrentIndex(3)
    row = next(i for i, k in enumerate(dialog.clocks.clocks_model.rows()) if k.kind == "incident_2h")
    assert dialog.clocks.clocks_model.index(row, dialog.clocks.clocks_model.STATUS).data() == "Met in time"
    # the clocks the end of the case closed say why, not "met"
    request = next(i for i, k in enumerate(dialog.clocks.clocks_model.rows()) if k.kind == "transfer_request")
    assert dialog.clocks.clocks_model.index(request, dialog.clocks.clocks_model.STATUS).data() == (
        "Settled: Left without permission")


def test_another_doctor_sees_the_incident_but_cannot_report_it(qtbot, doctor_session, nurse_session, runner):
    case = left_case(doctor_session, nurse_session)
    night = night_session(doctor_session.ctx, runner)
    dialog = open_dialog(qtbot, night, case)
    assert dialog.header.incident_frame.isVisible()
    assert not dialog.header.incident_button.isEnabled() and not dialog.header.incident_to.isEnabled()


def test_a_pending_patient_who_left_is_no_incident_to_report(qtbot, doctor_session, nurse_session):
    case = left_case(doctor_session, nurse_session, "pending")
    dialog = open_dialog(qtbot, doctor_session, case)
    assert dialog.header.incident_frame.isHidden()
    assert "Left without permission" in dialog.header.banner.text()


def test_incident_in_chinese(qtbot, qapp, doctor_session, nurse_session):
    from ui.i18n import install_language

    case = left_case(doctor_session, nurse_session)
    install_language(qapp, "zh_CN")
    try:
        dialog = open_dialog(qtbot, doctor_session, case)
        dialog.resize(1366, 728)
        settle()
        assert "擅自离院" in dialog.header.incident_text.text() and "疑似病例" in dialog.header.incident_text.text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "case_incident.png"))
        dialog.header.incident_to.setText("县疾控中心")
        dialog.header.incident_button.click()
        assert "报告至 县疾控中心" in dialog.header.incident_text.text()
        dialog.grab().save(str(SHOTS / "case_incident_reported.png"))
    finally:
        install_language(qapp, "en")
