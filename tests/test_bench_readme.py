"""The README's performance rows are written from docs/bench/latest.md, never typed by hand (issue 16)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from tests.bench import table

MACHINE = {"CPU": "2 × Test CPU", "OS": "Linux x86_64", "Python": "3.11.7", "SQLite": "3.40.1"}


def test_the_readme_quotes_the_latest_table() -> None:
    text = table.README.read_text(encoding="utf-8")
    begin, end = text.index(table.README_BEGIN) + len(table.README_BEGIN), text.index(table.README_END)
    assert text[begin:end].strip() == table.readme_rows(table.read_latest(table.LATEST)[1]).strip()


def test_key_rows_take_each_size_and_database_and_mark_what_is_over(tmp_path: Path) -> None:
    latest, readme = tmp_path / "latest.md", tmp_path / "README.md"
    readme.write_text(f"# x\n\n{table.README_BEGIN}\nold figures\n{table.README_END}\n\nafter\n", encoding="utf-8")
    poll = "poll: hand-off feed (1.5 s)"
    table.write_latest([table.Row(poll, 10_000, 5.0, 6.0, 20.0), table.Row(poll, 1_000_000, 9.0, 12.5, 20.0),
                        table.Row(poll + table.PG, 100_000, 20.0, 29.0, 20.0),
                        table.Row("save screening", 10_000, 1.0, 1.2, 1.1, 0.4)],
                       latest, now=datetime(2026, 12, 4, tzinfo=timezone.utc), parts=MACHINE)
    assert table.write_readme(readme, latest)
    text = readme.read_text(encoding="utf-8")
    assert "old figures" not in text and text.endswith("\nafter\n")
    assert "| poll: hand-off feed (every 1.5 s) | 6.00 |  | 12.50 | 29.00 over | 20 |" in text
    assert "| save screening | 1.20 over |  |  |  | 3 × raw |" in text
    assert "from runs of 2026-12-04." in text
    assert not table.write_readme(readme, latest)  # nothing changed


def test_a_readme_without_markers_is_left_alone(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# no table here\n", encoding="utf-8")
    assert not table.write_readme(readme, tmp_path / "latest.md")
    assert readme.read_text(encoding="utf-8") == "# no table here\n"
