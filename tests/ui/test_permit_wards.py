"""Wards and inpatients: direct admission with identity validation, admission from a visit number,
discharge (which revokes the permits, after a confirmation), an admin adding a ward."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.permit_support import HOLDER_ID, issue_escort_directly, setup_wards
from tests.ui.triage_support import make_visit, resident_id, session_for
from ui.ops import SyncRunner
from ui.pages.ward_dialogs import AdmitDialog, WardDialog
from ui.pages.ward_page import WardsPage


@pytest.fixture
def wards(triage_ctx):
    return setup_wards(triage_ctx)


def page_for(qtbot, session) -> WardsPage:
    page = WardsPage(session)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    return page


def test_direct_admission_checks_the_id_and_the_test_then_admits(qtbot, triage_ctx, wards, doctor_session,
                                                                  type_text):
    page = page_for(qtbot, doctor_session)
    assert page.inpatients.rowCount() == 2 and not page.wards_box.isVisibleTo(page)
    page.admit_button.click()
    dialog = page.dialog
    assert isinstance(dialog, AdmitDialog)
    dialog.direct.setChecked(True)
    dialog.ward.setCurrentIndex(dialog.ward.findText("普通病区"))
    type_text(dialog.identity.name, "王芳")
    type_text(dialog.identity.id_number, HOLDER_ID[:-1] + ("0" if HOLDER_ID[-1] != "0" else "1"))
    type_text(dialog.bed, "7床")
    dialog.ok.click()
    assert "check digit" in " ".join(dialog.errors.visible_texts())
    dialog.identity.id_number.setText(resident_id(date(1990, 2, 3)))
    dialog.ok.click()  # no nucleic acid sample recorded
    assert dialog.isVisible() and "Every new inpatient is tested" in " ".join(dialog.errors.visible_texts())
    assert not dialog.nat_sampled_at.isEnabled()
    dialog.nat_taken.setChecked(True)
    assert dialog.nat_sampled_at.isEnabled()
    dialog.ok.click()  # sampled, result not known yet: the buffer ward first
    assert dialog.isVisible() and "buffer ward" in " ".join(dialog.errors.visible_texts())
    dialog.nat_result.setCurrentIndex(dialog.nat_result.findData("negative"))
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.errors.visible_texts()
    assert page.inpatients.rowCount() == 3 and "王芳 admitted" in page.message.text()
    row = next(i for i, a in enumerate(page.inpatients.rows()) if a.patient_name == "王芳")
    assert "Negative" in page.inpatients.index(row, 6).data()


def test_admission_from_a_visit_number(qtbot, triage_ctx, wards, doctor_session, nurse_session, type_text):
    visit = make_visit(triage_ctx, nurse_session.actor, escort=None)
    page = page_for(qtbot, doctor_session)
    page.admit_button.click()
    dialog = page.dialog
    assert isinstance(dialog, AdmitDialog)
    type_text(dialog.visit_no, "V-NOPE")
    type_text(dialog.bed, "8床")
    dialog.nat_taken.setChecked(True)  # a visit without a fever-clinic case: the test recorded here
    dialog.nat_result.setCurrentIndex(dialog.nat_result.findData("negative"))
    dialog.ok.click()
    assert "No visit" in " ".join(dialog.errors.visible_texts())
    dialog.visit_no.setText(visit.visit_no)
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.errors.visible_texts()
    assert visit.visit_no in [a.visit_no for a in page.inpatients.rows()]


def test_discharge_asks_and_revokes_the_permits(qtbot, triage_ctx, wards, doctor_session, nurse_session, boxes):
    permit = issue_escort_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    page = page_for(qtbot, doctor_session)
    row = [a.id for a in page.inpatients.rows()].index(wards["general"].id)
    page.select_row(row)
    boxes.answer = boxes.answer.No
    page.discharge_button.click()
    assert "revoked" in boxes.texts()[-1]
    assert page.inpatients.rowCount() == 2
    boxes.answer = boxes.answer.Yes
    page.discharge_button.click()
    assert page.inpatients.rowCount() == 1
    assert triage_ctx.permits.get(nurse_session.actor, permit.id).state == "revoked"


def test_admin_adds_a_ward(qtbot, triage_ctx, wards, triage_admin_session, type_text):
    page = page_for(qtbot, triage_admin_session)
    assert page.wards_box.isVisibleTo(page) and page.wards.rowCount() == 2
    page.add_ward_button.click()
    dialog = page.dialog
    assert isinstance(dialog, WardDialog)
    type_text(dialog.name, "感染病区")
    assert dialog.type.findData("observation") >= 0
    assert dialog.type.itemText(dialog.type.findData("observation")) == "Isolation observation ward"
    dialog.type.setCurrentIndex(dialog.type.findData("infectious"))
    dialog.ok.click()
    assert "gate" in " ".join(dialog.errors.visible_texts())
    type_text(dialog.gates, "感染门岗、感染后门")
    dialog.ok.click()
    assert not dialog.isVisible()
    ward = next(w for w in page.wards.rows() if w.name == "感染病区")
    assert ward.gates == ("感染门岗", "感染后门") and ward.type == "infectious"


def test_gatekeeper_cannot_see_ward_pages(triage_ctx, wards):
    from tests.ui.permit_support import GATE_PASSWORD

    gate = session_for(triage_ctx, "gate", GATE_PASSWORD, SyncRunner())
    from app.permissions import Perm

    assert not gate.can(Perm.MANAGE_WARDS) and not gate.can(Perm.ISSUE_PERMITS) and gate.can(Perm.GATE)


def test_ward_page_shows_a_visitor_overstay_in_red(qtbot, triage_ctx, wards, doctor_session, nurse_session,
                                                   tmp_path):
    from pathlib import Path

    from sqlalchemy import func, select

    from app.reporting.alert_tables import Alert
    from app.wards.gate import GateStation
    from tests.ui.permit_support import GATE_PASSWORD, GENERAL_GATE, issue_visitor_directly

    visitor = issue_visitor_directly(triage_ctx, nurse_session.actor, wards["general"].id, minutes=20)
    gatekeeper = triage_ctx.users.authenticate("gate", GATE_PASSWORD, "gate-pc")
    GateStation(triage_ctx.gate, triage_ctx.clock, tmp_path / "gate", GENERAL_GATE).check(gatekeeper, visitor.payload)
    page = page_for(qtbot, doctor_session)
    page.resize(1366, 768)
    assert not page.overstay.isVisibleTo(page)
    triage_ctx.clock.advance(minutes=26)
    page.reload()
    assert page.overstay.isVisibleTo(page)
    assert "林*" in page.overstay.text() and "6 min over" in page.overstay.text()
    assert "#c62828" in page.overstay.styleSheet()
    with triage_ctx.db.read() as s:  # the ward page's poll raised it as an alert, once
        assert s.scalar(select(func.count()).select_from(Alert).where(Alert.kind == "visitor_overstay")) == 1
    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    page.grab().save(str(shots / "ward_page_overstay.png"))
    page.hide()
    assert not page.overstay_feed.running
