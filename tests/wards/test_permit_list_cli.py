"""`permit list` shows a permit past its end as expired (issue 14): the state is computed against now."""

from __future__ import annotations

import argparse
import io
import json
from app.cli import cmd_permit_list
from app.context import AppContext
from tests.wards.conftest import Ward, visitor


def listed(ctx: AppContext, as_json: bool) -> str:
    out = io.StringIO()
    assert cmd_permit_list(ctx, argparse.Namespace(json=as_json), out) == 0
    return out.getvalue()


def test_an_active_permit_past_its_end_is_listed_as_expired(ctx: AppContext, hospital: Ward) -> None:
    permit = visitor(ctx, hospital, minutes=30)
    [row] = json.loads(listed(ctx, True))
    assert (row["state"], row["stored_state"]) == ("active", "active")
    assert f"{permit.number} Visitor permit Valid" in listed(ctx, False)  # words, not codes
    text = listed(ctx, False)
    assert "+08:00" in text and "Z\n" not in text  # clinic local time with its zone

    ctx.clock.advance(minutes=31)  # type: ignore[attr-defined]
    [row] = json.loads(listed(ctx, True))
    assert (row["state"], row["stored_state"]) == ("expired", "active")
    assert f"{permit.number} Visitor permit Expired" in listed(ctx, False)


def test_a_revoked_permit_stays_revoked(ctx: AppContext, hospital: Ward) -> None:
    permit = visitor(ctx, hospital, minutes=30)
    ctx.permits.revoke(hospital.nurse, permit.id, "探视结束")
    ctx.clock.advance(hours=2)  # type: ignore[attr-defined]
    assert json.loads(listed(ctx, True))[0]["state"] == "revoked"  # not "expired": revoked says more
