"""The receiving site: a handover QR from a clinic not yet trusted is refused; an administrator trusts the
clinic (on the settings page); then it is accepted and a receipt is printed, whose QR completes the
transfer back at the sending clinic. Also: forged tokens, history filter and CSV export, the admin page."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from app.clock import FixedClock
from app.context import AppContext
from tests.ui.casework_support import settle
from tests.ui.transfer_support import add_hospitals, admin_actor, receiving_site, requested, suspected_case
from tests.ui.triage_support import pdf_text, session_for
from ui.ops import SyncRunner
from ui.pages.transfer_admin import TransferAdminPage
from ui.pages.transfer_board import TransferBoardPage
from ui.pages.transfer_history import TransferHistoryPage
from ui.pages.transfer_receive import ReceiveTransferPage
from ui.session import Session


def departed(ctx: AppContext, nurse: Session, doctor: Session, clock: FixedClock, seq: int = 1,
             name: str = "王芳") -> Any:
    hospital = add_hospitals(ctx) if seq == 1 else ctx.transfers.hospitals(doctor.actor)[0].id
    t = requested(ctx, doctor, suspected_case(ctx, nurse, doctor, name, seq), hospital)
    clock.advance(minutes=5)
    t = ctx.transfers.dispatch(nurse.actor, t.id, t.version, call_120_at=clock.now(), dispatch_ref="120-1",
                               vehicle_plate="湘A12345", negative_pressure=True, crew="王强")
    clock.advance(minutes=5)
    return ctx.transfers.depart(nurse.actor, t.id, t.version, clock.now())


def test_receiving_site_refuses_until_trusted_then_issues_a_receipt(
        qtbot: Any, triage_ctx: AppContext, nurse_session: Session, doctor_session: Session, clock: FixedClock,
        tmp_path: Path, type_text: Any) -> None:
    t = departed(triage_ctx, nurse_session, doctor_session, clock)
    token = triage_ctx.transfers.handover_token(doctor_session.actor, t.id)
    site = receiving_site(tmp_path, clock)
    try:
        recv = session_for(site, "recv", "recv-pass-1", SyncRunner())
        boss = session_for(site, "boss", "admin-pass-1", SyncRunner())
        page = ReceiveTransferPage(recv)
        qtbot.addWidget(page)
        page.activated()
        page.scan.setText(token)
        page.verify()
        assert "Refused" in page.verdict.text() and "does not trust" in page.verdict.text()
        assert not page.form_group.isEnabled()
        # a forged copy (one character of the signature changed) is refused as such
        forged = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
        page.scan.setText(forged)
        page.verify()
        assert "Refused" in page.verdict.text()

        # the hospital's administrator trusts the sending clinic on the settings page
        admin_page = TransferAdminPage(boss)
        qtbot.addWidget(admin_page)
        admin_page.activated()
        sender = triage_ctx.clinic.get()
        type_text(admin_page.trust_code, sender.code)
        type_text(admin_page.trust_name, sender.name)
        admin_page.trust_key.setPlainText("not a key")
        admin_page.trust_form.button.click()
        assert admin_page.trust_form.errors.visible_texts() == [
            "This is not a valid public key: paste the whole key the other clinic gave you."]
        admin_page.trust_key.setPlainText(sender.public_key)
        admin_page.trust_form.button.click()
        assert "is trusted" in admin_page.trust_form.status.text()

        page.scan.setText(token)
        page.verify()
        assert "Signature verified" in page.verdict.text() and t.visit_no in page.verdict.text()
        assert "王*" in page.verdict.text()
        assert page.form_group.isEnabled()
        page.record_button.click()  # staff missing
        assert "This field is required." in page.errors.visible_texts()
        type_text(page.staff, "周医生")
        type_text(page.department, "感染科")
        page.record_button.click()
        settle()
        assert page.received is not None and not page.receipt_group.isHidden()
        assert page.qr.pixmap() is not None and not page.qr.pixmap().isNull()
        preview = page.print_dialog
        assert preview is not None and preview.page_count() == 1
        text = pdf_text(preview.pdf)
        assert t.visit_no in text and "周医生" in text
        preview.close()
        receipt = page.received.receipt_token
        # the same patient cannot be received twice
        page.verify()
        page.record_button.click()
        assert "already been received" in " ".join(page.errors.visible_texts())

        # back at the sending clinic: trust the hospital, scan the receipt on the board
        me = site.clinic.get()
        triage_ctx.transfers.trust_clinic(admin_actor(triage_ctx), code=me.code, name=me.name,
                                          public_key=me.public_key)
        board = TransferBoardPage(nurse_session)
        qtbot.addWidget(board)
        board.activated()
        assert board.steps.currentWidget() is board.handover_form
        board.receipt.setText("garbage")
        board.scan_receipt()
        assert not board.receipt_error.isHidden()
        board.receipt.setText(receipt)
        board.scan_receipt()
        settle()
        assert board.current.state == "handed_over" and board.current.receiving_staff == "周医生"
        assert board.steps.currentWidget() is board.disinfect_form
    finally:
        site.close()


def test_history_filter_and_csv_export(qtbot: Any, triage_ctx: AppContext, nurse_session: Session,
                                       doctor_session: Session, clock: FixedClock, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, type_text: Any) -> None:
    first = departed(triage_ctx, nurse_session, doctor_session, clock)
    clock.advance(days=2)
    second = requested(triage_ctx, doctor_session, suspected_case(triage_ctx, nurse_session, doctor_session,
                                                                  "赵雷", 2), first.hospital_id)
    page = TransferHistoryPage(nurse_session)
    qtbot.addWidget(page)
    page.activated()
    assert [r.visit_no for r in page.model.rows()] == [second.visit_no, first.visit_no]
    page.state.setCurrentIndex(page.state.findData("departed"))
    assert [r.visit_no for r in page.model.rows()] == [first.visit_no]
    page.state.setCurrentIndex(0)
    type_text(page.since, "1")  # since yesterday
    page.reload()
    assert [r.visit_no for r in page.model.rows()] == [second.visit_no]
    page.since.setText("13-45")
    page.reload()
    assert not page.filter_error.isHidden()
    page.since.clear()
    type_text(page.search, first.visit_no[-13:])
    page.reload()
    assert [r.visit_no for r in page.model.rows()] == [first.visit_no]
    assert "1 transfers" in page.count_label.text()
    page.search.clear()
    page.search.setText("传染病")
    page.reload()
    assert page.model.rowCount() == 2

    target = tmp_path / "out" / "transfers"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.export()
    data = (target.with_suffix(".csv")).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "visit_no" and len(rows) == 3 and "市传染病医院" in rows[1]
    assert "2 rows exported" in page.export_status.text()


def test_admin_hospitals_and_targets(qtbot: Any, triage_ctx: AppContext, triage_admin_session: Session,
                                     type_text: Any) -> None:
    page = TransferAdminPage(triage_admin_session)
    qtbot.addWidget(page)
    page.activated()
    assert page.own_key.text() == triage_ctx.clinic.get().public_key
    type_text(page.name, "市传染病医院")
    type_text(page.address, "市北路1号")
    page.hospital_form.button.click()
    assert page.table.rowCount() == 1 and "saved" in page.hospital_form.status.text()
    page.new_button.click()
    type_text(page.name, "市传染病医院")
    page.hospital_form.button.click()
    assert "already exists" in " ".join(page.hospital_form.errors.visible_texts())
    # edit: stop accepting
    page.table.selectRow(0)
    assert page.editing is not None and page.name.text() == "市传染病医院"
    page.accepting.setChecked(False)
    page.hospital_form.button.click()
    assert triage_ctx.transfers.hospitals(triage_admin_session.actor)[0].accepting is False
    assert page.table.item(0, 2).text() == "No"
    # targets, version-checked
    assert page.minutes["departure_minutes"].value() == 60
    page.minutes["departure_minutes"].setValue(45)
    page.targets_form.button.click()
    assert triage_ctx.transfers.targets()[0].departure_minutes == 45
    stale = TransferAdminPage(triage_admin_session)
    qtbot.addWidget(stale)
    stale.targets_version = 0
    stale.minutes["handover_minutes"].setValue(90)
    stale.targets_form.button.click()
    assert triage_ctx.transfers.targets()[0].handover_minutes == 120
