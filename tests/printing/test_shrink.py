"""ShrinkToFit: a block that must stay on its page is drawn at one scale that fits, and still spans its width."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table
from reportlab.platypus.flowables import Flowable

from app.printing.a4 import styles
from app.printing.form_grid import shares
from app.printing.shrink import ShrinkToFit

WIDTH = 180 * mm


def _block(rows: int, text: str = "发热门诊") -> list[Flowable]:
    table = Table([[f"第{n}行", text] for n in range(rows)], colWidths=shares([24 * mm, 156 * mm]))
    return [table, Paragraph("说明：" + "本单一式三联，各执一联。" * 12, styles()["note"])]


def _drawn_tables(block: ShrinkToFit) -> list[float]:
    """Each table's width on the page: as laid out, times the scale it is drawn at."""
    return [f.wrap(WIDTH / block.scale, 1e9)[0] * block.scale for f, _h in block._content if isinstance(f, Table)]


def test_a_block_that_fits_is_drawn_at_full_size() -> None:
    block = ShrinkToFit(lambda: _block(5))
    w, h = block.wrap(WIDTH, 200 * mm)
    assert block.scale == 1.0 and w == WIDTH
    assert h == sum(f.wrap(WIDTH, 1e9)[1] for f in _block(5))


def test_a_block_too_tall_shrinks_to_the_room_left_and_still_spans_the_width() -> None:
    natural = sum(f.wrap(WIDTH, 1e9)[1] for f in _block(60))
    block = ShrinkToFit(lambda: _block(60))
    w, h = block.wrap(WIDTH, natural / 2)
    assert 0.45 < block.scale < 0.55
    assert h <= natural / 2 and h > natural / 2 * 0.95  # as large as still fits
    assert w == WIDTH and all(abs(drawn - WIDTH) < 0.01 for drawn in _drawn_tables(block))


def test_the_width_it_spans_may_be_wider_than_the_frame_offers() -> None:
    block = ShrinkToFit(lambda: _block(60), WIDTH)
    w, _h = block.wrap(WIDTH - 12, 100 * mm)
    assert w == WIDTH and block.hAlign == "CENTER"
    assert all(abs(drawn - WIDTH) < 0.01 for drawn in _drawn_tables(block))


def test_the_same_block_on_every_page_is_laid_out_once() -> None:
    built = []

    def build() -> list[Flowable]:
        built.append(1)
        return _block(60)

    block = ShrinkToFit(build, WIDTH)
    first = block.wrap(WIDTH - 12, 100 * mm)
    once = len(built)
    assert block.wrap(WIDTH - 12, 100 * mm) == first and len(built) == once
    block.wrap(WIDTH - 12, 120 * mm)  # another room: laid out again
    assert len(built) > once
