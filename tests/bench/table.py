"""The one benchmark table (issue 16): every bench adds rows ``metric, size, p50, p95, target, baseline,
ratio``; at the end of the run they are printed with a growth column (p95 at the largest size ÷ p95 at the
smallest, when a metric ran at several sizes) and appended to ``bench-results/bench.csv`` with a Markdown
rendering of this run in ``bench-results/bench.md`` (FEVER_SENTINEL_BENCH_RESULTS names another directory).

Times are milliseconds unless the metric's name says otherwise (``… %`` for CPU, ``… MB`` for memory).
``baseline`` is the same work done the plainest way in the same run (a raw SQL query, a bare window) and
``ratio`` is p95 ÷ baseline p95; both are empty when there is no honest baseline.
"""

from __future__ import annotations

import csv
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["run", "metric", "size", "p50", "p95", "target", "baseline", "ratio", "growth", "note"]


@dataclass(frozen=True)
class Row:
    metric: str
    size: int | None  # the seed's screenings, None when the bench does not depend on history
    p50: float
    p95: float
    target: float | None = None
    baseline: float | None = None  # the baseline's p95
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.p95 / self.baseline if self.baseline else None


_rows: list[Row] = []
_started = datetime.now(timezone.utc)


def results_dir() -> Path:
    return Path(os.environ.get("FEVER_SENTINEL_BENCH_RESULTS", ROOT / "bench-results"))


def timed(fn: Callable[[int], object], rounds: int = 200, warm: int = 1) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``fn(i)`` over ``rounds`` calls, after ``warm`` unmeasured ones."""
    for i in range(warm):
        fn(i)
    times = []
    for i in range(rounds):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)]


def add(metric: str, size: int | None, p50: float, p95: float, *, target: float | None = None,
        baseline: float | None = None, note: str = "") -> Row:
    """One row of the table (printed at once too, so a long run shows progress)."""
    row = Row(metric, size, p50, p95, target, baseline, note)
    _rows.append(row)
    return row


def add_timed(metric: str, size: int | None, measured: tuple[float, float], *, target: float | None = None,
              baseline: tuple[float, float] | None = None, note: str = "") -> Row:
    return add(metric, size, *measured, target=target, baseline=baseline[1] if baseline else None, note=note)


def rows() -> list[Row]:
    return list(_rows)


def growth(row: Row, all_rows: list[Row]) -> float | None:
    """p95 at the largest size ÷ p95 at the smallest, for a metric measured at several sizes."""
    same = sorted((r for r in all_rows if r.metric == row.metric and r.size), key=lambda r: r.size or 0)
    if len(same) < 2 or row is not same[-1] or not same[0].p95:
        return None
    return same[-1].p95 / same[0].p95


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _target(value: float | None) -> str:
    return _num(value, 0 if value is None or value >= 10 else 2)


def _line(row: Row, g: float | None) -> str:
    size = f"{row.size:,}" if row.size else "-"
    verdict = "" if row.target is None else ("  ok" if row.p95 <= row.target else "  OVER")
    return (f"{row.metric:<46}{size:>11}{row.p50:>10.2f}{row.p95:>10.2f}{_target(row.target):>8}"
            f"{_num(row.baseline, 3):>10}{_num(row.ratio, 1):>7}{_num(g, 1):>7}{verdict}  {row.note}")


def render_text(all_rows: list[Row]) -> str:
    head = (f"{'metric':<46}{'size':>11}{'p50':>10}{'p95':>10}{'target':>8}{'baseline':>10}{'ratio':>7}"
            f"{'growth':>7}")
    return "\n".join([head, *(_line(r, growth(r, all_rows)) for r in all_rows)])


def render_markdown(all_rows: list[Row], run: str) -> str:
    lines = [f"# Benchmarks — run {run}", "",
             "Milliseconds unless the metric says otherwise; ratio = p95 ÷ the same-run baseline's p95; "
             "growth = p95 at the largest size ÷ p95 at the smallest.", "",
             "| metric | size | p50 | p95 | target | baseline | ratio | growth | note |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in all_rows:
        over = " **over**" if r.target is not None and r.p95 > r.target else ""
        lines.append(f"| {r.metric} | {f'{r.size:,}' if r.size else '-'} | {r.p50:.2f} | {r.p95:.2f}{over} | "
                     f"{_target(r.target)} | {_num(r.baseline, 3)} | {_num(r.ratio, 1)} | "
                     f"{_num(growth(r, all_rows), 1)} | {r.note} |")
    return "\n".join(lines) + "\n"


def finish() -> str:
    """Append the run's table to the files CI keeps and return it as text ("" when no bench ran)."""
    if not _rows:
        return ""
    ordered = sorted(_rows, key=lambda r: (r.metric, r.size or 0))
    run = _started.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = results_dir()
    out.mkdir(parents=True, exist_ok=True)
    path = out / "bench.csv"
    new = not path.exists()
    with path.open("a", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        if new:
            writer.writerow(HEADER)
        for r in ordered:
            writer.writerow([run, r.metric, r.size or "", f"{r.p50:.3f}", f"{r.p95:.3f}", _target(r.target),
                             _num(r.baseline, 3), _num(r.ratio, 2), _num(growth(r, ordered), 2), r.note])
    (out / "bench.md").write_text(render_markdown(ordered, run), encoding="utf-8")
    _rows.clear()
    return f"\nbench table (appended to {path}):\n{render_text(ordered)}"
