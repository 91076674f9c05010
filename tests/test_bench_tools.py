"""The benchmark tools themselves (issue 16): the seed writes the same rows to PostgreSQL as to SQLite, and
the latest table (docs/bench/latest.md) keeps the newest figure of each metric and size across runs."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.triage.records import PatientInput, ScreeningInput
from tests.bench import table
from tests.bench.conftest import PASSWORD, make_clinic
from tests.bench.seed import _Loader
from tests.conftest import NO_PG_REASON, PG_ENV, fresh_pg_database

MACHINE = {"CPU": "2 × Test CPU", "OS": "Linux x86_64", "Python": "3.11.7", "SQLite": "3.40.1"}


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                  for t in [*_Loader.COLUMNS, "wards", "hospitals", "counters"]}
    engine.dispose()
    return counts


@pytest.mark.postgres
def test_the_seed_writes_the_same_rows_to_postgresql(tmp_path: Path) -> None:
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(NO_PG_REASON)
    now = datetime(2026, 12, 4, 6, 30, tzinfo=timezone.utc)  # one "today" for both, 14:30 at the clinic
    lite = make_clinic(tmp_path / "sqlite", 2_000, now=now)
    with fresh_pg_database(admin, "fs_bench_seed") as url:
        pg = make_clinic(tmp_path / "pg", 2_000, now=now, url=url)  # its smoke check read every page's rows
        assert pg.seed.rows == lite.seed.rows
        assert pg.seed.samples == lite.seed.samples and pg.seed.open_visit_nos == lite.seed.open_visit_nos
        on_pg = _counts(url)
        assert on_pg == _counts(lite.paths.sqlite_url())
        assert on_pg["screenings"] == 2_000 and on_pg["cases"] > 0 and on_pg["gate_inside"] > 0
        # the sequences were moved past the seeded ids: the services' own inserts follow them
        ctx = pg.open()
        try:
            nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
            saved = ctx.screening.record(nurse, ScreeningInput(38.3, symptoms=frozenset({"fever"}),
                                                               health_code="green"))
            visit = ctx.registration.register(nurse, screening_id=saved.id, patient=PatientInput(
                name="测试患者", id_type="passport", id_number="E00000001", sex="male"))
        finally:
            ctx.close()
        assert saved.id == on_pg["screenings"] + 1
        assert visit.visit_no.startswith("YC01-")


def _row(metric: str, size: int | None, p95: float, *, target: float | None = None, baseline: float | None = None,
         note: str = "") -> table.Row:
    return table.Row(metric, size, p95 / 2, p95, target, baseline, note)


def test_a_partial_run_replaces_only_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "latest.md"
    first = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
    table.write_latest([_row("list: open today", 10_000, 4.0, target=50, baseline=1.0),
                        _row("list: open today", 100_000, 8.0, target=50, baseline=1.0),
                        _row("poll: a | b", 100_000, 30.0, target=20, note="x | y"),
                        _row("hub ingest", None, 3.0)], path, now=first, parts=MACHINE)
    text_ = path.read_text(encoding="utf-8")
    assert text_.startswith("# 性能基准")  # the Chinese heading first
    assert "| list: open today | 100,000 | 4.00 | 8.00 | 50 | 1.000 | 8.0 | 2.0 |  | 2026-12-01 |" in text_
    assert "30.00 **over**" in text_

    later = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)
    rows = table.write_latest([_row("list: open today", 100_000, 12.0, target=50, baseline=2.0),
                               _row("new metric (PostgreSQL)", 100_000, 1.0)], path, now=later,
                              parts={**MACHINE, "PostgreSQL": "15.18"})
    parts, kept = table.read_latest(path)
    by_key = {(r.metric, r.size): (r, day) for r, day in kept}
    assert len(rows) == len(kept) == 5
    assert by_key[("list: open today", 100_000)][0].p95 == 12.0 and by_key[("list: open today", 100_000)][1] == \
        "2026-12-03"
    assert by_key[("list: open today", 10_000)][1] == "2026-12-01"  # not measured again: kept with its date
    assert by_key[("poll: a | b", 100_000)][0].note == "x | y"
    assert by_key[("hub ingest", None)][0].p95 == 3.0
    assert parts["PostgreSQL"] == "15.18"
    assert "| 6.0 | 3.0 |" in path.read_text(encoding="utf-8")  # ratio 12 ÷ 2 and growth 12 ÷ 4, recomputed

    # a SQLite-only run later keeps the PostgreSQL rows and the server's version
    table.write_latest([_row("hub ingest", None, 2.0)], path, now=later, parts=MACHINE)
    parts, kept = table.read_latest(path)
    assert parts["PostgreSQL"] == "15.18" and len(kept) == 5


def test_a_run_on_another_machine_starts_the_table_afresh(tmp_path: Path) -> None:
    path = tmp_path / "latest.md"
    now = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
    table.write_latest([_row("a", 10_000, 1.0), _row("b", 10_000, 1.0)], path, now=now, parts=MACHINE)
    table.write_latest([_row("a", 10_000, 2.0)], path, now=now, parts={**MACHINE, "CPU": "8 × Other CPU"})
    parts, kept = table.read_latest(path)
    assert [(r.metric, r.p95) for r, _ in kept] == [("a", 2.0)]
    assert parts["CPU"] == "8 × Other CPU"
