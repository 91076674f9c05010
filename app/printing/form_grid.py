"""The ruled label/value grid the clinic's A4 forms are made of, and the small cell helpers around it.

Shared by the registration form and the transfer handover form so both read as one family of paper
(same label widths, shading and wrapping rules), and a fix to a cell helper fixes every form.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table
from reportlab.platypus.flowables import Flowable

from app.printing.a4 import CONTENT_W, LABEL_BG, PAD, SECTION_BG, VALUE_SIZE, grid_style, para, styles
from app.printing.fonts import register_cjk_fonts
from app.printing.text import EMPTY, markup

LABEL_W = 24 * mm
VALUE_W = CONTENT_W / 2 - LABEL_W
WIDE_W = CONTENT_W - LABEL_W

Cell = str | Flowable | list[Flowable]
Width = float | str  # points, or a share of the table's width ("25.0000%", ``shares``)


def shares(widths: Sequence[float]) -> list[Width]:
    """Column widths as shares of the table's width, in the same proportions: the table fills whatever width it
    is offered. A block shrunk to fit its page (``app.printing.shrink.ShrinkToFit``: laid out wider, then scaled
    down) then still spans the page, instead of a narrower block under a full-width header."""
    total = sum(widths)
    return [f"{w / total * 100:.4f}%" for w in widths]


def cell(text: str | None, width: float = VALUE_W) -> Cell:
    """A value cell: a plain string when it fits on one line (drawn directly: cheap, and literal),
    else a wrapping paragraph (user text escaped here)."""
    text = "" if text is None else str(text).strip()
    if not text:
        return EMPTY
    if "\n" not in text and stringWidth(text, register_cjk_fonts()[0], VALUE_SIZE) <= width - 2 * PAD:
        return text
    return para(markup(text))


def visit_no_para(visit_no: str, width: float) -> Paragraph:
    """Large and on one line: shrink only if a clinic's numbering is unusually long."""
    style = styles()["visit"]
    room = width - 10
    text_w = stringWidth(visit_no, style.fontName, style.fontSize)
    if text_w > room:
        size = max(9.0, style.fontSize * room / text_w)
        style = ParagraphStyle("fs-visit-fit", parent=style, fontSize=size, leading=size * 1.2, wordWrap="CJK")
    return Paragraph(markup(visit_no), style)


def yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def age_text(birth: date, on: date) -> str:
    """Age as clinics write it: years, or months / days for infants."""
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if years >= 1:
        return f"{years}岁"
    months = (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)
    if months >= 1:
        return f"{months}个月"
    return f"{max((on - birth).days, 0)}天"


def user_text(full_name: str | None, username: str | None) -> str:
    """``李秀英(nurse_li)``: the full name to read, the user name to trace in the audit trail."""
    if full_name and username and full_name != username:
        return f"{full_name}({username})"
    return full_name or username or ""


class SectionTable:
    """Rows of label/value pairs in a 4-column grid, under a shaded section heading (when given)."""

    def __init__(self, title: str | None, widths: Sequence[Width] = (LABEL_W, VALUE_W, LABEL_W, VALUE_W)) -> None:
        self.widths = list(widths)
        self.rows: list[list[Cell]] = []
        self.commands: list[tuple[Any, ...]] = []
        if title:
            self.banner(title)
            self.commands += [("BACKGROUND", (0, 0), (-1, 0), SECTION_BG),
                              ("FONTNAME", (0, 0), (-1, 0), register_cjk_fonts()[1]),
                              ("FONTSIZE", (0, 0), (-1, 0), 10.5)]
        self.heading_rows = len(self.rows)

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
        h = self.heading_rows
        t = Table(self.rows, colWidths=self.widths, repeatRows=h)
        t.setStyle(grid_style([("FONTSIZE", (0, h), (0, -1), 9.5), ("FONTSIZE", (2, h), (2, -1), 9.5),
                               *self.commands]))
        return t


def column_table(rows: list[list[Any]], widths: Sequence[Width], extra: Sequence[tuple[Any, ...]] = (), *,
                 size: float = VALUE_SIZE, leading: float = 13.5, pad: float = PAD,
                 table_class: type[Table] = Table) -> Table:
    """A list under a shaded section title and shaded column heads (rows 0 and 1, repeated on every page)."""
    _, bold = register_cjk_fonts()
    t = table_class(rows, colWidths=list(widths), repeatRows=2)
    t.setStyle(grid_style([
        ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SECTION_BG),
        ("FONTNAME", (0, 0), (-1, 1), bold), ("FONTSIZE", (0, 0), (-1, 0), 10.5),
        ("BACKGROUND", (0, 1), (-1, 1), LABEL_BG), ("FONTSIZE", (0, 1), (-1, -1), size),
        ("LEADING", (0, 1), (-1, -1), leading),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"), ("ALIGN", (0, 1), (-1, 1), "CENTER"),
        ("LEFTPADDING", (0, 1), (-1, -1), pad), ("RIGHTPADDING", (0, 1), (-1, -1), pad),
        *extra,
    ], top=2, bottom=2.5))
    return t
