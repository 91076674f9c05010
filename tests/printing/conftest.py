"""Generate the standard documents once per module: rendering and decoding is the slow part."""

from __future__ import annotations

import numpy as np
import pytest

from app.printing.guide_slip import GuideSlip
from app.printing.registration_form import registration_form_pdf
from tests.printing import fixtures as F
from tests.printing import pdftools as T


@pytest.fixture(scope="module")
def form_pdf() -> bytes:
    return registration_form_pdf(F.visit(), F.clinic(), F.PRINTED_AT)


@pytest.fixture(scope="module")
def form_pages(form_pdf: bytes) -> list[np.ndarray]:
    return T.render(form_pdf, 150)


@pytest.fixture
def slip() -> GuideSlip:
    return GuideSlip(clinic_name="杏花镇卫生院", visit_no=F.VISIT_NO, patient_name=F.PATIENT_NAME,
                     sent_at=F.PRINTED_AT, timezone="Asia/Shanghai", escort="张志强（保安）",
                     queue_no=12)
