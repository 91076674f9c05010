"""Screening list: lazy keyset paging (also over 100 000 rows), filters, search-as-you-type, CSV
export for Excel, and a registered row's details with reprints."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtWidgets import QFileDialog

from app.triage.records import ScreeningInput
from tests.bench.seed import seed_clinic
from tests.ui.triage_support import make_visit, pdf_text
from ui.pages.visit_list import VisitDetailDialog, VisitListPage


def open_list(qtbot, session, page_size: int = 200) -> VisitListPage:
    page = VisitListPage(session, page_size=page_size)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.activated()
    return page


def test_lazy_loading_filters_search_and_csv_export(qtbot, nurse_session, tmp_path, monkeypatch, clock):
    ctx, nurse = nurse_session.ctx, nurse_session.actor
    for i in range(118):
        ctx.screening.record(nurse, ScreeningInput(36.0 + (i % 10) / 10, health_code="green"))
        clock.advance(seconds=20)
    visit = make_visit(ctx, nurse, name="孙悦")
    page = open_list(qtbot, nurse_session, page_size=50)
    model = page.model
    assert model.total == 119 and model.rowCount() == 50  # only the first page is read
    assert model.index(0, model.NAME).data() == "孙悦"  # newest first
    assert model.index(0, model.DECISION).data() == "Fever clinic"
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    page.table.scrollToBottom()  # the view asks for the rest as the nurse scrolls
    qtbot.waitUntil(lambda: model.rowCount() == 119)
    assert not model.canFetchMore()
    assert page.count_label.text() == "119 of 119 loaded"

    page.decision.setCurrentIndex(page.decision.findData("fever_clinic"))
    assert model.total == 1
    page.decision.setCurrentIndex(0)
    page.registered_only.setChecked(True)
    assert model.total == 1
    page.registered_only.setChecked(False)
    qtbot.keyClicks(page.search, "sy")  # pinyin initials, debounced
    qtbot.waitUntil(lambda: model.total == 1)
    assert model.index(0, model.VISIT).data() == visit.visit_no
    page.search.clear()
    qtbot.waitUntil(lambda: model.total == 119)

    target = tmp_path / "today"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.export_button.click()
    out = tmp_path / "today.csv"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["screened_at", "visit_no", "name"] and len(rows) == 120
    assert rows[1][1:3] == [visit.visit_no, "孙悦"]
    assert "119 rows exported" in page.export_status.text()

    # yesterday's list is empty; all days has everything
    page.day.setDate(page.day.date().addDays(-1))
    assert model.total == 0
    page.all_days.setChecked(True)
    assert model.total == 119


def test_registered_row_opens_details_with_reprints(qtbot, nurse_session):
    visit = make_visit(nurse_session.ctx, nurse_session.actor, name="周杰")
    page = open_list(qtbot, nurse_session)
    page.open_row(0)
    dialog = page.dialog
    assert isinstance(dialog, VisitDetailDialog) and dialog.isVisible()
    assert visit.visit_no in dialog.windowTitle()
    dialog.form_button.click()
    assert "发热患者登记表" in pdf_text(dialog.preview.pdf) and "周杰" in pdf_text(dialog.preview.pdf)
    dialog.preview.close()
    dialog.slip_button.click()
    text = pdf_text(dialog.preview.pdf)
    assert "发热门诊引导单" in text and "导医 陈静" in text
    dialog.preview.close()


@pytest.mark.slow
def test_pages_through_100_000_rows(qtbot, nurse_session, data_paths):
    """All days of a big history: counted, paged 200 at a time, searched (their times: tests/bench/)."""
    seed_clinic(data_paths.database, 100_000, "HN0231", now=nurse_session.ctx.clock.now())
    page = VisitListPage(nurse_session)
    qtbot.addWidget(page)
    page.all_days.setChecked(True)
    page.show()
    page.activated()
    assert page.model.total == 100_000 and page.model.rowCount() == 200
    page.model.fetchMore()
    assert page.model.rowCount() == 400
    page.search.setText("王")
    page.reload()
    assert 0 < page.model.total < 100_000
