"""The A4 发热病人登记表 (fever patient registration form): the clinic's internal paper record.

It carries the full identity (ID number included) because it stays in the clinic's files; anything
that leaves the desk with the patient is the guide slip instead (masked name only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import Flowable

from app.printing import labels as L
from app.printing.a4 import (
    CONTENT_W,
    LABEL_BG,
    PAD,
    SECTION_BG,
    VALUE_SIZE,
    build_a4,
    grid_style,
    heading,
    para,
    styles,
)
from app.printing.fonts import cjk_table_style, register_cjk_fonts
from app.printing.qr import QRFlowable
from app.printing.text import EMPTY, fmt_date, local_date, local_time, markup
from app.triage.records import HandoffRecord, PatientRecord, ScreeningRecord, VisitDetail
from app.triage.vocab import Decision, HandoffState, Occupation

if TYPE_CHECKING:
    from app.services.clinic import ClinicInfo

TITLE = "发热病人登记表"
QR_SIZE = 24 * mm
VISIT_LABEL_W = 16 * mm
VISIT_W = 86 * mm
LABEL_W = 24 * mm
META_W = CONTENT_W - VISIT_LABEL_W - VISIT_W - LABEL_W
VALUE_W = CONTENT_W / 2 - LABEL_W
WIDE_W = CONTENT_W - LABEL_W

Cell = str | Flowable | list[Flowable]


def _v(text: str | None, width: float = VALUE_W) -> Cell:
    """A value cell: a plain string when it fits on one line (drawn directly: cheap, and literal),
    else a wrapping paragraph (user text escaped here)."""
    text = "" if text is None else str(text).strip()
    if not text:
        return EMPTY
    if "\n" not in text and stringWidth(text, register_cjk_fonts()[0], VALUE_SIZE) <= width - 2 * PAD:
        return text
    return para(markup(text))


def _visit_no(visit_no: str) -> Paragraph:
    """Large and on one line: shrink only if a clinic's numbering is unusually long."""
    style = styles()["visit"]
    room = VISIT_W - 10
    width = stringWidth(visit_no, style.fontName, style.fontSize)
    if width > room:
        size = max(9.0, style.fontSize * room / width)
        style = ParagraphStyle("fs-visit-fit", parent=style, fontSize=size, leading=size * 1.2, wordWrap="CJK")
    return Paragraph(markup(visit_no), style)


def _yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def _age(birth: date, on: date) -> str:
    """Age as clinics write it: years, or months / days for infants."""
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if years >= 1:
        return f"{years}岁"
    months = (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)
    if months >= 1:
        return f"{months}个月"
    return f"{max((on - birth).days, 0)}天"


def _user(full_name: str | None, username: str | None) -> str:
    """``李秀英(nurse_li)``: the full name to read, the user name to trace in the audit trail."""
    if full_name and username and full_name != username:
        return f"{full_name}({username})"
    return full_name or username or ""


class _SectionTable:
    """Rows of label/value pairs in a 4-column grid, under a shaded section heading."""

    def __init__(self, title: str) -> None:
        self.rows: list[list[Cell]] = [[title, "", "", ""]]
        self.commands: list[tuple[Any, ...]] = [
            ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SECTION_BG),
            ("FONTNAME", (0, 0), (-1, 0), register_cjk_fonts()[1]), ("FONTSIZE", (0, 0), (-1, 0), 10.5),
        ]

    def pair(self, label1: str, value1: Cell, label2: str, value2: Cell) -> None:
        r = len(self.rows)
        self.rows.append([label1, value1, label2, value2])
        self.commands += [("BACKGROUND", (0, r), (0, r), LABEL_BG), ("BACKGROUND", (2, r), (2, r), LABEL_BG)]

    def wide(self, label: str, value: Cell) -> None:
        r = len(self.rows)
        self.rows.append([label, value, "", ""])
        self.commands += [("SPAN", (1, r), (3, r)), ("BACKGROUND", (0, r), (0, r), LABEL_BG)]

    def lines(self, label: str, values: Sequence[Cell]) -> None:
        """One row per value (a long travel history splits between pages at a row, never mid-row)."""
        first = len(self.rows)
        for n, value in enumerate(values):
            self.wide(label if n == 0 else "", value)
        if len(values) > 1:  # one visual label cell: paint over the rules between its rows
            self.commands.append(("LINEBELOW", (0, first), (0, first + len(values) - 2), 1.2, LABEL_BG))
            self.commands.append(("VALIGN", (0, first), (0, first), "TOP"))

    def banner(self, text: Cell) -> None:
        r = len(self.rows)
        self.rows.append([text, "", "", ""])
        self.commands.append(("SPAN", (0, r), (3, r)))

    def table(self) -> Table:
        t = Table(self.rows, colWidths=[LABEL_W, VALUE_W, LABEL_W, VALUE_W], repeatRows=1)
        t.setStyle(grid_style([("FONTSIZE", (0, 1), (0, -1), 9.5), ("FONTSIZE", (2, 1), (2, -1), 9.5),
                               *self.commands]))
        return t


def _header(detail: VisitDetail, clinic: ClinicInfo, tz: ZoneInfo, printed_at: datetime) -> list[Flowable]:
    side = QR_SIZE + 2 * mm
    top = heading(clinic.name, TITLE, QRFlowable(detail.visit_no, QR_SIZE, "M"), side)
    meta = Table(
        [
            ["就诊号", _visit_no(detail.visit_no), "登记时间", local_time(detail.registered_at, tz)],
            ["", "", "登记护士", _v(_user(detail.nurse_name, detail.nurse_username), META_W)],
            ["", "", "打印时间", local_time(printed_at, tz)],
        ],
        colWidths=[VISIT_LABEL_W, VISIT_W, LABEL_W, META_W],
    )
    meta.setStyle(grid_style([
        ("SPAN", (0, 0), (0, 2)),
        ("SPAN", (1, 0), (1, 2)),
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("BACKGROUND", (0, 0), (0, 2), LABEL_BG),
        ("BACKGROUND", (2, 0), (2, 2), LABEL_BG),
        ("FONTSIZE", (0, 0), (0, -1), 9.5),
        ("FONTSIZE", (2, 0), (2, -1), 9.5),
    ], top=3, bottom=3.5))
    return [top, Spacer(1, 3 * mm), meta, Spacer(1, 3 * mm)]


def _patient(p: PatientRecord, registered_on: date) -> Table:
    s = _SectionTable("一、患者基本信息")
    born = EMPTY
    if p.birth_date:
        born = f"{fmt_date(p.birth_date)}（{_age(p.birth_date, registered_on)}）"
    if p.id_number:
        id_cell = _v(p.id_number)
    else:
        id_cell = _v("无证件号码" + (f"（原因：{p.id_missing_reason.strip()}）" if p.id_missing_reason else ""))
    s.pair("姓名", para(markup(p.name), "strong"), "性别", _v(L.label(L.SEX, p.sex, EMPTY)))
    s.pair("出生日期", _v(born), "联系电话", _v(p.phone))
    s.pair("证件类型", _v(L.label(L.ID_TYPE, p.id_type, EMPTY)), "证件号码", id_cell)
    s.pair("职业", _v(p.occupation), "工作单位", _v(p.workplace))
    s.wide("现住址", _v(p.address, WIDE_W))
    return s.table()


def _travel(sr: ScreeningRecord) -> list[Cell]:
    if not sr.inputs.travel:
        return ["无"]
    cells: list[Cell] = []
    for entry in sr.inputs.travel:
        when = f"最后停留 {fmt_date(entry.last_date)}" if entry.last_date else "日期不详"
        cells.append(_v(f"{entry.area}（{when}）", WIDE_W))
    return cells


def _screening(detail: VisitDetail, tz: ZoneInfo) -> Table:
    sr = detail.screening
    i = sr.inputs
    s = _SectionTable("二、流行病学筛查")
    temp = f"{i.temperature_c:.1f}℃（{L.label(L.TEMP_METHOD, i.temp_method, '测量方式不详')}）"
    onset = detail.onset_date or i.onset_date
    s.pair("体温", para(temp, "strong"), "发病日期", fmt_date(onset))
    s.wide("症状", _v("、".join(L.labels(L.SYMPTOM, i.symptoms)) or "无", WIDE_W))
    s.lines("14天旅居史", _travel(sr))
    s.pair("病例接触史", _yes_no(i.contact_case), "聚集性发病", _yes_no(i.cluster))
    occupation = "否" if i.occupation in ("", Occupation.NONE) else f"是（{L.label(L.OCCUPATION, i.occupation)}）"
    s.pair("健康码", _v(L.label(L.HEALTH_CODE, i.health_code, EMPTY)), "高风险岗位", _v(occupation))
    doses = "不详" if detail.vaccination_doses is None else (
        "未接种" if detail.vaccination_doses == 0 else f"{detail.vaccination_doses} 剂")
    s.pair("在外购买\n退热药", _yes_no(i.antipyretic_elsewhere), "新冠疫苗接种", doses)
    screener = detail.nurse_name if sr.nurse == detail.nurse_username else ""
    s.pair("筛查时间", local_time(sr.screened_at, tz), "筛查护士", _v(_user(screener, sr.nurse)))
    return s.table()


def _decision(sr: ScreeningRecord) -> Table:
    s = _SectionTable("三、分诊结论")
    final = L.decision_label(sr.decision)
    computed = L.decision_label(sr.computed_decision)
    s.pair("分诊结论", para(markup(final), "decision"), "系统判定", _v(computed))
    reasons = L.labels(L.REASON, sr.reasons)
    reason_text = "；".join(f"{n}. {markup(r)}" for n, r in enumerate(reasons, 1)) if reasons else "无"
    s.wide("判定依据", para(reason_text))
    if sr.override_reason or sr.decision != sr.computed_decision:
        direction = _override_direction(sr.computed_decision, sr.decision)
        s.wide("调整原因", para(f"{direction}{markup(sr.override_reason)}"))
    return s.table()


def _override_direction(computed: str, final: str) -> str:
    try:
        a, b = Decision.from_code(computed), Decision.from_code(final)
    except KeyError:
        return ""
    if b > a:
        return "护士升级分诊："
    if b < a:
        return "护士降级分诊："
    return ""


def _handoffs(detail: VisitDetail, tz: ZoneInfo) -> Table:
    s = _SectionTable("四、转运交接")
    if not detail.handoffs:
        s.banner("无转运交接记录。")
        return s.table()
    many = len(detail.handoffs) > 1
    for n, h in enumerate(detail.handoffs, 1):
        if many:
            s.banner(f"第 {n} 次转运")
        _handoff_rows(s, h, tz, detail)
    return s.table()


def _handoff_rows(s: _SectionTable, h: HandoffRecord, tz: ZoneInfo, detail: VisitDetail) -> None:
    sender = detail.nurse_name if h.sent_by == detail.nurse_username else ""
    s.pair("陪同人员", _v(h.escort), "交接状态", _v(L.label(L.HANDOFF_STATE, h.state, EMPTY)))
    s.pair("送出时间", local_time(h.sent_at, tz), "送出人", _v(_user(sender, h.sent_by)))
    s.pair("接收时间", local_time(h.received_at, tz), "接收人", _v(h.received_by))
    if h.state == HandoffState.LEFT_WITHOUT_PERMISSION or h.incident_note or h.incident_noticed_by:
        parts = [
            f"发现人：{markup(h.incident_noticed_by)}",
            f"已报告：{markup(h.incident_reported_to)}",
            f"说明：{markup(h.incident_note)}",
        ]
        s.wide("异常情况", para("；".join(parts)))


def _signatures() -> Flowable:
    line = ""
    t = Table(
        [["登记护士签名：", line, "患者或家属签名：", line, "日期：", line]],
        colWidths=[26 * mm, 34 * mm, 30 * mm, 34 * mm, 12 * mm, 44 * mm],
        rowHeights=[12 * mm],
    )
    t.setStyle(cjk_table_style([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("LINEBELOW", (1, 0), (1, 0), 0.8, colors.black),
        ("LINEBELOW", (3, 0), (3, 0), 0.8, colors.black),
        ("LINEBELOW", (5, 0), (5, 0), 0.8, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
    ]))
    note = para("本表含患者完整身份信息，仅供本院存档及疫情报告使用，请妥善保管，不得交患者带离。", "note")
    return KeepTogether([Spacer(1, 4 * mm), t, Spacer(1, 3 * mm), note])


def registration_form_pdf(detail: VisitDetail, clinic: ClinicInfo, printed_at: datetime) -> bytes:
    """The A4 registration form as PDF bytes; times are printed in the clinic's zone."""
    tz = ZoneInfo(clinic.timezone)
    story: list[Flowable] = [
        *_header(detail, clinic, tz, printed_at),
        _patient(detail.patient, local_date(detail.registered_at, tz)),
        Spacer(1, 2.5 * mm),
        _screening(detail, tz),
        Spacer(1, 2.5 * mm),
        _decision(detail.screening),
        Spacer(1, 2.5 * mm),
        _handoffs(detail, tz),
        _signatures(),
    ]
    return build_a4(story, title=f"{TITLE} {detail.visit_no}", author=clinic.name, subject=TITLE,
                    footer_left=f"{clinic.name}  {TITLE}  就诊号 {detail.visit_no}",
                    footer_right=f"打印时间 {local_time(printed_at, tz)}")
