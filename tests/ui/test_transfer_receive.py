"""The receiving site: a handover QR from a clinic not yet trusted is refused; an administrator trusts the
clinic (on the settings page); then it is accepted and a receipt is printed, whose QR completes the
transfer back at the sending clinic. Also: forged tokens, history filter and CSV export, the admin page."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
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
        assert "This field is required: enter it, then save." in page.errors.visible_texts()
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
    assert page.hospital_model.rowCount() == 1 and "saved" in page.hospital_form.status.text()
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
    assert page.hospital_model.index(0, 2).data() == "No"
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


def test_admin_sees_the_trusted_clinics_corrects_one_and_stops_trusting_one(
        qtbot: Any, triage_ctx: AppContext, triage_admin_session: Session, nurse_session: Session,
        clock: FixedClock, tmp_path: Path, type_text: Any) -> None:
    from datetime import timedelta

    from app.keys import KeyStore, public_key_text
    from app.signing import sign_token

    def clinic_key(code: str, folder: str):  # type: ignore[no-untyped-def]
        key = KeyStore(tmp_path / folder).create(code)
        return key, public_key_text(key.public_raw)

    def form_from(key: Any, code: str, tid: int) -> str:
        exp = int((clock.now() + timedelta(hours=72)).timestamp())
        return sign_token(key, {"kind": "transfer", "iss": code, "tid": tid, "vno": f"{code}-0{tid}", "name": "王*",
                                "sex": "F", "age": 40, "cls": "suspected", "dst": "县医院", "at": exp - 3600,
                                "exp": exp})

    def cells(page: TransferAdminPage) -> list[list[str]]:
        m = page.trust_model
        return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]

    sz_key, sz_text = clinic_key("SZ01", "sz01")
    ab_key, ab_text = clinic_key("AB01", "ab01")
    triage_ctx.transfers.trust_clinic(admin_actor(triage_ctx), code="SZ01", name="市传染病医院", public_key=sz_text)
    added = clock.now().astimezone(triage_admin_session.zone).strftime("%Y-%m-%d %H:%M")
    page = TransferAdminPage(triage_admin_session)
    qtbot.addWidget(page)
    page.activated()
    assert [page.trust_model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Code", "Clinic", "Key id", "Added"]
    assert cells(page) == [["SZ01", "市传染病医院", sz_key.key_id, added]]
    assert not page.distrust_button.isEnabled()

    # adding one through the form shows it in the list at once
    clock.advance(days=400)
    type_text(page.trust_code, "ab01")
    type_text(page.trust_name, "安宝乡卫生院")
    page.trust_key.setPlainText(ab_text)
    assert page.trust_form.button.text() == "&Trust this clinic"
    page.trust_form.button.click()
    later = clock.now().astimezone(triage_admin_session.zone).strftime("%Y-%m-%d %H:%M")
    assert cells(page) == [["AB01", "安宝乡卫生院", ab_key.key_id, later],
                           ["SZ01", "市传染病医院", sz_key.key_id, added]]
    assert page.trust_code.text() == "" and "AB01 is trusted" in page.trust_form.status.text()

    # picking one fills the form: a corrected name is saved over it, not added beside it
    page.trusted.selectRow(1)
    assert (page.trust_code.text(), page.trust_name.text(), page.trust_key.toPlainText()) == (
        "SZ01", "市传染病医院", sz_text)
    assert page.trust_form.button.text() == "Sa&ve changes" and page.distrust_button.isEnabled()
    page.trust_name.clear()
    type_text(page.trust_name, "市传染病医院（北院区）")
    page.trust_form.button.click()
    assert [row[:2] for row in cells(page)] == [["AB01", "安宝乡卫生院"], ["SZ01", "市传染病医院（北院区）"]]

    # SZ01's form is accepted at the receiving desk while trusted
    receive = ReceiveTransferPage(nurse_session)
    qtbot.addWidget(receive)
    receive.activated()
    receive.scan.setText(form_from(sz_key, "SZ01", 1))
    receive.verify()
    assert "Signature verified" in receive.verdict.text()

    # another desk has SZ01 picked too (it will be too late there)
    other = TransferAdminPage(triage_admin_session)
    qtbot.addWidget(other)
    other.activated()
    other.trusted.selectRow(1)

    # stop trusting SZ01: a reason is asked for and required
    page.trusted.selectRow(1)
    page.distrust_button.click()
    dialog = page.distrust_dialog
    assert dialog is not None and dialog.isVisible() and "SZ01" in dialog.explain.text()
    dialog.ok.click()
    assert dialog.errors.visible_texts() == ["This field is required: enter it, then save."] and dialog.isVisible()
    assert len(cells(page)) == 2
    type_text(dialog.reason, "key leaked")
    dialog.ok.click()
    assert not dialog.isVisible()
    assert cells(page) == [["AB01", "安宝乡卫生院", ab_key.key_id, later]]
    assert "SZ01 is no longer trusted" in page.trust_form.status.text()
    assert page.trust_code.text() == "" and not page.distrust_button.isEnabled()

    # its forms are refused from now on, in the words for an untrusted signer
    receive.scan.setText(form_from(sz_key, "SZ01", 2))
    receive.verify()
    assert "Refused" in receive.verdict.text() and "does not trust" in receive.verdict.text()
    assert not receive.form_group.isEnabled()

    # the other desk: told in a sentence that it is gone, and its list reloaded
    other.distrust_button.click()
    late = other.distrust_dialog
    assert late is not None
    type_text(late.reason, "clinic closed")
    late.ok.click()
    assert late.errors.visible_texts() == [
        "SZ01 is not among the trusted clinics (any more): the list has been reloaded. Choose again."]
    assert [row[0] for row in cells(other)] == ["AB01"] and not late.ok.isEnabled()
    late.reject()
