"""Permits page → card → gate: issue an escort permit, print its card and read the QR back, admit
it at the gate, revoke it, and the gate refuses it; rule refusals and an admin's exception."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.desk_keys import permit_keys_for_snapshot
from app.keys import load_public_key
from app.wards import credential
from tests.ui.permit_support import (
    GENERAL_GATE,
    ICU_GATE,
    fill_holder,
    gate_page,
    open_issue,
    permits_page,
    scan,
    setup_wards,
    visible,
)
from tests.ui.triage_support import decode_qr
from ui.pages.permit_dialogs import ExceptionDialog, ReasonDialog
from ui.pages.permit_page import card_maker


@pytest.fixture
def wards(triage_ctx):
    return setup_wards(triage_ctx)


def test_escort_permit_issued_printed_admitted_revoked_denied(qtbot, triage_ctx, wards, nurse_session, type_text,
                                                              tmp_path):
    page = permits_page(qtbot, nurse_session)
    assert page.patient.count() == 2
    dialog = open_issue(page, wards["general"].id, "escort")
    fill_holder(dialog, type_text)
    dialog.test_at.set_value(triage_ctx.clock.now() - timedelta(hours=3))
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.errors.visible_texts()
    assert "Escort permit" in page.message.text()
    permit = page.selected()
    assert permit is not None and permit.kind == "escort" and permit.holder_name == "刘强"
    assert page.permits.index(0, 2).data() == "Valid"

    if card_maker() is not None:  # the card: its QR, read back from a rendering, verifies with this desk's key
        page.print_card()
        assert page.preview is not None
        pdf = tmp_path / "card.pdf"
        pdf.write_bytes(page.preview.pdf)
        text = decode_qr(pdf, tmp_path)
        with triage_ctx.db.read() as s:  # this clinic's enrolled desk keys (app/desk_keys.py)
            keys = permit_keys_for_snapshot(s, triage_ctx.clock.now())
        decoded = credential.decode(text, lambda kid: load_public_key(keys[kid]) if kid in keys else None)
        assert decoded.permit_id == permit.id and decoded.ward == "普通病区"
        page.preview.close()

    gate = gate_page(qtbot, triage_ctx, GENERAL_GATE, tmp_path / "gate")
    started = triage_ctx.clock.now()
    scan(qtbot, gate, permit.payload)
    assert gate.verdict_text() == "ADMIT"
    assert "刘*" in gate.holder.text() and permit.payload and gate.decision is not None
    assert gate.decision.id_last4 in gate.holder.text()
    assert "普通病区 3床" in gate.place.text() and "Escort permit" in gate.place.text()
    assert triage_ctx.clock.now() == started
    assert gate.scan.hasFocus() or gate.scan.text() == ""

    page.view.selectRow(0)
    page.revoke_button.click()
    revoke = page.dialog
    assert isinstance(revoke, ReasonDialog)
    type_text(revoke.reason, "陪护人发热")
    revoke.ok.click()
    assert "revoked" in page.message.text()

    triage_ctx.clock.advance(minutes=1)  # not the same card again within seconds (that is a repeated scan)
    scan(qtbot, gate, permit.payload)
    assert gate.verdict_text() == "DENY"
    assert gate.reason.text() == "Permit revoked (withdrawn or replaced)"
    gate.clear_timer.timeout.emit()  # after ~6 s the verdict clears
    assert gate.verdict_text() == "Ready to scan"


def test_wrong_ward_is_denied(qtbot, triage_ctx, wards, nurse_session, type_text, tmp_path):
    page = permits_page(qtbot, nurse_session)
    dialog = open_issue(page, wards["general"].id, "escort")
    fill_holder(dialog, type_text)
    dialog.ok.click()
    permit = page.selected()
    assert permit is not None
    gate = gate_page(qtbot, triage_ctx, ICU_GATE, tmp_path / "gate")
    scan(qtbot, gate, permit.number)  # a typed permit number works too
    assert gate.verdict_text() == "DENY"
    assert "Wrong ward" in gate.reason.text()
    assert "red" in gate.verdict_frame.styleSheet() or "#c62828" in gate.verdict_frame.styleSheet()


def test_escort_refused_in_critical_care_then_a_second_person_approves(qtbot, triage_ctx, wards, nurse_session,
                                                                      triage_admin_session, type_text):
    """The nurse is refused; the administrator — a second person — signs in on the nurse's dialog to
    approve; the nurse issues with it. The administrator cannot issue with their own approval."""
    from tests.ui.conftest import ADMIN_PASSWORD

    admin_page = permits_page(qtbot, triage_admin_session)
    dialog = open_issue(admin_page, wards["icu"].id, "escort")
    fill_holder(dialog, type_text, name="陈小红", relation="女儿")
    dialog.ok.click()
    assert visible(dialog.approve_button)
    dialog.approve_button.click()
    approve = dialog.exception_dialog
    assert isinstance(approve, ExceptionDialog) and approve.co_sign
    type_text(approve.approver, "admin")  # the one issuing cannot be the second person
    type_text(approve.password, ADMIN_PASSWORD)
    type_text(approve.reason, "医嘱留陪护一人")
    approve.ok.click()
    assert approve.isVisible() and "another staff member" in " ".join(approve.errors.visible_texts())
    approve.reject()
    dialog.reject()

    page = permits_page(qtbot, nurse_session)
    assert not visible(page.exception_button)
    dialog = open_issue(page, wards["icu"].id, "escort")
    fill_holder(dialog, type_text, name="陈小红", relation="女儿")
    dialog.ok.click()
    assert dialog.isVisible()
    refusal = " ".join(dialog.errors.visible_texts())
    assert "do not allow an escort" in refusal and "critical care" in refusal
    assert visible(dialog.approve_button)  # a second person approves here, with their own password
    dialog.approve_button.click()
    approve = dialog.exception_dialog
    assert isinstance(approve, ExceptionDialog)
    assert approve.kind.currentData() == "escort_restricted_ward"
    type_text(approve.approver, "admin")
    type_text(approve.password, "wrong-password")
    type_text(approve.reason, "医嘱留陪护一人")
    approve.ok.click()
    assert approve.isVisible() and approve.errors.visible_texts()
    type_text(approve.password, ADMIN_PASSWORD)
    approve.ok.click()
    assert not approve.isVisible(), approve.errors.visible_texts()
    assert dialog.exception_id is not None and visible(dialog.exception_label)
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.errors.visible_texts()
    permit = page.selected()
    assert permit is not None and permit.patient_name == "陈建华"
    with triage_ctx.db.read() as s:
        from app.wards.tables import PermitException

        e = s.get(PermitException, dialog.exception_id)
        assert e is not None and e.approved_by == "admin" and e.used


def test_visitor_window_reason_and_reprint(qtbot, triage_ctx, wards, nurse_session, type_text, tmp_path):
    page = permits_page(qtbot, nurse_session)
    dialog = open_issue(page, wards["general"].id, "visitor")
    assert "30 minutes" in dialog.note.text() and "video" in dialog.note.text()
    assert dialog.window_end.value() - dialog.window_start.value() == timedelta(minutes=30)  # the default
    fill_holder(dialog, type_text, name="刘敏", relation="孙女")
    dialog.reason.clear()
    dialog.ok.click()
    assert "reason" in " ".join(dialog.errors.visible_texts())
    type_text(dialog.reason, "病危告知")
    dialog.window_end.set_value(triage_ctx.clock.now() + timedelta(minutes=31))
    dialog.ok.click()
    assert "at most 30 minutes" in " ".join(dialog.errors.visible_texts())
    dialog.window_end.set_value(triage_ctx.clock.now() + timedelta(minutes=30))
    dialog.ok.click()
    assert not dialog.isVisible()
    old = page.selected()
    assert old is not None and old.kind == "visitor" and old.visit_reason == "病危告知"
    page.reprint_button.click()
    reprint = page.dialog
    assert isinstance(reprint, ReasonDialog)
    type_text(reprint.reason, "card lost")
    reprint.ok.click()
    new = page.selected()
    assert new is not None and new.number != old.number and new.visit_reason == "病危告知"
    gate = gate_page(qtbot, triage_ctx, GENERAL_GATE, tmp_path / "gate")
    scan(qtbot, gate, old.payload)
    assert gate.verdict_text() == "DENY" and "revoked" in gate.reason.text()
    scan(qtbot, gate, new.payload)
    assert gate.verdict_text() == "ADMIT"


def test_escort_needs_the_test_result(qtbot, triage_ctx, wards, nurse_session, type_text, tmp_path):
    page = permits_page(qtbot, nurse_session)
    dialog = open_issue(page, wards["general"].id, "escort")
    assert "NEGATIVE" in dialog.note.text() and "48 hours" in dialog.note.text()
    fill_holder(dialog, type_text)
    dialog.test_result.setCurrentIndex(0)  # not chosen
    dialog.ok.click()
    assert "NEGATIVE" in " ".join(dialog.errors.visible_texts())
    dialog.test_result.setCurrentIndex(dialog.test_result.findData("positive"))
    dialog.ok.click()
    assert dialog.isVisible() and "NEGATIVE" in " ".join(dialog.errors.visible_texts())
    dialog.test_at.set_value(triage_ctx.clock.now() - timedelta(hours=6))
    dialog.test_result.setCurrentIndex(dialog.test_result.findData("negative"))
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.errors.visible_texts()
    permit = page.selected()
    assert permit is not None and permit.valid_until == triage_ctx.clock.now() + timedelta(hours=42)
    assert "Negative" in page.permits.index(0, 7).data()
