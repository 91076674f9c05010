"""Add-or-edit forms (wards, transfer hospitals): a taken name, a vanished row and another desk's
newer edit are refused by code, and nothing is changed."""

from __future__ import annotations

import pytest

from app.actor import Actor
from app.context import AppContext
from app.errors import Conflict, NotFound, StaleEdit


def test_ward_name_taken_row_gone_and_stale_edit(ctx: AppContext, admin: Actor) -> None:
    ward = ctx.wards.save_ward(admin, name="内科病区", type="general", gates=["内科门岗"])
    with pytest.raises(Conflict) as taken:
        ctx.wards.save_ward(admin, name="内科病区", type="general", gates=["东门"])
    assert taken.value.code == "ward_exists"
    with pytest.raises(NotFound):
        ctx.wards.save_ward(admin, name="外科病区", type="general", gates=["东门"], ward_id=ward.id + 99)
    edited = ctx.wards.save_ward(admin, name="内科病区", type="general", gates=["东门"], ward_id=ward.id,
                                 expected_version=ward.version)
    with pytest.raises(StaleEdit):  # saved from a form loaded before that edit
        ctx.wards.save_ward(admin, name="内科病区", type="general", gates=["西门"], ward_id=ward.id,
                            expected_version=ward.version)
    assert [w.gates for w in ctx.wards.wards() if w.id == ward.id] == [edited.gates]


def test_hospital_name_taken_row_gone_and_stale_edit(ctx: AppContext, admin: Actor) -> None:
    h = ctx.transfers.save_hospital(admin, name="市传染病医院", kind="designated")
    with pytest.raises(Conflict) as taken:
        ctx.transfers.save_hospital(admin, name="市传染病医院", kind="backup")
    assert taken.value.code == "hospital_exists"
    with pytest.raises(NotFound):
        ctx.transfers.save_hospital(admin, name="别的医院", kind="backup", hospital_id=h.id + 99)
    ctx.transfers.save_hospital(admin, name="市传染病医院", kind="designated", phone="0755-1",
                                hospital_id=h.id, expected_version=h.version)
    with pytest.raises(StaleEdit):
        ctx.transfers.save_hospital(admin, name="市传染病医院", kind="designated", phone="0755-2",
                                    hospital_id=h.id, expected_version=h.version)
    assert [x.phone for x in ctx.transfers.hospitals(admin) if x.id == h.id] == ["0755-1"]
