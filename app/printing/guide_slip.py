"""The 发热门诊引导单 (guide slip) the patient carries to the fever clinic.

It leaves the desk, so it shows only the masked name, never the ID number or any diagnosis; the QR
holds nothing but the visit number, which the fever clinic scans to receive the hand-off. The queue number
(候诊号, app.casework.queue.queue_label) is the largest thing on it: the waiting room calls it.
Thermal rolls (58/80 mm) get a page exactly as tall as the content; A6 is a fixed sheet.

The pharmacy counter gives every buyer its own slip in the same layout (``buyer_slip_pdf``):
"对购买退烧药物的顾客需进行登记，并引导到就近发热门诊就诊". It has no QR — the buyer is not yet a visit;
the fever clinic finds them by phone or ID number when it registers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app import vocabulary as V
from app.vocabulary import triage as VP
from app.casework.queue import queue_label
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

__all__ = ["BUYER_TITLE", "SLIP_SIZES", "TITLE", "BuyerSlip", "GuideSlip", "SlipGeometry", "buyer_slip_pdf",
           "guide_slip_pdf"]

TITLE = "发热门诊引导单"
BUYER_TITLE = "发热门诊就诊引导单"
BUYER_SUBTITLE = "药店购药登记"


@dataclass(frozen=True)
class GuideSlip:
    clinic_name: str
    visit_no: str
    patient_name: str  # masked when printed
    sent_at: datetime
    timezone: str
    destination: str = "发热门诊"
    escort: str = ""
    queue_no: int | None = None  # None: a slip printed before the patient was sent (no number yet)


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
        *([Paragraph("候诊号", slip_style("slip-small", 8 * s)), one_line(queue_label(slip.queue_no), w, 30 * s)]
          if slip.queue_no is not None else []),
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


# ----- the pharmacy buyer's slip ------------------------------------------------------------------

#: Where the buyer goes, by the clinic's mode (app/clinic_mode.py).
DESTINATION = {
    "treat": "本机构发热门诊",
    "refer": "本机构发热哨点诊室",  # registered there, then referred to the designated fever clinic
}


@dataclass(frozen=True)
class BuyerSlip:
    clinic_name: str
    purchase_id: int
    buyer_name: str  # masked when printed
    drug_category: str  # DrugCategory code (a legacy code prints its old words)
    at: datetime
    timezone: str
    sold: bool
    clinic_mode: str = "treat"  # ClinicMode code
    hospital_name: str = ""  # the designated hospital (printed in refer mode)
    hospital_address: str = ""
    hospital_phone: str = ""


def purchase_number(purchase_id: int) -> str:
    return f"{purchase_id:06d}"


def _buyer_story(slip: BuyerSlip, g: SlipGeometry) -> list[Flowable]:
    s = g.scale
    w = g.content_width
    rule = dashed_rule()
    rows = [
        ["姓名", markup(mask_name(slip.buyer_name))],
        ["药品", markup(V.label(VP.DRUG_CATEGORY, slip.drug_category))],
        ["时间", local_time(slip.at, slip.timezone)],
        ["售药", "已售出" if slip.sold else "<b>未售出</b>"],
        ["前往", f"<b>{markup(DESTINATION.get(slip.clinic_mode, '就近发热门诊'))}</b>"],
    ]
    if slip.clinic_mode == "refer" and slip.hospital_name.strip():
        rows.append(["转运至", markup(slip.hospital_name)])
        if slip.hospital_address.strip():
            rows.append(["地址", markup(slip.hospital_address)])
        if slip.hospital_phone.strip():
            rows.append(["电话", markup(slip.hospital_phone)])
    label = slip_style("buyer-label", 10 * s, center=False)
    value = slip_style("buyer-value", 11 * s, center=False)
    big = slip_style("buyer-dest", 12 * s, center=False)
    cells = [[Paragraph(k, label), Paragraph(v, big if k == "前往" else value)] for k, v in rows]
    note = slip_style("buyer-note", 7.5 * s, center=False)
    story: list[Flowable] = [
        Paragraph(markup(slip.clinic_name), slip_style("slip-clinic", 9 * s)),
        Paragraph(BUYER_SUBTITLE, slip_style("buyer-subtitle", 9 * s, bold=True)),
        Paragraph(BUYER_TITLE, slip_style("buyer-title", 14 * s, bold=True)),
        rule,
        Paragraph("购药登记号", slip_style("slip-small", 8 * s)),
        one_line(purchase_number(slip.purchase_id), w, 18 * s),
        Spacer(1, 1 * mm),
        field_table(cells, 11 * mm * s, w),
        rule,
    ]
    if not slip.sold:
        story.append(Paragraph("依规定，无二级以上医疗机构医生处方不得出售退烧药物。",
                               slip_style("buyer-rule", 8 * s, bold=True, center=False)))
    if slip.clinic_mode == "refer":
        story.append(Paragraph("本机构为发热哨点诊室：登记后由本机构转运至定点发热门诊。", note))
    story.append(Paragraph("请尽快到发热门诊就诊，途中全程佩戴口罩，避免乘坐公共交通工具。到达后请出示本单；"
                           "本机构将电话回访。", note))
    return story


def buyer_slip_pdf(slip: BuyerSlip, size: str) -> bytes:
    """The pharmacy buyer's guide slip as PDF bytes for ``size`` in ``SLIP_SIZES``."""
    g = geometry(size)
    return slip_pdf(_buyer_story(slip, g), g, title=f"{BUYER_TITLE} {purchase_number(slip.purchase_id)}",
                    author=slip.clinic_name)
