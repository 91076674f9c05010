"""The case timeline: every audited act (refusals marked), the clocks met or missed, from the case page
and from the visit list; "Print / Save PDF" makes the A4 timeline (text checked with pypdf)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.casework_support import night_session, settle, taken_case
from tests.ui.triage_support import pdf_text
from ui.labels import action_name
from ui.pages.case_page import CaseDialog
from ui.pages.timeline import TimelineDialog, TimelineModel
from ui.pages.visit_list import VisitListPage


def test_timeline_lists_the_events_and_prints(qtbot, doctor_session, nurse_session, runner, clock, tmp_path,
                                              monkeypatch):
    ctx = doctor_session.ctx
    doctor = doctor_session.actor
    night = night_session(ctx, runner)
    case = taken_case(ctx, nurse_session.actor, doctor)
    clock.advance(minutes=5)
    case = ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "3床")
    case = ctx.cases.classify(doctor, case.visit_no, case.version, "suspected")
    try:  # another doctor tries to report it: refused, and that is on the record too
        ctx.cases.record_report(night.actor, case.visit_no, "44000000000001", clock.now())
    except Exception:  # noqa: BLE001
        pass
    clock.advance(minutes=150)
    ctx.cases.record_report(doctor, case.visit_no, "44000000000002", clock.now())

    dialog = CaseDialog(doctor_session, ctx.cases.get(doctor, case.visit_no))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.timeline_button.click()
    timeline = dialog.timeline_dialog
    assert isinstance(timeline, TimelineDialog)
    model: TimelineModel = timeline.events_model
    actions = [model.index(r, model.ACTION).data() for r in range(model.rowCount())]
    assert actions[:3] == [action_name("triage.screen"), action_name("triage.register"), action_name("handoff.send")]
    assert actions[-5:] == ["Case taken (first-diagnosis doctor)", "Observation room and bed", "Case classified",
                            "Direct network report recorded", "Direct network report recorded"]
    seqs = [int(model.index(r, model.SEQ).data()) for r in range(model.rowCount())]
    assert seqs == sorted(seqs)
    refused = next(r for r in range(model.rowCount()) if model.record_at(r).outcome != "success")
    assert model.index(refused, model.OUTCOME).data() == "✖ Refused"
    assert model.index(refused, model.WHO).data() == "night (Sentinel doctor)"
    assert "Only the responsible doctor (doctor)" in model.index(refused, model.SUMMARY).data()
    assert model.index(refused, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    classify = actions.index("Case classified")
    assert "Not yet classified → Suspected case" in model.index(classify, model.SUMMARY).data()
    assert "44000000000002" in model.index(model.rowCount() - 1, model.SUMMARY).data()
    clocks = timeline.clocks_model
    status = {clocks.record_at(r).kind: clocks.index(r, clocks.STATUS).data() for r in range(clocks.rowCount())}
    assert status["report_2h"].startswith("Met late (0:30:00 past due)")
    # the report late, the transfer request overdue; the 12 h nucleic-acid clock (issue 12) still running
    assert "4 time limits, 2 missed" in timeline.counts.text()

    timeline.print_button.click()
    preview = timeline.preview
    assert preview is not None and preview.page_count() >= 1
    text = pdf_text(preview.pdf)
    assert case.visit_no in text and "病例全程时间线" in text and "拒绝" in text
    saved = tmp_path / "timeline.pdf"
    monkeypatch.setattr("ui.print_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(saved), ""))
    preview.save_as()
    assert saved.read_bytes() == preview.pdf
    preview.close()
    timeline.close()
    dialog.close()


def test_timeline_from_the_visit_list(qtbot, doctor_session, nurse_session):
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    page = VisitListPage(doctor_session)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    page.registered_only.setChecked(True)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).visit_no == case.visit_no)
    page.open_row(row)
    detail = page.dialog
    assert detail is not None
    detail.timeline_button.click()
    settle()
    timeline = detail.timeline_dialog
    assert isinstance(timeline, TimelineDialog)
    assert timeline.timeline.visit_no == case.visit_no
    assert "Case taken (first-diagnosis doctor)" in [
        timeline.events_model.index(r, TimelineModel.ACTION).data() for r in range(timeline.events_model.rowCount())]
    timeline.close()
    detail.close()
