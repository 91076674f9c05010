"""Minimal personal data on anything that leaves the desk (slips, QR codes, permits)."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜; Latin names keep their first letters per word."""
    name = name.strip()
    if not name:
        return ""
    if name.isascii():
        return " ".join(part[0] + "*" * (len(part) - 1) for part in name.split())
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_number(id_number: str | None, keep: int = 4) -> str:
    """Only the last ``keep`` characters: 110105********1234 style, never the full number."""
    if not id_number:
        return ""
    return "*" * max(len(id_number) - keep, 0) + id_number[-keep:]
