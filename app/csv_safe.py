"""CSV cells a spreadsheet will not run: the one escape every CSV writer of the project uses (the county hub's
export, the clinic's list exports).

OWASP, "CSV Injection": a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be
taken for a formula by Excel, LibreOffice or WPS; prefixing it with a single quote makes it text. The quote is
visible in a text editor, which OWASP accepts as the price; numbers (int/float) are written as they are, so a
negative count stays a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text starting like a formula; then the text with a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def escape_row(values: Any) -> list[Any]:
    """Every cell of a row through :func:`escape_cell` (for ``csv.writer(...).writerow``)."""
    return [escape_cell(v) for v in values]
