"""The 发热门诊引导单 (guide slip) the patient carries to the fever clinic.

It leaves the desk, so it shows only the masked name, never the ID number or any diagnosis; the QR
holds nothing but the visit number, which the fever clinic scans to receive the hand-off.
Thermal rolls (58/80 mm) get a page exactly as tall as the content; A6 is a fixed sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table

from app.printing.fonts import cjk_table_style, register_cjk_fonts
from app.printing.qr import QRFlowable
from app.printing.text import local_time, markup
from app.privacy import mask_name

TITLE = "发热门诊引导单"


@dataclass(frozen=True)
class GuideSlip:
    clinic_name: str
    visit_no: str
    patient_name: str  # masked when printed
    sent_at: datetime
    timezone: str
    destination: str = "发热门诊"
    escort: str = ""


@dataclass(frozen=True)
class SlipGeometry:
    page_width: float
    content_width: float
    qr_size: float  # including the 4-module quiet zone
    scale: float  # text size relative to the 58 mm roll
    page_height: float | None = None  # None: as tall as the content (thermal roll)
    margin_y: float = 4 * mm


SLIP_SIZES: dict[str, SlipGeometry] = {
    # 44 mm with its quiet zone leaves a ≥ 31 mm symbol: scannable off low-contrast thermal paper.
    "58mm": SlipGeometry(58 * mm, 48 * mm, 44 * mm, 1.0),
    "80mm": SlipGeometry(80 * mm, 72 * mm, 54 * mm, 1.3),
    "A6": SlipGeometry(A6[0], A6[0] - 16 * mm, 50 * mm, 1.3, page_height=A6[1], margin_y=8 * mm),
}


def _style(name: str, size: float, bold: bool = False, center: bool = True, **kw: object) -> ParagraphStyle:
    regular, bold_font = register_cjk_fonts()
    return ParagraphStyle(name, fontName=bold_font if bold else regular, fontSize=size, leading=size * 1.3,
                          alignment=TA_CENTER if center else 0, wordWrap="CJK", **kw)


def _visit_no(text: str, width: float, max_size: float) -> Paragraph:
    """The visit number on one line, as large as fits (it is what staff read aloud)."""
    _, bold = register_cjk_fonts()
    size = max(8.0, min(max_size, width / max(stringWidth(text, bold, 1), 1e-6)))
    size = int(size * 2) / 2
    return Paragraph(markup(text), _style("slip-visit", size, bold=True))


class _Centered(Flowable):
    """Centre a fixed-width flowable (the QR) within the content width."""

    def __init__(self, inner: Flowable, width: float) -> None:
        super().__init__()
        self.inner = inner
        self.width = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.inner.wrap(availWidth, availHeight)
        self.inner_w, self.height = w, h
        return self.width, h

    def draw(self) -> None:
        self.inner.drawOn(self.canv, (self.width - self.inner_w) / 2, 0)


def _story(slip: GuideSlip, g: SlipGeometry) -> list[Flowable]:
    s = g.scale
    w = g.content_width
    rule = HRFlowable(width="100%", thickness=0.6, color=colors.black, dash=(2, 2), spaceBefore=2, spaceAfter=3)
    rows = [
        ["姓名", markup(mask_name(slip.patient_name))],
        ["时间", local_time(slip.sent_at, slip.timezone)],
        ["前往", f"<b>{markup(slip.destination)}</b>"],
    ]
    if slip.escort.strip():
        rows.append(["陪同", markup(slip.escort)])
    label = _style("slip-label", 10 * s, center=False)
    value = _style("slip-value", 11 * s, center=False)
    big = _style("slip-dest", 13 * s, center=False)
    cells = [[Paragraph(k, label), Paragraph(v, big if k == "前往" else value)] for k, v in rows]
    table = Table(cells, colWidths=[11 * mm * s, w - 11 * mm * s])
    table.setStyle(cjk_table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return [
        Paragraph(markup(slip.clinic_name), _style("slip-clinic", 9 * s)),
        Paragraph(TITLE, _style("slip-title", 14 * s, bold=True)),
        rule,
        Paragraph("就诊号", _style("slip-small", 8 * s)),
        _visit_no(slip.visit_no, w, 20 * s),
        Spacer(1, 1 * mm),
        _Centered(QRFlowable(slip.visit_no, g.qr_size, "Q"), w),
        Spacer(1, 1 * mm),
        table,
        rule,
        Paragraph("请由陪同人员引导前往，途中全程佩戴口罩，不要自行离开。到达后请将本单交接诊护士扫码。",
                  _style("slip-note", 7.5 * s, center=False)),
    ]


def guide_slip_pdf(slip: GuideSlip, size: str) -> bytes:
    """The slip as PDF bytes for ``size`` in ``SLIP_SIZES`` ("58mm", "80mm", "A6")."""
    try:
        g = SLIP_SIZES[size]
    except KeyError:
        raise ValueError(f"unknown slip size {size!r}; expected one of {', '.join(SLIP_SIZES)}") from None
    regular, _ = register_cjk_fonts()
    story = _story(slip, g)
    heights = [f.wrap(g.content_width, 10_000)[1] for f in story]
    content_h = sum(heights) + sum(f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    page_h = g.page_height if g.page_height is not None else content_h + 2 * g.margin_y
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=(g.page_width, page_h), initialFontName=regular)
    canvas.setTitle(f"{TITLE} {slip.visit_no}")
    canvas.setAuthor(slip.clinic_name)
    canvas.setCreator("Fever Sentinel 发热哨点工作站")
    x = (g.page_width - g.content_width) / 2
    y = page_h - g.margin_y
    for flowable, h in zip(story, heights, strict=True):
        y -= flowable.getSpaceBefore() + h
        flowable.drawOn(canvas, x, y)
        y -= flowable.getSpaceAfter()
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
