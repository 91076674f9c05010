"""The transfer request dialog asks for what the handover form needs and the case does not hold (issue 15):
underlying diseases/allergies, lines and medication, documents sent along — optional, sent with the request."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.casework_support import settle, taken_case
from tests.ui.test_casework_transfer_request import fill, open_dialog, request_form
from tests.ui.transfer_support import add_hospitals


def test_the_handover_facts_go_with_the_request(qtbot, doctor_session, nurse_session):  # type: ignore[no-untyped-def]
    ctx = doctor_session.ctx
    add_hospitals(ctx)
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)  # a sentinel room: no reason needed
    dialog = open_dialog(qtbot, doctor_session, case)
    form = request_form(dialog)
    assert form.labels["documents"].text() == "Documents sent &along:"
    fill(form)
    form.underlying_conditions.setText("高血压；青霉素过敏")
    form.lines_medication.setText("鼻导管吸氧 3L/min")
    form.documents.setText("病历摘要、检验报告")
    form.resize(1366, 768)
    settle()
    shots = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots")) / "paper"
    shots.mkdir(parents=True, exist_ok=True)
    form.grab().save(str(shots / "transfer_request_facts.png"))
    form.ok.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5000)
    t = ctx.transfers.open_transfers(doctor_session.actor)[-1]
    assert (t.underlying_conditions, t.lines_medication, t.documents) == (
        "高血压；青霉素过敏", "鼻导管吸氧 3L/min", "病历摘要、检验报告")
