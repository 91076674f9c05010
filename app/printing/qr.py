"""QR codes drawn as vector squares, so they stay sharp on any printer (thermal heads included).

The ``qrcode`` package builds the matrix; each run of dark modules in a row becomes one rectangle
(fewer PDF operators than one square per module). The quiet zone (4 modules) is part of the size.
A flowable draws its code once per document as a form XObject and places that on every page that
shows it: a three-part form repeats one large signed code three times.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks
_LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}


@lru_cache(maxsize=64)
def qr_matrix(data: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Module matrix including the quiet zone (True = dark). Cached: reprints cost nothing."""
    code = qrcode.QRCode(error_correction=_LEVELS[level], border=QUIET_ZONE, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float, level: str = "M") -> None:
    """Draw the code with its quiet zone as a ``size`` × ``size`` square whose lower-left is (x, y)."""
    matrix = qr_matrix(data, level)
    n = len(matrix)
    module = size / n
    canvas.saveState()
    canvas.setFillColor(white)  # the quiet zone must stay white even over a tinted background
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(black)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        top = y + size - r * module
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(x + start * module, top - module, (c - start) * module, module)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QRFlowable(Flowable):
    """A QR code as a platypus flowable of fixed size (quiet zone included)."""

    def __init__(self, data: str, size: float, level: str = "M") -> None:
        super().__init__()
        self.data = data
        self.size = size
        self.level = level
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        digest = hashlib.sha1(f"{self.level}:{self.size:.3f}:{self.data}".encode()).hexdigest()[:16]
        name = f"fs-qr-{digest}"
        if not canvas.hasForm(name):
            canvas.beginForm(name, 0, 0, self.size, self.size)
            draw_qr(canvas, self.data, 0, 0, self.size, self.level)
            canvas.endForm()
        canvas.doForm(name)
