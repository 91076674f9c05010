"""The A4 registration form: every field in Chinese, clinic time, embedded fonts, a scannable QR."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np

from app.printing.registration_form import registration_form_pdf
from app.triage.records import TravelEntry
from app.triage.vocab import Decision, HandoffState, IdType
from tests.printing import fixtures as F
from tests.printing import pdftools as T

DPI = 150


def _form(**kw: object) -> str:
    return T.text_of(registration_form_pdf(F.visit(**kw), F.clinic(), F.PRINTED_AT))


def test_key_fields_are_printed_in_chinese(form_pdf: bytes) -> None:
    text = T.text_of(form_pdf)
    for expected in (
        "杏花镇卫生院", "发热患者登记表", F.VISIT_NO, "王䶮", "李秀英", "nurse_li",
        "发热门诊",  # the decision
        F.ID_NUMBER,  # in full: the clinic's internal form
        "13800138000", "居民身份证", "男", "1985-03-02", "41岁", "冷库搬运工", "广州白云冷链物流有限公司",
        "38.6℃", "腋温", "发热、咳嗽、嗅(味)觉减退", "2026-11-21",
        "广东省广州市白云区", "最后停留 2026-11-15", "湖北省武汉市江汉区", "日期不详",
        "黄码", "冷链", "3 剂", "体温≥37.3℃", "在外购买过退热药",
        "张志强（保安）", "已接收", "doc_chen",
        "登记护士签名", "患者或家属签名", "日期",
    ):
        assert expected in text, expected


def test_times_are_in_the_clinic_zone(form_pdf: bytes) -> None:
    text = T.text_of(form_pdf)  # fixtures are UTC 01:xx: Shanghai is +8
    for local in ("2026-11-23 09:00", "2026-11-23 09:03", "2026-11-23 09:08", "2026-11-23 09:16",
                  "打印时间 2026-11-23 09:30"):
        assert local in text, local
    other = registration_form_pdf(F.visit(), dataclasses.replace(F.clinic(), timezone="Asia/Urumqi"), F.PRINTED_AT)
    assert "2026-11-23 07:00" in T.text_of(other)


def test_the_long_address_wraps_whole_and_inside_the_page(form_pdf: bytes, form_pages: list[np.ndarray]) -> None:
    assert F.LONG_ADDRESS in T.compact(T.text_of(form_pdf))
    assert T.page_count(form_pdf) == 1
    page = form_pages[0]
    margin = int(12 / T.MM_PER_INCH * DPI)  # the 15 mm margins hold nothing (12 mm checked)
    assert page[:, :margin].min() > 240 and page[:, -margin:].min() > 240


def test_qr_holds_the_visit_number(form_pages: list[np.ndarray]) -> None:
    text, _ = T.decode_qr(form_pages[0])
    assert text == F.VISIT_NO


def test_fonts_are_embedded_truetype(form_pdf: bytes) -> None:
    T.assert_fonts_embedded(form_pdf)


def test_downgrade_shows_the_override_and_both_decisions() -> None:
    sr = F.screening(Decision.GENERAL, Decision.FEVER_CLINIC, override_reason="体温复测36.8℃，已排除流行病学史")
    text = _form(screening=sr, handoffs=())
    assert "普通门诊" in text and "发热门诊" in text
    assert "护士降级分诊：体温复测36.8℃，已排除流行病学史" in text
    assert "护士降级分诊(已记录原因)" in text
    assert "无引导交接记录" in text


def test_isolation_and_an_incident_on_the_way() -> None:
    text = _form(screening=F.screening(Decision.ISOLATE, Decision.FEVER_CLINIC),
                 handoffs=(F.handoff(HandoffState.LEFT_WITHOUT_PERMISSION),))
    assert "立即隔离并报告" in text and "护士升级分诊" in text
    assert "擅自离院" in text and "院感科 赵主任" in text and "患者在转运途中自行离开" in text


def test_missing_id_odd_characters_and_unknown_values() -> None:
    patient = dataclasses.replace(
        F.patient(address="<b>幸福路 1 号 & 2 号</b>"), id_type=IdType.OTHER, id_number=None,
        id_missing_reason="患者昏迷，无随身证件", birth_date=date(2026, 3, 1), phone=None)
    text = _form(patient=patient, vaccination_doses=None, onset_date=None)
    assert "其他(无证件)" in text and "患者昏迷，无随身证件" in T.compact(text)
    assert "<b>幸福路 1 号 & 2 号</b>" in text  # printed literally, not taken as markup
    assert "8个月" in text  # infants' ages in months
    assert "不详" in text  # vaccination unknown


def test_many_travel_entries_flow_onto_a_second_numbered_page() -> None:
    travel = tuple(TravelEntry(f"某省某市第{i}区", date(2026, 11, 1 + i % 20)) for i in range(60))
    sr = F.screening()
    sr = dataclasses.replace(sr, inputs=dataclasses.replace(sr.inputs, travel=travel))
    pdf = registration_form_pdf(F.visit(screening=sr), F.clinic(), F.PRINTED_AT)
    text = T.text_of(pdf)
    pages = T.page_count(pdf)
    assert pages >= 2
    assert all(f"第 {n} 页 / 共 {pages} 页" in text for n in range(1, pages + 1))
    assert text.count("二、流行病学筛查") >= 2  # the section heading repeats on the next page
    assert "某省某市第59区" in text and "患者或家属签名" in text


def test_a_very_long_clinic_name_stays_on_the_page() -> None:
    clinic = dataclasses.replace(F.clinic(), name="某某省某某市某某县某某镇中心卫生院" * 5)
    pdf = registration_form_pdf(F.visit(), clinic, F.PRINTED_AT)
    page = T.render(pdf, 100)[0]
    margin = int(12 / T.MM_PER_INCH * 100)
    assert page[:, :margin].min() > 240 and page[:, -margin:].min() > 240
    assert T.decode_qr(T.render(pdf, DPI)[0])[0] == F.VISIT_NO


def test_doctor_diagnosis_and_destination_lines_are_blank_until_the_case_has_them() -> None:
    blank = T.compact(_form())
    assert "接诊医生初步诊断去向登记护士签名" in blank  # lines to write on, nothing invented
    filled = T.compact(_form(doctor_name="陈明", classification="suspected", disposition="transfer"))
    assert "接诊医生陈明初步诊断疑似病例去向转运至定点医院" in filled


def test_people_are_named_by_their_real_names() -> None:
    h = F.visit().handoffs[0]
    assert h.received_by == "doc_chen"
    text = T.compact(_form(people={"doc_chen": "陈明"}))
    assert "接收人陈明(doc_chen)" in text  # the real name to read, the log-in name to trace
