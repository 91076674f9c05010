"""逢阳必报、逢阳即报 on the case window: a positive nucleic-acid or antigen result puts a red 阳性 banner at
the top, asking for the classification and the direct network report, with buttons that open them; a
negative result, or a "positive" blood routine, does not."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.casework_support import settle, taken_case
from ui.pages.case_dialogs import ResultDialog
from ui.pages.case_page import CaseDialog

SHOTS = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))


def open_dialog(qtbot, session, case) -> CaseDialog:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def with_test(session, nurse, kind: str):  # type: ignore[no-untyped-def]
    """A taken case under observation with one test of ``kind`` ordered (sampled now)."""
    ctx, doctor = session.ctx, session.actor
    case = taken_case(ctx, nurse, doctor)
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "2床")
    return ctx.cases.order_test(doctor, case.visit_no, kind, "fever_clinic", ctx.clock.now())


def record(qtbot, dialog: CaseDialog, result: str) -> None:  # type: ignore[no-untyped-def]
    """Record the last test's result through the case window's result dialog."""
    dialog.tabs.setCurrentIndex(2)
    dialog.observation.tests_view.selectRow(dialog.observation.tests_model.rowCount() - 1)
    dialog.record_result()
    form = dialog.sub
    assert isinstance(form, ResultDialog)
    form.outcome.setCurrentIndex(form.outcome.findData(result))
    form.lab.setText("县疾控中心实验室")
    form.ok.click()
    ResultDialog.last_lab = ""  # remembered per desk session: leave no trace for the next test
    assert not form.isVisible(), form.errors.visible_texts()


def test_a_positive_nucleic_acid_result_raises_the_red_banner(qtbot, doctor_session, nurse_session, clock):
    case = with_test(doctor_session, nurse_session.actor, "nucleic_acid")
    dialog = open_dialog(qtbot, doctor_session, case)
    assert dialog.header.positive_frame.isHidden()  # nothing positive yet

    clock.advance(hours=2)
    record(qtbot, dialog, "positive")
    assert dialog.header.positive_frame.isVisible()
    assert dialog.header.positive_badge.text() == "POSITIVE"
    text = dialog.header.positive_text.text()
    assert "Positive result: Nucleic acid test #" in text and "Classify the case now" in text
    assert "direct network report" in text
    assert dialog.header.positive_classify_button.isVisible() and dialog.header.positive_classify_button.isEnabled()
    # the banner sits above everything else in the window
    assert dialog.header.positive_frame.geometry().top() < dialog.header.visit_label.geometry().top()

    dialog.tabs.setCurrentIndex(0)
    dialog.header.positive_classify_button.click()
    assert dialog.tabs.currentIndex() == 1 and dialog.classify_tab.classification.hasFocus()
    dialog.classify_tab.classification.setCurrentIndex(dialog.classify_tab.classification.findData("confirmed"))
    dialog.classify_tab.classify_button.click()
    assert dialog.header.class_badge.text() == "Confirmed case"
    assert dialog.header.positive_classify_button.isHidden()  # classified: only the report is left
    assert dialog.header.positive_report_button.isVisible() and dialog.header.positive_report_button.isEnabled()
    assert "Record the direct network report by" in dialog.header.positive_text.text()
    dialog.tabs.setCurrentIndex(0)
    dialog.header.positive_report_button.click()
    assert dialog.tabs.currentIndex() == 1 and dialog.classify_tab.card_no.hasFocus()
    dialog.classify_tab.card_no.setText("44000000000099")
    dialog.classify_tab.reported_at.set_value(clock.now())
    dialog.record_report()
    assert dialog.header.positive_frame.isVisible()  # still positive, but nothing left to do here
    assert "Reported: card 44000000000099" in dialog.header.positive_text.text()
    assert dialog.header.positive_report_button.isHidden() and dialog.header.positive_classify_button.isHidden()


def test_an_antigen_positive_counts_a_blood_routine_does_not(qtbot, doctor_session, nurse_session):
    routine = with_test(doctor_session, nurse_session.actor, "blood_routine")
    dialog = open_dialog(qtbot, doctor_session, routine)
    record(qtbot, dialog, "positive")  # an abnormal blood routine is no 阳性
    assert dialog.header.positive_frame.isHidden()
    doctor_session.ctx.cases.order_test(doctor_session.actor, routine.visit_no, "antigen", "fever_clinic",
                                        doctor_session.ctx.clock.now())
    dialog.reload()
    record(qtbot, dialog, "negative")
    assert dialog.header.positive_frame.isHidden()
    doctor_session.ctx.cases.order_test(doctor_session.actor, routine.visit_no, "antigen", "fever_clinic",
                                        doctor_session.ctx.clock.now())
    dialog.reload()
    record(qtbot, dialog, "positive")
    assert dialog.header.positive_frame.isVisible() and "Antigen" in dialog.header.positive_text.text()


def test_positive_banner_in_chinese(qtbot, qapp, doctor_session, nurse_session, clock):
    from ui.i18n import install_language

    case = with_test(doctor_session, nurse_session.actor, "nucleic_acid")
    clock.advance(hours=3)
    ctx = doctor_session.ctx
    test = case.tests[-1]
    ctx.cases.record_result(doctor_session.actor, test.id, test.version, result="positive",
                            result_at=clock.now(), lab="县疾控中心实验室", ct_value=28.5)
    case = ctx.cases.get(doctor_session.actor, case.visit_no)
    install_language(qapp, "zh_CN")
    try:
        dialog = CaseDialog(doctor_session, case)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.resize(1366, 768)  # the clinic's usual screen (showing grows it to its preferred height)
        settle()
        assert dialog.minimumSizeHint().height() <= 768
        assert dialog.header.positive_badge.text() == "阳性"
        assert "逢阳必报" in dialog.header.positive_text.text() and "核酸检测" in dialog.header.positive_text.text()
        assert dialog.header.positive_classify_button.text() == "立即分类"
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "positive_banner.png"))
    finally:
        install_language(qapp, "en")
