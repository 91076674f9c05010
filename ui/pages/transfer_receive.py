"""接收转运患者: at a receiving hospital that runs Fever Sentinel. Scan the QR of the sending clinic's
handover form: its signature is checked against the clinic keys this site trusts, and the page shows
the verified summary or says why it is refused (forged or altered, unknown clinic key, expired). Then
the receiving staff, department and condition on arrival are recorded and a receipt is printed: its
QR, scanned at the sending clinic, completes the transfer there. The receipt QR is also shown on
screen, large enough to scan, and can be saved as PNG.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.transfer.records import ReceivedRecord
from app.transfer.vocab import Condition
from ui.forms import FieldErrors, describe, error_label, field_with_error, tidy_form
from ui.labels import classification_name, condition_name, sex_name
from ui.pages.transfer_print import qr_image, receipt_pdf
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.scan_field import scanner_input
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page

VERIFIED_STYLE = f"background: {palette.OK_BG}; color: {palette.OK_DARK}; padding: 8px 12px; border-radius: 6px;"
REFUSED_STYLE = (f"background: {palette.OVERDUE_BG}; color: {palette.OVERDUE}; padding: 8px 12px; border-radius: 6px;"
                 " font-weight: bold;")


class ReceiveTransferPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.token: str | None = None
        self.payload: dict[str, Any] | None = None
        self.received: ReceivedRecord | None = None
        self.print_dialog: PrintPreviewDialog | None = None
        self._receipt_values: tuple[str, str, str] = ("", "", "")

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet(f"color: {palette.SLATE_TEXT};")
        self.scan_label = QLabel()
        self.scan = scanner_input(QLineEdit())
        self.scan.setMaxLength(4000)
        self.scan.setMinimumHeight(34)
        self.scan.setStyleSheet("font-size: 12pt;")
        self.scan.returnPressed.connect(self.verify)
        self.scan_label.setBuddy(self.scan)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.hide()

        self.form_group = QGroupBox()
        form = QFormLayout()
        tidy_form(form)
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        self.labels: dict[str, QLabel] = {}
        self.staff = QLineEdit()
        self.staff.setMaxLength(64)
        self.department = QLineEdit()
        self.department.setMaxLength(64)
        self.condition = QComboBox()
        for cond in Condition:
            self.condition.addItem("", cond.value)
        for key, widget in (("receiving_staff", self.staff), ("receiving_department", self.department),
                            ("arrival_condition", self.condition)):
            box, err = field_with_error(widget)
            label = QLabel()
            label.setBuddy(widget)
            self.labels[key] = label
            form.addRow(label, box)
            self.errors.add(key, widget, err)
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self.record)
        self.department.returnPressed.connect(self.record_button.click)
        fl = QVBoxLayout(self.form_group)
        fl.addLayout(form)
        fl.addWidget(self.general)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        fl.addLayout(row)

        self.receipt_group = QGroupBox()
        self.receipt_text = QLabel()
        self.receipt_text.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_receipt)
        self.png_button = QPushButton()
        self.png_button.clicked.connect(self.save_png)
        self.save_status = QLabel()
        self.save_status.setWordWrap(True)
        rl = QHBoxLayout(self.receipt_group)
        rl.addWidget(self.qr)
        side = QVBoxLayout()
        side.addWidget(self.receipt_text)
        side.addStretch(1)
        side.addWidget(self.save_status)
        side.addWidget(self.print_button)
        side.addWidget(self.png_button)
        rl.addLayout(side, 1)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.verify_button)
        left_box = QWidget()
        left_box.setFixedWidth(620)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.verdict)
        left.addWidget(self.form_group)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(left_box)
        body.addWidget(self.receipt_group, 1)
        body.addStretch(0)  # keeps the form on the left while there is no receipt
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(scan_row)
        layout.addLayout(body, 1)
        self.retranslate()
        self._show_state()

    def title(self) -> str:
        return self.tr("Receive a transfer")

    def activated(self) -> None:
        self.scan.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Receive a transferred patient"))
        self.explain.setText(self.tr("Scan the QR code on the handover form the ambulance brings. Its signature "
                                     "is checked against the clinics this site trusts. Then record who received "
                                     "the patient and print the receipt: the sending clinic scans its QR to "
                                     "complete the transfer."))
        self.scan_label.setText(self.tr("Handover &QR:"))
        self.scan.setPlaceholderText(self.tr("scan the QR code on the handover form"))
        self.verify_button.setText(self.tr("&Check"))
        self.form_group.setTitle(self.tr("Reception"))
        self.labels["receiving_staff"].setText(self.tr("Receiving s&taff:"))
        self.labels["receiving_department"].setText(self.tr("&Department:"))
        self.labels["arrival_condition"].setText(self.tr("Condition on a&rrival:"))
        for i in range(self.condition.count()):
            self.condition.setItemText(i, condition_name(self.condition.itemData(i)))
        self.record_button.setText(self.tr("Record and &print receipt"))
        self.receipt_group.setTitle(self.tr("Receipt for the sending clinic"))
        self.print_button.setText(self.tr("Print &receipt…"))
        self.png_button.setText(self.tr("Save QR as P&NG…"))
        if self.payload is not None:
            self._show_payload()
        self._show_receipt()

    # ----- verifying ------------------------------------------------------------------------
    def verify(self) -> None:
        token = self.scan.text().strip()
        if not token:
            return
        transfers, actor = self.session.ctx.transfers, self.session.actor

        def done(payload: dict[str, Any]) -> None:
            self.token, self.payload, self.received = token, payload, None
            self._show_payload()
            self._show_state()
            self.errors.clear()
            self.staff.setFocus()

        def failed(exc: BaseException) -> None:
            self.token, self.payload = None, None
            self.verdict.setText("× " + _esc(self.tr("Refused: {reason}").format(reason=describe(exc))))
            self.verdict.setStyleSheet(REFUSED_STYLE)
            self.verdict.show()
            self._show_state()
            self.scan.selectAll()
            self.scan.setFocus()

        self.session.runner.run(lambda: transfers.verify_handover(actor, token), done, failed, parent=self)

    def _show_payload(self) -> None:
        p = self.payload or {}
        zone = self.session.zone
        at = p.get("at")
        requested = datetime.fromtimestamp(int(at), tz=zone).strftime("%Y-%m-%d %H:%M") if at else ""
        age = p.get("age")
        rows = [
            (self.tr("From clinic"), str(p.get("iss", ""))),
            (self.tr("Visit no."), str(p.get("vno", ""))),
            (self.tr("Patient"), "  ".join(x for x in (str(p.get("name", "")), sex_name(p.get("sex")),
                                                       self.tr("{years} years").format(years=age)
                                                       if age is not None else "") if x)),
            (self.tr("Classification"), classification_name(p.get("cls"))),
            (self.tr("Destination"), str(p.get("dst", ""))),
            (self.tr("Requested at"), requested),
        ]
        self.verdict.setText("<b>✓ " + _esc(self.tr("Signature verified: this handover form is genuine.")) + "</b>"
                             + "<table cellspacing='3'>" + "".join(
                                 f"<tr><td style='padding-right:10px'>{_esc(k)}</td><td><b>{_esc(v)}</b></td></tr>"
                                 for k, v in rows) + "</table>")
        self.verdict.setStyleSheet(VERIFIED_STYLE)
        self.verdict.show()

    def _show_state(self) -> None:
        self.form_group.setEnabled(self.payload is not None and self.received is None)
        self.receipt_group.setVisible(self.received is not None)

    # ----- recording ------------------------------------------------------------------------
    def record(self) -> None:
        if self.token is None or self.received is not None:
            return
        self.errors.clear()
        transfers, actor, token = self.session.ctx.transfers, self.session.actor, self.token
        staff, dept, cond = self.staff.text(), self.department.text(), self.condition.currentData()

        def done(record: ReceivedRecord) -> None:
            self.received = record
            self._receipt_values = (" ".join(staff.split()), " ".join(dept.split()), cond)
            self._show_state()
            self._show_receipt()
            self.print_receipt()

        self.session.runner.run(lambda: transfers.receive(actor, token, receiving_staff=staff,
                                                          receiving_department=dept, arrival_condition=cond),
                                done, self.errors.show, parent=self)

    def _show_receipt(self) -> None:
        r = self.received
        if r is None:
            self.qr.clear()
            return
        staff, dept, cond = self._receipt_values
        self.receipt_text.setText(self.tr("Visit {visit_no} from {clinic} received at {time} by {staff} ({department})"
                                          ", condition on arrival: {condition}. The ambulance crew takes the "
                                          "printed receipt back; the sending clinic scans its QR.").format(
            visit_no=r.visit_no, clinic=r.issuer_code, time=r.received_at.astimezone(self.session.zone)
            .strftime("%Y-%m-%d %H:%M"), staff=staff, department=dept, condition=condition_name(cond)))
        self.receipt_text.setStyleSheet(palette.OK_STYLE)
        self.qr.setPixmap(QPixmap.fromImage(qr_image(r.receipt_token, 4)))

    def receipt_titles(self) -> dict[str, str]:
        return {
            "title": self.tr("Transfer receipt"), "from": self.tr("From clinic"), "visit": self.tr("Visit no."),
            "patient": self.tr("Patient"), "received": self.tr("Received at"), "staff": self.tr("Received by"),
            "condition": self.tr("On arrival"),
            "scan": self.tr("Sending clinic: scan this QR on the transfer board."),
        }

    def print_receipt(self) -> None:
        r = self.received
        if r is None:
            return
        staff, dept, cond = self._receipt_values
        titles, zone, clinic = self.receipt_titles(), self.session.zone, self.session.clinic.name

        def opened(dialog: PrintPreviewDialog) -> None:
            if self.print_dialog is not None:
                self.print_dialog.deleteLater()
            self.print_dialog = dialog

        open_preview(self.session, self, lambda: receipt_pdf(r, clinic, staff, dept, cond, zone, titles),
                     self.tr("Transfer receipt {visit_no}").format(visit_no=r.visit_no),
                     f"transfer-receipt-{r.visit_no}.pdf", opened)

    def save_png(self) -> None:
        r = self.received
        if r is None:
            return
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save QR as PNG"), f"transfer-receipt-{r.visit_no}.png",
                                               self.tr("PNG images (*.png)"))
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        ok = qr_image(r.receipt_token, 8).save(path, b"PNG")
        self.save_status.setStyleSheet(palette.OK_STYLE if ok else palette.BAD_STYLE)
        self.save_status.setText(self.tr("Saved to {path}").format(path=path) if ok
                                 else self.tr("The file could not be written. Choose another folder."))


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
