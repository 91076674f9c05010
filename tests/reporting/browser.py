"""A real headless Chromium driven by Playwright (the Python package only: the browser is the system's
/usr/bin/chromium — Debian's package, which scripts/setup.sh installs for tests — never a downloaded build).

``chromium_or_skip()`` gives the browser's path, or skips the test with the reason visible in the summary.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_or_skip() -> str:
    path = os.environ.get("FEVER_SENTINEL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("no Chromium on this machine (scripts/setup.sh test installs Debian's chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    return path


@contextmanager
def browser_page(profile: Path, *, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A fresh page in a fresh profile (``profile``, a temporary directory), closed afterwards."""
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS,
            viewport={"width": width, "height": height}, locale="zh-CN")
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.set_default_timeout(20_000)
            yield page
        finally:
            context.close()
