"""Small phrases the code lists are said with: separators, yes/no, ages, settled clocks.

Each is a ``Words`` with ``str.format`` fields where it carries a value, so screen and paper fill the same words.
"""

from __future__ import annotations

from app.vocabulary import Words

LIST_SEPARATOR = Words("、", ", ")
YES = Words("是", "Yes")
NO = Words("否", "No")
AGE = Words("{years} 岁", "{years} years")
#: A clock closed by the case's end rather than met; ``{reason}`` is app.vocabulary.casework.CLOCK_SETTLED's words.
SETTLED = Words("已结束：{reason}", "Settled: {reason}")
AWAITING_RESULT = Words("待出结果", "Awaiting result")
#: A risk area's listing in the CLI: since when, and where the entry came from.
SINCE = Words("自 {date}", "since {date}")
SOURCE = Words("来源：{source}", "source: {source}")
