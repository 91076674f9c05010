"""``fever-sentinel self-test`` from source, in-process: it passes here, and it fails loudly (✗ naming
what is missing, exit 1) when a bundle would have lost a resource."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import app
from app import resources, selftest
from app.cli import main as cli_main
from app.passwords import OWASP_FLOOR


@pytest.fixture(scope="module")
def probe():  # type: ignore[no-untyped-def]
    from ui.selftest_render import QtProbe

    return QtProbe()


def run(probe, **kw) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    code = selftest.run_self_test(out, probe_factory=probe and (lambda: probe), argon2=OWASP_FLOOR, **kw)
    return code, out.getvalue()


def test_self_test_passes_from_source(probe) -> None:  # type: ignore[no-untyped-def]
    code, text = run(probe)
    assert code == 0, text
    lines = text.splitlines()
    assert lines[0].startswith(f"Fever Sentinel {app.__version__} (schema: clinic ")  # issue 14: what is checked
    assert all(line.startswith("✓") for line in lines[1:-1]), text
    assert lines[-1].startswith("self-test passed") and lines[-1].endswith(f"version {app.__version__}")
    for size in ("58mm", "80mm", "A6"):
        assert f"✓ guide slip {size} printed, QR read back" in text
    assert "QR decodes to SELFTEST-" in text
    assert "✓ audit chain verified" in text and "✓ clinic key signs and verifies" in text


def test_missing_font_fails_loudly(probe, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A bundle without the CJK font: the resource check and every printout fail, naming the file."""
    fake = tmp_path / "resources"
    for sub in ("icons", "translations", "fonts"):
        (fake / sub).mkdir(parents=True)
    real = resources.resources_root()
    for parts in selftest.RESOURCES:
        if parts != resources.CJK_FONT_REGULAR:
            (fake.joinpath(*parts)).write_bytes(real.joinpath(*parts).read_bytes())
    monkeypatch.setattr(resources, "resources_root", lambda: fake)
    import app.printing.fonts as fonts

    monkeypatch.setattr(fonts, "_registered", None)  # registered earlier in this process: forget it
    monkeypatch.setattr(fonts.pdfmetrics, "getRegisteredFontNames", lambda: [])
    code, text = run(probe)
    assert code == 1
    assert "✗ bundled resources" in text and "NotoSansSC-Regular.ttf" in text
    assert "✗ registration form (A4) printed" in text
    assert "✗ guide slip 58mm printed" in text
    assert "✓ audit chain verified" in text  # the rest still runs and reports
    assert text.splitlines()[-1].startswith("self-test FAILED")


def test_without_a_renderer_the_qr_checks_fail() -> None:
    code, text = run(None)
    assert code == 1
    assert "✗ guide slip A6 printed, QR read back — CheckFailed: no PDF renderer" in text


def test_cli_command_is_wired(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, probe) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(selftest, "run_self_test", lambda out, probe_factory, _real=selftest.run_self_test:
                        _real(out, probe_factory=probe_factory, argon2=OWASP_FLOOR))
    out = io.StringIO()
    code = cli_main(["--data-dir", str(tmp_path / "real"), "self-test"], out=out, probe_factory=lambda: probe)
    assert code == 0, out.getvalue()
    assert "✓ Qt probe loads" in out.getvalue()
    assert not (tmp_path / "real").exists()  # a throw-away directory, never the data directory


def test_marks_fall_back_on_a_console_without_them() -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    report = selftest.Report(out)
    report.run("x", lambda: "fine")
    out.flush()
    assert out.buffer.getvalue().decode("gbk").startswith("[ok] x - fine")  # type: ignore[attr-defined]
