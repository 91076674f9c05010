"""The admin's readiness pages (issue 18): key-post staff testing (the overdue list, a test, a swab) and the
stockpile (a receipt, an issue refused below zero, days of cover), at 1366×768, screenshotted in Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from ui.i18n import install_language
from ui.pages.readiness import ItemDialog, MoveDialog, SampleDialog, StaffDialog, StaffTestingPage, StockpilePage

SHOTS = Path("/work/shots")


def shoot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def open_page(qtbot: Any, page: Any) -> Any:
    qtbot.addWidget(page)
    page.resize(1366 - 190, 728)
    page.show()
    page.activated()
    return page


def test_staff_testing_page(qtbot, admin_session, type_text):  # type: ignore[no-untyped-def]
    page = open_page(qtbot, StaffTestingPage(admin_session))
    page.add_button.click()
    dialog = page.dialog
    assert isinstance(dialog, StaffDialog)
    type_text(dialog.full_name, "周师傅")
    dialog.post.setCurrentIndex(dialog.post.findData("driver"))
    dialog.submit()
    assert not dialog.isVisible()
    page.add_button.click()
    dialog = page.dialog
    assert isinstance(dialog, StaffDialog)
    dialog.account.setCurrentIndex(dialog.account.findData("admin"))
    dialog.submit()
    assert page.model.rowCount() == 2
    assert {page.model.index(r, 5).data() for r in range(2)} == {""}  # no result yet
    assert {page.model.index(r, 7).data() for r in range(2)} == {"Due today"}  # never tested: due the day added
    page.table.selectRow(0)
    page.test_button.click()
    test = page.dialog
    assert isinstance(test, SampleDialog)
    test.outcome.setCurrentIndex(test.outcome.findData("negative"))
    test.submit()
    assert sorted(page.model.index(r, 7).data() for r in range(2)) == ["Due today", "In time"]
    page.swab_button.click()
    swab = page.dialog
    assert isinstance(swab, SampleDialog)
    swab.submit()  # no place: refused next to the field
    assert swab.isVisible() and swab.errors.visible_texts()
    type_text(swab.place, "发热门诊诊室门把手")
    swab.outcome.setCurrentIndex(swab.outcome.findData("positive"))
    swab.submit()
    assert page.swab_model.rowCount() == 1 and page.swab_model.index(0, 2).data() == "Positive"
    assert "due today: 1" in page.summary.text()


def test_pages_in_chinese_and_screenshots(qtbot, qapp, admin_session):  # type: ignore[no-untyped-def]
    ctx, actor = admin_session.ctx, admin_session.actor
    driver = ctx.roster.add(actor, post="driver", full_name="周师傅", phone="13800138000")
    nurse = ctx.roster.add(actor, post="pre_triage", full_name="陈晓红")
    ctx.roster.add(actor, post="fever_clinic", username="admin")
    today = ctx.clock.now().astimezone(admin_session.zone).date()
    ctx.roster.record_test(actor, driver.id, today, "negative")
    ctx.roster.record_test(actor, nurse.id, today, "positive")
    ctx.roster.record_swab(actor, today, "留观室床栏", "negative")
    items = {i.code: i for i in ctx.stock.items(actor)}
    for code, quantity, use in (("mask_n95", 600, 20), ("protective_suit", 50, 5), ("gloves", 2000, 40)):
        ctx.stock.receive(actor, items[code].id, quantity)
        ctx.stock.update_item(actor, items[code].id, items[code].version + 1, name=items[code].name,
                              unit=items[code].unit, daily_use=use, active=True)
    install_language(qapp, "zh_CN")
    try:
        staff = open_page(qtbot, StaffTestingPage(admin_session))
        assert "阳性" in [staff.model.index(r, 5).data() for r in range(staff.model.rowCount())]
        states = {staff.model.index(r, 0).data(): staff.model.index(r, 7).data() for r in range(staff.model.rowCount())}
        assert states["陈晓红"] == "暂停岗位：按规定隔离并复检" and states["周师傅"] == "按期"  # a positive is never "on time"
        assert staff.swab_model.index(0, 3).data() == admin_session.full_name == "王敏"  # the real name, not the log-in
        shoot(staff, "staff_testing_zh.png")
        stock = open_page(qtbot, StockpilePage(admin_session))
        cells = {stock.model.index(r, 0).data(): stock.model.index(r, 4).data() for r in range(stock.model.rowCount())}
        assert cells["医用防护服"] == "10.0" and cells["医用防护口罩（N95/KN95）"] == "30.0"
        shoot(stock, "stockpile_zh.png")
        stock.table.selectRow(3)
        stock.issue_button.click()
        shoot(stock.dialog, "stock_issue_zh.png")
    finally:
        install_language(qapp, "en")


def test_stockpile_page(qtbot, admin_session, type_text):  # type: ignore[no-untyped-def]
    page = open_page(qtbot, StockpilePage(admin_session))
    assert page.model.rowCount() == 13  # the default list
    assert page.model.index(0, 0).data() == "Respirator masks (N95/KN95)"
    page.table.selectRow(0)
    page.receive_button.click()
    receive = page.dialog
    assert isinstance(receive, MoveDialog)
    receive.quantity.setValue(290)
    receive.submit()
    assert page.model.index(0, 2).data() == "290"
    page.table.selectRow(0)
    page.issue_button.click()
    issue = page.dialog
    assert isinstance(issue, MoveDialog)
    issue.quantity.setValue(291)
    issue.submit()
    assert issue.isVisible()
    assert any("below zero" in text for text in issue.errors.visible_texts())
    issue.reject()
    page.table.selectRow(0)
    page.edit_button.click()
    edit = page.dialog
    assert isinstance(edit, ItemDialog)
    edit.daily_use.setValue(10)
    edit.submit()
    assert (page.model.index(0, 4).data(), page.model.index(0, 5).data()) == ("29.0", "Short")
    assert page.model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "short: 1" in page.summary.text() and "29.0 days" in page.summary.text()
    page.add_button.click()
    add = page.dialog
    assert isinstance(add, ItemDialog)
    type_text(add.name, "一次性鞋套")
    add.submit()
    assert page.model.rowCount() == 14
