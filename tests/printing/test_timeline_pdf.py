"""The case timeline (责任倒查) printout: every event in audit order, refusals marked, clock verdicts,
masked name, pages that flow with repeated headings, and summaries that never crash the print job."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.casework.records import ClockRecord, TimelineEvent
from app.casework.timeline import Timeline
from app.printing.timeline_pdf import case_timeline_pdf
from app.printing.audit_text import MAX_TOTAL, WORDING, summary_text
from app.vocabulary.audit import ACTION
from app.printing.timeline_pdf import clock_verdict
from tests.printing import fixtures as F
from tests.printing import pdftools as T

UTC = timezone.utc
TZ = "Asia/Shanghai"


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return case_timeline_pdf(F.timeline(), F.clinic(), F.TIMELINE_PRINTED_AT, "admin_zhao")


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    return T.text_of(pdf)


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[np.ndarray]:
    return T.render(pdf, 100)


def test_heading_identifies_the_visit_but_not_the_patient(text: str) -> None:
    for expected in ("杏花镇卫生院", "病例全程时间线（责任倒查）", F.VISIT_NO, "王*", "admin_zhao",
                     "2026-11-24 13:00:00", "#1201–#1304"):
        assert expected in text, expected
    assert F.PATIENT_NAME not in text and "䶮" not in text  # the rare character is never printed


def test_every_event_is_listed_in_order_in_chinese(text: str) -> None:
    events = F.timeline_events()
    assert len(events) >= 40
    assert [e.at for e in events] == sorted(e.at for e in events)  # the fixture reads like a real day
    positions = [text.index(f"\n{e.seq}\n") for e in events]
    assert positions == sorted(positions)
    for action in {e.action for e in events} & set(ACTION):
        assert ACTION[action].zh in text, action
    assert "case.transfer_booked" in T.compact(text)  # an action without words prints its code
    for words in ("nurse_li", "预检分诊护士", "doc_wang", "管理员、哨点医生", "发热门诊诊室2"):
        assert words in text, words


def test_times_are_in_the_clinic_zone_to_the_second(text: str) -> None:
    assert "2026-11-23 08:59:12" in text  # the screening, 00:59:12 UTC
    other = case_timeline_pdf(F.timeline(), dataclasses.replace(F.clinic(), timezone="Asia/Urumqi"),
                              F.TIMELINE_PRINTED_AT, "admin_zhao")
    assert "2026-11-23 06:59:12" in T.text_of(other)


def test_refused_and_failed_rows_are_marked(text: str, pages: list[np.ndarray]) -> None:
    flat = T.compact(text)
    assert "1216" + "2026-11-2310:15:00doc_wang哨点医生发热门诊诊室2病例分类被拒绝原因：非本病例负责医生" in flat
    assert "网络直报失败原因：时间晚于当前时间；字段:直报时间" in flat  # issue 15: the field in words
    # the refused rows are shaded (#F8D7D7 is ~225 grey): page 1 holds one refusal and one failure
    grey = pages[0]
    shaded = np.nonzero(((grey >= 221) & (grey <= 229)).mean(axis=1) > 0.5)[0]
    assert len(shaded) > 40  # two table rows at 100 dpi
    assert 1 + np.count_nonzero(np.diff(shaded) > 15) == 2  # lines of text break a band by a few pixels (CJK: ~10)


def test_summaries_are_plain_chinese(text: str) -> None:
    flat = T.compact(text)
    for expected in (
        "待定→疑似病例；启动时限：2小时内网络直报、24小时内流调",
        "核酸检测阴性(县疾控中心实验室)",
        "体温38.6℃；分诊发热门诊；依据：体温≥37.3℃",
        "复诊患者", "更新资料：联系电话、现住址",
        "陪同张志强（保安）", "引导用时8分钟；在时限内到达",
        "doc_chen→doc_wang；原因：交班；答复：正在处理另一例疑似病例，无法接手",
        "报告卡号44011100000123", "留观留观室32床", "抗原检测（发热门诊患者）",
        "定点医院:市第三人民医院", "；单间", "notadict",  # unexpected content: its words or its value, never a key
    ):
        assert expected in flat, expected


def test_long_summaries_wrap_whole_inside_the_page(text: str, pages: list[np.ndarray]) -> None:
    interview = F.timeline_events()[5]
    line = summary_text(interview.action, interview.outcome, interview.summary, TZ)
    assert len(line) > 50 and T.compact(line) in T.compact(text)
    margin = int(12 / T.MM_PER_INCH * 100)
    for page in pages:
        assert page[:, :margin].min() > 240 and page[:, -margin:].min() > 240


def test_pages_are_numbered_and_the_table_heading_repeats(pdf: bytes, text: str) -> None:
    n = T.page_count(pdf)
    assert n >= 2
    assert all(f"第 {k} 页 / 共 {n} 页" in text for k in range(1, n + 1))
    assert text.count("一、操作记录（按审计序号）") == n  # section title and column heads on every page
    assert text.count("防篡改审计链重建 · 审计序号 #1201–#1304") == n


def test_clock_verdicts(text: str) -> None:
    flat = T.compact(text)
    for expected in ("2小时内网络直报", "24小时内流调", "核酸结果时限（检测单#5）",
                     "超时完成（超时5分钟）", "已超时（已超2小时50分）", "按时完成", "进行中（剩余4小时30分）"):
        assert expected in flat, expected


def test_clock_verdict_boundaries() -> None:
    start = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    due = start + timedelta(hours=2)
    clock = ClockRecord(1, F.VISIT_NO, "report_2h", None, start, start + timedelta(minutes=90), due, None)
    assert clock_verdict(clock, due) == ("进行中（剩余 0分钟）", False)  # exactly at 2 h is still on time
    assert clock_verdict(clock, due + timedelta(days=1, hours=3)) == ("已超时（已超 1天3小时）", True)
    assert clock_verdict(dataclasses.replace(clock, met_at=due), due + timedelta(days=3)) == ("按时完成", False)
    late = dataclasses.replace(clock, met_at=due + timedelta(minutes=61))
    assert clock_verdict(late, due) == ("超时完成（超时 1小时1分）", True)


def test_fonts_are_embedded(pdf: bytes) -> None:
    T.assert_fonts_embedded(pdf)


def test_an_empty_timeline_still_prints() -> None:
    pdf = case_timeline_pdf(Timeline(F.VISIT_NO, "欧阳娜娜", (), ()), F.clinic(), F.TIMELINE_PRINTED_AT, "admin")
    text = T.text_of(pdf)
    assert T.page_count(pdf) == 1
    assert "本就诊没有审计记录" in text and "本病例没有时限记录" in text and "欧**娜" in text


def test_markup_in_user_text_prints_literally() -> None:
    event = TimelineEvent(datetime(2026, 11, 23, 2, 0, tzinfo=UTC), "doc_<b>", "doctor", "室 & 1",
                          "case.handover_request", "success", {"to": "doc_wang", "reason": "<i>交班</i> & 休息"}, 7)
    pdf = case_timeline_pdf(Timeline(F.VISIT_NO, F.PATIENT_NAME, (event,), ()), F.clinic(),
                            F.TIMELINE_PRINTED_AT, "admin")
    flat = T.compact(T.text_of(pdf))
    assert "doc_<b>" in flat and "室&1" in flat and "<i>交班</i>&休息" in flat


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(["before", "after", "changed", "detail", "kind", "result", "lab", "ct", "reasons",
                        "temperature", "clocks_met", "clocks_started", "error", "due_at", "minutes", "late",
                        "pending_tests", "room", "bed", "from", "to", "test_id", "returning", "sample_at"])


@settings(max_examples=300, deadline=None)
@given(action=st.sampled_from([*WORDING, "case.unknown"]), outcome=st.sampled_from(["success", "denied", "odd"]),
       summary=st.dictionaries(KEYS | st.text(max_size=10), JSON, max_size=8) | JSON)
def test_no_summary_content_stops_the_print_job(action: str, outcome: str, summary: object) -> None:
    line = summary_text(action, outcome, summary, TZ)
    assert isinstance(line, str) and len(line) <= MAX_TOTAL


def test_transfer_acts_read_as_plain_chinese() -> None:
    at = "2026-11-23T05:05:00+00:00"
    cases = {
        "transfer.request": ({"transfer_id": 12, "hospital": "市八医院", "condition": "serious", "oxygen": True,
                              "reason": "", "request_clock_met": 1}, "转往 市八医院；病情 病重；需吸氧；转运单 #12；完成时限 1 项"),
        "transfer.dispatch": ({"call_120_at": at, "dispatch_ref": "120-0456", "vehicle": "粤A12345",
                               "negative_pressure": False, "crew": "刘建国"},
                              "呼叫120 2026-11-23 13:05:00；调度单号 120-0456；车牌 粤A12345；非负压救护车；随车人员 刘建国"),
        "transfer.depart": ({"departed_at": at, "minutes_after_request": 35}, "出发时间 2026-11-23 13:05:00；申请后 35 分钟出发"),
        "transfer.handover": ({"receiving_staff": "周文斌", "department": "感染科", "handed_over_at": at,
                               "condition": "critical", "source": "entered"},
                              "接收方 感染科 周文斌；交接时间 2026-11-23 13:05:00；到达时病情 病危；记录方式：人工录入"),
        "transfer.disinfect": ({"disinfected_at": at, "method": "过氧化氢", "by": "黄伟"},
                               "消毒时间 2026-11-23 13:05:00；方法：过氧化氢；执行人 黄伟"),
        "transfer.cancel": ({"reason": "家属拒绝", "case_reopened": True}, "原因：家属拒绝；病例重新开放待处置"),
        "transfer.receive": ({"from": "XH01", "staff": "周文斌", "department": "感染科"}, "来自机构 XH01；接收方 感染科 周文斌"),
        "transfer.hospital_save": ({"name": "市八医院", "kind": "backup", "accepting": True},
                                   "市八医院（后备定点医院）；接收患者中"),
        "transfer.targets_update": ({"request_minutes": 30, "departure_minutes": 60, "handover_minutes": 120},
                                    "分类后申请转运 ≤30 分钟；申请后出发 ≤60 分钟；出发后交接 ≤120 分钟"),
        "transfer.trust_clinic": ({"code": "SY02", "name": "石岩镇卫生院", "key_id": "ab12"}, "石岩镇卫生院（SY02）；密钥 ab12"),
        "transfer.distrust_clinic": ({"code": "SY02", "name": "石岩镇卫生院", "key_id": "ab12", "reason": "私钥泄露"},
                                     "石岩镇卫生院（SY02）；密钥 ab12；原因：私钥泄露"),
    }
    for action, (summary, expected) in cases.items():
        assert summary_text(action, "success", summary, TZ) == expected, action
    assert summary_text("transfer.depart", "failed", {"error": "illegal_transition", "current": "requested"}, TZ) == (
        "原因：当前转运状态不允许此操作；当前状态: 已申请(待派车)")  # issue 15: never a key or a code
    assert summary_text("transfer.dispatch", "success", {"negative_pressure": "yes"}, TZ) == "yes"


def test_people_are_named_by_their_real_names() -> None:
    """Issue 15: the event's user by real name, with the log-in name the audit trail holds beside it."""
    line = F.timeline()
    named = dataclasses.replace(line, events=tuple(
        dataclasses.replace(e, full_name="陈明") if e.username == F.DOCTOR else e for e in line.events))
    text = T.compact(T.text_of(case_timeline_pdf(named, F.clinic(), F.TIMELINE_PRINTED_AT, "admin_zhao")))
    assert f"陈明({F.DOCTOR})" in text
