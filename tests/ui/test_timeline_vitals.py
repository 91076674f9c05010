"""The case timeline on screen (issue 17, part 5): every set of vital signs, the pre-triage one first, in words —
the readings ("—" where one was not taken), NEWS2 (a partial total a floor, naming what is missing) and the level,
bold when it sends the patient to the doctor at once; the set's audited act reads as a sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.severity.vitals import Vitals
from app.triage.records import PatientInput, ScreeningInput
from ui.pages.timeline import TimelineDialog, VitalSignsModel

WORSE = Vitals(39.2, respiratory_rate=26, spo2=91, oxygen=True, systolic_bp=96, heart_rate=124, consciousness="C")


def test_the_sets_read_in_words_pre_triage_first(qtbot, doctor_session, nurse_session, clock):
    ctx, nurse, doc = doctor_session.ctx, nurse_session.actor, doctor_session.actor
    screening = ctx.screening.record(nurse, ScreeningInput(38.6, symptoms=frozenset({"fever"}), health_code="green",
                                                           spo2=95, respiratory_rate=22, heart_rate=108,
                                                           consciousness="A"))
    visit = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name="王䶮", id_type="resident_id", id_number="11010519491231002X"))
    ctx.handoffs.send(nurse, visit.visit_no, "导医 陈")
    ctx.handoffs.confirm_arrival(doc, visit.visit_no)
    ctx.cases.take(doc, visit.visit_no)
    clock.advance(minutes=60)
    ctx.observation.record_vitals(doc, visit.visit_no, WORSE)

    dialog = TimelineDialog(doctor_session, ctx.timelines.timeline(doc, visit.visit_no))
    qtbot.addWidget(dialog)
    model: VitalSignsModel = dialog.vitals_model
    rows = [[model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())]
    assert [r[2] for r in rows] == ["Pre-triage", "Fever clinic"]
    assert rows[0][3] == "Temp 38.6 °C   SpO2 95%   RR 22/min   HR 108/min   SBP —   ACVPU Alert   O2 —"
    assert rows[0][4] == "≥ 5 (partial; not measured: O2, SBP)" and rows[0][5] == "Level III (urgent)"
    assert rows[1][4] == "17" and rows[1][5] == "Level II (critical)" and "New confusion" in rows[1][3]
    assert model.index(1, model.LEVEL).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, model.LEVEL).data(Qt.ItemDataRole.FontRole) is None
    assert "Fast heart rate (108/min)" in model.index(0, model.LEVEL).data(Qt.ItemDataRole.ToolTipRole)
    flat = " ".join(str(c) for r in rows for c in r)
    assert "None" not in flat and "news2_" not in flat and "heart_rate" not in flat
    events = dialog.events_model
    vitals_act = next(r for r in range(events.rowCount()) if events.record_at(r).action == "case.vitals")
    summary = events.index(vitals_act, events.SUMMARY).data()
    assert summary.startswith("Vital signs taken; Level II (critical); NEWS2 17") and "_" not in summary
    dialog.close()
