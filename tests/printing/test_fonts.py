"""The CJK fonts are the bundled TrueType files, registered once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.printing.fonts import register_cjk_fonts
from app.resources import CJK_FONT_BOLD, CJK_FONT_REGULAR, resource_path


def test_registers_the_bundled_truetype_files_once(monkeypatch: pytest.MonkeyPatch) -> None:
    regular, bold = register_cjk_fonts()
    assert regular != bold
    files = {name: pdfmetrics.getFont(name) for name in (regular, bold)}
    assert all(isinstance(f, TTFont) for f in files.values())
    assert files[regular].face.filename == str(resource_path(*CJK_FONT_REGULAR))
    assert files[bold].face.filename == str(resource_path(*CJK_FONT_BOLD))
    with monkeypatch.context() as m:  # cached: no second parse of a 10 MB file
        m.setattr("app.printing.fonts.TTFont", lambda *a, **k: pytest.fail("the font file was parsed again"))
        assert register_cjk_fonts() == (regular, bold)


def test_concurrent_callers_get_the_same_names() -> None:
    with ThreadPoolExecutor(8) as pool:
        results = set(pool.map(lambda _: register_cjk_fonts(), range(32)))
    assert len(results) == 1


def test_rare_characters_have_glyphs() -> None:
    regular, bold = register_cjk_fonts()
    for name in (regular, bold):
        face = pdfmetrics.getFont(name).face
        for ch in "王䶮≥℃（）":
            assert ord(ch) in face.charToGlyph, (name, ch)
