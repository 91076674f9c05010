"""The one way to find a bundled resource, from a source checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of ``resources/<parts...>``; raises FileNotFoundError naming it when missing."""
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource: {path}")
    return path


CJK_FONT_REGULAR = ("fonts", "NotoSansSC-Regular.ttf")
CJK_FONT_BOLD = ("fonts", "NotoSansSC-Bold.ttf")
