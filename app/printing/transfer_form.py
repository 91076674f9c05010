"""The A4 转运交接单 (transfer handover form), printed in three parts, one per page: the sending
clinic, the 120 ambulance crew and the receiving hospital each keep a signed copy.

It goes with the patient to another organisation, so it carries the full name (the receiving staff
must match the patient) but never the ID number. What the receiving doctor needs to take over care is on it
(issue 15): diagnosis and classification, main symptoms and onset, the epidemiological history, underlying
diseases and allergies, vital signs, lines and medication, the documents sent along, both sides' phones; people
are named by their real names; each party signs, and both organisations seal. What is not yet known when it is printed (the 120
call, the vehicle, the handover) prints as room to fill in by hand, so one printout serves the whole
journey. The QR holds the clinic's signed summary, which a receiving hospital running Fever Sentinel
verifies with the clinic's public key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.casework.records import LabTestRecord
from app.casework.vocab import TestResult
from app import vocabulary as V
from app.vocabulary import casework as VC
from app.vocabulary import transfer as VT
from app.vocabulary import triage as VP
from app.printing.a4 import CONTENT_W, LABEL_BG, SECTION_BG, build_a4, grid_style, heading, para, styles
from app.printing.fonts import cjk_table_style, register_cjk_fonts
from app.printing.form_grid import (
    LABEL_W,
    VALUE_W,
    WIDE_W,
    Cell,
    SectionTable,
    age_text,
    cell,
    column_table,
    shares,
    visit_no_para,
    yes_no,
)
from app.printing.qr import QRFlowable
from app.printing.shrink import ShrinkToFit
from app.printing.text import EMPTY, fmt_date, local_date, local_time, markup
from app.printing import vitals_text as VS
from app.severity.store import VitalSignsRecord
from app.transfer.records import TransferRecord

if TYPE_CHECKING:
    from app.clinic_info import ClinicInfo

TITLE = "转运交接单"
#: (part, who keeps it), in printing order.
PARTS: tuple[tuple[str, str], ...] = (
    ("第一联（共三联）", "转出机构留存"),
    ("第二联（共三联）", "接收医院"),
    ("第三联（共三联）", "120 随车"),
)
#: The unit after the blank of a reading not recorded (app/printing/vitals_text.py ORDER: temperature, SpO₂,
#: respiration, heart rate, systolic pressure, consciousness, oxygen)
BLANK_UNITS = ("℃", "%", "次/分", "次/分", "mmHg", "", "")
HISTORY_MAX = 8  # NEWS2 points on the form: the latest ones (a long observation must not push a part over a page)
LINE_OPTIONS = ("吸氧", "静脉通路", "导尿管", "其他")
DOCUMENT_OPTIONS = ("病历摘要", "检验报告", "影像资料", "其他")
SIGNERS = ("转出医生", "护送人员", "120 随车医生", "接收医生")
SEALS = ("转出机构（盖章）", "接收医院（盖章）")
PART_W = 44 * mm
QR_SIZE = 38 * mm  # ≥ 35 mm: a ~400-character signed token still has ~0.5 mm modules
QR_COL = 43 * mm
TOP_W = CONTENT_W - QR_COL
TOP_COLS = [18 * mm, (TOP_W - 38 * mm) / 2, 20 * mm, (TOP_W - 38 * mm) / 2]
TEST_COLS = [23 * mm, 29 * mm, 19 * mm, 12 * mm, 29 * mm]
TEST_COLS.append(CONTENT_W - sum(TEST_COLS))
SIGN_COLS = [10 * mm, CONTENT_W / 4 - 10 * mm] * 4
#: the sections below the QR block shrink together when they do not fit (``_sections``, ShrinkToFit): in shares,
#: so they still span the page's width as the header does
SECTION_SHARES = shares([LABEL_W, VALUE_W, LABEL_W, VALUE_W])
#: less room above and below a row's text than the grid's own (2.5 and 3 points): the page's room goes to the
#: size the sections are printed at (an ordinary case at 80 % rather than 74 %)
TIGHT = TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
VITALS_PER_LINE = 4
SEAL_H = 13 * mm
MAX_TESTS = 6  # the latest ones: a long observation must not push a part onto a second page
WRITE_H = 6.5 * mm  # room for handwriting in a blank cell
HINT = "#808080"
TIME_HINT = "&nbsp;" * 6 + ("&nbsp;" * 6).join("年月日时分")  # Paragraph collapses plain spaces
SHORT_TIME_HINT = ("&nbsp;" * 4).join("月日时分")
QR_CAPTION = "本机构数字签名的转运摘要<br/>接收医院可扫码核验真伪<br/>（不含证件号码）"
CLOSING_NOTE = ("说明：本单一式三联，转出机构、接收医院与 120 随车人员核对患者身份、病情及检测结果后签名，各执一联。"
                "不含患者证件号码；未记录的项目请现场手工填写。")


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    _, bold = register_cjk_fonts()
    note = styles()["note"]
    return {
        "part": ParagraphStyle("tf-part", parent=styles()["value"], fontName=bold, fontSize=15, leading=19,
                               alignment=TA_CENTER),
        "keeper": ParagraphStyle("tf-keeper", parent=styles()["value"], fontName=bold, fontSize=10, leading=13,
                                 alignment=TA_CENTER),
        "caption": ParagraphStyle("tf-caption", parent=note, fontSize=7.5, leading=9.5, alignment=TA_CENTER),
        "hint": ParagraphStyle("tf-hint", parent=note, alignment=TA_RIGHT, textColor=colors.HexColor(HINT)),
    }


def _write_in(hint: str = "") -> list[Flowable]:
    """A blank to fill in by hand; ``hint`` (年 月 日 时 分) sits small and grey at its foot."""
    if not hint:
        return [Spacer(1, WRITE_H)]
    return [Spacer(1, WRITE_H - 3 * mm), Paragraph(hint, _styles()["hint"])]


def _time(moment: datetime | None, tz: ZoneInfo, after: str = "") -> Cell:
    return _write_in(TIME_HINT) if moment is None else local_time(moment, tz) + after


def _text(value: str | None, width: float = VALUE_W) -> Cell:
    return _write_in() if value is None or not value.strip() else cell(value, width)


def _choice(options: Sequence[str]) -> str:
    """Tick boxes for a choice not yet recorded."""
    return "　".join(f"□ {o}" for o in options)


def _part_box(part: str, keeper: str) -> Table:
    box = Table([[Paragraph(part, _styles()["part"])], [Paragraph(markup(keeper), _styles()["keeper"])]],
                colWidths=[PART_W])
    box.setStyle(cjk_table_style([("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                                  ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return box


def _identity(t: TransferRecord, tz: ZoneInfo, printed_at: datetime) -> Table:
    """Who, what and where to, beside the QR (which takes the height of these rows anyway)."""
    s = SectionTable(None, TOP_COLS)
    narrow = TOP_COLS[1]
    age = age_text(t.birth_date, local_date(printed_at, tz)) if isinstance(t.birth_date, date) else "不详"
    state = V.label(VT.TRANSFER_STATE, t.state, EMPTY)
    s.wide("就诊号", visit_no_para(t.visit_no, sum(TOP_COLS[1:])))
    s.pair("姓名", para(markup(t.patient_name), "strong"), "性别", cell(V.label(VP.SEX, t.sex, EMPTY), narrow))
    s.pair("年龄", age, "病例分类", para(markup(V.label(VC.CLASSIFICATION, t.classification, EMPTY)), "strong"))
    s.wide("转往医院", para(markup(t.hospital_name), "strong"))
    s.pair("病情", cell(V.label(VT.CONDITION, t.condition, EMPTY), narrow), "途中吸氧", yes_no(t.oxygen))
    s.pair("申请时间", local_time(t.requested_at, tz), "申请医生", cell(t.requested_by_name or t.requested_by, narrow))
    s.pair("转运编号", cell(f"{t.id}（{state}）", narrow), "打印时间", local_time(printed_at, tz))
    s.commands.append(("BOX", (0, 0), (-1, -1), 1, colors.black))
    return s.table()


def _top(t: TransferRecord, tz: ZoneInfo, printed_at: datetime, qr_text: str) -> Table:
    qr = [QRFlowable(qr_text, QR_SIZE, "M"), Spacer(1, 1 * mm), Paragraph(QR_CAPTION, _styles()["caption"])]
    top = Table([[_identity(t, tz, printed_at), qr]], colWidths=[TOP_W, QR_COL])
    top.setStyle(cjk_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (1, 0), (1, 0), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return top


def shown_tests(tests: Sequence[LabTestRecord], limit: int = MAX_TESTS) -> tuple[list[LabTestRecord], int]:
    """At most ``limit`` tests, in sampling order, and how many were left off: every positive result
    (the finding the receiving hospital must not miss) before the most recent of the others."""
    ordered = sorted(tests, key=lambda x: (x.sample_at, x.id))
    positive = [n for n, x in enumerate(ordered) if x.result == TestResult.POSITIVE][-limit:] if limit else []
    room = limit - len(positive)
    others = [n for n, x in enumerate(ordered) if x.result != TestResult.POSITIVE][-room:] if room else []
    keep = set(positive) | set(others)
    return [x for n, x in enumerate(ordered) if n in keep], len(ordered) - len(keep)


def _tests(tests: Sequence[LabTestRecord], tz: ZoneInfo) -> Table:
    rows: list[list[Any]] = [["三、检测及结果（截至打印时）", "", "", "", "", ""],
                             ["检测项目", "采样时间", "结果", "Ct值", "结果时间", "检测机构"]]
    bold = register_cjk_fonts()[1]
    marks: list[tuple[Any, ...]] = [("ALIGN", (0, 2), (-1, -1), "LEFT")]
    kept, older = shown_tests(tests)
    for test in kept:
        r = len(rows)
        result = V.label(VC.TEST_RESULT, test.result, "待出结果")
        ct = EMPTY if test.ct_value is None else f"{test.ct_value:.1f}"
        rows.append([cell(V.label(VC.TEST_KIND, test.kind, EMPTY), TEST_COLS[0]), local_time(test.sample_at, tz),
                     result, ct, local_time(test.result_at, tz), cell(test.lab, TEST_COLS[5])])
        if test.result == TestResult.POSITIVE:
            marks.append(("FONTNAME", (2, r), (3, r), bold))
    if older:
        rows.append([f"另有 {older} 项较早的检测未列出，详见病例记录。", "", "", "", "", ""])
    if not kept:
        rows.append(["尚无检测记录。", "", "", "", "", ""])
    if older or not kept:
        marks.append(("SPAN", (0, -1), (-1, -1)))
    return column_table(rows, shares(TEST_COLS), marks, size=9.5, leading=12.5)


def epi_summary(epi: dict[str, Any]) -> str:
    """The case's interview in one line: travel (area, last day), contact, exposures, notes; "" when nothing."""
    parts: list[str] = []
    travel = [x for x in epi.get("travel") or [] if isinstance(x, dict) and x.get("area")]
    if travel:
        places = "、".join(f"{x['area']}" + (f"（{str(x['last_date'])[5:]}）" if x.get("last_date") else "")
                          for x in travel)
        parts.append(f"14天旅居：{places}")
    if str(epi.get("contacts") or "").strip():
        parts.append(f"接触史：{str(epi['contacts']).strip()}")
    exposures: list[str] = []
    for x in (str(v) for v in epi.get("exposures") or []):
        if x == "cluster":
            exposures.append("聚集性发病")
        elif x.startswith("occupation:"):
            code = x.split(":", 1)[1]
            if code and code != "none":
                exposures.append(f"高风险岗位（{V.label(VP.OCCUPATION, code)}）")
        elif x.strip():
            exposures.append(x.strip())
    if exposures:
        parts.append("暴露：" + "、".join(exposures))
    if str(epi.get("notes") or "").strip():
        parts.append(f"备注：{str(epi['notes']).strip()}")
    return "；".join(parts)


def _clinical(t: TransferRecord) -> Table:
    s = SectionTable("一、病情摘要", SECTION_SHARES)
    symptoms = "、".join(V.labels(VP.SYMPTOM, t.symptoms))
    s.pair("主要症状", cell(symptoms) if symptoms else _write_in(),
           "发病日期", fmt_date(t.onset_date) if t.onset_date else _write_in())
    # the classification heads the form (病例分类, beside the QR); the doctor's findings are the diagnosis here
    s.wide("诊断/所见", _text(t.findings, WIDE_W))
    s.wide("流行病学史", cell(epi_summary(t.epi) or "无", WIDE_W))
    s.wide("基础病及过敏", _text(t.underlying_conditions, WIDE_W))
    return s.table()


def news2_history(history: Sequence[VitalSignsRecord], tz: ZoneInfo, limit: int = HISTORY_MAX) -> str:
    """``11-23 09:02 ≥ 4分 → 11:00 7分 → 11-24 01:00 5分``: the case's NEWS2 over time (a partial total is a floor;
    the day only where it changes), the latest ``limit`` sets, saying how many earlier ones are left off."""
    shown = list(history)[-limit:]
    points, day = [], ""
    for r in shown:
        when = local_time(r.taken_at, tz, "%m-%d %H:%M")
        points.append(f"{when if when[:5] != day else when[6:]} {markup(VS.news2_total(r))}分")
        day = when[:5]
    older = len(history) - len(shown)
    return (f"（另有 {older} 次较早的记录）" if older else "") + " → ".join(points)


def _vitals(t: TransferRecord, history: Sequence[VitalSignsRecord], tz: ZoneInfo) -> Table:
    """The latest set the request carries — when, the readings (a blank with its unit for one not recorded),
    NEWS2 and the level — then the case's NEWS2 over time; two lines more than the readings alone, so an
    ordinary case stays near full size. Without a set (before 0023): the latest temperature and blanks."""
    rec = t.vital_signs
    known = VS.readings(rec.vitals if rec else None)
    if rec is None and t.temperature_c:
        when = local_time(t.temperature_at, tz, "%m-%d %H:%M")
        known[0] = (known[0][0], f"{t.temperature_c:.1f}℃（{when}）")
    blank = "&nbsp;" * 12
    items = [f"{name} <b>{markup(value)}</b>" if value != EMPTY else f"{name} {blank}{unit}"
             for (name, value), unit in zip(known, BLANK_UNITS)]
    if rec is not None:
        items.insert(0, f"测量时间 {local_time(rec.taken_at, tz, '%m-%d %H:%M')}")
    s = SectionTable("二、生命体征（转出前最近一次；未记录的请现场测量填写）", SECTION_SHARES)
    for n in range(0, len(items), VITALS_PER_LINE):
        s.wide("" if n else "生命体征", para(VS.GAP.join(items[n:n + VITALS_PER_LINE])))
    if rec is not None:
        level = f"<b>{markup(VS.level_text(rec))}</b>" if VS.immediate(rec) else markup(VS.level_text(rec))
        s.wide("NEWS2", para(f"<b>{markup(VS.news2_text(rec, name_missing=False))}</b>{VS.GAP}病情分级 {level}"))
    if history:
        s.wide("NEWS2 变化", para(news2_history(history, tz)))
    return s.table()


def _request(t: TransferRecord, clinic_phone: str) -> Table:
    s = SectionTable("四、转运要求", SECTION_SHARES)
    s.wide("隔离防护措施", cell(t.precautions, WIDE_W))
    s.wide("护送人员", cell(t.staff, WIDE_W))
    s.wide("管路及用药", cell(t.lines_medication, WIDE_W) if t.lines_medication.strip()
           else cell(_choice(LINE_OPTIONS) + "　已用药物：", WIDE_W))
    s.wide("随行资料", cell(t.documents if t.documents.strip() else _choice(DOCUMENT_OPTIONS), WIDE_W))
    if t.request_reason and t.request_reason.strip():
        s.wide("转运原因", cell(t.request_reason, WIDE_W))
    s.pair("转出机构电话", _text(clinic_phone), "接收医院电话", _text(t.hospital_phone))
    return s.table()


def _ambulance(t: TransferRecord, tz: ZoneInfo) -> Table:
    s = SectionTable("五、120 急救转运（120 调度与随车人员填写）", SECTION_SHARES)
    negative = _choice(["是", "否"]) if t.negative_pressure is None else yes_no(t.negative_pressure)
    s.pair("呼叫120时间", _time(t.call_120_at, tz), "调度单号", _text(t.dispatch_ref))
    s.pair("车牌号", _text(t.vehicle_plate), "负压救护车", negative)
    s.pair("随车人员", _text(t.crew), "出发时间", _time(t.departed_at, tz))
    return s.table()


def _handover(t: TransferRecord, tz: ZoneInfo) -> Table:
    s = SectionTable("六、交接（接收医院填写）", SECTION_SHARES)
    arrival = (_choice([w.zh for w in VT.CONDITION.values()]) if not t.arrival_condition
               else V.label(VT.CONDITION, t.arrival_condition))
    via = "（据接收医院回执）" if t.handover_source == "receipt" else ""
    s.pair("接收人员", _text(t.receiving_staff), "接收科室", _text(t.receiving_department))
    s.pair("交接时间", _time(t.handed_over_at, tz, via), "到达时病情", arrival)
    return s.table()


def _signatures() -> Table:
    """One column per party (签名 and 时间 each), then a seal box for each organisation."""
    rows: list[list[Any]] = [
        ["七、签名确认", *[""] * 7],
        [cell for who in SIGNERS for cell in (who, "")],
        ["签名", "", "签名", "", "签名", "", "签名", ""],
        [cell for _ in SIGNERS for cell in ("时间", _write_in(SHORT_TIME_HINT))],
        [SEALS[0], "", "", "", SEALS[1], "", "", ""],
    ]
    _, bold = register_cjk_fonts()
    t = Table(rows, colWidths=shares(SIGN_COLS), rowHeights=[None, None, 9 * mm, None, SEAL_H])
    t.setStyle(grid_style([
        ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SECTION_BG),
        ("FONTNAME", (0, 0), (-1, 1), bold), ("FONTSIZE", (0, 0), (-1, 0), 10.5),
        ("SPAN", (0, 4), (3, 4)), ("SPAN", (4, 4), (7, 4)), ("VALIGN", (0, 4), (-1, 4), "TOP"),
        ("FONTSIZE", (0, 4), (-1, 4), 9.5),
        *[cmd for c in (0, 2, 4, 6) for cmd in (
            ("SPAN", (c, 1), (c + 1, 1)), ("ALIGN", (c, 1), (c + 1, 1), "CENTER"),
            ("BACKGROUND", (c, 1), (c + 1, 1), LABEL_BG), ("BACKGROUND", (c, 2), (c, 3), LABEL_BG),
            ("FONTSIZE", (c, 2), (c, 3), 9.5))],
    ]))
    return t


def _sections(t: TransferRecord, tests: Sequence[LabTestRecord], history: Sequence[VitalSignsRecord],
              tz: ZoneInfo, clinic_phone: str) -> list[Flowable]:
    """Everything below the QR block, made afresh at every call (``ShrinkToFit`` lays it out more than once)."""
    tables = [_clinical(t), _vitals(t, history, tz), _tests(tests, tz), _request(t, clinic_phone),
              _ambulance(t, tz), _handover(t, tz), _signatures()]
    story: list[Flowable] = []
    for table in tables:
        table.setStyle(TIGHT)
        story += [table, Spacer(1, 1.5 * mm)]
    return [*story, para(CLOSING_NOTE, "note")]


def _part(t: TransferRecord, clinic: ClinicInfo, tz: ZoneInfo, qr_text: str, printed_at: datetime, part: str,
          keeper: str, body: ShrinkToFit) -> list[Flowable]:
    """One part on one page: the same ``body`` under each part's heading (laid out once for the three)."""
    return [
        heading(clinic.name, TITLE, _part_box(part, keeper), PART_W),
        Spacer(1, 2.5 * mm),
        _top(t, tz, printed_at, qr_text),
        Spacer(1, 1.5 * mm),
        body,
    ]


def transfer_handover_pdf(transfer: TransferRecord, tests: tuple[LabTestRecord, ...], clinic: ClinicInfo,
                          qr_text: str, printed_at: datetime, clinic_phone: str = "",
                          history: Sequence[VitalSignsRecord] = ()) -> bytes:
    """The three-part handover form as A4 PDF bytes (one part per page); times in the clinic's zone.
    ``clinic_phone``: the clinic setting (app/clinic_contacts.py); "" prints a blank to write it in.
    ``history``: the case's sets, oldest first (ObservationService.trend), for the NEWS2 history."""
    tz = ZoneInfo(clinic.timezone)
    # below the QR block, smaller when it does not fit the rest of the page (an ordinary case with its tests and
    # NEWS2 history at about 80 %), still as wide as the block above; the QR itself never shrinks
    body = ShrinkToFit(lambda: _sections(transfer, tests, history, tz, clinic_phone), CONTENT_W)
    story: list[Flowable] = []
    for n, (part, keeper) in enumerate(PARTS):
        if n:
            story.append(PageBreak())
        story += _part(transfer, clinic, tz, qr_text, printed_at, part, keeper, body)
    return build_a4(story, title=f"{TITLE} {transfer.visit_no}", author=clinic.name, subject=TITLE,
                    footer_left=f"{clinic.name}  {TITLE}  就诊号 {transfer.visit_no}",
                    footer_right=f"打印时间 {local_time(printed_at, tz)}")

