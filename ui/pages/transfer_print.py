"""Printing for transfers: the three-part A4 handover form (with the clinic's signed QR) and, at a
receiving site, the receipt slip whose QR the sending clinic scans to complete its transfer.

The PDF bytes are made through the runner (never on the GUI thread) and shown in the print
preview. The receipt slip is an A6 page drawn with the app's own QR and font helpers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from app.printing.transfer_form import transfer_handover_pdf
from app.printing.fonts import register_cjk_fonts
from app.printing.qr import draw_qr, qr_matrix
from app.transfer.records import ReceivedRecord
from ui.labels import condition_name
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.session import Session

translate = QCoreApplication.translate  # lupdate extracts translate("Transfers", ...)


def handover_pdf(session: Session, transfer_id: int) -> bytes:
    """Read the transfer, the case's tests and sets of observations and a fresh signed token; make the form (runs
    in the runner)."""
    ctx, actor = session.ctx, session.actor
    transfer = ctx.transfers.get(actor, transfer_id)
    tests = ctx.cases.get(actor, transfer.visit_no).tests
    token = ctx.transfers.handover_token(actor, transfer_id)
    phone = ctx.transfers.contacts()[0].phone
    history = ctx.observation.trend(actor, transfer.visit_no)  # the NEWS2 history, pre-triage set first
    return transfer_handover_pdf(transfer, tests, session.clinic, token, ctx.clock.now(), clinic_phone=phone,
                                 history=history)


def print_handover(session: Session, parent: QWidget, transfer_id: int, visit_no: str,
                   on_open: Callable[[PrintPreviewDialog], None]) -> None:
    open_preview(session, parent, lambda: handover_pdf(session, transfer_id),
                 translate("Transfers", "Transfer handover form {visit_no}").format(visit_no=visit_no),
                 f"transfer-handover-{visit_no}.pdf", on_open)


def receipt_pdf(record: ReceivedRecord, clinic_name: str, staff: str, department: str, condition: str,
                zone: ZoneInfo, titles: dict[str, str]) -> bytes:
    """An A6 receipt slip: who received the patient and when, and the signed receipt as a large QR.

    ``titles`` holds the translated captions (the slip follows the desk's language)."""
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = register_cjk_fonts()
    out = io.BytesIO()
    width, height = A6
    c = Canvas(out, pagesize=A6)
    c.setTitle(f"{titles['title']} {record.visit_no}")
    c.setAuthor(clinic_name)
    y = height - 12 * mm
    c.setFont(bold, 13)
    c.drawCentredString(width / 2, y, titles["title"])
    y -= 6 * mm
    c.setFont(regular, 9)
    c.drawCentredString(width / 2, y, clinic_name)
    y -= 7 * mm
    lines = [
        (titles["from"], record.issuer_code),
        (titles["visit"], record.visit_no),
        (titles["patient"], record.masked_name),
        (titles["received"], record.received_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")),
        (titles["staff"], f"{staff}（{department}）"),
        (titles["condition"], condition_name(condition)),
    ]
    for caption, value in lines:
        c.setFont(regular, 9)
        c.drawString(10 * mm, y, caption)
        c.setFont(bold, 10)
        c.drawString(34 * mm, y, value)
        y -= 5.5 * mm
    size = min(width - 20 * mm, y - 14 * mm)
    draw_qr(c, record.receipt_token, (width - size) / 2, y - size - 2 * mm, size, level="L")
    c.setFont(regular, 8)
    c.drawCentredString(width / 2, 8 * mm, titles["scan"])
    c.showPage()
    c.save()
    return out.getvalue()


def qr_image(text: str, scale: int = 4) -> QImage:
    """The QR as a black-and-white image (quiet zone included) for showing on screen or saving as PNG."""
    matrix = qr_matrix(text, "L")
    n = len(matrix)
    image = QImage(n * scale, n * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                painter.fillRect(col * scale, r * scale, scale, scale, black)
    painter.end()
    return image
