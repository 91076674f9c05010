"""`fever-sentinel clocks [--json]` for admins and scripts."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

from app.actor import Actor
from app.cli import main as cli_main
from app.clock import FixedClock
from app.context import AppContext
from tests.casework.conftest import arrive


def clocks_json(ctx: AppContext, db_url: str) -> list[dict]:
    out = io.StringIO()
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "clocks", "--json"], out=out) == 0
    return json.loads(out.getvalue())


def test_clocks_lists_open_deadlines_by_urgency(ctx: AppContext, clinic: dict[str, Actor], db_url: str,
                                                clock: FixedClock) -> None:
    assert clocks_json(ctx, db_url) == []
    doc = clinic["doc1"]
    visit_no = arrive(ctx, clinic["nurse"], doc)
    case = ctx.cases.take(doc, visit_no)
    ctx.cases.classify(doc, visit_no, case.version, "suspected")
    rows = clocks_json(ctx, db_url)  # the command runs on the real clock
    real_now = datetime.now(timezone.utc)
    expected = sorted(((visit_no, c.kind, c.state(real_now).value) for c in ctx.cases.get(doc, visit_no).clocks),
                      key=lambda row: ["transfer_request", "report_2h", "nat_12h", "epi_24h"].index(row[1]))
    assert [(r["visit_no"], r["kind"], r["state"]) for r in rows] == expected
    assert [r["kind"] for r in rows] == ["transfer_request", "report_2h", "nat_12h", "epi_24h"]  # most urgent first
    assert rows[1]["started"] == "2026-11-23T01:00:00+00:00" and rows[1]["due"] == "2026-11-23T03:00:00+00:00"
    out = io.StringIO()
    cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "clocks"], out=out)
    assert "2 h direct network report" in out.getvalue() and "report_2h" not in out.getvalue() and "11-23 11:00" in out.getvalue()  # clinic time (Asia/Shanghai)
