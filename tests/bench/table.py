"""The one benchmark table (issue 16): every bench adds rows ``metric, size, p50, p95, target, baseline,
ratio``; at the end of the run they are printed with a growth column (p95 at the largest size ÷ p95 at the
smallest, when a metric ran at several sizes) and appended to ``bench-results/bench.csv`` with a Markdown
rendering of this run in ``bench-results/bench.md`` (FEVER_SENTINEL_BENCH_RESULTS names another directory).
The tracked ``docs/bench/latest.md`` (the README quotes it) keeps the newest figure of every metric and size:
a run replaces the rows it measured and keeps the others (each row shows its run's date), so ``-k`` runs
update their rows without emptying the table; a run on another machine (CPU, OS, Python, SQLite) starts it
afresh, since figures from two machines do not compare. Delete the file to drop a renamed metric's rows.

Times are milliseconds unless the metric's name says otherwise (``… %`` for CPU, ``… MB`` for memory).
``baseline`` is the same work done the plainest way in the same run (a raw SQL query, a bare window) and
``ratio`` is p95 ÷ baseline p95; both are empty when there is no honest baseline.
"""

from __future__ import annotations

import csv
import os
import platform
import re
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["run", "metric", "size", "p50", "p95", "target", "baseline", "ratio", "growth", "note"]
LATEST = ROOT / "docs" / "bench" / "latest.md"
MACHINE_LINE = "- 机器 · Machine: "
LATEST_HEAD = "| metric | size | p50 | p95 | target | baseline | ratio | growth | note | date |"
README = ROOT / "README.md"
README_BEGIN, README_END = "<!-- bench:key-rows -->", "<!-- /bench:key-rows -->"
PG = " (PostgreSQL)"
#: The README's key rows (the metric as the benches name it, the words the README shows, the target in words
#: when it is not one figure), written from the latest table so the README never quotes older figures.
KEY_ROWS = (
    ("list: open today (count + 200 rows)", "screening list: open today (count + 200 rows)", ""),
    ("list: search 王 today", "screening list: search 王 today", ""),
    ("poll: hand-off feed (1.5 s)", "poll: hand-off feed (every 1.5 s)", ""),
    ("poll: work counts, doctor (15 s)", "poll: work counts, doctor (every 15 s)", ""),
    ("poll: alert feed after a write anywhere", "poll: alert feed after a write anywhere", ""),
    ("fever-clinic page refresh, 50 open cases", "fever-clinic page refresh, 50 open cases", ""),
    ("fever-clinic page refresh, 20 000 open cases", "fever-clinic page refresh, 20 000 open cases", ""),
    ("daily report counts + A4 PDF", "daily report counts + A4 PDF", ""),
    ("save screening", "save screening", "3 × raw"),
    ("save registration", "save registration", "3 × raw"),
    ("gate page scan, inside poll running", "gate page scan, inside poll running", ""),
    ("look-up by name prefix", "look-up by name prefix", ""),
    ("idle desk after log-in, nurse (% of one core)", "idle desk after log-in, nurse (% of one core)", ""),
    ("memory after log-in, admin (MB)", "memory after log-in, admin (MB)", ""),
)


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
machine: dict[str, str] = {}  # what the fixtures learn of the servers they reach ({"PostgreSQL": "15.18"})


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


def timed_pair(fn: Callable[[int], object], baseline: Callable[[int], object], rounds: int = 200,
               warm: int = 1) -> tuple[tuple[float, float], tuple[float, float]]:
    """``timed`` of ``fn`` and of its ``baseline``, call by call in turn (which goes first alternates): a busy
    moment of the machine (a neighbour on the host, a checkpoint) falls on both alike, not on one of them."""
    for i in range(warm):
        fn(i)
        baseline(i)
    times: tuple[list[float], list[float]] = ([], [])
    for i in range(rounds):
        for which in ((0, 1) if i % 2 == 0 else (1, 0)):
            call = fn if which == 0 else baseline
            t0 = time.perf_counter()
            call(i)
            times[which].append((time.perf_counter() - t0) * 1000)
    measured = []
    for series in times:
        series.sort()
        measured.append((statistics.median(series), series[max(0, round(len(series) * 0.95) - 1)]))
    return measured[0], measured[1]


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
    return (f"{row.metric:<58}{size:>11}{row.p50:>10.2f}{row.p95:>10.2f}{_target(row.target):>8}"
            f"{_num(row.baseline, 3):>10}{_num(row.ratio, 1):>7}{_num(g, 1):>7}{verdict}  {row.note}")


def render_text(all_rows: list[Row]) -> str:
    head = (f"{'metric':<58}{'size':>11}{'p50':>10}{'p95':>10}{'target':>8}{'baseline':>10}{'ratio':>7}"
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


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_parts() -> dict[str, str]:
    """This machine as the latest table names it; PostgreSQL only when a bench reached a server."""
    return {"CPU": f"{os.cpu_count()} × {_cpu_model()}", "OS": f"{platform.system()} {platform.machine()}",
            "Python": platform.python_version(), "SQLite": sqlite3.sqlite_version, **machine}


def _cells(line: str) -> list[str]:
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def _float(text: str) -> float | None:
    return float(text.replace(" **over**", "").replace(",", "")) if text else None


def read_latest(path: Path) -> tuple[dict[str, str], list[tuple[Row, str]]]:
    """The machine and the rows (with their run's date) of a latest table; empty when there is none."""
    if not path.exists():
        return {}, []
    parts: dict[str, str] = {}
    rows: list[tuple[Row, str]] = []
    in_table = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(MACHINE_LINE):
            parts = dict(p.partition(" ")[::2] for p in line[len(MACHINE_LINE):].split(" · "))
        elif line == LATEST_HEAD:
            in_table = True
        elif in_table and line.startswith("| "):
            metric, size, p50, p95, target, baseline, _ratio, _growth, note, day = _cells(line)
            rows.append((Row(metric, None if size == "-" else int(size.replace(",", "")), _float(p50) or 0.0,
                             _float(p95) or 0.0, _float(target), _float(baseline), note), day))
    return parts, rows


def write_latest(new: list[Row], path: Path = LATEST, *, now: datetime | None = None,
                 parts: dict[str, str] | None = None) -> list[Row]:
    """Merge this run's rows into the latest table (by metric and size) and write it; returns its rows."""
    now = now or datetime.now(timezone.utc)
    parts = dict(parts or machine_parts())
    old_parts, old = read_latest(path)
    same_machine = {k: v for k, v in old_parts.items() if k != "PostgreSQL"} == \
        {k: v for k, v in parts.items() if k != "PostgreSQL"}
    if not same_machine:
        old = []
    elif "PostgreSQL" in old_parts:
        parts.setdefault("PostgreSQL", old_parts["PostgreSQL"])
    merged = {(r.metric, r.size): (r, day) for r, day in old}
    merged.update({(r.metric, r.size): (r, f"{now:%Y-%m-%d}") for r in new})
    ordered = sorted(merged.values(), key=lambda rd: (rd[0].metric, rd[0].size or 0))
    all_rows = [r for r, _ in ordered]

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["# 性能基准（最新）· Benchmarks, latest", "",
             "每次运行 `tests/bench` 结束时自动写入：本次测到的行（同一指标、同一规模）覆盖旧值，其余行保留并注明测量日期。"
             "size 为模拟三年历史的筛查人次；时间单位为毫秒（指标名另有说明的除外）。", "",
             "Written by `tests/bench` at the end of every run: the rows it measured (same metric and size) replace "
             "the old ones, the others stay with their date. size = screenings in the seeded three-year history; "
             "milliseconds unless the metric says otherwise; ratio = p95 ÷ the same-run baseline's p95; growth = "
             "p95 at the largest size ÷ p95 at the smallest. Rows marked (PostgreSQL) ran on PostgreSQL, the "
             "others on SQLite. Reproduce: `FEVER_SENTINEL_BENCH_VISITS=1000000 .venv/bin/python -m pytest "
             "tests/bench -s` (with `FEVER_SENTINEL_TEST_PG_URL` set for the PostgreSQL rows).", "",
             MACHINE_LINE + " · ".join(f"{k} {v}" for k, v in parts.items()),
             f"- 更新 · Updated: {now:%Y-%m-%d %H:%M} UTC", "", LATEST_HEAD,
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r, day in ordered:
        over = " **over**" if r.target is not None and r.p95 > r.target else ""
        lines.append(f"| {cell(r.metric)} | {f'{r.size:,}' if r.size else '-'} | {r.p50:.2f} | {r.p95:.2f}{over} | "
                     f"{_target(r.target)} | {_num(r.baseline, 3)} | {_num(r.ratio, 1)} | "
                     f"{_num(growth(r, all_rows), 1)} | {cell(r.note)} | {day} |")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)  # whole or not at all: several sessions may finish at once
    return all_rows


def readme_rows(dated: list[tuple[Row, str]]) -> str:
    """The README's key rows as a Markdown table: p95 at 10⁴, 10⁵, 10⁶ on SQLite and 10⁵ on PostgreSQL, the
    target (``over`` when above it), and the dates of the runs they come from."""
    by_key = {(r.metric, r.size): r for r, _ in dated}
    days = sorted({day for _, day in dated})
    lines = ["| metric | 10⁴ SQLite | 10⁵ SQLite | 10⁶ SQLite | 10⁵ PostgreSQL | target |",
             "|---|---:|---:|---:|---:|---:|"]
    for metric, words, target_words in KEY_ROWS:
        cells, targets = [], []
        for key in ((metric, 10_000), (metric, 100_000), (metric, 1_000_000), (metric + PG, 100_000)):
            r = by_key.get(key)
            if r is not None and r.target is not None:
                targets.append(r.target)
            cells.append("" if r is None else f"{r.p95:.2f}" + (" over" if r.target is not None and r.p95 > r.target
                                                                else ""))
        target = target_words or " / ".join(dict.fromkeys(_target(t) for t in targets))
        if any(cells):
            lines.append(f"| {words} | {' | '.join(cells)} | {target} |")
    span = days[0] if len(days) == 1 else f"{days[0]} – {days[-1]}" if days else ""
    return "\n".join(lines + ["", f"p95 in ms unless the metric says otherwise; from runs of {span}."])


def write_readme(path: Path = README, latest: Path = LATEST) -> bool:
    """Replace the README's key rows (between its markers) with those of the latest table; False when the README
    has no markers or nothing changed."""
    text = path.read_text(encoding="utf-8")
    begin, end = text.find(README_BEGIN), text.find(README_END)
    if begin < 0 or end < begin:
        return False
    _, dated = read_latest(latest)
    new = f"{text[:begin + len(README_BEGIN)]}\n{readme_rows(dated)}\n{text[end:]}"
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def finish(latest: bool = True) -> str:
    """Append the run's table to the files CI keeps and return it as text ("" when no bench ran).
    ``latest``: merge it into docs/bench/latest.md too (not for an experiment, such as a run without ANALYZE)."""
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
    if latest:
        write_latest(ordered)
        write_readme()
    _rows.clear()
    merged = f"; merged into {LATEST.relative_to(ROOT)}" if latest else ""
    return f"\nbench table (appended to {path}{merged}):\n{render_text(ordered)}"
