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
    assert model.index(refused, model.OUTCOME).data() == "× Refused"
    assert model.index(refused, model.WHO).data() == "刘洋(night) (Sentinel doctor)"  # the real name, as printed
    assert "Only the responsible doctor (doctor)" in model.index(refused, model.SUMMARY).data()
    assert model.index(refused, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    classify = actions.index("Case classified")
    assert "Not yet classified → Suspected case" in model.index(classify, model.SUMMARY).data()
    assert "44000000000002" in model.index(model.rowCount() - 1, model.SUMMARY).data()
    clocks = timeline.clocks_model
    status = {clocks.record_at(r).kind: clocks.index(r, clocks.STATUS).data() for r in range(clocks.rowCount())}
    assert status["report_2h"].startswith("Met late (0:30:00 past due)")
    # the report late, the transfer request overdue, the observation round (issue 17) with no vital signs taken in
    # 150 min overdue; the 12 h nucleic-acid clock (issue 12) still running
    assert status["observation_round"].startswith("Overdue")
    assert "5 time limits, 3 missed" in timeline.counts.text()

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


def test_the_closed_loop_steps_read_in_words(qtbot, qapp, doctor_session, nurse_session, runner, clock):
    """Issue 12's audited acts — an exception approved and used, a reassignment, a positive result, an
    incident and its report, clocks settled by the case's end, the clinic mode and the rule figures — read as
    sentences: no raw code, no True/False, no dict key."""
    import json
    import os
    import re
    from dataclasses import replace
    from pathlib import Path

    from app.casework.figures import CaseworkFigures
    from app.casework.records import TimelineEvent
    from tests.ui.casework_support import admin_actor, confirmed_case, treat_mode
    from tests.ui.triage_support import ZONE
    from ui.i18n import install_language
    from ui.pages.timeline import event_summary

    ctx, doctor = doctor_session.ctx, doctor_session.actor
    night = night_session(ctx, runner)
    admin = admin_actor(ctx)
    treat_mode(ctx)
    figures, version = ctx.figures.get(CaseworkFigures)
    ctx.figures.update(admin, replace(figures, untaken_minutes=15), version)

    case = confirmed_case(ctx, nurse_session.actor, doctor)
    exception_id = ctx.case_exceptions.approve(admin, case.visit_no, "classification_downgrade",
                                               {"to": "suspected"}, "误录为确诊，县疾控已更正")
    case = ctx.cases.classify(doctor, case.visit_no, case.version, "suspected", exception_id=exception_id)
    ctx.reassign.reassign(admin, case.visit_no, "night", "张伟医生停用，交刘洋医生")
    ctx.cases.start_observation(night.actor, case.visit_no, "留观1室", "2床")
    case = ctx.cases.order_test(night.actor, case.visit_no, "nucleic_acid", "fever_clinic", clock.now())
    clock.advance(hours=2)
    test = case.tests[-1]
    case = ctx.cases.record_result(night.actor, test.id, test.version, result="positive", result_at=clock.now(),
                                   lab="县疾控中心实验室")
    left = {"left_at": "2026-03-10 11:05", "noticed_by": "护士 李娜", "reported_to": "值班主任"}
    case = ctx.cases.dispose(night.actor, case.visit_no, case.version, "left_without_permission", left)
    clock.advance(minutes=30)
    ctx.cases.record_incident_report(night.actor, case.visit_no, "县疾控中心", clock.now())

    timeline = TimelineDialog(doctor_session, ctx.timelines.timeline(doctor, case.visit_no))
    qtbot.addWidget(timeline)
    model = timeline.events_model
    summaries = {model.record_at(r).action: model.index(r, model.SUMMARY).data() for r in range(model.rowCount())}
    raw = re.compile(r"\bTrue\b|\bFalse\b|\bNone\b|[{}_]|\w+: \w+_")
    for action, text in summaries.items():
        assert not raw.search(text), (action, text)
    assert summaries["case.exception_approve"] == (
        f"Exception #{exception_id} approved (Classification change the forward-only rule refuses): Confirmed case "
        "→ Suspected case; reason: 误录为确诊，县疾控已更正")
    assert f"with exception #{exception_id} approved by admin" in summaries["case.classify"]
    assert summaries["case.reassign"] == "Reassigned from doctor to night: 张伟医生停用，交刘洋医生"
    assert "Positive, 县疾控中心实验室" in summaries["case.result"]
    assert "; positive, early-warning alert raised" in summaries["case.result"]
    assert "started: 2 h direct network report" in summaries["case.result"]
    dispose = summaries["case.dispose"]
    assert dispose.startswith("Left without permission (left at 2026-03-10 11:05, noticed by 护士 李娜, "
                              "reported to 值班主任)")
    assert "an incident, early-warning alert raised" in dispose and "time limit(s) settled" in dispose
    assert summaries["case.incident_reported"].startswith("Incident reported to 县疾控中心 at 03-10 11:30")
    clocks = timeline.clocks_model
    status = {clocks.record_at(r).kind: clocks.index(r, clocks.STATUS).data() for r in range(clocks.rowCount())}
    assert status["transfer_request"] == "Settled: Left without permission"
    assert status["incident_2h"] == "Met in time"

    # the settings acts (on the audit trail, not a visit) in the same words
    entries = {e.action: e for e in ctx.audit.page(admin, offset=0, limit=500)}

    def said(action: str) -> str:
        e = entries[action]
        return event_summary(TimelineEvent(e.at, e.username, e.roles, e.workstation, e.action, e.outcome,
                                           json.loads(e.summary), e.seq), ZONE)

    assert said("clinic.mode_change") == "Sentinel room (refers) → Fever room (treats); reason: 本院设发热诊室"
    assert said("figures.update") == (
        "Changed: Alarm when no doctor has taken the patient after: 10 minutes → 15 minutes")

    install_language(qapp, "zh_CN")
    try:
        timeline.resize(1366, 728)
        timeline.show()
        timeline.events_view.resizeRowsToContents()
        settle()
        texts = [model.index(r, model.SUMMARY).data() for r in range(model.rowCount())]
        assert any("特例" in t for t in texts) and any("县疾控中心" in t for t in texts)
        for text in texts:
            assert not raw.search(text), text
        shots = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))
        shots.mkdir(parents=True, exist_ok=True)
        timeline.events_view.scrollToBottom()
        settle()
        timeline.grab().save(str(shots / "timeline_closed_loop.png"))
    finally:
        install_language(qapp, "en")
