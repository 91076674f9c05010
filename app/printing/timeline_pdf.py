"""The A4 病例全程时间线（责任倒查）: every audited act on one visit, every set of vital signs with its NEWS2 and
triage level (the pre-triage set first), and every time limit, on paper.

Printed when the clinic must show who did what and when (an inspection, a complaint, an outbreak
review). It is rebuilt from the hash-chained audit trail, so it shows refusals and failures too, and
names the audit sequence range it covers so a reader can check it against the trail. It stays in
the clinic's files, but shows only the masked patient name: the visit number identifies the case.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, LongTable, Paragraph, Spacer, Table
from reportlab.platypus.flowables import Flowable

from app.audit_vocab import Outcome
from app.casework.records import ClockRecord, TimelineEvent
from app.casework.vocab import ClockKind, ClockState
from app import vocabulary as V
from app.vocabulary import audit as VA
from app.vocabulary import casework as VC
from app.vocabulary import clinic as VK
from app.vocabulary.severity import RECORD
from app.printing.a4 import CONTENT_W, LABEL_BG, build_a4, grid_style, heading, para, styles
from app.printing.audit_text import summary_text
from app.printing.form_grid import column_table, user_text
from app.printing import vitals_text as VS
from app.printing.fonts import register_cjk_fonts
from app.printing.text import EMPTY, SECONDS_FORMAT, local_time, markup
from app.privacy import mask_name

if TYPE_CHECKING:
    from app.casework.timeline import Timeline
    from app.clinic_info import ClinicInfo

TITLE = "病例全程时间线（责任倒查）"
CELL_SIZE = 8.5
CELL_PAD = 3
EVENT_COLS = [10 * mm, 28.5 * mm, 22 * mm, 23.5 * mm, 21 * mm, 13 * mm]
EVENT_COLS.append(CONTENT_W - sum(EVENT_COLS))  # the summary takes what is left
VITALS_COLS = [28.5 * mm, 24 * mm, 15 * mm, 0.0, 26 * mm, 19 * mm]
VITALS_COLS[3] = CONTENT_W - sum(VITALS_COLS)  # the readings take what is left
CLOCK_COLS = [44 * mm, 31 * mm, 31 * mm, 31 * mm]
CLOCK_COLS.append(CONTENT_W - sum(CLOCK_COLS))
META_COLS = [20 * mm, 70 * mm, 20 * mm, CONTENT_W - 110 * mm]
BAD_BG = colors.HexColor("#F8D7D7")  # refused / failed rows: visible in colour and in grey print
BAD_TEXT = colors.HexColor("#B00000")
ROLE_COLOUR = "#505050"


@lru_cache(maxsize=1)
def _cell_styles() -> dict[str, ParagraphStyle]:
    """Smaller cells than the registration form: seven columns share the A4 width."""
    _, bold = register_cjk_fonts()
    base = ParagraphStyle("tl-cell", parent=styles()["value"], fontSize=CELL_SIZE, leading=11)
    return {
        "cell": base,
        "bad": ParagraphStyle("tl-bad", parent=base, fontName=bold, textColor=BAD_TEXT),
        # CJK wrapping lets a closing mark (。，；) hang past the line: keep room for it inside the rule
        "summary": ParagraphStyle("tl-summary", parent=base, rightIndent=CELL_SIZE * 0.5),
        "visit": ParagraphStyle("tl-visit", parent=styles()["strong"], fontSize=13, leading=16, wordWrap="CJK"),
    }


def _cell(text: str, style: str = "cell") -> Paragraph:
    """A wrapping cell from *already escaped* markup."""
    return Paragraph(text, _cell_styles()[style])


def _short(text: str, width: float) -> str | Paragraph:
    """Literal text drawn directly when it fits one line (half the cost of a wrapping paragraph)."""
    if "\n" not in text and stringWidth(text, register_cjk_fonts()[0], CELL_SIZE) <= width - 2 * CELL_PAD:
        return text
    return _cell(markup(text))


def _who(event: TimelineEvent) -> Paragraph:
    """The person's real name and log-in name (what the audit trail holds) over the roles they acted in."""
    roles = "、".join(V.label(VK.ROLE, r.strip()) for r in (event.roles or "").split(",") if r.strip())
    extra = f'<br/><font size="7" color="{ROLE_COLOUR}">{markup(roles)}</font>' if roles else ""
    return _cell(markup(user_text(event.full_name, event.username)) + extra)


def _event_rows(events: tuple[TimelineEvent, ...], tz: ZoneInfo) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """Table rows (section title and column heads first) and the style commands marking bad rows."""
    rows: list[list[Any]] = [
        ["一、操作记录（按审计序号）", "", "", "", "", "", ""],
        ["序号", "时间", "操作人", "工作站", "操作", "结果", "摘要"],
    ]
    marks: list[tuple[Any, ...]] = [("FONTSIZE", (1, 2), (1, -1), 8)]  # a timestamp to the second on one line
    for event in events:
        bad = event.outcome != Outcome.SUCCESS
        r = len(rows)
        rows.append([
            EMPTY if event.seq is None else str(event.seq),
            local_time(event.at, tz, SECONDS_FORMAT),
            _who(event),
            _short(event.workstation or EMPTY, EVENT_COLS[3]),
            _short(V.label(VA.ACTION, event.action, EMPTY), EVENT_COLS[4]),
            _cell(markup(V.label(VA.OUTCOME, event.outcome, EMPTY)), "bad") if bad else V.label(VA.OUTCOME, Outcome.SUCCESS),
            _cell(markup(summary_text(event.action, event.outcome, event.summary, tz)), "summary"),
        ])
        if bad:
            marks += [("BACKGROUND", (0, r), (-1, r), BAD_BG), ("LINEBEFORE", (0, r), (0, r), 2.5, BAD_TEXT)]
    if not events:
        rows.append(["本就诊没有审计记录。", "", "", "", "", "", ""])
        marks += [("SPAN", (0, 2), (-1, 2)), ("ALIGN", (0, 2), (-1, 2), "LEFT")]
    return rows, marks


def _vitals_rows(timeline: Timeline, tz: ZoneInfo) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """One row per set of observations, the pre-triage set first: when, who, where, the readings, NEWS2 (a
    partial total names what was not measured) and the level, bold when it sends the patient to the doctor at once."""
    rows: list[list[Any]] = [
        ["二、生命体征及 NEWS2（预检分诊在先）", "", "", "", "", ""],
        ["时间", "测量人", "场合", "读数", "NEWS2", "分级"],
    ]
    marks: list[tuple[Any, ...]] = [("ALIGN", (0, 2), (-1, -1), "LEFT"), ("FONTSIZE", (0, 2), (0, -1), 8)]
    for rec in timeline.vital_signs:
        where = "pre_triage" if rec == timeline.screening_vitals else "fever_clinic"
        level = VS.level_text(rec)
        rows.append([
            local_time(rec.taken_at, tz, SECONDS_FORMAT),
            _cell(markup(user_text(timeline.people.get(rec.username), rec.username))),
            _short(RECORD[where].zh, VITALS_COLS[2]),
            _cell(VS.readings_markup(rec.vitals)),
            _cell(markup(VS.news2_text(rec))),
            _cell(f"<b>{markup(level)}</b>") if VS.immediate(rec) else _short(level, VITALS_COLS[5]),
        ])
    if not timeline.vital_signs:
        rows.append(["本就诊没有记录生命体征。", "", "", "", "", ""])
        marks.append(("SPAN", (0, 2), (-1, 2)))
    return rows, marks


def _list(rows: list[list[Any]], widths: list[float], marks: list[tuple[Any, ...]],
          table_class: type[Table] = Table) -> Table:
    """Small cells: seven columns share the A4 width."""
    return column_table(rows, widths, marks, size=CELL_SIZE, leading=11, pad=CELL_PAD, table_class=table_class)


def _span(delta: timedelta) -> str:
    """``2天3小时`` / ``1小时5分`` / ``25分钟``: how far past (or before) a due moment."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}天{hours}小时"
    if hours:
        return f"{hours}小时{mins}分"
    return f"{mins}分钟"


def clock_verdict(clock: ClockRecord, now: datetime) -> tuple[str, bool]:
    """按时完成 / 超时完成 / 进行中 / 已超时 with how much, and whether it is a failure to meet the limit."""
    if clock.settled:
        return f"已结束（{V.label(VC.CLOCK_SETTLED, clock.settled_reason)}）", False
    if clock.met_at is not None:
        if clock.missed:
            return f"超时完成（超时 {_span(clock.met_at - clock.due_at)}）", True
        return "按时完成", False
    if clock.state(now) is ClockState.OVERDUE:
        return f"已超时（已超 {_span(now - clock.due_at)}）", True
    return f"进行中（剩余 {_span(clock.due_at - now)}）", False


def _clock_rows(clocks: tuple[ClockRecord, ...], tz: ZoneInfo, now: datetime
                ) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    rows: list[list[Any]] = [
        ["三、时限记录", "", "", "", ""],
        ["时限", "开始时间", "截止时间", "完成时间", "结论"],
    ]
    marks: list[tuple[Any, ...]] = []
    for clock in clocks:
        kind = V.label(VC.CLOCK_KIND, clock.kind, EMPTY)
        if clock.kind == ClockKind.RESULT and clock.ref_id is not None:
            kind += f"（检测单 #{clock.ref_id}）"
        verdict, bad = clock_verdict(clock, now)
        r = len(rows)
        rows.append([_cell(markup(kind)), local_time(clock.started_at, tz, SECONDS_FORMAT),
                     local_time(clock.due_at, tz, SECONDS_FORMAT), local_time(clock.met_at, tz, SECONDS_FORMAT),
                     _cell(markup(verdict), "bad" if bad else "cell")])
        if bad:
            marks.append(("BACKGROUND", (0, r), (-1, r), BAD_BG))
    if not clocks:
        rows.append(["本病例没有时限记录（未分类为需报告病例，也未开具核酸检测）。", "", "", "", ""])
        marks += [("SPAN", (0, 2), (-1, 2)), ("ALIGN", (0, 2), (-1, 2), "LEFT")]
    return rows, marks


def seq_range(events: tuple[TimelineEvent, ...]) -> str:
    """``#12–#87``: the audit rows this printout covers (clock verdicts have no sequence number)."""
    seqs = [e.seq for e in events if e.seq is not None]
    return f"#{min(seqs)}–#{max(seqs)}" if seqs else "无"


def _header(timeline: Timeline, clinic: ClinicInfo, tz: ZoneInfo, printed_at: datetime, printed_by: str
            ) -> list[Flowable]:
    meta = Table([
        ["就诊号", Paragraph(markup(timeline.visit_no), _cell_styles()["visit"]),
         "患者", para(markup(mask_name(timeline.patient_name)), "strong")],
        ["打印时间", local_time(printed_at, tz, SECONDS_FORMAT), "打印人", para(markup(printed_by))],
        ["审计序号", f"{seq_range(timeline.events)}（本就诊 {len(timeline.events)} 条）",
         "时限", f"{len(timeline.clocks)} 项"],
    ], colWidths=META_COLS)
    meta.setStyle(grid_style([
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG), ("BACKGROUND", (2, 0), (2, -1), LABEL_BG),
        ("FONTSIZE", (0, 0), (0, -1), 9.5), ("FONTSIZE", (2, 0), (2, -1), 9.5),
    ], top=3, bottom=3.5))
    return [heading(clinic.name, TITLE), Spacer(1, 3 * mm), meta, Spacer(1, 4 * mm)]


def _closing_note(timeline: Timeline, clinic: ClinicInfo, tz: ZoneInfo, printed_at: datetime) -> Flowable:
    text = (
        f"说明：本表由系统根据防篡改审计链（每条记录含前一条的哈希值，记录被改动、删除或插入均可核查发现）"
        f"重建，收录审计序号 {seq_range(timeline.events)} 中与本就诊相关的 {len(timeline.events)} 条记录，"
        f"被拒绝与失败的操作同样如实列出（红色底纹）。时间均为本机构时区（{markup(clinic.timezone)}）；"
        f"时限结论按打印时间 {local_time(printed_at, tz, SECONDS_FORMAT)} 计算。"
        "患者姓名已脱敏，完整身份以就诊号在系统中查询。"
    )
    return KeepTogether([Spacer(1, 3 * mm), para(text, "note")])


def case_timeline_pdf(timeline: Timeline, clinic: ClinicInfo, printed_at: datetime, printed_by: str) -> bytes:
    """The timeline as A4 PDF bytes: events in the order given (audit order), the sets of vital signs, then the
    clocks."""
    if printed_at.tzinfo is None:  # the app's convention: naive means UTC
        printed_at = printed_at.replace(tzinfo=timezone.utc)
    tz = ZoneInfo(clinic.timezone)
    event_rows, event_marks = _event_rows(timeline.events, tz)
    clock_rows, clock_marks = _clock_rows(timeline.clocks, tz, printed_at)
    vitals_rows, vitals_marks = _vitals_rows(timeline, tz)
    story: list[Flowable] = [
        *_header(timeline, clinic, tz, printed_at, printed_by),
        _list(event_rows, EVENT_COLS, event_marks, LongTable),
        Spacer(1, 4 * mm),
        _list(vitals_rows, VITALS_COLS, vitals_marks, LongTable),
        Spacer(1, 4 * mm),
        _list(clock_rows, CLOCK_COLS, clock_marks),
        _closing_note(timeline, clinic, tz, printed_at),
    ]
    return build_a4(
        story, title=f"{TITLE} {timeline.visit_no}", author=clinic.name, subject=TITLE,
        footer_left=f"{clinic.name}  {TITLE}  就诊号 {timeline.visit_no}",
        footer_right=f"打印 {local_time(printed_at, tz)} {printed_by}",
        footer_note=f"本时间线由防篡改审计链重建 · 审计序号 {seq_range(timeline.events)} · "
                    f"共 {len(timeline.events)} 条记录",
    )
