"""The A4 日报告 / 零报告 printout: one clinic day's counts, the audit chain anchor and a 28-day chart
of fever-clinic visits with the EARS alarm line.

Paper is what the clinic files and what an inspector signs off, so it must say plainly which day,
which version and whether it is a zero report, and carry the same audit anchor the county received.
Counts only — no patient's name, ID number or address ever reaches this module. It ends with who answers
for it (issue 15): 填报人 (the real name of whoever submitted it, or prints the draft), 审核人 and 负责人 (the
clinic setting, else lines to sign on), the clinic's phone, the date, and a seal box.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table
from reportlab.platypus.flowables import Flowable

from app import vocabulary as V
from app.vocabulary import report as VR
from app.vocabulary.stock import item_number_text
from app.clinic_contacts import ClinicContacts
from app.printing.a4 import CONTENT_W, build_a4, grid_style, heading, para
from app.printing.form_grid import SectionTable, cell, column_table
from app.printing.fonts import register_cjk_fonts
from app.printing.text import DATE_FORMAT, local_time, markup
from app.reporting.ears import ears
from app.reporting.series import c1_limits

if TYPE_CHECKING:
    from app.clinic_info import ClinicInfo

CHART_DAYS = 28
CHART_H = 40 * mm  # with the counts (issue 18 added 4 rows) and the sign-off, one page
ZERO_BANNER_H = 13 * mm  # a zero report's chart gives the banner its room
BAR = colors.HexColor("#7A93B8")
ALARM = colors.HexColor("#C62828")
LIMIT = colors.HexColor("#333333")
ZERO_BG = colors.HexColor("#FFF4CC")
CAPTION = ("柱为每日发热门诊登记人数，红柱为 EARS 报警日（C1/C2/C3 任一）；柱高超过虚线即触发 C1 报警，虚线为"
           " C1 预警线：前 7 天均值加 3 倍标准差（标准差至少按 0.5 计）。")


def title_of(zero_report: bool) -> str:
    """零报告 is its own document to the county, so it is the title, not a footnote."""
    return "零报告" if zero_report else "日报告"


def status_text(status: str, version: int | None) -> str:
    """``已提交 第2版``: a correction is a new version, so the version is part of the status."""
    words = V.label(VR.REPORT_STATUS, status, "—")
    return f"{words} 第{version}版" if version else words


LOWEST_ITEM = "stock_lowest_item"  # issue 18: named beside the lowest days of cover, not a row of its own


def _label(key: str, counts: dict[str, int]) -> str:
    label = V.label(VR.REPORT_COUNT, key)
    if key == "stock_lowest_cover_days" and LOWEST_ITEM in counts:
        label += f"（{item_number_text(counts[LOWEST_ITEM], 'zh_CN')}）"
    return label


def _counts_table(counts: dict[str, int]) -> Table:
    """Two label/count pairs a row, in the labels' order; unknown keys (a newer database) print last."""
    known = [k for k in VR.REPORT_COUNT if k in counts]
    keys = known + sorted(k for k in counts if k not in VR.REPORT_COUNT)
    items = [(_label(k, counts), str(counts[k])) for k in keys if k != LOWEST_ITEM]
    half = (len(items) + 1) // 2
    left, right = items[:half], items[half:] + [("", "")] * (2 * half - len(items))
    rows: list[list[str]] = [["当日计数", "", "", ""], ["项目", "数量", "项目", "数量"]]
    rows += [[a, b, c, d] for (a, b), (c, d) in zip(left, right)]
    count_w = 18 * mm
    widths = [CONTENT_W / 2 - count_w, count_w] * 2
    # tighter rows than a form's, so all the counts and the 28-day chart stay on one page
    return column_table(rows, widths, [("ALIGN", (0, 2), (0, -1), "LEFT"), ("ALIGN", (2, 2), (2, -1), "LEFT"),
                                        ("ALIGN", (1, 2), (1, -1), "RIGHT"), ("ALIGN", (3, 2), (3, -1), "RIGHT"),
                                        ("TOPPADDING", (0, 2), (-1, -1), 1), ("BOTTOMPADDING", (0, 2), (-1, -1), 1.5)],
                        size=8.5, leading=10)


def _nice_top(value: float) -> tuple[int, int]:
    """An axis top and step that divide evenly (so bar and line positions can be computed)."""
    top = max(4, int(value) + 1)
    step = next(m * 10**e for e in range(12) for m in (1, 2, 5) if top / (m * 10**e) <= 8)
    return -(-top // step) * step, step


def _box(x: float, y: float, w: float, h: float, fill: colors.Color) -> Rect:
    """A filled rectangle without an outline (set as attributes: the stubs' keyword types are too narrow)."""
    box = Rect(x, y, w, h)
    box.fillColor, box.strokeColor = fill, None
    return box


def _legend(d: Drawing, y: float, font: str) -> None:
    x = 0.0
    for kind, text in (("bar", "每日发热门诊登记人数"), ("alarm", "EARS 报警日"), ("line", "C1 预警线")):
        if kind == "line":
            d.add(Line(x, y + 3, x + 14, y + 3, strokeColor=LIMIT, strokeWidth=1.2, strokeDashArray=[3, 2]))
        else:
            d.add(_box(x, y, 10, 7, ALARM if kind == "alarm" else BAR))
        d.add(String(x + 18, y, text, fontName=font, fontSize=8))
        x += 30 + 8 * len(text)


def _chart(series: Sequence[tuple[date, int]], width: float = CONTENT_W, height: float = CHART_H) -> Drawing:
    """Bars for the last 28 days; EARS runs over the whole series so earlier days can form the baseline."""
    regular, _ = register_cjk_fonts()
    days, counts = [d for d, _ in series], [n for _, n in series]
    scores, limits = ears(days, counts), c1_limits(counts)
    first = max(0, len(series) - CHART_DAYS)
    days, counts, scores, limits = days[first:], counts[first:], scores[first:], limits[first:]
    d = Drawing(width, height, initialFontName=regular)  # else the renderer selects (unembedded) Helvetica
    _legend(d, height - 9, regular)
    if not counts:
        d.add(String(width / 2, height / 2, "无数据", fontName=regular, fontSize=10, textAnchor="middle"))
        return d
    top, step = _nice_top(max([*counts, *(v for v in limits if v is not None)]))
    bc = VerticalBarChart()
    bc.x, bc.y = 24, 30
    bc.width, bc.height = width - 30, height - 30 - 18  # type: ignore[assignment]  # stubs say int; points are float
    bc.data = [counts]
    bc.valueAxis.valueMin, bc.valueAxis.valueMax, bc.valueAxis.valueStep = 0, top, step
    bc.valueAxis.labels.fontName, bc.valueAxis.labels.fontSize = regular, 7
    bc.valueAxis.visibleGrid, bc.valueAxis.gridStrokeColor = True, colors.HexColor("#E0E0E0")
    axis = bc.categoryAxis
    axis.categoryNames = [day.strftime("%m-%d") for day in days]
    axis.labels.fontName, axis.labels.fontSize, axis.labels.angle = regular, 6.5, 45
    axis.labels.boxAnchor, axis.labels.dx, axis.labels.dy = "ne", 3, -2
    bc.bars[0].fillColor, bc.bars[0].strokeColor = BAR, None
    for i, score in enumerate(scores):
        if score.alarm:
            bc.bars[(0, i)].fillColor = ALARM
    d.add(bc)
    slot = bc.width / len(counts)
    y_of = lambda v: bc.y + v / top * bc.height  # noqa: E731
    points: list[float] = []
    for i, limit in enumerate(limits):
        if limit is not None:
            points += [bc.x + i * slot, y_of(limit), bc.x + (i + 1) * slot, y_of(limit)]
    if points:
        d.add(PolyLine(points, strokeColor=LIMIT, strokeWidth=1.2, strokeDashArray=[3, 2]))
    for i, n in enumerate(counts):  # after the line, on white, so the line never strikes a number through
        if n:
            x, y, text = bc.x + (i + 0.5) * slot, y_of(n) + 1.5, str(n)
            w = stringWidth(text, regular, 6.5)
            d.add(_box(x - w / 2 - 1, y - 1, w + 2, 7.5, colors.white))
            d.add(String(x, y, text, fontName=regular, fontSize=6.5, textAnchor="middle"))
    return d


#: 病例零报告: what makes a day a zero report (app.reporting.daily.is_zero_report), said on the paper.
ZERO_TEXT = "零报告：本日无新增疑似、确诊病例和无症状感染者，无核酸或抗原阳性结果。"


def _zero_banner() -> Table:
    t = Table([[para(ZERO_TEXT, "decision")]], colWidths=[CONTENT_W])
    t.setStyle(grid_style([("BOX", (0, 0), (-1, -1), 1.5, colors.black), ("BACKGROUND", (0, 0), (-1, -1), ZERO_BG),
                           ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 6),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
    return t


def _sign_off(reporter: str, contacts: ClinicContacts, printed_at: datetime, tz: str) -> Table:
    """填报人 / 审核人 / 负责人 on lines (the name printed, room left to sign after it), the phone and the date
    below, and the seal box at the right; what the clinic has not set is a blank line."""
    seal_w, label_w = 34 * mm, 14 * mm
    line_w = (CONTENT_W - seal_w) / 3 - label_w
    people = [("填报人", reporter), ("审核人", contacts.reviewer), ("负责人", contacts.head)]
    rows: list[list[Any]] = [
        [*(c for label, name in people for c in (f"{label}：", name)), "（本机构盖章）"],
        ["电话：", contacts.phone, "日期：", local_time(printed_at, tz, DATE_FORMAT), "", "", ""],
    ]
    t = Table(rows, colWidths=[label_w, line_w] * 3 + [seal_w], rowHeights=[11 * mm, 9 * mm])
    t.setStyle(grid_style([
        ("GRID", (0, 0), (-1, -1), 0, colors.white), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *[("LINEBELOW", (c, 0), (c, 0), 0.8, colors.black) for c in (1, 3, 5)],
        ("LINEBELOW", (1, 1), (1, 1), 0.8, colors.black), ("LINEBELOW", (3, 1), (3, 1), 0.8, colors.black),
        ("SPAN", (6, 0), (6, 1)), ("BOX", (6, 0), (6, 1), 0.8, colors.black),
        ("VALIGN", (6, 0), (6, 1), "TOP"), ("ALIGN", (6, 0), (6, 1), "CENTER"),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
    ]))
    return t


def daily_report_pdf(clinic: ClinicInfo, day: date, counts: dict[str, int], *, zero_report: bool, status: str,
                     version: int | None, series: list[tuple[date, int]], audit_seq: int, audit_hash: str,
                     printed_at: datetime, open_alerts: int = 0, reporter: str = "",
                     contacts: ClinicContacts | None = None) -> bytes:
    """The day's report on A4. ``status`` is ``draft``, ``submitted`` or ``automatic``; ``series`` is
    (day, fever-clinic visits) ending on ``day`` — pass 11 extra leading days so every bar has EARS.
    ``reporter``: the full name for 填报人; ``contacts``: the clinic setting (phone, 审核人, 负责人)."""
    title = title_of(zero_report)
    info = SectionTable("报告信息")
    info.pair("报告机构", cell(clinic.name), "机构代码", cell(clinic.code))
    info.pair("报告日期", day.strftime(DATE_FORMAT), "状态", cell(status_text(status, version)))
    info.pair("未确认预警", f"{open_alerts} 条", "打印时间", local_time(printed_at, clinic.timezone))
    info.wide("审计链锚点", para(f"序号 #{audit_seq}<br/>{markup(audit_hash)}"))
    story: list[Flowable] = [heading(clinic.name, f"发热哨点{title}"), Spacer(1, 4 * mm)]
    if zero_report:
        story += [_zero_banner(), Spacer(1, 3 * mm)]
    story += [info.table(), Spacer(1, 3 * mm), _counts_table(counts), Spacer(1, 4 * mm),
              SectionTable(f"近 {CHART_DAYS} 天发热门诊就诊（EARS 预警）").table(),
              Spacer(1, 2 * mm), _chart(series, height=CHART_H - ZERO_BANNER_H if zero_report else CHART_H), Spacer(1, 1 * mm), para(CAPTION, "note"), Spacer(1, 1 * mm),
              _sign_off(reporter, contacts or ClinicContacts(), printed_at, clinic.timezone)]
    return build_a4(story, title=f"{title} {day:%Y-%m-%d}", author=clinic.name, subject=f"{clinic.code} {title}",
                    footer_left=f"{clinic.name}（{clinic.code}）{title} {day:%Y-%m-%d}",
                    footer_right=status_text(status, version))
