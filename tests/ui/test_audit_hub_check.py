"""The audit page's "与县级平台核对" (issue 13): the local trail against the anchors the county hub holds,
with the pinned hub key's fingerprint; a deleted tail is named. The hub runs in process (Starlette's
test client stands in for the network; tests/reporting/test_audit_anchor.py uses a real hub process)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from starlette.testclient import TestClient

from app.actor import Actor
from app.clock import FixedClock
from app.hub.store import add_clinic, open_hub
from app.hub.web import create_app
from tests.test_audit_chain import raw
from ui.pages.audit import AuditPage


def hub_for(ctx, tmp_path):
    hub_db = open_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    info = ctx.clinic.get()
    add_clinic(hub_db, info.code, info.name, info.public_key, ctx.clock.now())
    app = create_app(hub_db, FixedClock(ctx.clock.now()))
    ctx.sync.client_factory = lambda: TestClient(app, base_url="http://127.0.0.1:9")
    ctx.sync.set_hub_url(Actor.system(), "http://127.0.0.1:9")
    return hub_db


def test_the_page_checks_with_the_hub_and_names_a_deleted_tail(qtbot, admin_session, tmp_path):
    ctx = admin_session.ctx
    hub_db = hub_for(ctx, tmp_path)
    anchored = ctx.reports.submit(Actor.system(), date(2026, 11, 22)).audit_seq
    assert ctx.sync.push(Actor.system(), force=True).delivered == 1
    page = AuditPage(admin_session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activated()
    assert "fingerprint" in page.hub_key_label.text() and "first receipt" in page.hub_key_label.text()
    page.hub_button.click()
    qtbot.waitUntil(lambda: page.hub_button.isEnabled())
    assert page.hub_result.text().startswith("Agrees with the county hub: 1 anchors checked"), page.hub_result.text()

    with raw(ctx) as conn:  # an insider deletes the tail and sets the head back
        conn.execute(text("DELETE FROM audit_events WHERE seq >= :s"), {"s": anchored - 1})
        h = conn.execute(text("SELECT hash FROM audit_events WHERE seq = :s"), {"s": anchored - 2}).scalar_one()
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": anchored - 2, "h": h})
    page.hub_button.click()
    qtbot.waitUntil(lambda: page.hub_button.isEnabled())
    assert page.hub_result.text().startswith(f"DISAGREES with the county hub: the hub holds entry No. {anchored}")
    assert "deleted" in page.hub_result.text()
    hub_db.dispose()


def test_a_business_row_edit_is_named_by_the_chain_check(qtbot, admin_session):
    ctx = admin_session.ctx
    with ctx.db.write() as s:
        s.execute(text("UPDATE clinic SET name = '冒名卫生院'"))
    page = AuditPage(admin_session)
    qtbot.addWidget(page)
    page.show()
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_button.isEnabled())
    assert page.verify_result.text().startswith("A record was changed outside the program: Clinic HN0231")
