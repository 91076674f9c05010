"""The guide slip: masked name only, a QR that scans off a 58 mm roll, three paper sizes."""

from __future__ import annotations

import dataclasses

import pytest

from app.printing.guide_slip import SLIP_SIZES, GuideSlip, guide_slip_pdf
from app.printing.guide_slip import BuyerSlip, buyer_slip_pdf
from tests.printing import fixtures as F
from tests.printing import pdftools as T

DPI = 150
WIDTHS_MM = {"58mm": 58.0, "80mm": 80.0, "A6": 105.0}


@pytest.mark.parametrize("size", list(SLIP_SIZES))
def test_slip_content_and_privacy(slip: GuideSlip, size: str) -> None:
    text = T.text_of(guide_slip_pdf(slip, size))
    for expected in ("杏花镇卫生院", "发热门诊引导单", F.VISIT_NO, "王*", "2026-11-23 09:30", "发热门诊", "张志强（保安）",
                     "候诊号", "F012"):
        assert expected in text, expected
    assert F.PATIENT_NAME not in text and "䶮" not in text
    assert F.ID_NUMBER not in text and F.ID_NUMBER[-4:] not in text


@pytest.mark.parametrize("size", list(SLIP_SIZES))
def test_slip_qr_scans_and_is_large(slip: GuideSlip, size: str) -> None:
    pdf = guide_slip_pdf(slip, size)
    width, height = T.page_size_mm(pdf)
    assert width == pytest.approx(WIDTHS_MM[size], abs=0.1)
    if size == "A6":
        assert height == pytest.approx(148.0, abs=0.1)
    else:
        assert 90 < height < 170  # as tall as the content, not a full sheet
    pages = T.render(pdf, DPI)
    assert len(pages) == 1
    text, points = T.decode_qr(pages[0])
    assert text == F.VISIT_NO
    assert points is not None
    side_px = float(max(points[0][:, 0]) - min(points[0][:, 0]))
    assert side_px / DPI * T.MM_PER_INCH >= 30.0  # the symbol itself, quiet zone excluded
    margin = int(3 / T.MM_PER_INCH * DPI)  # nothing runs off the paper's edges
    page = pages[0]
    assert page[:, :margin].min() > 240 and page[:, -margin:].min() > 240


def test_long_values_shrink_or_wrap_but_stay_on_58mm(slip: GuideSlip) -> None:
    long = dataclasses.replace(slip, visit_no="XH0123456789-20261123-000000007", patient_name="欧阳娜娜",
                               clinic_name="某某省某某市某某县某某镇中心卫生院发热哨点诊室", escort="")
    pdf = guide_slip_pdf(long, "58mm")
    text = T.text_of(pdf)
    assert "欧**娜" in text and "欧阳娜娜" not in text and "\n陪同\n" not in text  # no empty escort row
    page = T.render(pdf, DPI)[0]
    assert T.decode_qr(page)[0] == long.visit_no
    margin = int(3 / T.MM_PER_INCH * DPI)
    assert page[:, :margin].min() > 240 and page[:, -margin:].min() > 240


def test_unknown_size_is_refused(slip: GuideSlip) -> None:
    with pytest.raises(ValueError, match="58mm"):
        guide_slip_pdf(slip, "A4")


def test_fonts_are_embedded(slip: GuideSlip) -> None:
    for font in T.fonts_of(guide_slip_pdf(slip, "58mm")):
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


# ----- the pharmacy buyer's slip (every buyer, "引导到就近发热门诊就诊") ------------------------------------

def buyer(**kw: object) -> BuyerSlip:
    fields: dict[str, object] = dict(clinic_name="杏花镇卫生院", purchase_id=42, buyer_name=F.PATIENT_NAME,
                                     drug_category="antipyretic", at=F.PRINTED_AT, timezone="Asia/Shanghai",
                                     sold=False, clinic_mode="refer", hospital_name="县人民医院",
                                     hospital_address="城关镇人民路88号", hospital_phone="0371-12345678")
    return BuyerSlip(**{**fields, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize("size", list(SLIP_SIZES))
def test_buyer_slip_content_privacy_and_paper(size: str) -> None:
    pdf = buyer_slip_pdf(buyer(), size)
    text = T.compact(T.text_of(pdf))
    for expected in ("杏花镇卫生院", "发热门诊就诊引导单", "000042", "王*", "2026-11-2309:30", "退热药", "未售出",
                     "本机构发热哨点诊室", "县人民医院", "城关镇人民路88号", "0371-12345678",
                     "无二级以上医疗机构医生处方不得出售退烧药物"):
        assert expected in text, expected
    assert F.PATIENT_NAME not in text and F.ID_NUMBER not in text
    width, height = T.page_size_mm(pdf)
    assert width == pytest.approx(WIDTHS_MM[size], abs=0.1)
    assert height == pytest.approx(148.0, abs=0.1) if size == "A6" else 60 < height < 170
    pages = T.render(pdf, DPI)
    assert len(pages) == 1 and T.decode_qr(pages[0]) == ("", None)  # no QR: the buyer is not a visit yet
    margin = int(3 / T.MM_PER_INCH * DPI)
    page = pages[0]
    assert page[:, :margin].min() > 240 and page[:, -margin:].min() > 240
    assert page[-margin:, :].min() > 240  # nothing runs off the bottom (the A6 sheet is fixed)


def test_buyer_slip_sold_in_a_fever_clinic_and_legacy_category() -> None:
    text = T.compact(T.text_of(buyer_slip_pdf(buyer(sold=True, clinic_mode="treat", drug_category="cough"), "58mm")))
    assert "已售出" in text and "止咳药" in text and "本机构发热门诊" in text
    assert "县人民医院" not in text and "不得出售" not in text  # the clinic is the fever clinic itself
    old = T.compact(T.text_of(buyer_slip_pdf(buyer(drug_category="antidiarrhoeal", hospital_name=""), "58mm")))
    assert "止泻药" in old and "转诊" not in old.replace("转诊至", "")
    for font in T.fonts_of(buyer_slip_pdf(buyer(), "80mm")):
        assert font["/Subtype"] in ("/TrueType", "/Type0", "/CIDFontType2")


@pytest.mark.parametrize("size", list(SLIP_SIZES))
def test_queue_number_is_the_largest_text(slip: GuideSlip, size: str) -> None:
    """The waiting room calls the queue number: it prints larger than the visit number; a slip printed before
    the patient was sent has none (and no empty heading)."""
    sizes = T.font_sizes(guide_slip_pdf(slip, size))
    assert sizes["F012"] > sizes[F.VISIT_NO] and sizes["F012"] == max(sizes.values())
    text = T.text_of(guide_slip_pdf(dataclasses.replace(slip, queue_no=None), size))
    assert "候诊号" not in text and "F0" not in text
