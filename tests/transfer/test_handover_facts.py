"""The handover facts (issue 15): what the request adds (underlying diseases/allergies, lines and medication,
documents sent along), what the record reads from the case, the users and the hospital list, and the clinic's
phone and report signers (clinic setting ``clinic.contacts``)."""

from __future__ import annotations

import pytest

from app.actor import Actor
from app.clinic_contacts import ClinicContacts
from app.context import AppContext
from app.errors import PermissionDenied, StaleEdit, ValidationError
from tests.casework.conftest import clinic  # noqa: F401  (fixture)
from tests.transfer.test_transfers import hospital, suspected_case  # noqa: F401  (fixture)

FACTS = dict(underlying_conditions="高血压\n青霉素过敏", lines_medication="鼻导管吸氧 3L/min；静脉通路",
             documents="病历摘要、检验报告")


def _request(ctx: AppContext, staff: dict[str, Actor], hospital_id: int, **kw: str):  # type: ignore[no-untyped-def]
    return ctx.transfers.request(staff["doc1"], suspected_case(ctx, staff), hospital_id=hospital_id,
                                 condition="serious", oxygen=True, precautions="N95", staff="护士 李娜", **kw)


def test_the_request_keeps_the_facts_and_the_record_reads_the_rest(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                                   hospital: int) -> None:  # noqa: F811
    t = _request(ctx, clinic, hospital, **FACTS)
    assert t.underlying_conditions == "高血压 青霉素过敏"  # line breaks fold, as the other fields
    assert (t.lines_medication, t.documents) == (FACTS["lines_medication"], FACTS["documents"])
    again = ctx.transfers.get(clinic["admin"], t.id)
    assert again.documents == "病历摘要、检验报告"
    doctor = ctx.users.full_name_of(clinic["doc1"])
    assert doctor != clinic["doc1"].username and t.requested_by_name == doctor  # the real name, not the log-in
    assert t.hospital_phone == "0755-88886666"  # from the hospital list, never typed again
    assert t.temperature_c is not None and t.temperature_at is not None and "fever" in t.symptoms
    assert isinstance(t.epi, dict)
    last = ctx.timelines.timeline(clinic["admin"], t.visit_no).events[-1]
    assert last.summary["documents"] == "病历摘要、检验报告"
    assert (last.username, last.full_name) == (clinic["doc1"].username, doctor)  # read with the audit row


def test_the_facts_are_optional(ctx: AppContext, clinic: dict[str, Actor], hospital: int) -> None:  # noqa: F811
    t = _request(ctx, clinic, hospital)
    assert (t.underlying_conditions, t.lines_medication, t.documents) == ("", "", "")


@pytest.mark.parametrize("field", sorted(FACTS))
def test_each_fact_is_checked(ctx: AppContext, clinic: dict[str, Actor], hospital: int,  # noqa: F811
                              field: str) -> None:
    visit_no = suspected_case(ctx, clinic)

    def ask(value: str):  # type: ignore[no-untyped-def]
        return ctx.transfers.request(clinic["doc1"], visit_no, hospital_id=hospital, condition="serious",
                                     oxygen=False, precautions="N95", staff="护士 李娜", **{field: value})

    with pytest.raises(ValidationError) as exc:
        ask("很" * 201)
    assert exc.value.code == "too_long" and exc.value.details == {"field": field, "maximum": 200}
    with pytest.raises(ValidationError) as exc:
        ask("隐\u200b藏")
    assert exc.value.code == "control_characters" and exc.value.details["field"] == field
    assert getattr(ask("很" * 200), field) == "很" * 200


def test_clinic_contacts_are_kept_by_an_admin(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    assert ctx.transfers.contacts() == (ClinicContacts(), 0)
    version = ctx.transfers.update_contacts(clinic["admin"], ClinicContacts.cleaned(" 0755-1234 5678 ", "王建华",
                                                                                    "张卫东"), 0)
    contacts, read_version = ctx.transfers.contacts()
    assert contacts == ClinicContacts("0755-1234 5678", "王建华", "张卫东") and read_version == version
    with pytest.raises(StaleEdit):
        ctx.transfers.update_contacts(clinic["admin"], ClinicContacts(phone="1"), 0)
    with pytest.raises(PermissionDenied):
        ctx.transfers.update_contacts(clinic["doc1"], ClinicContacts(phone="1"), version)
    assert ctx.transfers.contacts()[0].phone == "0755-1234 5678"


def test_contacts_lengths_are_checked() -> None:
    with pytest.raises(ValidationError) as exc:
        ClinicContacts(phone="1" * 31)
    assert exc.value.details == {"field": "phone", "maximum": 30}
    with pytest.raises(ValidationError) as exc:
        ClinicContacts(head="张" * 65)
    assert exc.value.details == {"field": "head", "maximum": 64}
    assert ClinicContacts(phone="1" * 30, reviewer="王" * 64).phone == "1" * 30
