"""Paper output: the registration form (A4), the guide slip (thermal or A6), the case timeline (A4), the
three-part transfer handover form (A4) and the ward permit card (CR80 or thermal).

Pure ReportLab: no Qt here, so the same bytes print from the GUI, the CLI and the tests.
"""

from __future__ import annotations

from app.printing.fonts import register_cjk_fonts
from app.printing.guide_slip import SLIP_SIZES, GuideSlip, guide_slip_pdf
from app.printing.permit_card import permit_card_pdf
from app.printing.registration_form import registration_form_pdf
from app.printing.timeline_pdf import case_timeline_pdf
from app.printing.transfer_form import transfer_handover_pdf

__all__ = [
    "SLIP_SIZES", "GuideSlip", "case_timeline_pdf", "guide_slip_pdf", "permit_card_pdf", "register_cjk_fonts",
    "registration_form_pdf", "transfer_handover_pdf",
]
