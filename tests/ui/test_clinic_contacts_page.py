"""The clinic's phone, the daily report's 审核人 and 负责人 are set on 转运设置 (issue 15): saved through the service,
shown again on the next visit, refused at the field that is wrong, and a second desk's save is not overwritten."""

from __future__ import annotations

from typing import Any

from app.clinic_contacts import ClinicContacts
from ui.pages.transfer_admin import TransferAdminPage
from ui.session import Session


def test_an_admin_sets_the_clinic_s_contacts_for_paper(qtbot: Any, admin_session: Session, type_text: Any) -> None:
    page = TransferAdminPage(admin_session)
    qtbot.addWidget(page)
    page.activated()
    edits = page.contact_edits
    assert [e.text() for e in edits.values()] == ["", "", ""]  # never set: paper prints blank lines
    type_text(edits["phone"], "0731-8888 1234")
    type_text(edits["reviewer"], "王  敏")
    type_text(edits["head"], "赵院长")
    page.contacts_form.button.click()
    assert page.contacts_form.status.text().startswith("✓ Saved")
    contacts, version = admin_session.ctx.transfers.contacts()
    assert contacts == ClinicContacts(phone="0731-8888 1234", reviewer="王 敏", head="赵院长") and version == 1

    again = TransferAdminPage(admin_session)
    qtbot.addWidget(again)
    again.activated()
    assert again.contact_edits["head"].text() == "赵院长"

    # another desk saves first: this page's save is refused, nothing is overwritten, the page shows theirs
    admin_session.ctx.transfers.update_contacts(admin_session.actor, ClinicContacts(head="钱主任"), version)
    edits["head"].setText("孙主任")
    page.contacts_form.button.click()
    assert admin_session.ctx.transfers.contacts()[0].head == "钱主任"
    assert edits["head"].text() == "钱主任"


def test_a_wrong_value_is_refused_at_its_field(qtbot: Any, admin_session: Session) -> None:
    page = TransferAdminPage(admin_session)
    qtbot.addWidget(page)
    page.activated()
    page.contact_edits["reviewer"].setText("王\x07敏")  # a control character from a mangled paste
    page.contacts_form.button.click()
    assert page.contacts_form.errors.visible_texts() and not page.contacts_form.status.text()
    assert admin_session.ctx.transfers.contacts() == (ClinicContacts(), 0)
