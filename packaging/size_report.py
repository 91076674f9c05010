"""Print a bundle's unpacked size, what dominates it, and its 10 largest files.

``python packaging/size_report.py [dist/FeverSentinel]`` (scripts/test.sh and the start-up bench use it).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

TARGET_MB = 250
GROUPS = (  # first match wins; the folder layout PyInstaller 6 writes (everything under _internal/)
    ("Qt libraries (PySide6/Qt/lib; ICU data alone ~30 MB on Linux)", "_internal/PySide6/Qt/lib/"),
    ("Qt plug-ins", "_internal/PySide6/Qt/plugins/"),
    ("PySide6 bindings", "_internal/PySide6/"),
    ("fonts (Noto Sans SC regular + bold)", "_internal/resources/"),
    ("cryptography", "_internal/cryptography"),
    ("psycopg binary + libpq", "_internal/psycopg"),
    ("Python runtime + stdlib", "_internal/python3"),
    ("Python runtime + stdlib", "_internal/libpython"),
    ("Python runtime + stdlib", "_internal/base_library"),
    ("SQLAlchemy", "_internal/sqlalchemy"),
    ("Pillow (ReportLab needs it)", "_internal/PIL"),
    ("Pillow (ReportLab needs it)", "_internal/pillow"),
)


def group_of(rel: str) -> str:
    for name, prefix in GROUPS:
        if rel.startswith(prefix):
            return name
    if rel.endswith(".pyc"):
        return "other Python modules (.pyc: app, ui, Alembic, ReportLab...)"
    if rel.startswith("_internal/") and "/" not in rel[len("_internal/"):] and (".so" in rel or rel.endswith(".dll")):
        return "other shared libraries (Linux: copied from the build system: xcb, GLib, fontconfig, TLS...)"
    return "everything else"


def files(root: Path) -> list[tuple[int, str]]:
    return [(p.stat().st_size, p.relative_to(root).as_posix()) for p in root.rglob("*") if p.is_file()
            and not p.is_symlink()]


def report(root: Path, out=sys.stdout) -> int:  # type: ignore[no-untyped-def]
    entries = files(root)
    total = sum(size for size, _ in entries)
    groups: Counter[str] = Counter()
    for size, rel in entries:
        groups[group_of(rel)] += size
    mb = 1024 * 1024
    print(f"bundle {root}: {total / mb:.1f} MB unpacked in {len(entries)} files "
          f"(target ≤ {TARGET_MB} MB: {'met' if total <= TARGET_MB * mb else 'NOT met'})", file=out)
    print("what dominates it:", file=out)
    for name, size in groups.most_common():
        print(f"  {size / mb:7.1f} MB  {100 * size / total:4.1f} %  {name}", file=out)
    print("10 largest files:", file=out)
    for size, rel in sorted(entries, reverse=True)[:10]:
        print(f"  {size / mb:7.1f} MB  {rel}", file=out)
    return total


if __name__ == "__main__":
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/FeverSentinel")
    if not bundle.is_dir():
        sys.exit(f"size_report: no bundle at {bundle}")
    report(bundle)
