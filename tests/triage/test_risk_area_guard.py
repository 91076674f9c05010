"""The risk-area list cannot be wiped by an empty or truncated file (issue 14): an empty list, or one shorter
than half the current one, is refused (``risk_areas_shrink`` with the old and new counts) unless forced; the
county hub's list is applied as it is; ``risk-areas list`` shows the list with words."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from app.actor import Actor
from app.cli import main as cli_main
from app.context import AppContext
from app.errors import Conflict
from app.triage.config_service import RiskAreaRecord

AREAS = [RiskAreaRecord(f"广东省广州市区{i}", "high" if i < 2 else "medium", None, "test") for i in range(6)]


def cli(ctx: AppContext, db_url: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "risk-areas", *args], out=out), \
        out.getvalue()


def names(ctx: AppContext) -> set[str]:
    return {a.name for a in ctx.triage_config.risk_areas()}


def test_shrink_guard_in_the_service(ctx: AppContext, admin: Actor) -> None:
    config = ctx.triage_config
    assert config.replace_risk_areas(admin, AREAS, "import") == 6  # from nothing: allowed
    with pytest.raises(Conflict) as err:
        config.replace_risk_areas(admin, [], "import")
    assert err.value.code == "risk_areas_shrink" and err.value.details == {"old": 6, "new": 0}
    with pytest.raises(Conflict) as err:
        config.replace_risk_areas(admin, AREAS[:2], "import")  # 2 < 6 / 2
    assert err.value.details == {"old": 6, "new": 2} and len(names(ctx)) == 6
    assert config.replace_risk_areas(admin, AREAS[:3], "import") == 3  # exactly half: allowed
    assert config.replace_risk_areas(admin, AREAS[:1], "import", force=True) == 1  # forced
    assert config.replace_risk_areas(admin, AREAS[:1] * 0, "hub") == 0  # the county's list is authoritative
    assert names(ctx) == set()


def test_cli_wipe_refused_then_forced(ctx: AppContext, admin: Actor, db_url: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    full = tmp_path / "areas.csv"
    full.write_bytes("地区,风险等级,起始日期\n".encode("gbk") + "".join(
        f"{a.name},{'高风险' if a.level == 'high' else '中风险'},2026-11-0{i + 1}\n"
        for i, a in enumerate(AREAS)).encode("gbk"))  # GBK, as Excel saves it
    assert cli(ctx, db_url, "import", str(full))[0] == 0 and len(names(ctx)) == 6
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    truncated = tmp_path / "truncated.csv"
    truncated.write_text(f"{AREAS[0].name},高风险\n", encoding="utf-8")
    for path in (empty, truncated):
        code, _out = cli(ctx, db_url, "import", str(path))
        err = capsys.readouterr().err
        assert code == 1 and "risk_areas_shrink" in err and "--force" in err and "old=6" in err
        assert len(names(ctx)) == 6  # nothing changed
    code, out = cli(ctx, db_url, "import", str(truncated), "--force")
    assert code == 0 and names(ctx) == {AREAS[0].name}


def test_cli_list(ctx: AppContext, admin: Actor, db_url: str) -> None:
    ctx.triage_config.replace_risk_areas(admin, [RiskAreaRecord("河北省石家庄市藁城区", "medium", None, "import"),
                                                 RiskAreaRecord("广东省广州市白云区", "high",
                                                                date(2026, 11, 20), "hub")],
                                         "import")
    code, out = cli(ctx, db_url, "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("High risk  广东省广州市白云区  since 2026-11-20  source: Imported file")
    assert lines[1].startswith("Medium risk  河北省石家庄市藁城区  -") and "2 areas (1 high risk)" in lines[2]
    code, out = cli(ctx, db_url, "list", "--json")
    assert json.loads(out)[0] == {"name": "广东省广州市白云区", "level": "high", "level_words": "高风险",
                                  "since": "2026-11-20", "source": "import", "source_words": "导入文件"}


def test_a_file_with_bare_carriage_returns_or_control_bytes_is_read_or_refused_never_a_crash() -> None:
    """Found by the hub's fuzz test: a bare CR (old Excel/Mac exports) ends a row; stray bytes are a row error."""
    from app.errors import ValidationError
    from app.triage.config_service import parse_risk_areas

    records = parse_risk_areas("广州白云,高风险\r河北石家庄,medium\r".encode(), "areas.csv")
    assert [(r.name, r.level) for r in records] == [("广州白云", "high"), ("河北石家庄", "medium")]
    for raw in (b"\r\x00", b'"unclosed', b"\x00\x00"):
        try:
            parse_risk_areas(raw, "areas.csv")
        except ValidationError as err:
            assert err.code in ("risk_file_row", "risk_file_format", "file_encoding")
