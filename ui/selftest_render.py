"""The Qt half of ``fever-sentinel self-test``: rasterise printed PDFs with QtPdf and read their QR codes
back with zxing-cpp, and check the Qt pieces a bundle can lose (platform plug-ins, the SVG icon,
fonts and translations as Qt loads them).

Registered by the bundle's launcher script (packaging/fever_sentinel_main.py) so admin commands do
not pay for importing Qt; from a source checkout run ``python -m ui.selftest_render``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QLibraryInfo, QSize, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon, QImage
from PySide6.QtWidgets import QApplication
from PySide6.QtPdf import QPdfDocument

from app.resources import CJK_FONT_REGULAR, resource_path
from app.selftest import PdfScan, run_self_test

RENDER_DPI = 200  # a 24 mm QR (registration form) has ~0.9 mm modules: 7 pixels each at 200 dpi
PLATFORM_PLUGINS = {"win32": ("windows", "offscreen"), "darwin": ("cocoa", "offscreen")}
DEFAULT_PLATFORM_PLUGINS = ("xcb", "offscreen")


def _plugin_file(directory: Path, name: str) -> Path | None:
    hits = [p for p in directory.glob(f"*q{name}*") if p.suffix in {".so", ".dll", ".dylib"}]
    return hits[0] if hits else None


class QtProbe:
    def __init__(self) -> None:
        # A GUI application is needed for QFontDatabase and QIcon; with no display use the offscreen platform.
        # a widgets application, so a QApplication later in the same process (tests) is not blocked
        self.app = QCoreApplication.instance() or QApplication(sys.argv[:1])

    def scan_pdf(self, pdf: bytes) -> PdfScan:
        import zxingcpp

        buffer = QBuffer()
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        doc = QPdfDocument(None)  # type: ignore[call-overload]  # the stub wants a parent; Qt takes none
        doc.load(buffer)
        if doc.status() != QPdfDocument.Status.Ready:
            raise RuntimeError(f"QtPdf could not open the PDF: {doc.error()}")
        texts: list[str] = []
        scale = RENDER_DPI / 72
        for page in range(doc.pageCount()):
            size = doc.pagePointSize(page)
            image = doc.render(page, QSize(round(size.width() * scale), round(size.height() * scale)))
            if image.isNull():
                raise RuntimeError(f"QtPdf rendered page {page + 1} as an empty image")
            gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
            texts += [code.text for code in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))]
        pages = doc.pageCount()
        doc.close()
        return PdfScan(pages, tuple(texts))

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        return [("Qt platform plug-ins", self.check_platforms), ("Qt image plug-ins (SVG icon)", self.check_icon),
                ("CJK font loads in Qt", self.check_font), ("Chinese translation loads in Qt", self.check_translation)]

    def check_platforms(self) -> str:
        directory = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        wanted = PLATFORM_PLUGINS.get(sys.platform, DEFAULT_PLATFORM_PLUGINS)
        missing = [name for name in wanted if _plugin_file(directory, name) is None]
        if missing:
            raise FileNotFoundError(f"no {', '.join(missing)} plug-in in {directory}")
        return f"{', '.join(wanted)} in {directory}; running on '{QGuiApplication.platformName()}'"

    def check_icon(self) -> str:
        icon = QIcon(str(resource_path("icons", "fever-sentinel.svg")))
        image = icon.pixmap(64, 64).toImage()
        if icon.isNull() or image.isNull() or image.pixelColor(32, 32).alpha() == 0:
            raise RuntimeError("the SVG application icon does not render (svg icon engine / image plug-in missing?)")
        return "fever-sentinel.svg rendered at 64×64"

    def check_font(self) -> str:
        font_id = QFontDatabase.addApplicationFont(str(resource_path(*CJK_FONT_REGULAR)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise RuntimeError("Qt could not load the bundled CJK font")
        return families[0]

    def check_translation(self) -> str:
        from ui.i18n import APP_CATALOG, translations_dir

        qm = translations_dir() / f"{APP_CATALOG}_zh_CN.qm"
        translator = QTranslator()
        if not translator.load(str(qm)):
            raise RuntimeError(f"QTranslator could not load {qm}")
        return f"{qm.name} ({qm.stat().st_size // 1024} KB)"


def main() -> int:
    """Run the whole self-test from a source checkout, with this probe."""
    return run_self_test(probe_factory=QtProbe, verbose="-v" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
