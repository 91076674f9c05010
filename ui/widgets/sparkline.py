"""A small painted NEWS2 trend: one point per set, oldest on the left, with the alert lines at 5 (urgent
response) and 7 (continuous monitoring). Painted, not QtCharts: the bundle leaves QtCharts out, and a dozen
points need no chart library."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.severity.news2 import HIGH_FROM, MEDIUM_FROM
from ui.widgets import palette

#: The lines drawn across the chart (the RCP's thresholds of a medium and a high clinical risk).
THRESHOLDS = (MEDIUM_FROM, HIGH_FROM)
TOP = 12  # the scale's top unless a point is higher (NEWS2 runs to 20)


class Sparkline(QWidget):
    """``set_points(values, complete)``: NEWS2 totals, oldest first; a partial total (readings missing) is a
    hollow point — it is a floor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: tuple[int, ...] = ()
        self.complete: tuple[bool, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(220, 86)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 60)

    def set_points(self, values: list[int], complete: list[bool] | None = None) -> None:
        self.values = tuple(values)
        self.complete = tuple(complete) if complete is not None else (True,) * len(values)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(18, 6, -6, -6)
        p.fillRect(self.rect(), QColor(palette.WHITE))
        top = max(TOP, *self.values) if self.values else TOP

        def y(value: float) -> float:
            return area.bottom() - area.height() * value / top

        p.setPen(QPen(QColor(palette.FAINT), 1))
        p.drawRect(area)
        for value, line in zip(THRESHOLDS, (palette.WARNING, palette.DANGER)):
            p.setPen(QPen(QColor(line), 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(area.left(), y(value)), QPointF(area.right(), y(value)))
            p.drawText(QRectF(0, y(value) - 8, 16, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       str(value))
        if not self.values:
            return
        step = area.width() / max(len(self.values) - 1, 1)
        points = [QPointF(area.left() + (i * step if len(self.values) > 1 else area.width() / 2), y(v))
                  for i, v in enumerate(self.values)]
        p.setPen(QPen(QColor(palette.INFO), 2))
        for a, b in zip(points, points[1:]):
            p.drawLine(a, b)
        for point, value, whole in zip(points, self.values, self.complete):
            colour = QColor(palette.DANGER if value >= THRESHOLDS[1] else
                            palette.WARNING if value >= THRESHOLDS[0] else palette.INFO)
            p.setPen(QPen(colour, 2))
            p.setBrush(colour if whole else QColor(palette.WHITE))
            p.drawEllipse(point, 3.5, 3.5)
