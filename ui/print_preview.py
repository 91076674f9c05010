"""Print preview of a PDF made by app.printing: QtPdf shows it; Print, Save as PDF, Close.

The PDF bytes are made off the UI thread (through the runner); printing renders each page to an
image at up to 300 dpi, also through the runner, and only the final painting onto the printer
happens on the GUI thread, so the desk never freezes while a slip prints.

Printing and saving are recorded first (app/access_log.py: ``access.print`` / ``access.export`` of a
``printed_form`` named by its file name, e.g. ``registration-XH01-20261123-0001`` — a visit or permit number,
never a name); a refused record means nothing is printed or saved. Saved PDFs are owner-only (app/files.py).

The printer: each desk remembers one per kind of document (slip, card, A4; ui/printers.py). The print dialog
opens on the remembered printer for this document's kind, and the printer chosen there is remembered when the
user prints; a remembered printer that is gone falls back to the default, with a note above the buttons.
tests/ui/test_real_printing.py prints through this path to a real CUPS queue (cups-pdf).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.access_log import Access
from app.errors import FeverSentinelError
from app.files import write_private_bytes
from ui.forms import Dialog, describe, error_label
from ui.printers import PrinterChoice, PrintKind, choose_printer, kind_of, remember_printer
from ui.session import Session

log = logging.getLogger(__name__)
MAX_DPI = 300


def load_pdf(data: bytes, parent: QPdfDocument | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over in-memory bytes (keep the buffer alive as long as the document)."""
    document = QPdfDocument(parent)  # type: ignore[arg-type]  # the stub wants a parent; Qt takes none
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def render_pages(data: bytes, dpi: int) -> list[QImage]:
    """Every page as an image at ``dpi`` (runs on a worker thread: QImage needs no GUI thread)."""
    document, _buffer = load_pdf(data)
    images: list[QImage] = []
    for page in range(document.pageCount()):
        points = document.pagePointSize(page)
        size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
        images.append(on_white(document.render(page, size)))
    document.close()
    return images


def on_white(image: QImage) -> QImage:
    """The page on white paper: QtPdf renders what the PDF leaves unpainted as transparent (Qt 6.11 has no
    fill colour to render with), and a printer or a thermal head must not see it as black."""
    if not image.hasAlphaChannel():
        return image
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Paint page images onto the printer, each scaled to fit its page (aspect kept)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(0, 0, image.width() * scale, image.height() * scale)
            painter.drawImage(target, image)
    finally:
        painter.end()


class PrintPreviewDialog(Dialog):
    """Emits ``printed()`` when the pages went to the printer and ``saved(path)`` after Save as PDF."""

    printed = Signal()
    saved = Signal(str)

    def __init__(self, session: Session, pdf: bytes, title: str, file_name: str,
                 parent: QWidget | None = None, kind: PrintKind | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pdf = pdf
        self.document_title = title
        self.file_name = file_name
        self.print_dialog: QPrintDialog | None = None
        self.document, self._buffer = load_pdf(pdf, None)
        self.document.setParent(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        first = self.document.pagePointSize(0) if self.document.pageCount() else None
        self.kind = kind or kind_of(file_name, (first.width(), first.height()) if first is not None else None)
        self.printer_choice: PrinterChoice = choose_printer(session.ctx.settings, self.kind)
        self.printer_note = QLabel(self.printer_choice.note)
        self.printer_note.setWordWrap(True)
        self.printer_note.setVisible(bool(self.printer_choice.note))
        self.status = QLabel()
        self.error = error_label()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.print_button.setDefault(True)
        self.print_button.setAutoDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.printer_note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(560, 640)
        self.retranslate()
        self.print_button.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print preview — {title}").format(title=self.document_title))
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("Save as P&DF…"))
        self.close_button.setText(self.tr("Close"))
        if self.printer_choice.note:  # the note in the language now chosen
            self.printer_choice = choose_printer(self.session.ctx.settings, self.kind)
            self.printer_note.setText(self.printer_choice.note)
            self.printer_note.setVisible(bool(self.printer_choice.note))

    def page_count(self) -> int:
        return self.document.pageCount()

    def _record(self, action: Access) -> None:
        """Commit the access row for this form (runs on the worker thread, before the print or file)."""
        self.session.ctx.access.record(self.session.actor, action, "printed_form", perm=None,
                                       entity_id=Path(self.file_name).stem[:64])

    # ----- printing -------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        """A printer set to this desk's printer for the document's kind and the PDF's own page size, no margins."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = self.printer_choice.name
        if name:
            printer.setPrinterName(name)
        self._fit_paper(printer)
        printer.setDocName(self.document_title)
        return printer

    def _fit_paper(self, printer: QPrinter) -> None:
        """The paper is the document's own page size (a slip is as long as its content), no margins."""
        if self.document.pageCount():
            points = self.document.pagePointSize(0)
            size = QPageSize(QSizeF(points.width(), points.height()), QPageSize.Unit.Point,
                             self.document_title, QPageSize.SizeMatchPolicy.FuzzyMatch)
            printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)

    def print_document(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {title}").format(title=self.document_title))
        dialog.accepted.connect(lambda: self.print_chosen(printer))
        self.print_dialog = dialog
        # not exec(): the desk keeps running while the dialog is up. PySide6's QPrintDialog.open() takes only
        # (receiver, member); QDialog's own open() is the window-modal, non-blocking one.
        QDialog.open(dialog)

    def print_chosen(self, printer: QPrinter, on_done: Callable[[], None] | None = None) -> None:
        """The user printed on ``printer`` (the dialog was accepted): remember it for this kind, then print.

        Qt's own print dialog (Linux) sets the chosen printer's default paper (A4) on accepting: the document's
        page size is put back, or a 58 mm slip would come out shrunk on an A4 page (tests/ui/test_real_printing.py).
        """
        self._fit_paper(printer)
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
            if remember_printer(self.session.ctx.settings, self.kind, printer.printerName()):
                self.printer_choice = PrinterChoice(printer.printerName())
                self.printer_note.hide()
        self.print_to(printer, on_done)

    def print_to(self, printer: QPrinter, on_done: Callable[[], None] | None = None) -> None:
        """Render off the GUI thread, then paint onto ``printer``."""
        self.error.hide()
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Printing…"))
        dpi = min(printer.resolution(), MAX_DPI)
        data = self.pdf

        def done(images: list[QImage]) -> None:
            try:
                paint_pages(printer, images)
            except OSError as exc:
                self._failed(exc)
                return
            self.print_button.setEnabled(True)
            self.status.setText(self.tr("Sent to the printer."))
            self.printed.emit()
            if on_done is not None:
                on_done()

        def render() -> list[QImage]:
            self._record(Access.PRINT)
            return render_pages(data, dpi)

        self.session.runner.run(render, done, self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.status.clear()
        if isinstance(exc, OSError):
            log.error("printing failed", exc_info=exc)
            self.error.setText(self.tr("Printing failed: check that the printer is on and has paper."))
        else:
            self.error.setText(describe(exc))
        self.error.show()

    # ----- saving ---------------------------------------------------------------------------
    def save_as(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / self.file_name), self.tr("PDF files (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        data = self.pdf

        def write() -> str:
            self._record(Access.EXPORT)
            write_private_bytes(path, data)
            return path

        self.session.runner.run(write, self._saved, self._save_failed, parent=self)

    def _saved(self, path: str) -> None:
        self.status.setText(self.tr("Saved to {path}").format(path=path))
        self.saved.emit(path)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, FeverSentinelError):
            self.error.setText(describe(exc))
        else:
            log.error("saving the PDF failed", exc_info=exc)
            self.error.setText(self.tr("The file could not be saved. Choose another folder."))
        self.error.show()


def open_preview(session: Session, parent: QWidget, make_pdf: Callable[[], bytes], title: str, file_name: str,
                 on_open: Callable[[PrintPreviewDialog], None], kind: PrintKind | None = None) -> None:
    """Make the PDF through the runner, then show the preview (window-modal, non-blocking). ``kind`` (slip, card,
    A4) picks the remembered printer; without it the file name or the page size tells (ui/printers.kind_of)."""

    def show(pdf: bytes) -> None:
        dialog = PrintPreviewDialog(session, pdf, title, file_name, parent, kind)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        on_open(dialog)
        dialog.show()

    session.runner.run(make_pdf, show, parent=parent)
