"""Responsibility-trail page: lazy pages of 200 (newest first), clinic local time, chain check."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from app import audit
from app.actor import Actor
from ui.pages.audit import AuditPage
from ui.pages.audit_model import PAGE_SIZE, AuditTableModel


def add_events(ctx, n: int, at: datetime) -> None:
    actor = Actor(None, "cli:test", frozenset({"system"}), "desk-9")
    with ctx.db.write() as s:
        for i in range(n):
            audit.append(s, at, actor, "test.event", "user", i, {"i": i})


def open_page(qtbot, session) -> AuditPage:
    page = AuditPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.activated()
    return page


def test_loads_lazily_in_pages_of_200(qtbot, admin_session):
    add_events(admin_session.ctx, 450, datetime(2026, 1, 1, 0, 30, tzinfo=UTC))
    total = admin_session.ctx.audit.count(admin_session.actor)
    assert total > 450
    page = open_page(qtbot, admin_session)
    model = page.model
    assert PAGE_SIZE == 200
    assert model.rowCount() == 200 and model.total == total
    assert model.canFetchMore()
    first = model.entry_at(0)
    assert first is not None and first.seq == total  # newest first
    assert model.index(0, AuditTableModel.TIME).data() == "2026-01-01 08:30:00"  # Asia/Shanghai
    assert model.index(0, AuditTableModel.WORKSTATION).data() == "desk-9"
    assert model.index(0, AuditTableModel.SUMMARY).data() == "449"  # issue 15: never the key
    assert "200 of" in page.count_label.text()

    page.table.scrollToBottom()  # the view asks for more as the user scrolls
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    model.fetchMore()
    assert model.rowCount() == total and not model.canFetchMore()
    assert [model.entry_at(r).seq for r in (0, total - 1)] == [total, 1]
    assert model.index(total - 1, AuditTableModel.ACTION).data() == "Clinic set up"


def test_verify_reports_ok_and_the_first_broken_row(qtbot, admin_session):
    page = open_page(qtbot, admin_session)
    page.verify_button.click()
    assert page.verify_result.text().startswith("Chain intact")

    db_path = admin_session.ctx.db.sqlite_path
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER audit_events_no_update")  # tampering outside the program
    conn.execute("UPDATE audit_events SET summary = ? WHERE seq = 2", ('{"forged": true}',))
    conn.commit()
    conn.close()
    page.verify_button.click()
    assert "BROKEN at entry No. 2" in page.verify_result.text()
