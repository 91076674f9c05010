"""What every A4 document of the clinic shares: margins, shades, paragraph styles, the centred
clinic-and-title heading and the numbered footer (第 n 页 / 共 N 页).

Kept in one place so the registration form and the case timeline look like one family of paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.printing.fonts import cjk_table_style, register_cjk_fonts
from app.printing.text import markup

PAGE_W, PAGE_H = A4
MARGIN_X = 15 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
VALUE_SIZE = 10
PAD = 4
GRID = colors.HexColor("#808080")
LABEL_BG = colors.HexColor("#F0F0F0")
SECTION_BG = colors.HexColor("#D9D9D9")
CREATOR = "Fever Sentinel 发热哨点工作站"


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, built once (after the fonts exist). CJK wrapping breaks long addresses anywhere."""
    regular, bold = register_cjk_fonts()
    base = ParagraphStyle("fs-base", fontName=regular, fontSize=10, leading=13.5, wordWrap="CJK")
    return {
        "value": base,
        "label": ParagraphStyle("fs-label", parent=base, fontSize=9.5),
        "strong": ParagraphStyle("fs-strong", parent=base, fontName=bold, fontSize=12, leading=15),
        "section": ParagraphStyle("fs-section", parent=base, fontName=bold, fontSize=10.5),
        "clinic": ParagraphStyle("fs-clinic", parent=base, fontName=bold, fontSize=14, leading=19,
                                 alignment=TA_CENTER),
        "title": ParagraphStyle("fs-title", parent=base, fontName=bold, fontSize=20, leading=26,
                                alignment=TA_CENTER, spaceBefore=2),
        "visit": ParagraphStyle("fs-visit", parent=base, fontName=bold, fontSize=20, leading=24,
                                alignment=TA_LEFT, wordWrap="LTR"),
        "decision": ParagraphStyle("fs-decision", parent=base, fontName=bold, fontSize=14, leading=18),
        "note": ParagraphStyle("fs-note", parent=base, fontSize=8, leading=10.5, textColor=colors.HexColor("#404040")),
    }


def para(text: str, style: str = "value") -> Paragraph:
    """A paragraph from *already escaped* markup."""
    return Paragraph(text, styles()[style])


def grid_style(commands: Sequence[tuple[Any, ...]], top: float = 2.5, bottom: float = 3) -> TableStyle:
    """The ruled grid of the clinic's forms (10 pt values, grey rules); ``commands`` refine it."""
    return cjk_table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTSIZE", (0, 0), (-1, -1), VALUE_SIZE),
        ("LEADING", (0, 0), (-1, -1), 13.5),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        *commands,
    ])


def heading(clinic_name: str, title: str, right: Flowable | None = None, side: float = 0) -> Table:
    """Clinic name over the document title, centred; ``right`` (a QR) sits in a ``side``-wide margin."""
    top = Table([["", [para(markup(clinic_name), "clinic"), para(title, "title")], right or ""]],
                colWidths=[side, CONTENT_W - 2 * side, side])
    top.setStyle(cjk_table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return top


def fit(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis so it fits ``width`` (a 100-character clinic name in the footer)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _canvas_class(left: str, right: str, note: str) -> type[Canvas]:
    """A canvas that defers pages so each footer can say 第 n 页 / 共 N 页 (and carry ``note`` below)."""
    regular, _ = register_cjk_fonts()

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page reset, not in its stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            y = (13.5 if note else 10) * mm
            self.saveState()
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y + 4 * mm, PAGE_W - MARGIN_X, y + 4 * mm)
            self.setFont(regular, 8)
            page = f"{right}    第 {number} 页 / 共 {total} 页"
            self.drawRightString(PAGE_W - MARGIN_X, y, page)
            room = CONTENT_W - stringWidth(page, regular, 8) - 6 * mm
            self.drawString(MARGIN_X, y, fit(left, regular, 8, room))
            if note:
                self.setFont(regular, 7.5)
                self.setFillColor(colors.HexColor("#404040"))
                self.drawString(MARGIN_X, y - 3.8 * mm, fit(note, regular, 7.5, CONTENT_W))
            self.restoreState()

    return NumberedCanvas


def build_a4(story: list[Flowable], *, title: str, author: str, subject: str, footer_left: str,
             footer_right: str, footer_note: str = "") -> bytes:
    """Lay ``story`` out on numbered A4 pages and return the PDF bytes."""
    regular, _ = register_cjk_fonts()
    buf = BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=12 * mm,
        bottomMargin=(22 if footer_note else 18) * mm, title=title, author=author, subject=subject,
        creator=CREATOR,
        initialFontName=regular,  # else an unused, unembedded Helvetica is listed in the page resources
    )
    doc.build(story, canvasmaker=_canvas_class(footer_left, footer_right, footer_note))
    return buf.getvalue()
