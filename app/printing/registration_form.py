"""The A4 发热患者登记表 (fever patient registration form): the clinic's internal paper record.

It carries the full identity (ID number included) because it stays in the clinic's files; anything
that leaves the desk with the patient is the guide slip instead (masked name only).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table
from reportlab.platypus.flowables import Flowable

from app import vocabulary as V
from app.vocabulary import casework as VC
from app.vocabulary import triage as VP
from app.printing.a4 import CONTENT_W, LABEL_BG, build_a4, grid_style, heading, para
from app.printing.fonts import cjk_table_style
from app.printing.form_grid import (
    LABEL_W,
    WIDE_W,
    Cell,
    SectionTable,
    age_text,
    cell,
    user_text,
    visit_no_para,
    yes_no,
)
from app.printing.qr import QRFlowable
from app.printing.text import EMPTY, fmt_date, local_date, local_time, markup
from app.printing import vitals_text as VS
from app.triage.records import HandoffRecord, PatientRecord, ScreeningRecord, VisitDetail
from app.triage.vocab import Decision, HandoffState, Occupation

if TYPE_CHECKING:
    from app.clinic_info import ClinicInfo

TITLE = "发热患者登记表"
QR_SIZE = 24 * mm
VISIT_LABEL_W = 16 * mm
VISIT_W = 86 * mm
META_W = CONTENT_W - VISIT_LABEL_W - VISIT_W - LABEL_W
WRITE_H = 6.5 * mm  # room for handwriting in a blank cell


def _header(detail: VisitDetail, clinic: ClinicInfo, tz: ZoneInfo, printed_at: datetime) -> list[Flowable]:
    side = QR_SIZE + 2 * mm
    top = heading(clinic.name, TITLE, QRFlowable(detail.visit_no, QR_SIZE, "M"), side)
    meta = Table(
        [
            ["就诊号", visit_no_para(detail.visit_no, VISIT_W), "登记时间", local_time(detail.registered_at, tz)],
            ["", "", "登记护士", cell(user_text(detail.nurse_name, detail.nurse_username), META_W)],
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
    ], top=2.5, bottom=3))
    return [top, Spacer(1, 1.5 * mm), meta, Spacer(1, 1.5 * mm)]


def _patient(p: PatientRecord, registered_on: date) -> Table:
    s = SectionTable("一、患者基本信息")
    born = EMPTY
    if p.birth_date:
        born = f"{fmt_date(p.birth_date)}（{age_text(p.birth_date, registered_on)}）"
    if p.id_number:
        id_cell = cell(p.id_number)
    else:
        id_cell = cell("无证件号码" + (f"（原因：{p.id_missing_reason.strip()}）" if p.id_missing_reason else ""))
    s.pair("姓名", para(markup(p.name), "strong"), "性别", cell(V.label(VP.SEX, p.sex, EMPTY)))
    s.pair("出生日期", cell(born), "联系电话", cell(p.phone))
    s.pair("证件类型", cell(V.label(VP.ID_TYPE, p.id_type, EMPTY)), "证件号码", id_cell)
    s.pair("职业", cell(p.occupation), "工作单位", cell(p.workplace))
    s.wide("现住址", cell(p.address, WIDE_W))
    return s.table()


def _travel(sr: ScreeningRecord) -> list[Cell]:
    if not sr.inputs.travel:
        return ["无"]
    cells: list[Cell] = []
    for entry in sr.inputs.travel:
        when = f"最后停留 {fmt_date(entry.last_date)}" if entry.last_date else "日期不详"
        cells.append(cell(f"{entry.area}（{when}）", WIDE_W))
    return cells


def _screening(detail: VisitDetail, tz: ZoneInfo) -> Table:
    sr = detail.screening
    i = sr.inputs
    s = SectionTable("二、流行病学筛查")
    temp = f"{i.temperature_c:.1f}℃（{V.label(VP.TEMP_METHOD, i.temp_method, '测量方式不详')}）"
    onset = detail.onset_date or i.onset_date
    # beside it the other readings of the set taken at the desk ("—" each when only the temperature was taken)
    vitals = sr.vital_signs.vitals if sr.vital_signs else None
    s.wide("体温", para(f"<b>{temp}</b>{VS.GAP}{VS.readings_markup(vitals, temperature=False)}"))
    s.pair("症状", cell("、".join(V.labels(VP.SYMPTOM, i.symptoms)) or "无"), "发病日期", fmt_date(onset))
    s.lines("14天旅居史", _travel(sr))
    s.pair("病例接触史", yes_no(i.contact_case), "聚集性发病", yes_no(i.cluster))
    occupation = "否" if i.occupation in ("", Occupation.NONE) else f"是（{V.label(VP.OCCUPATION, i.occupation)}）"
    s.pair("健康码", cell(V.label(VP.HEALTH_CODE, i.health_code, EMPTY)), "高风险岗位", cell(occupation))
    doses = "不详" if detail.vaccination_doses is None else (
        "未接种" if detail.vaccination_doses == 0 else f"{detail.vaccination_doses} 剂")
    s.pair("外购退热药", yes_no(i.antipyretic_elsewhere), "新冠疫苗接种", doses)
    s.pair("筛查时间", local_time(sr.screened_at, tz), "筛查护士", cell(_person(detail, sr.nurse)))
    return s.table()


def _severity(sr: ScreeningRecord) -> str:
    """How sick, below the epidemic decision, in one row (the form stays one page): the level of the desk's set,
    NEWS2 (the readings above show what a partial total lacks) and the reasons."""
    rec = sr.vital_signs
    if rec is None:
        return f"{EMPTY}{VS.GAP}NEWS2 {EMPTY}"
    text = f"<b>{markup(VS.level_text(rec))}</b>{VS.GAP}NEWS2 {markup(VS.news2_text(rec, name_missing=False))}"
    reasons = VS.reasons_text(rec, news2=False)
    if reasons:
        text += f"{VS.GAP}依据：{markup(reasons)}"
    return text


def _decision(sr: ScreeningRecord) -> Table:
    s = SectionTable("三、分诊结论")
    final = VP.decision_words(sr.decision)
    computed = VP.decision_words(sr.computed_decision)
    # a patient going to the doctor at once (level I/II), whatever the epidemic decision, says so beside it
    urgent = f'{VS.GAP}<font size="11">立即送医生处</font>' if sr.urgent else ""
    s.pair("分诊结论", para(markup(final) + urgent, "decision"), "系统判定", cell(computed))
    reasons = VP.reasons_words(sr.reasons)
    reason_text = "；".join(f"{n}. {markup(r)}" for n, r in enumerate(reasons, 1)) if reasons else "无"
    s.wide("判定依据", para(reason_text))
    if sr.override_reason or sr.decision != sr.computed_decision:
        direction = _override_direction(sr.computed_decision, sr.decision)
        s.wide("调整原因", para(f"{direction}{markup(sr.override_reason)}"))
    s.wide("病情分级", para(_severity(sr)))
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
    s = SectionTable("四、引导交接及接诊去向")
    if not detail.handoffs:
        s.banner("无引导交接记录。")
    many = len(detail.handoffs) > 1
    for n, h in enumerate(detail.handoffs, 1):
        if many:
            s.banner(f"第 {n} 次引导")
        _handoff_rows(s, h, tz, detail)
    if many:
        s.banner("发热门诊接诊")
    _outcome(s, detail)
    return s.table()


def _person(detail: VisitDetail, username: str | None) -> str:
    """``李秀英(nurse_li)``: the real name to read, the log-in name to trace in the audit trail."""
    if username == detail.nurse_username:
        return user_text(detail.nurse_name, username)
    return user_text(detail.people.get(username or ""), username)


def _handoff_rows(s: SectionTable, h: HandoffRecord, tz: ZoneInfo, detail: VisitDetail) -> None:
    s.pair("陪同人员", cell(h.escort), "交接状态", cell(V.label(VP.HANDOFF_STATE, h.state, EMPTY)))
    s.pair("送出时间", local_time(h.sent_at, tz), "送出人", cell(_person(detail, h.sent_by)))
    s.pair("接收时间", local_time(h.received_at, tz), "接收人", cell(_person(detail, h.received_by)))
    if h.state == HandoffState.LEFT_WITHOUT_PERMISSION or h.incident_note or h.incident_noticed_by:
        parts = [
            f"发现人：{markup(_person(detail, h.incident_noticed_by))}",
            f"已报告：{markup(h.incident_reported_to)}",
            f"说明：{markup(h.incident_note)}",
        ]
        s.wide("异常情况", para("；".join(parts)))


def _write_in(value: str) -> Cell:
    """The value, or room to write it by hand (the case is not taken yet, or has no diagnosis yet)."""
    return cell(value) if value else Spacer(1, WRITE_H)


def _outcome(s: SectionTable, detail: VisitDetail) -> None:
    """接诊医生 / 初步诊断 / 去向: filled from the fever-clinic case when it has them, else lines to write on."""
    diagnosis = V.label(VC.CLASSIFICATION, detail.classification) if detail.classification else ""
    s.pair("接诊医生", _write_in(detail.doctor_name), "初步诊断", _write_in(diagnosis))
    s.wide("去向", _write_in(V.label(VC.DISPOSITION, detail.disposition) if detail.disposition else ""))


def _signatures() -> Flowable:
    line = ""
    t = Table(
        [["登记护士签名：", line, "患者或家属签名：", line, "日期：", line]],
        colWidths=[26 * mm, 34 * mm, 30 * mm, 34 * mm, 12 * mm, 44 * mm],
        rowHeights=[10 * mm],
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
    note = para("本表含患者完整身份信息，仅供本机构存档及疫情报告使用，请妥善保管，不得交患者带离。", "note")
    return KeepTogether([Spacer(1, 1.5 * mm), t, Spacer(1, 1.5 * mm), note])


def registration_form_pdf(detail: VisitDetail, clinic: ClinicInfo, printed_at: datetime) -> bytes:
    """The A4 registration form as PDF bytes; times are printed in the clinic's zone."""
    tz = ZoneInfo(clinic.timezone)
    story: list[Flowable] = [
        *_header(detail, clinic, tz, printed_at),
        _patient(detail.patient, local_date(detail.registered_at, tz)),
        Spacer(1, 2 * mm),
        _screening(detail, tz),
        Spacer(1, 2 * mm),
        _decision(detail.screening),
        Spacer(1, 2 * mm),
        _handoffs(detail, tz),
        _signatures(),
    ]
    return build_a4(story, title=f"{TITLE} {detail.visit_no}", author=clinic.name, subject=TITLE,
                    footer_left=f"{clinic.name}  {TITLE}  就诊号 {detail.visit_no}",
                    footer_right=f"打印时间 {local_time(printed_at, tz)}")
