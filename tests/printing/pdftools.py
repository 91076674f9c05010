"""Look at generated PDFs the way a reader and a scanner would: text, fonts, pixels, QR codes."""

from __future__ import annotations

import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import cv2
import numpy as np
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

MM_PER_INCH = 25.4


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)


def compact(text: str) -> str:
    """Text without whitespace: wrapped lines must still contain the whole address."""
    return "".join(text.split())


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def page_size_mm(pdf: bytes, index: int = 0) -> tuple[float, float]:
    box = PdfReader(BytesIO(pdf)).pages[index].mediabox
    return float(box.width) / 72 * MM_PER_INCH, float(box.height) / 72 * MM_PER_INCH


def fonts_of(pdf: bytes) -> list[DictionaryObject]:
    """Every font dictionary in every page's resources (descendants of Type0 fonts included)."""
    found: list[DictionaryObject] = []
    for page in PdfReader(BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for ref in (fonts.get_object().values() if fonts else []):
            font = ref.get_object()
            found.append(font)
            for d in font.get("/DescendantFonts", []):
                found.append(d.get_object())
    return found


def assert_fonts_embedded(pdf: bytes) -> None:
    """Only the bundled Noto Sans SC, embedded as TrueType, both weights (no STSong, no Helvetica)."""
    fonts = fonts_of(pdf)
    assert fonts
    for font in fonts:
        assert font["/Subtype"] in ("/TrueType", "/Type0", "/CIDFontType2"), font
        if font["/Subtype"] != "/Type0":
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font
        assert "STSong" not in font["/BaseFont"] and "Helvetica" not in font["/BaseFont"]
    # both files, not the regular one twice (they share an internal name; see app.printing.fonts)
    assert {str(f["/BaseFont"]).split("+")[-1] for f in fonts} == {"NotoSansSC-Regular", "NotoSansSC-Bold"}


def render(pdf: bytes, dpi: int = 150) -> list[np.ndarray]:
    """Pages as greyscale images, via poppler's pdftoppm (what a print preview would show)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(src), str(Path(tmp) / "page")], check=True)
        pages = sorted(Path(tmp).glob("page*.png"))
        return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in pages]


def decode_qr(image: np.ndarray) -> tuple[str, np.ndarray | None]:
    """The decoded text and corner points; tries the classic detector, then the ArUco-based one."""
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        text, points, _ = detector.detectAndDecode(image)
        if text:
            return text, points
    return "", None


def font_sizes(pdf: bytes) -> dict[str, float]:
    """Each piece of text shown on the first page, with the largest size (points) it is set in."""
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            shown = size * abs(tm[3] or 1) * abs(cm[3] or 1)
            sizes[text.strip()] = max(shown, sizes.get(text.strip(), 0.0))

    PdfReader(BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return sizes
