"""Read a table the way a Chinese office makes it: CSV in UTF-8 (with or without BOM) or GB18030/GBK
(Excel's "CSV" on Chinese Windows), or an Excel workbook (.xlsx, first sheet, the values not the formulas).

The encoding is never guessed silently: the bytes are tried as UTF-8, strictly; a file that is not UTF-8
is tried as GB18030 (a superset of GBK and GB2312), also strictly — and then only accepted when the text
holds no control character or private-use character (mis-decoded bytes of a third encoding show up as such).
Anything else is refused as ``file_encoding``. Cells come back as text: an Excel date cell as
``YYYY-MM-DD HH:MM:SS``, a whole number without ``.0``, a boolean as 是/否.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from datetime import date, datetime, time

from app.errors import ValidationError

XLSX_MAGIC = b"PK\x03\x04"


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM stripped) or GB18030, strictly; ``file_encoding`` when it is neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ValidationError("file_encoding", field="file") from exc
    if any(unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\r\n\t" for ch in text):
        raise ValidationError("file_encoding", field="file")  # decodes, but not as GB18030 text
    return text


def cell_text(value: object) -> str:
    """One spreadsheet cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """Every row (the header first) as a list of cell texts; blank rows dropped."""
    if filename.lower().endswith((".xls", ".et")) and not data.startswith(XLSX_MAGIC):
        raise ValidationError("file_format", field="file")  # the old binary format: save it as .xlsx
    if filename.lower().endswith((".xlsx", ".xlsm")) or data.startswith(XLSX_MAGIC):
        rows = _xlsx_rows(data)
    else:
        rows = list(csv.reader(io.StringIO(decode_text(data), newline="")))
    return [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # loaded only for a workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ValidationError("file_format", field="file") from exc
    try:
        if not book.worksheets:
            raise ValidationError("file_format", field="file")
        return [[cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
