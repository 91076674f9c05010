"""The ward permit card: masked names only, a signed QR that scans off a CR80 card and a thermal roll,
distinct kinds in grey, and no card for a revoked permit."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from functools import lru_cache

import numpy as np
import pytest

from app.keys import ClinicKey, load_public_key
from app.privacy import mask_name
from app.printing.permit_card import SIZES, permit_card_pdf
from app.clinic_info import ClinicInfo
from app.wards import credential
from app.wards.records import PermitRecord
from tests.printing import fixtures as F
from tests.printing import pdftools as T

KINDS = ("escort", "visitor")
DPI = {"CR80": 200, "58mm": 150, "80mm": 150}
WIDTH_MM = {"CR80": 85.6, "58mm": 58.0, "80mm": 80.0}
TITLE = {"escort": "陪护证", "visitor": "探视证"}
VISIT_NOTE = "每次探视不超过30分钟"


@pytest.fixture(scope="module")
def key() -> ClinicKey:
    return F.permit_key()


@pytest.fixture(scope="module")
def clinic(key: ClinicKey) -> ClinicInfo:
    return F.permit_clinic(key)


@lru_cache(maxsize=16)
def _pdf(key: ClinicKey, clinic: ClinicInfo, kind: str, size: str) -> bytes:
    return permit_card_pdf(F.permit(key, kind), clinic, size)


@lru_cache(maxsize=16)
def _page(key: ClinicKey, clinic: ClinicInfo, kind: str, size: str) -> np.ndarray:
    pages = T.render(_pdf(key, clinic, kind, size), DPI[size])
    assert len(pages) == 1
    return pages[0]


def _verify(text: str, clinic: ClinicInfo) -> credential.Credential:
    """What the gate does with a scan: verify with the clinic's public key, then read."""
    public = load_public_key(clinic.public_key)
    return credential.decode(text, {clinic.key_id: public}.get)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_content_and_privacy(key: ClinicKey, clinic: ClinicInfo, kind: str, size: str) -> None:
    text = T.compact(T.text_of(_pdf(key, clinic, kind, size)))  # a long ward name wraps on 58 mm
    number = F.PERMIT_NUMBERS[kind]
    for expected in (clinic.name, TITLE[kind], number, "欧**兰", "王*12床", F.WARD, "女儿" if kind == "escort"
                     else "朋友", F.HOLDER_ID[-4:]):
        assert expected in text, expected
    if kind == "escort":  # 2026-11-23 01:26 UTC, 14 days: in the clinic's zone (Shanghai)
        assert "2026-11-2309:26" in text and "2026-12-0709:26" in text
        assert "2026-11-2213:26采样阴性" in text  # the escort's negative test, sampled 20 h before
        assert VISIT_NOTE not in text
    else:
        assert "2026-11-2314:00" in text and "2026-11-2316:00" in text
        assert VISIT_NOTE in text and "离开后不得再次进入" in text and "采样" not in text
    assert F.HOLDER_NAME not in text and "秀" not in text  # the holder only masked
    assert F.PATIENT_NAME not in text and "䶮" not in text  # the patient only masked
    assert F.HOLDER_ID not in text and F.HOLDER_ID[:6] not in text and F.ID_NUMBER[-4:] not in text


@pytest.mark.parametrize("size", SIZES)
def test_fonts_are_embedded(key: ClinicKey, clinic: ClinicInfo, size: str) -> None:
    T.assert_fonts_embedded(_pdf(key, clinic, "visitor", size))


@pytest.mark.parametrize("size", SIZES)
def test_page_size(key: ClinicKey, clinic: ClinicInfo, size: str) -> None:
    width, height = T.page_size_mm(_pdf(key, clinic, "escort", size))
    assert width == pytest.approx(WIDTH_MM[size], abs=0.01)
    if size == "CR80":
        assert height == pytest.approx(54.0, abs=0.01)  # ISO/IEC 7810 ID-1, landscape, one card
    else:
        assert 110 < height < 200  # a roll: as tall as the content


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", KINDS)
def test_qr_scans_and_verifies(key: ClinicKey, clinic: ClinicInfo, kind: str, size: str) -> None:
    permit = F.permit(key, kind)
    page = _page(key, clinic, kind, size)
    text, points = T.decode_qr(page)
    assert text == permit.payload
    c = _verify(text, clinic)
    assert (c.permit_id, c.kind, c.ward, c.bed, c.id_last4) == (permit.id, kind, F.WARD, "12床", F.HOLDER_ID[-4:])
    assert points is not None
    side_mm = float(max(points[0][:, 0]) - min(points[0][:, 0])) / DPI[size] * T.MM_PER_INCH
    assert side_mm >= 30.0  # the symbol itself: ~0.5 mm modules or more for a ~320-character payload


@pytest.mark.parametrize("size", SIZES)
def test_nothing_runs_off_the_paper_or_into_the_qr(key: ClinicKey, clinic: ClinicInfo, size: str) -> None:
    page = _page(key, clinic, "visitor", size)
    dpi = DPI[size]
    edge = int(2 / T.MM_PER_INCH * dpi)
    assert page[:, :edge].min() > 240 and page[:, -edge:].min() > 240
    assert page[:edge, :].min() > 240 and page[-edge:, :].min() > 240
    _, points = T.decode_qr(page)
    assert points is not None
    left, top = int(min(points[0][:, 0])), int(min(points[0][:, 1]))
    right, bottom = int(max(points[0][:, 0])), int(max(points[0][:, 1]))
    quiet = int(1.8 / T.MM_PER_INCH * dpi)  # most of the 4-module quiet zone: no text or band inside it
    for strip in (page[top:bottom, left - quiet:left - 2], page[top:bottom, right + 2:right + quiet],
                  page[top - quiet:top - 2, left:right], page[bottom + 2:bottom + quiet, left:right]):
        assert strip.size and strip.min() > 200


def test_kinds_differ_in_grey(key: ClinicKey, clinic: ClinicInfo) -> None:
    """A mono laser prints the escort band dark and the visitor band pale."""
    band = {kind: _page(key, clinic, kind, "CR80") for kind in KINDS}
    dpi = DPI["CR80"]
    px = lambda mm_: int(mm_ / T.MM_PER_INCH * dpi)  # noqa: E731
    rows, cols = slice(px(4), px(12)), slice(px(45), px(60))  # inside the band, right of the title
    assert band["escort"][rows, cols].mean() < 100
    assert band["visitor"][rows, cols].mean() > 170


def test_long_values_stay_on_the_card(key: ClinicKey, clinic: ClinicInfo) -> None:
    long_clinic = dataclasses.replace(clinic, name="某某省某某市某某县某某镇中心卫生院发热哨点诊室住院部")
    permit = F.permit(key, "visitor", holder_name="Alexandra Konstantinopoulou", relation="患者之外孙女的丈夫（代表家属）",
                      bed="加床12-3")
    pdf = permit_card_pdf(permit, long_clinic, "CR80")
    text = T.compact(T.text_of(pdf))
    assert mask_name(permit.holder_name).replace(" ", "") in text and "Alexandra" not in text
    assert F.PERMIT_NUMBERS["visitor"] in text and VISIT_NOTE in text
    page = T.render(pdf, DPI["CR80"])[0]
    edge = int(2 / T.MM_PER_INCH * DPI["CR80"])
    assert page[:, :edge].min() > 240 and page[:, -edge:].min() > 240 and page[-edge:, :].min() > 240
    assert T.decode_qr(page)[0] == permit.payload


@pytest.mark.parametrize(("reason", "words"), [("家属要求", "家属要求"), ("discharged", "患者已出院"),
                                               ("reprinted: 陪护证遗失", "已补办新证")])
def test_revoked_permit_refuses_to_print(key: ClinicKey, clinic: ClinicInfo, reason: str, words: str) -> None:
    revoked = F.permit(key, "escort", state="revoked", revoke_reason=reason)
    for size in SIZES:
        with pytest.raises(ValueError, match="已作废") as refused:
            permit_card_pdf(revoked, clinic, size)
        assert words in str(refused.value) and F.PERMIT_NUMBERS["escort"] in str(refused.value)


def test_unknown_size_is_refused(key: ClinicKey, clinic: ClinicInfo) -> None:
    with pytest.raises(ValueError, match="CR80"):
        permit_card_pdf(F.permit(key), clinic, "A6")


def test_a_qr_this_clinic_did_not_sign_is_not_printed(key: ClinicKey, clinic: ClinicInfo) -> None:
    other = F.permit_key()
    with pytest.raises(ValueError, match="无法用本机构公钥核验"):
        permit_card_pdf(F.permit(other), clinic, "CR80")  # signed by another key
    mine: PermitRecord = F.permit(key, "escort")
    with pytest.raises(ValueError, match="与本证不符"):
        permit_card_pdf(dataclasses.replace(mine, id="0" * 32), clinic, "58mm")


@pytest.mark.parametrize("size", SIZES)
def test_escort_card_shows_the_validity_its_qr_carries_and_the_test(key: ClinicKey, clinic: ClinicInfo,
                                                                    size: str) -> None:
    """The permit's own validity ends with the test (48 h); every size prints the QR's and the test's date."""
    p = F.permit(key, "escort")
    assert p.escort_test_at is not None
    cut = dataclasses.replace(p, valid_until=p.escort_test_at + timedelta(hours=48),
                              requested_until=p.valid_until, escort_test_result="negative")
    text = T.compact(T.text_of(permit_card_pdf(cut, clinic, size)))
    assert "2026-12-0709:26" in text and "2026-11-2213:26采样阴性" in text
