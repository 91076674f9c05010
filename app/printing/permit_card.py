"""The 陪护证 / 探视证 (escort / visitor permit) the holder shows at the ward gate: a CR80 card
(85.6 × 54 mm, the size of an ID card) or a 58/80 mm thermal slip.

It leaves the building in a pocket, so it names the holder only masked (the gatekeeper compares the
face and the ID card's last four characters), the patient only masked and never a diagnosis or a full
ID number. The QR is the clinic's signed credential; the printout re-verifies it with the clinic's
public key first, so a card the gate would call forged never leaves the desk, and the printed words
come from the same permit the QR speaks for. A revoked permit does not print: it would be refused.
An escort's card shows the negative nucleic-acid test's sampling time ("陪护人员均应核酸检测"): the gate
refuses the escort once that result's validity has passed, until a newer negative result is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer

from app.keys import load_public_key
from app import vocabulary as V
from app.vocabulary import casework as VC
from app.vocabulary import wards as VW
from app.printing.a4 import fit
from app.printing.fonts import register_cjk_fonts
from app.printing.qr import QRFlowable, draw_qr
from app.printing.roll import (
    Centered,
    SlipGeometry,
    dashed_rule,
    field_table,
    geometry,
    one_line,
    one_page_canvas,
    slip_pdf,
    slip_style,
)
from app.printing.text import local_time, markup
from app.privacy import mask_id_number, mask_name
from app.wards import credential
from app.wards.records import PermitRecord
from app.wards.vocab import VISIT_MAX_MINUTES, PermitKind, PermitState

if TYPE_CHECKING:
    from app.clinic_info import ClinicInfo

__all__ = ["SIZES", "permit_card_pdf"]

SIZES: tuple[str, ...] = ("CR80", "58mm", "80mm")
CARD_W, CARD_H = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1
CARD_MARGIN = 2.5 * mm
BAND_H = 10.5 * mm
#: Level M (15 % recovery: a card worn in a pocket gets scuffed). The Base45 payload is QR alphanumeric; at
#: 260-310 characters it is version 10 (65 modules with the quiet zone), so 38 mm gives 0.58 mm modules
#: (7 dots at 300 dpi, 4.6 pixels at 200 dpi); a long ward name (~320) is version 11 at 0.55 mm.
CARD_QR = 38 * mm
QR_LEVEL = "M"
#: Band colours by kind: a dark band with white words for an escort, a pale outlined band with dark words
#: for a visitor, so the two differ in grey (a mono laser) and on a thermal head (black / outline) too.
BAND = {
    PermitKind.ESCORT.value: (colors.HexColor("#A11D21"), colors.white, None),
    PermitKind.VISITOR.value: (colors.HexColor("#CFE4F6"), colors.black, colors.HexColor("#1F4E79")),
}
MONO_BAND = {
    PermitKind.ESCORT.value: (colors.black, colors.white, None),
    PermitKind.VISITOR.value: (colors.white, colors.black, colors.black),
}
VISIT_NOTE = f"每次探视不超过{VISIT_MAX_MINUTES}分钟，离开后不得再次进入"
ROLL_NOTE = ("本证限本人使用，进出病区请出示本证及本人身份证件，由门岗扫码核验。"
             "请勿转借；遗失请到护士站补办，旧证即时作废。")


def permit_card_pdf(permit: PermitRecord, clinic: ClinicInfo, size: str = "CR80", *,
                    keys: Mapping[str, Ed25519PublicKey] | None = None) -> bytes:
    """The permit as PDF bytes, ``size`` one of ``SIZES``. Raises ValueError for a revoked permit (the
    message is the desk's words), an unknown size, or a QR this clinic's key does not verify."""
    if size not in SIZES:
        raise ValueError(f"unknown permit card size {size!r}; expected one of {', '.join(SIZES)}")
    _refuse_revoked(permit)
    id_last4 = _verified(permit, clinic, keys).id_last4
    if size == "CR80":
        return _card_pdf(permit, clinic, id_last4)
    g = geometry(size, SIZES)
    return slip_pdf(_roll_story(permit, clinic, id_last4, g), g, title=_title(permit), author=clinic.name)


def _refuse_revoked(permit: PermitRecord) -> None:
    if permit.state == PermitState.ACTIVE:
        return
    reason = permit.revoke_reason or ""
    why = "患者已出院" if reason == "discharged" else "已补办新证" if reason.startswith("reprinted") else reason
    raise ValueError(f"{_kind_words(permit)} {permit.number} 已作废{f'（{why}）' if why else ''}，不能打印。"
                     "如仍需通行，请重新签发。")


def _verified(permit: PermitRecord, clinic: ClinicInfo, keys: Mapping[str, Ed25519PublicKey] | None = None
              ) -> credential.Credential:
    """The signed credential of the QR, checked against the keys that verify this clinic's permits (its
    enrolled desk keys: app.desk_keys.permit_keys_for_snapshot; without them, the clinic key) and this permit."""
    try:
        keys = dict(keys) if keys is not None else {clinic.key_id: load_public_key(clinic.public_key)}
        c = credential.decode(permit.payload, keys.get)
    except (ValueError, credential.CredentialRefused) as exc:
        raise ValueError(f"{_title(permit)} 的二维码无法用本机构公钥核验（{exc}），不能打印；请补办新证。") from exc
    if c.permit_id != permit.id or c.kind != permit.kind:
        raise ValueError(f"{_title(permit)} 的二维码与本证不符，不能打印；请补办新证。")
    return c


def _kind_words(permit: PermitRecord) -> str:
    return V.label(VW.PERMIT_KIND, permit.kind, "通行证")


def _title(permit: PermitRecord) -> str:
    return f"{_kind_words(permit)} {permit.number}"


def _rows(permit: PermitRecord, clinic: ClinicInfo, id_last4: str) -> list[tuple[str, str]]:
    """Label and *escaped* value markup, the same on card and slip."""
    tz = clinic.timezone
    holder = f"<b>{markup(mask_name(permit.holder_name))}</b>"
    until = permit.requested_until or permit.valid_until  # the validity the QR carries
    rows = [
        ("持证人", holder),
        ("关系", markup(permit.relation)),
        ("证件尾号", markup(mask_id_number(id_last4)) if id_last4 else "无证件"),
        ("患者", markup(f"{mask_name(permit.patient_name)}　{permit.bed.strip()}".strip())),  # the bed: one line
        ("病区", markup(permit.ward_name)),
        ("有效期", f"{local_time(permit.valid_from, tz)}<br/>至 {local_time(until, tz)}"),
    ]
    if permit.kind == PermitKind.ESCORT and permit.escort_test_at is not None:
        result = V.label(VC.TEST_RESULT, permit.escort_test_result, "阴性") if permit.escort_test_result else "阴性"
        rows.append(("核酸", f"{local_time(permit.escort_test_at, tz)} 采样 {markup(result)}"))
    return rows


def _fields(permit: PermitRecord, clinic: ClinicInfo, id_last4: str, width: float, label_w: float,
            size: float) -> list[Flowable]:
    """The holder / patient / validity grid, and the visitor's time limit under it."""
    label = slip_style("permit-label", size * 0.85, center=False, textColor=colors.HexColor("#404040"))
    value = slip_style("permit-value", size, center=False)
    holder = slip_style("permit-holder", size * 1.45, center=False)
    cells = [[Paragraph(k, label), Paragraph(v, holder if k == "持证人" else value)]
             for k, v in _rows(permit, clinic, id_last4)]
    table = field_table(cells, label_w, width, pad=0.6, extra=[("VALIGN", (0, 1), (-1, -1), "TOP")])
    story: list[Flowable] = [table]
    if permit.kind == PermitKind.VISITOR:
        story.append(Paragraph(VISIT_NOTE, slip_style("permit-visit", size, bold=True, center=False,
                                                      spaceBefore=size * 0.3)))
    return story


def _draw_band(canvas: Canvas, permit: PermitRecord, x: float, y: float, w: float, h: float, size: float,
               mono: bool, right: str = "") -> None:
    """The kind's band and its title: left with ``right`` (the clinic) beside it, else centred."""
    regular, bold = register_cjk_fonts()
    fill, ink, border = (MONO_BAND if mono else BAND).get(permit.kind, MONO_BAND[PermitKind.VISITOR.value])
    title = _kind_words(permit)
    canvas.saveState()
    canvas.setFillColor(fill)
    canvas.setStrokeColor(border or fill)
    canvas.setLineWidth(1.2 if border else 0)
    canvas.roundRect(x, y, w, h, 1.2 * mm, stroke=1 if border else 0, fill=1)
    canvas.setFillColor(ink)
    baseline = y + (h - size * 0.72) / 2  # CJK glyphs sit ~0.72 em above the baseline, centred by eye
    canvas.setFont(bold, size)
    pad = 2.5 * mm
    if right:
        canvas.drawString(x + pad, baseline, title)
        room = w - 3 * pad - stringWidth(title, bold, size)
        small = size * 0.42
        canvas.setFont(regular, small)
        canvas.drawRightString(x + w - pad, y + (h - small * 0.72) / 2, fit(right, regular, small, room))
    else:
        canvas.drawCentredString(x + w / 2, baseline, title)
    canvas.restoreState()


class _Band(Flowable):
    """The kind's band as a flowable (the thermal slip)."""

    def __init__(self, permit: PermitRecord, width: float, height: float, size: float) -> None:
        super().__init__()
        self.permit, self.width, self.height, self.size = permit, width, height, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        _draw_band(self.canv, self.permit, 0, 0, self.width, self.height, self.size, mono=True)


def _number(permit: PermitRecord, width: float, max_size: float) -> list[Flowable]:
    """证号 small, the number large below it: what the gatekeeper types when the QR will not scan."""
    return [Paragraph("证号（扫码失败时输入）", slip_style("permit-no-label", max_size * 0.38)),
            one_line(permit.number, width, max_size)]


def _roll_story(permit: PermitRecord, clinic: ClinicInfo, id_last4: str, g: SlipGeometry) -> list[Flowable]:
    s, w = g.scale, g.content_width
    return [
        Paragraph(markup(clinic.name), slip_style("permit-clinic", 9 * s)),
        Spacer(1, 1 * mm),
        _Band(permit, w, 10 * mm * s, 17 * s),
        Spacer(1, 1.5 * mm),
        *_fields(permit, clinic, id_last4, w, 15 * mm * s, 10 * s),
        dashed_rule(),
        *_number(permit, w, 20 * s),
        Spacer(1, 1 * mm),
        Centered(QRFlowable(permit.payload, g.qr_size, QR_LEVEL), w),
        dashed_rule(),
        Paragraph(ROLL_NOTE, slip_style("permit-note", 7.5 * s, center=False)),
    ]


def _card_pdf(permit: PermitRecord, clinic: ClinicInfo, id_last4: str) -> bytes:
    """Band across the top; the fields and the number on the left, the QR on the right."""
    buf = BytesIO()
    canvas = one_page_canvas(buf, CARD_W, CARD_H, title=_title(permit), author=clinic.name)
    m = CARD_MARGIN
    band_y = CARD_H - m - BAND_H
    _draw_band(canvas, permit, m, band_y, CARD_W - 2 * m, BAND_H, 17, mono=False, right=clinic.name)
    qr_x, qr_y = CARD_W - m - CARD_QR + 1.5 * mm, (band_y - CARD_QR) / 2  # the quiet zone may reach the margin
    draw_qr(canvas, permit.payload, qr_x, qr_y, CARD_QR, QR_LEVEL)
    left_w = qr_x - m - 0.5 * mm
    top = band_y - 1.2 * mm
    story = [*_fields(permit, clinic, id_last4, left_w, 11 * mm, 7.5), Spacer(1, 1 * mm),
             *_number(permit, left_w, 15)]
    frame = Frame(m + 0.5 * mm, m, left_w, top - m, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.addFromList([KeepInFrame(left_w, top - m, story, mode="shrink", vAlign="TOP")], canvas)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()

