"""The layout every narrow slip shares (58/80 mm thermal rolls, A6): centred styles, a one-line big
number, a centred QR and a page exactly as tall as its content.

Shared by the guide slip and the permit card so a thermal printer sees one family of paper, and a
fix to the roll layout (margins, page height) reaches every slip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table

from app.printing.a4 import CREATOR
from app.printing.fonts import cjk_table_style, register_cjk_fonts
from app.printing.text import markup


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


def geometry(size: str, sizes: Sequence[str] = tuple(SLIP_SIZES)) -> SlipGeometry:
    """The geometry of ``size``; a size the document does not offer is a ValueError naming the choices."""
    if size not in sizes or size not in SLIP_SIZES:
        raise ValueError(f"unknown slip size {size!r}; expected one of {', '.join(sizes)}")
    return SLIP_SIZES[size]


def slip_style(name: str, size: float, bold: bool = False, center: bool = True, **kw: Any) -> ParagraphStyle:
    """A CJK-wrapping style in the embedded font, centred unless told otherwise."""
    regular, bold_font = register_cjk_fonts()
    return ParagraphStyle(name, fontName=bold_font if bold else regular, fontSize=size, leading=size * 1.3,
                          alignment=TA_CENTER if center else 0, wordWrap="CJK", **kw)


def one_line(text: str, width: float, max_size: float, min_size: float = 8.0) -> Paragraph:
    """A number staff read aloud or type in, bold on one line, as large as fits ``width``."""
    _, bold = register_cjk_fonts()
    size = max(min_size, min(max_size, width / max(stringWidth(text, bold, 1), 1e-6)))
    size = int(size * 2) / 2
    return Paragraph(markup(text), slip_style("slip-number", size, bold=True))


def dashed_rule() -> HRFlowable:
    """The tear-line rule between a slip's sections."""
    return HRFlowable(width="100%", thickness=0.6, color=colors.black, dash=(2, 2), spaceBefore=2, spaceAfter=3)


def field_table(cells: list[list[Any]], label_w: float, width: float, pad: float = 1.5,
                extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """Label / value rows without rules, flush left: a slip is read at a glance, not filled in."""
    table = Table(cells, colWidths=[label_w, width - label_w], hAlign="LEFT")
    table.setStyle(cjk_table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        *extra,
    ]))
    return table


def one_page_canvas(buf: BytesIO, width: float, height: float, *, title: str, author: str) -> Canvas:
    """A canvas in the embedded font (no unembedded Helvetica in the resources) with the clinic's metadata."""
    regular, _ = register_cjk_fonts()
    # types-reportlab types initialFontName as a number; ReportLab takes the font's name
    canvas = Canvas(buf, pagesize=(width, height), initialFontName=regular)  # type: ignore[arg-type]
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(CREATOR)
    return canvas


class Centered(Flowable):
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


def slip_pdf(story: list[Flowable], g: SlipGeometry, *, title: str, author: str) -> bytes:
    """Stack ``story`` top-down on one page; a roll's page is exactly as tall as the content."""
    heights = [f.wrap(g.content_width, 10_000)[1] for f in story]
    content_h = sum(heights) + sum(f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    page_h = g.page_height if g.page_height is not None else content_h + 2 * g.margin_y
    buf = BytesIO()
    canvas = one_page_canvas(buf, g.page_width, page_h, title=title, author=author)
    x = (g.page_width - g.content_width) / 2
    y = page_h - g.margin_y
    for flowable, h in zip(story, heights, strict=True):
        y -= flowable.getSpaceBefore() + h
        flowable.drawOn(canvas, x, y)
        y -= flowable.getSpaceAfter()
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
