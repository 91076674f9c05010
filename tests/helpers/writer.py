"""A child process that commits audited records in a loop and prints each committed number.

Used by the concurrency and power-cut (SIGKILL) tests: a number printed was committed.
Usage: python -m tests.helpers.writer DB_URL COUNT NAME   (COUNT 0 = forever)
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from app import audit
from app.actor import Actor
from app.counters import next_value
from app.db.engine import Database


def main() -> int:
    url, count, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    db = Database(url)
    actor = Actor(None, f"writer-{name}", frozenset({"system"}), name)
    done = 0
    while count == 0 or done < count:
        with db.write() as session:
            value = next_value(session, "visit")
            audit.append(session, datetime.now(timezone.utc), actor, "test.write", "visit", value, {"by": name})
        print(value, flush=True)
        done += 1
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
