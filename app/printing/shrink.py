"""A block of a form that must stay on its page: drawn at one scale when it does not fit, still spanning the width.

ReportLab's ``KeepInFrame(mode="shrink")`` scales its content as it was laid out, so tables with fixed column
widths came out as a narrower block, centred under a full-width header (the transfer handover form's sections
at 72 %). Here the content is built again for the wider width it will be scaled down from: tables whose columns
are shares of their width (``form_grid.shares``) then span the page at any scale, and a paragraph wraps at the
width it is drawn at.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus.flowables import Flowable


class ShrinkToFit(Flowable):
    """``build()`` makes the block's flowables afresh (a ReportLab table keeps the widths of its first layout);
    drawn at full size when they fit the room left on the page, else at the largest scale that fits.
    ``width``: the width the block spans, centred like a table (the forms' tables are the whole content width,
    into the frame's padding); the width the frame offers when not given."""

    def __init__(self, build: Callable[[], list[Flowable]], width: float | None = None) -> None:
        super().__init__()
        self._build = build
        self._span = width
        self.hAlign = "CENTER"
        self._content: list[tuple[Flowable, float]] = []
        self.scale = 1.0
        self._laid_for: tuple[float, float] | None = None  # the room of the last layout: the same block on
        # every page of a form (the transfer form's three parts) is laid out once

    def _layout(self, width: float) -> tuple[list[tuple[Flowable, float]], float]:
        laid = []
        for flowable in self._build():
            _w, h = flowable.wrap(width, 1e9)
            laid.append((flowable, h))
        return laid, sum(h for _f, h in laid)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        width = self._span or availWidth
        if self._laid_for == (width, availHeight):
            return self.width, self.height
        laid, height = self._layout(width)
        scale = 1.0
        if height > availHeight:
            scale = availHeight / height
            laid, height = self._layout(width / scale)  # wider, it wraps no more: fits, maybe with room to spare
            bigger = min(1.0, availHeight / height)
            if bigger > scale * 1.01:  # as large as still fits
                tried, tried_h = self._layout(width / bigger)
                if tried_h * bigger <= availHeight:
                    laid, height, scale = tried, tried_h, bigger
            scale = min(scale, availHeight / height)  # never overflow, even if a wider layout came out taller
        self._content, self.scale = laid, scale
        self.width, self.height = width, height * scale
        self._laid_for = (width, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        y = self.height / self.scale
        for flowable, h in self._content:
            y -= h
            flowable.drawOn(canv, 0, y)
        canv.restoreState()
