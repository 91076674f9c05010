"""The 发热门诊引导单 (guide slip) the patient carries to the fever clinic.

It leaves the desk, so it shows only the masked name, never the ID number or any diagnosis; the QR
holds nothing but the visit number, which the fever clinic scans to receive the hand-off.
Thermal rolls (58/80 mm) get a page exactly as tall as the content; A6 is a fixed sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.printing.qr import QRFlowable
from app.printing.roll import (
    SLIP_SIZES,
    Centered,
    SlipGeometry,
    dashed_rule,
    field_table,
    geometry,
    one_line,
    slip_pdf,
    slip_style,
)
from app.printing.text import local_time, markup
from app.privacy import mask_name

__all__ = ["SLIP_SIZES", "TITLE", "GuideSlip", "SlipGeometry", "guide_slip_pdf"]

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


def _story(slip: GuideSlip, g: SlipGeometry) -> list[Flowable]:
    s = g.scale
    w = g.content_width
    rule = dashed_rule()
    rows = [
        ["姓名", markup(mask_name(slip.patient_name))],
        ["时间", local_time(slip.sent_at, slip.timezone)],
        ["前往", f"<b>{markup(slip.destination)}</b>"],
    ]
    if slip.escort.strip():
        rows.append(["陪同", markup(slip.escort)])
    label = slip_style("slip-label", 10 * s, center=False)
    value = slip_style("slip-value", 11 * s, center=False)
    big = slip_style("slip-dest", 13 * s, center=False)
    cells = [[Paragraph(k, label), Paragraph(v, big if k == "前往" else value)] for k, v in rows]
    table = field_table(cells, 11 * mm * s, w)
    return [
        Paragraph(markup(slip.clinic_name), slip_style("slip-clinic", 9 * s)),
        Paragraph(TITLE, slip_style("slip-title", 14 * s, bold=True)),
        rule,
        Paragraph("就诊号", slip_style("slip-small", 8 * s)),
        one_line(slip.visit_no, w, 20 * s),
        Spacer(1, 1 * mm),
        Centered(QRFlowable(slip.visit_no, g.qr_size, "Q"), w),
        Spacer(1, 1 * mm),
        table,
        rule,
        Paragraph("请由陪同人员引导前往，途中全程佩戴口罩，不要自行离开。到达后请将本单交接诊护士扫码。",
                  slip_style("slip-note", 7.5 * s, center=False)),
    ]


def guide_slip_pdf(slip: GuideSlip, size: str) -> bytes:
    """The slip as PDF bytes for ``size`` in ``SLIP_SIZES`` ("58mm", "80mm", "A6")."""
    g = geometry(size)
    return slip_pdf(_story(slip, g), g, title=f"{TITLE} {slip.visit_no}", author=slip.clinic_name)
