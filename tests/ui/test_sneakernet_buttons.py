"""Issue 18 on the report page: "Export pending file (USB)…" writes the queued reports to the file chosen (the
dialog offers the clinic code and the date), "Import receipt…" marks them delivered, "Import county lists…"
applies the county's file; a file that is not one is one sentence under the buttons, nothing changed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from app.actor import Actor
from app.hub import anchors
from app.hub import sneakernet as hubfiles
from app.hub.store import add_clinic, open_hub, publish_list
from app.reporting.anchor_check import AnchorService
from tests.ui.test_hub_certificate import open_report_page


def test_the_report_page_carries_the_queue_by_usb(qtbot, triage_admin_session, monkeypatch, tmp_path: Path) -> None:
    ctx = triage_admin_session.ctx
    (tmp_path / "hub").mkdir()
    hub = open_hub(f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite3'}")
    try:
        row = ctx.clinic.get()
        add_clinic(hub, row.code, row.name, row.public_key, ctx.clock.now())
        AnchorService(ctx.sync).set_hub_key(triage_admin_session.actor, anchors.key_for(hub).public_text)
        today = ctx.clock.now().astimezone(triage_admin_session.zone).date()
        ctx.reports.submit(Actor.system(), today - timedelta(days=1))
        window, page = open_report_page(qtbot, triage_admin_session)
        assert page.export_button.text() == "Export pending file (USB)…" and page.export_button.isVisibleTo(page)

        offered: list[str] = []
        target = tmp_path / "usb" / "pending.json"
        target.parent.mkdir()

        def save_as(_parent, _title, name, _filters):
            offered.append(name)
            return str(target), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
        page.export_button.click()
        assert offered == [f"fever-sentinel-outbox-{row.code}-{ctx.clock.now():%Y%m%d}.json"]
        assert page.carry_error.isHidden() and "1 queued submission(s) written to" in page.carry_result.text()
        assert ctx.sync.status().pending == 1  # exported, not delivered

        done = hubfiles.import_outbox(hub, target.read_bytes(), ctx.clock.now())
        receipt = target.with_name("receipt.json")
        receipt.write_bytes(done.receipt)
        gbk = target.with_name("gbk.json")
        gbk.write_bytes("回执".encode("gbk"))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(gbk), "")))
        page.receipt_button.click()
        assert not page.carry_error.isHidden() and "nothing was imported" in page.carry_error.text()
        assert ctx.sync.status().pending == 1

        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(receipt), "")))
        page.receipt_button.click()
        assert page.carry_error.isHidden() and "1 delivered now" in page.carry_result.text()
        assert ctx.sync.status().pending == 0

        publish_list(hub, "risk_areas", [{"name": "上海市浦东新区", "level": "high"}], ctx.clock.now())
        lists = target.with_name("lists.json")
        lists.write_bytes(hubfiles.export_lists(hub, ctx.clock.now()))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(lists), "")))
        page.lists_button.click()
        assert page.carry_error.isHidden() and "1 risk areas" in page.carry_result.text()
        page.lists_button.click()
        assert "Nothing new" in page.carry_result.text()

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: ("", "")))
        page.export_button.click()  # cancelled: nothing happens
        assert "Nothing new" in page.carry_result.text()
    finally:
        hub.dispose()
