"""Vital signs and NEWS2 on paper (issue 17, part 5): the registration form prints the pre-triage readings beside
the temperature with NEWS2 and the level in words (an urgent patient said plainly), the transfer handover form the
set the request carries and the case's NEWS2 history, the case timeline every set, the pre-triage one first. A
reading not taken is "—" (or room to write it on the handover form), never "None"; no code reaches the paper."""

from __future__ import annotations

import dataclasses
import re
from zoneinfo import ZoneInfo

import pytest
import zxingcpp

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.printing import vitals_text as VS
from app.printing.registration_form import registration_form_pdf
from app.printing.timeline_pdf import case_timeline_pdf
from app.printing.transfer_form import HISTORY_MAX, news2_history, transfer_handover_pdf
from app.severity.vitals import Vitals
from app.severity.vocab import LevelReason
from app.triage.records import PatientInput, ScreeningInput
from tests.printing import fixtures as F
from tests.printing import pdftools as T
from tests.printing.test_transfer_form import TOKEN, assert_spans_the_page, section_scale

#: What a code or a Python value looks like if it slipped through onto paper.
RAW = re.compile(r"None|True|False|news2_|heart_rate|systolic_bp|spo2_|respiratory|consciousness|pre_triage|"
                 r"fever_clinic|scale_2|\{|\}")


def _flat(pdf: bytes) -> str:
    return T.compact(T.text_of(pdf))


def _no_raw_codes(text: str) -> None:
    found = RAW.findall(text)
    assert not found, found


def _transfer_pdf(**kw: object) -> bytes:
    history = kw.pop("history", F.vitals_history())
    return transfer_handover_pdf(F.transfer(**kw), F.transfer_tests(), F.clinic(), TOKEN,
                                 F.TRANSFER_PRINTED_AT, clinic_phone="0571-65432100", history=history)  # type: ignore[arg-type]


# ----- the words of one set --------------------------------------------------------------------------------

def test_a_set_in_words() -> None:
    pre, _, worst = F.vitals_history()
    assert VS.readings_line(pre.vitals) == "体温 38.6℃　血氧 95%　呼吸 22次/分　心率 108次/分　收缩压 —　意识 清醒　吸氧 —"
    assert VS.news2_text(pre) == "≥ 5（不完整，未测：吸氧、收缩压）"
    assert VS.news2_text(pre, name_missing=False) == "≥ 5（不完整）" and VS.news2_total(pre) == "≥ 5"
    assert VS.level_text(pre) == "Ⅲ级 急症" and not VS.immediate(pre)
    assert VS.reasons_text(pre) == "心率过快（108 次/分）；NEWS2 5 分（中风险）"
    assert VS.level_text(worst) == "Ⅱ级 危重" and VS.immediate(worst) and VS.news2_text(worst) == "17"
    assert "意识：新发意识混乱" in VS.reasons_text(worst)
    assert "单项评分 3 分：呼吸频率、血氧饱和度、意识" in VS.reasons_text(worst)
    english = VS.readings_line(worst.vitals, "en")
    assert english == ("Temp 39.2 °C   SpO2 91%   RR 26/min   HR 124/min   SBP 96 mmHg   ACVPU New confusion   "
                       "O2 Yes")
    assert VS.news2_text(pre, "en") == "≥ 5 (partial; not measured: O2, SBP)"
    assert VS.level_text(worst, "en") == "Level II (critical)"
    scale_2 = F.vital_record(1, F.PRINTED_AT, F.DOCTOR, Vitals(37.0, spo2=90, spo2_scale=2))
    assert "血氧 90%（量表 2）" in VS.readings_line(scale_2.vitals)


def test_every_reason_code_has_its_reading_in_words() -> None:
    """The record keeps the codes; each is printed with the reading that met it, never as the code."""
    codes: set[str] = set()
    for vitals in (Vitals(37.0, heart_rate=35, systolic_bp=60, spo2=75, consciousness="U"),
                   Vitals(37.0, heart_rate=190, systolic_bp=210, respiratory_rate=30),
                   Vitals(36.5, respiratory_rate=22, spo2=95, oxygen=True, heart_rate=95, systolic_bp=120,
                          consciousness="A")):
        rec = F.vital_record(1, F.PRINTED_AT, F.DOCTOR, vitals)
        codes |= set(rec.reasons)
        text = VS.reasons_text(rec)
        _no_raw_codes(text)
    assert codes == {c.value for c in LevelReason}  # every reason was met by one of the sets above


# ----- the registration form ------------------------------------------------------------------------------

def test_the_registration_form_prints_the_pre_triage_set() -> None:
    text = _flat(registration_form_pdf(F.visit(), F.clinic(), F.PRINTED_AT))
    for expected in ("38.6℃（腋温）", "血氧95%", "呼吸22次/分", "心率108次/分", "收缩压—", "意识清醒", "吸氧—",
                     "病情分级Ⅲ级急症NEWS2≥5（不完整）依据：心率过快（108次/分）"):
        assert expected in text, expected
    assert "NEWS25分（中风险）" not in text  # NEWS2's own reason: the total is printed beside it
    assert "立即送医生处" not in text  # level III: seen within its time, not at once
    _no_raw_codes(text)


def test_an_urgent_screening_is_printed_plainly() -> None:
    worst = F.observation_vitals()[-1]
    sr = dataclasses.replace(F.screening(), vital_signs=worst, severity_level=worst.level, news2=worst.news2,
                             urgent=True)
    pdf = registration_form_pdf(F.visit(screening=sr), F.clinic(), F.PRINTED_AT)
    text = _flat(pdf)
    assert "分诊结论发热门诊立即送医生处" in text  # beside the epidemic decision, which it does not change
    assert "Ⅱ级危重" in text and "NEWS217" in text and "意识新发意识混乱" in text and "吸氧是" in text
    assert T.page_count(pdf) == 1
    (page,) = T.render(pdf, 150)
    assert [c.text for c in zxingcpp.read_barcodes(page)] == [F.VISIT_NO]
    _no_raw_codes(text)


def test_a_screening_without_a_set_prints_dashes() -> None:
    """Only the temperature taken (or a screening from before 0023): every other reading "—", no level."""
    sr = dataclasses.replace(F.screening(), vital_signs=None, severity_level=None, news2=None, urgent=False)
    pdf = registration_form_pdf(F.visit(screening=sr), F.clinic(), F.PRINTED_AT)
    text = _flat(pdf)
    assert "38.6℃（腋温）血氧—呼吸—心率—收缩压—意识—吸氧—" in text
    assert "病情分级—NEWS2—" in text and "Ⅲ级" not in text
    assert T.page_count(pdf) == 1
    _no_raw_codes(text)


# ----- the transfer handover form -------------------------------------------------------------------------

def test_the_handover_form_prints_the_carried_set_and_the_news2_history() -> None:
    pdf = _transfer_pdf()
    assert T.page_count(pdf) == 3
    assert section_scale(pdf) >= 0.8  # an ordinary case stays at no less than 80 % (tests/printing/test_transfer_form)
    for page in T.render(pdf, 200):
        assert_spans_the_page(page)
        assert [c.text for c in zxingcpp.read_barcodes(page)] == [TOKEN]
    text = _flat(pdf)
    for expected in ("测量时间11-2312:55", "体温39.2℃", "血氧91%", "呼吸26次/分", "心率124次/分", "收缩压96mmHg",
                     "意识新发意识混乱吸氧是", "NEWS217", "病情分级Ⅱ级危重",
                     "NEWS2变化11-2309:02≥5分→11:008分→12:5517分"):
        assert text.count(expected) == 3, expected  # on each of the three parts
    _no_raw_codes(text)


def test_a_reading_not_recorded_is_room_to_write_on_the_handover_form() -> None:
    pre = F.pre_triage_vitals()
    text = _flat(_transfer_pdf(vital_signs=pre, history=(pre,)))
    assert "收缩压mmHg" in text and "吸氧NEWS2" in text  # blanks to fill in, not "—" and never "None"
    assert "NEWS2≥5（不完整）病情分级Ⅲ级急症" in text
    old = _flat(_transfer_pdf(vital_signs=None, history=(), temperature_c=38.6, temperature_at=F._at(0)))
    assert "体温38.6℃（11-2309:00）" in old and "NEWS2" not in old  # before 0023: the temperature and blanks


def test_a_long_observation_keeps_the_latest_points() -> None:
    sets = tuple(F.vital_record(100 + n, F._at(180 * n), F.DOCTOR, Vitals(38.0, respiratory_rate=16 + n))
                 for n in range(HISTORY_MAX + 3))
    line = news2_history(sets, ZoneInfo(F.clinic().timezone))
    assert line.startswith("（另有 3 次较早的记录）11-23 18:00 ≥ 0分 → 21:00") and line.count("→") == HISTORY_MAX - 1
    assert "→ 11-24 00:00 ≥ 2分 → 03:00" in line  # the day again where it changes
    pdf = _transfer_pdf(vital_signs=sets[-1], history=sets)
    assert T.page_count(pdf) == 3


# ----- the case timeline ----------------------------------------------------------------------------------

def test_the_timeline_prints_every_set_pre_triage_first() -> None:
    text = _flat(case_timeline_pdf(F.timeline(), F.clinic(), F.TIMELINE_PRINTED_AT, "admin_zhao"))
    section = text[text.index("二、生命体征及NEWS2"):text.index("三、时限记录")]
    rows = [section.index(t) for t in ("2026-11-2309:02:00", "2026-11-2311:00:00", "2026-11-2312:55:00")]
    assert rows == sorted(rows)
    assert "李秀英(nurse_li)预检分诊体温38.6℃" in section and "陈明(doc_chen)发热门诊体温38.9℃" in section
    assert "≥5（不完整，未测：吸氧、收缩压）" in section and "Ⅲ级急症" in section and "Ⅱ级危重" in section
    assert section.count("发热门诊") == 2
    _no_raw_codes(section)


def test_a_timeline_without_sets_says_so() -> None:
    empty = dataclasses.replace(F.timeline(), screening_vitals=None, case_vitals=())
    text = _flat(case_timeline_pdf(empty, F.clinic(), F.TIMELINE_PRINTED_AT, "admin"))
    assert "本就诊没有记录生命体征" in text


# ----- from the database: what the services read is what is printed ---------------------------------------

FULL = dict(spo2=95, respiratory_rate=22, heart_rate=108, consciousness="A")  # no blood pressure, oxygen unknown
WORSE = Vitals(39.2, respiratory_rate=26, spo2=91, oxygen=True, systolic_bp=96, heart_rate=124, consciousness="C")
STEADY = Vitals(38.9, respiratory_rate=24, spo2=93, oxygen=False, systolic_bp=105, heart_rate=112, consciousness="A")


@pytest.fixture
def clinic(ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    for name, full, roles in (("nurse", "李娜", ["triage_nurse"]), ("doc1", "张伟", ["doctor"])):
        ctx.users.create(admin, username=name, full_name=full, roles=roles, password=f"{name}-pass-1")
    return {name: ctx.users.authenticate(name, f"{name}-pass-1", f"ws-{name}") for name in ("nurse", "doc1")} | {
        "admin": admin}


def test_the_services_sets_reach_every_print(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:
    nurse, doc = clinic["nurse"], clinic["doc1"]
    screening = ctx.screening.record(nurse, ScreeningInput(38.6, symptoms=frozenset({"fever", "cough"}),
                                                           health_code="green", **FULL))  # type: ignore[arg-type]
    visit = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name="王䶮", id_type="resident_id", id_number="11010519491231002X"))
    ctx.handoffs.send(nurse, visit.visit_no, "导医 陈")
    ctx.handoffs.confirm_arrival(doc, visit.visit_no)
    case = ctx.cases.take(doc, visit.visit_no)
    ctx.cases.start_observation(doc, visit.visit_no, "留观1室", "3床")
    clock.advance(minutes=60)
    ctx.observation.record_vitals(doc, visit.visit_no, STEADY)
    clock.advance(minutes=60)
    ctx.observation.record_vitals(doc, visit.visit_no, WORSE)
    ctx.cases.classify(doc, visit.visit_no, ctx.cases.get(doc, visit.visit_no).version, "suspected")
    hospital = ctx.transfers.save_hospital(clinic["admin"], name="市传染病医院", kind="designated").id
    transfer = ctx.transfers.request(doc, visit.visit_no, hospital_id=hospital, condition="serious", oxygen=True,
                                     precautions="N95", staff="护士 李娜")
    info = ctx.clinic.get()

    form = _flat(registration_form_pdf(ctx.registration.detail(nurse, visit.visit_no), info, clock.now()))
    assert "血氧95%呼吸22次/分心率108次/分收缩压—意识清醒吸氧—" in form and "NEWS2≥5（不完整）" in form
    assert "Ⅲ级急症" in form

    history = ctx.observation.trend(doc, visit.visit_no)
    handover = _flat(transfer_handover_pdf(ctx.transfers.get(doc, transfer.id), case.tests, info, "token",
                                           clock.now(), history=history))
    assert "体温39.2℃" in handover and "意识新发意识混乱" in handover and "病情分级Ⅱ级危重" in handover
    assert re.search(r"NEWS2变化\d\d-\d\d\d\d:\d\d≥5分→\d\d:\d\d8分→\d\d:\d\d17分", handover), handover

    line = ctx.timelines.timeline(doc, visit.visit_no)
    assert [v.news2 for v in line.vital_signs] == [5, 8, 17] and line.screening_vitals == history[0]
    assert line.people == {"nurse": "李娜", "doc1": "张伟"}
    printed = _flat(case_timeline_pdf(line, info, clock.now(), "张伟"))
    section = printed[printed.index("二、生命体征及NEWS2"):printed.index("三、时限记录")]
    assert "李娜(nurse)预检分诊" in section and section.count("张伟(doc1)发热门诊") == 2
    for text in (form, handover, section):
        _no_raw_codes(text)
