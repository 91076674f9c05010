"""How long printing takes, warm, next to a trivial ReportLab PDF measured in the same run.

Prints figures (p50/p95 and the ratio to the baseline); asserts nothing about time, since machines
differ. Run ``pytest tests/bench/test_bench_printing.py`` (figures show without ``-s``).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import partial
from io import BytesIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from reportlab.pdfgen.canvas import Canvas

from app.keys import ClinicKey

from app.printing.guide_slip import SLIP_SIZES, GuideSlip, guide_slip_pdf
from app.printing.timeline_pdf import case_timeline_pdf
from app.printing.fonts import register_cjk_fonts
from app.printing.registration_form import registration_form_pdf
from app.printing.transfer_form import transfer_handover_pdf
from app.printing.fonts import fonts_registered
from app.printing.permit_card import SIZES as PERMIT_SIZES
from app.printing.permit_card import permit_card_pdf
from app.signing import sign_token
from tests.bench import table
from tests.printing import fixtures as F

RUNS = 50


def _baseline() -> bytes:
    """One page, one line of Latin text in a built-in font: the floor of any ReportLab document."""
    buf = BytesIO()
    canvas = Canvas(buf)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Fever Sentinel baseline")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _measure(make: Callable[[], bytes]) -> tuple[float, float]:
    """p50 and p95 in milliseconds over RUNS warm runs."""
    make()  # warm: fonts parsed, styles and QR matrices cached
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        make()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def test_bench_printing(capsys: pytest.CaptureFixture[str]) -> None:
    already = fonts_registered()
    start = time.perf_counter()
    register_cjk_fonts()
    registration = "done earlier in this process" if already else f"{(time.perf_counter() - start) * 1000:.0f} ms, once"
    detail, clinic = F.visit(), F.clinic()
    slip = GuideSlip("杏花镇卫生院", F.VISIT_NO, F.PATIENT_NAME, F.PRINTED_AT, "Asia/Shanghai", escort="张志强（保安）")
    cases: dict[str, Callable[[], bytes]] = {
        "baseline (1 line Latin)": _baseline,
        "registration form A4": lambda: registration_form_pdf(detail, clinic, F.PRINTED_AT),
    }
    for size in SLIP_SIZES:
        cases[f"guide slip {size}"] = partial(guide_slip_pdf, slip, size)
    timeline = F.timeline()
    cases[f"case timeline A4 {len(timeline.events)} ev"] = lambda: case_timeline_pdf(
        timeline, clinic, F.TIMELINE_PRINTED_AT, "admin_zhao")
    transfer, tests = F.transfer(), F.transfer_tests()
    token = sign_token(ClinicKey(Ed25519PrivateKey.generate()), {  # the size of a real handover token
        "kind": "transfer", "iss": clinic.code, "tid": transfer.id, "vno": transfer.visit_no, "name": "王*",
        "sex": transfer.sex, "age": 41, "cls": transfer.classification, "dst": transfer.hospital_name,
        "at": int(transfer.requested_at.timestamp()), "exp": int(F.TRANSFER_PRINTED_AT.timestamp()) + 72 * 3600})
    cases["transfer handover A4 ×3"] = lambda: transfer_handover_pdf(  # target ≤ 150 ms for the three parts
        transfer, tests, clinic, token, F.TRANSFER_PRINTED_AT, history=F.vitals_history())
    permit_key = F.permit_key()
    permit, permit_clinic = F.permit(permit_key, "visitor"), F.permit_clinic(permit_key)
    for size in PERMIT_SIZES:  # the signed QR is re-verified on every print
        cases[f"permit card {size}"] = partial(permit_card_pdf, permit, permit_clinic, size)
    results = {name: _measure(make) for name, make in cases.items()}
    base_p50, base_p95 = results["baseline (1 line Latin)"]
    with capsys.disabled():
        print(f"\n\nprinting, warm, {RUNS} runs each (font registration: {registration})")
        print(f"{'document':<26}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×base':>11}{'p95 ×base':>11}")
        for name, (p50, p95) in results.items():
            print(f"{name:<26}{p50:>9.1f}{p95:>9.1f}{p50 / base_p50:>11.1f}{p95 / base_p95:>11.1f}")
    for name, measured in results.items():
        if name != "baseline (1 line Latin)":
            table.add_timed(f"print: {name}", None, measured, baseline=(base_p50, base_p95),
                            target=150 if name.startswith("transfer") else None)
